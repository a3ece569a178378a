// `smsdesk run`: the daemon in the foreground (systemd runs it so).
#include <cstdio>
#include <filesystem>

#include <boost/asio/io_context.hpp>

#include "firmware-host/base/log.h"
#include "firmware-host/cli/cli.h"
#include "firmware-host/config/config.h"
#include "firmware-host/daemon/daemon.h"
#include "firmware-host/demo/demo.h"
#include "modem/sim/sim_faults.h"

namespace smsdesk {
namespace {

int RunDaemon(const std::string& config_path) {
  const config::ParsedConfig parsed = config::LoadConfig(config_path);
  if (!parsed.ok()) {
    std::fputs(config::FormatErrors(parsed, config_path).c_str(), stderr);
    return kExitBadInput;
  }
  SetUpLogging(parsed.config.log_level);
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

  auto demo = std::make_shared<demo::DemoOptions>();
  auto latency = std::make_shared<std::string>("800ms");
  auto* cmd = app.add_subcommand("demo", "Everything on this machine: virtual modems, the desk, a sample FAQ");
  cmd->add_option("--dir", demo->dir, "Keep the database and config here (default: a scratch folder)");
  cmd->add_option("--modems", demo->modems, "Virtual modems")->check(CLI::Range(1, 8))->capture_default_str();
  cmd->add_option("--latency", *latency, "Network delay per SMS part")->capture_default_str();
  cmd->add_flag("!--no-tour", demo->tour, "Do not send the scripted questions");
  cmd->add_flag("--exit-after-tour", demo->exit_after_tour, "Stop once the tour's replies are in");
  cmd->add_option("--console-port", demo->console_port, "The web console's port on 127.0.0.1 (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->callback([&status, demo, latency] {
    auto parsed = sim::ParseDuration(*latency);
    if (!parsed) {
      std::fprintf(stderr, "smsdesk demo: --latency: %s\n", parsed.error().message.c_str());
      status.exit_code = kExitBadInput;
      return;
    }
    demo->latency = *parsed;
    std::error_code error;
    demo->smsdesk = std::filesystem::read_symlink("/proc/self/exe", error).string();
    if (error) demo->smsdesk = "smsdesk";
    status.exit_code = demo::RunDemo(*demo);
  });
}

}  // namespace smsdesk
