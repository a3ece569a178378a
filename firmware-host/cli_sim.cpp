// smsdesk sim … (placeholder until the virtual modem lands).
#include "firmware-host/cli.h"

namespace smsdesk {

void AddSimCommands(CLI::App& app, CliStatus& status) {
  auto* sim = app.add_subcommand("sim", "Virtual GSM modems on pseudo-terminals");
  (void)sim;
  (void)status;
}

}  // namespace smsdesk
