// `smsdesk run`: the daemon in the foreground (systemd runs it so).
#include <cstdio>

#include <boost/asio/io_context.hpp>

#include "firmware-host/cli.h"
#include "firmware-host/config/config.h"
#include "firmware-host/daemon/daemon.h"
#include "firmware-host/daemon/log.h"

namespace smsdesk {
namespace {

int RunDaemon(const std::string& config_path) {
  const config::ParsedConfig parsed = config::LoadConfig(config_path);
  if (!parsed.ok()) {
    std::fputs(config::FormatErrors(parsed, config_path).c_str(), stderr);
    return kExitBadInput;
  }
  daemon::SetUpLogging(parsed.config.log_level);
  boost::asio::io_context io;
  daemon::Daemon desk(io, parsed.config, {.config_path = config_path});
  if (auto started = desk.Start(); !started) {
    std::fprintf(stderr, "smsdesk run: %s\n", started.error().message.c_str());
    return kExitFailure;
  }
  io.run();
  return kExitOk;
}

}  // namespace

void AddRunCommands(CLI::App& app, CliStatus& status) {
  auto config_path = std::make_shared<std::string>(kDefaultConfigPath);
  auto* run = app.add_subcommand("run", "Run the help desk: modems, store, routing and replies");
  run->add_option("--config,-c", *config_path, "Configuration file")->capture_default_str();
  run->callback([&status, config_path] { status.exit_code = RunDaemon(*config_path); });
}

}  // namespace smsdesk
