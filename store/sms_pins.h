// SmsPins: what stands between a forged caller ID and acting as a moderator
// or an agency by SMS. Any sender can put any number on an SMS, so a relay
// answer or an alert by SMS carries the user's PIN; this table counts each
// sending number's wrong PINs and holds the lock the desk puts on it (the
// desk decides how long: desk/pin_guard.h), and keeps each user's
// relay_trusts_number switch (an admin's explicit choice to take a
// moderator's relay answers without a PIN). Written and read by the desk on
// the daemon's thread; the CLI clears locks and sets the switch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct PinThrottleRecord {
  std::string number;
  int failures = 0;  // wrong PINs since the last right one
  std::int64_t last_failure_at = 0;
  std::int64_t locked_until = 0;  // 0: not locked
};

class SmsPins {
 public:
  explicit SmsPins(Database& db) : db_(db) {}

  StatusOr<std::optional<PinThrottleRecord>> Get(const std::string& number);
  // One more wrong PIN from `number` at `at`; failures older than
  // `forget_before` are forgotten first. Returns the row after it.
  StatusOr<PinThrottleRecord> RecordFailure(const std::string& number, std::int64_t at, std::int64_t forget_before);
  Status Lock(const std::string& number, std::int64_t until);
  // A right PIN, or an admin's unlock: the number starts afresh.
  Status Clear(const std::string& number);
  // Numbers locked at `now`, the longest lock first (the dashboard).
  StatusOr<std::vector<PinThrottleRecord>> Locked(std::int64_t now);

  StatusOr<bool> RelayTrustsNumber(std::int64_t user_id);
  Status SetRelayTrustsNumber(std::int64_t user_id, bool trusts);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
