// The smsdesk command line: each group of subcommands registers itself on the
// CLI11 app and records its exit code in the shared CliStatus.
#pragma once

#include <CLI/CLI.hpp>

namespace smsdesk {

// Exit codes: 0 success, 1 runtime failure, 2 bad input (docs/style.md: one clear
// line on stderr).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct CliStatus {
  int exit_code = kExitOk;
};

void AddPduCommands(CLI::App& app, CliStatus& status);
void AddSimCommands(CLI::App& app, CliStatus& status);
void AddFaqCommands(CLI::App& app, CliStatus& status);
void AddModemCommands(CLI::App& app, CliStatus& status);
void AddConfigCommands(CLI::App& app, CliStatus& status);
void AddQueueCommands(CLI::App& app, CliStatus& status);
void AddRunCommands(CLI::App& app, CliStatus& status);
void AddUserCommands(CLI::App& app, CliStatus& status);
void AddAlertCommands(CLI::App& app, CliStatus& status);
void AddBackupCommands(CLI::App& app, CliStatus& status);

// The default configuration file of `smsdesk run` and `check-config`.
inline constexpr const char* kDefaultConfigPath = "/etc/smsdesk/smsdesk.toml";

}  // namespace smsdesk
