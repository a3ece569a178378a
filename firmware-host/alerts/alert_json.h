// Alerts as JSON, the same for `smsdesk alert --json` and the console's API:
// a preview, and an alert with its progress.
#pragma once

#include <nlohmann/json.hpp>

#include "firmware-host/alerts/alert_plan.h"
#include "store/alerts.h"

namespace smsdesk::alerts {

nlohmann::ordered_json PreviewToJson(const AlertPreview& preview);
nlohmann::ordered_json AlertToJson(const store::AlertRecord& alert, const store::AlertProgress& progress);

// Cancels what is still queued of alert `id`, with its audit row; how many
// messages will not be sent. Errors as store::Alerts::Cancel.
store::StatusOr<std::int64_t> CancelAlert(store::Database& db, std::int64_t id, const std::string& actor,
                                          std::int64_t now);

}  // namespace smsdesk::alerts
