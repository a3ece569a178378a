// smsdesk pdu decode|encode|count (placeholder until the PDU codec lands).
#include "firmware-host/cli.h"

namespace smsdesk {

void AddPduCommands(CLI::App& app, CliStatus& status) {
  auto* pdu = app.add_subcommand("pdu", "Decode, encode and count SMS PDUs");
  pdu->require_subcommand(1);
  (void)status;
}

}  // namespace smsdesk
