// smsdesk modem … (placeholder until the driver lands).
#include "firmware-host/cli.h"

namespace smsdesk {

void AddModemCommands(CLI::App& app, CliStatus& status) {
  auto* modem = app.add_subcommand("modem", "Talk to a real or virtual modem");
  (void)modem;
  (void)status;
}

}  // namespace smsdesk
