// smsdesk: one program, many subcommands (docs/design.md "The command line").
#include <cstdio>
#include <exception>

#include "firmware-host/cli/cli.h"

int main(int argc, char** argv) {
  CLI::App app{"smsdesk - an SMS help desk for newcomers, on a small box with GSM modems",
               "smsdesk"};
  app.set_version_flag("--version", SMSDESK_VERSION);
  app.require_subcommand(1);
  smsdesk::CliStatus status;
  smsdesk::AddPduCommands(app, status);
  smsdesk::AddSimCommands(app, status);
  smsdesk::AddModemCommands(app, status);
  smsdesk::AddFaqCommands(app, status);
  smsdesk::AddConfigCommands(app, status);
  smsdesk::AddRunCommands(app, status);
  smsdesk::AddQueueCommands(app, status);
  smsdesk::AddUserCommands(app, status);
  smsdesk::AddAlertCommands(app, status);
  smsdesk::AddBackupCommands(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return smsdesk::kExitBadInput;
  } catch (const std::exception& e) {
    // Exceptions only escape from start-up (docs/style.md): one line, non-zero exit.
    std::fprintf(stderr, "smsdesk: %s\n", e.what());
    return smsdesk::kExitFailure;
  }
  return status.exit_code;
}
