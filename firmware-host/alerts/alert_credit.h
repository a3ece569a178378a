// Whether the SIMs' credit can pay for an alert (issue 8): with
// credit.cost_per_sms set, each modem's last USSD reading (store/sim_credit.h)
// minus what it has sent since, against the alert's SMS plus the queue
// already waiting. Readings live in the store, so `smsdesk alert` in another
// process sees what the daemon saw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {
class Database;
}

namespace smsdesk::alerts {

struct AlertPreview;
struct AlertSettings;

struct PoolFunds {
  double balance = 0;                // estimated now, summed over the modems with a reading
  std::string currency;              // of the readings ("" when none)
  std::vector<std::string> unknown;  // modems never read: the pool may have more
  std::int64_t queued = 0;           // messages already waiting to go out
};

store::StatusOr<PoolFunds> EstimateFunds(store::Database& db, const std::vector<std::string>& modems,
                                         double cost_per_sms);

// Adds to `preview` an error when the known credit cannot pay for its SMS
// (and those queued before it), a warning when it is unknown or nearly
// spent; nothing when settings.cost_per_sms is 0.
store::Status CheckCredit(store::Database& db, const AlertSettings& settings, AlertPreview& preview);

}  // namespace smsdesk::alerts
