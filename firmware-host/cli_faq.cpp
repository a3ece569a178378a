// smsdesk faq … (placeholder until the matcher lands).
#include "firmware-host/cli.h"

namespace smsdesk {

void AddFaqCommands(CLI::App& app, CliStatus& status) {
  auto* faq = app.add_subcommand("faq", "Import, export, match and evaluate the FAQ");
  (void)faq;
  (void)status;
}

}  // namespace smsdesk
