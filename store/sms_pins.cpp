#include "store/sms_pins.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kColumns = "SELECT number, failures, last_failure_at, locked_until FROM sms_pin_throttle ";

PinThrottleRecord ReadThrottle(const Statement& row) {
  return PinThrottleRecord{.number = row.Text(0),
                           .failures = static_cast<int>(row.Int(1)),
                           .last_failure_at = row.Int(2),
                           .locked_until = row.Int(3)};
}

}  // namespace

StatusOr<std::optional<PinThrottleRecord>> SmsPins::Get(const std::string& number) {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE number = ?");
  query.Bind(1, number);
  return ReadOptionalRow<PinThrottleRecord>(query, ReadThrottle);
}

StatusOr<PinThrottleRecord> SmsPins::RecordFailure(const std::string& number, std::int64_t at,
                                                   std::int64_t forget_before) {
  auto upsert = db_.Prepare(
      "INSERT INTO sms_pin_throttle(number, failures, last_failure_at) VALUES(?1, 1, ?2) "
      "ON CONFLICT(number) DO UPDATE SET "
      "failures = CASE WHEN last_failure_at < ?3 THEN 1 ELSE failures + 1 END, "
      "locked_until = CASE WHEN last_failure_at < ?3 THEN 0 ELSE locked_until END, "
      "last_failure_at = excluded.last_failure_at");
  upsert.Bind(1, number).Bind(2, at).Bind(3, forget_before);
  if (Status s = upsert.Run(); !s.ok()) return s;
  auto row = Get(number);
  if (!row.ok()) return row.status();
  if (!*row) return Status::Error(Status::Code::kNotFound, "throttle row vanished");
  return **row;
}

Status SmsPins::Lock(const std::string& number, std::int64_t until) {
  return db_.Prepare("UPDATE sms_pin_throttle SET locked_until = ? WHERE number = ?").Bind(1, until).Bind(2, number).Run();
}

Status SmsPins::Clear(const std::string& number) {
  return db_.Prepare("DELETE FROM sms_pin_throttle WHERE number = ?").Bind(1, number).Run();
}

StatusOr<std::vector<PinThrottleRecord>> SmsPins::Locked(std::int64_t now) {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE locked_until > ? ORDER BY locked_until DESC");
  query.Bind(1, now);
  return ReadRows<PinThrottleRecord>(query, ReadThrottle);
}

StatusOr<bool> SmsPins::RelayTrustsNumber(std::int64_t user_id) {
  auto query = db_.Prepare("SELECT relay_trusts_number FROM users WHERE id = ?");
  query.Bind(1, user_id);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Error(Status::Code::kNotFound, "no such user");
  return query.Int(0) != 0;
}

Status SmsPins::SetRelayTrustsNumber(std::int64_t user_id, bool trusts) {
  return db_.Prepare("UPDATE users SET relay_trusts_number = ? WHERE id = ?")
      .Bind(1, std::int64_t{trusts ? 1 : 0})
      .Bind(2, user_id)
      .Run();
}

}  // namespace smsdesk::store
