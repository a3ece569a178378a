#include "store/sim_credit.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kColumns =
    "SELECT modem, amount, currency, expires_on, screen, checked_at, attempted_at, error, low_warned_at, "
    "expiry_warned_at FROM sim_credit ";

SimCreditRecord ReadCredit(const Statement& row) {
  return SimCreditRecord{.modem = row.Text(0),
                         .amount = row.OptionalReal(1),
                         .currency = row.Text(2),
                         .expires_on = row.OptionalText(3),
                         .screen = row.OptionalText(4),
                         .checked_at = row.OptionalInt(5),
                         .attempted_at = row.OptionalInt(6),
                         .error = row.OptionalText(7),
                         .low_warned_at = row.OptionalInt(8),
                         .expiry_warned_at = row.OptionalInt(9)};
}

}  // namespace

StatusOr<std::vector<SimCreditRecord>> SimCredit::All() {
  auto query = db_.Prepare(std::string(kColumns) + "ORDER BY modem");
  return ReadRows<SimCreditRecord>(query, ReadCredit);
}

StatusOr<std::optional<SimCreditRecord>> SimCredit::Get(const std::string& modem) {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE modem = ?");
  query.Bind(1, modem);
  return ReadOptionalRow<SimCreditRecord>(query, ReadCredit);
}

Status SimCredit::RecordReading(const std::string& modem, const CreditUpdate& r, std::int64_t at) {
  // expiry_warned_at survives only while the expiry date stays the same.
  auto upsert = db_.Prepare(
      "INSERT INTO sim_credit(modem, amount, currency, expires_on, screen, checked_at, attempted_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6) "
      "ON CONFLICT(modem) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, "
      "expiry_warned_at = CASE WHEN expires_on IS excluded.expires_on THEN expiry_warned_at END, "
      "expires_on = excluded.expires_on, screen = excluded.screen, checked_at = excluded.checked_at, "
      "attempted_at = excluded.attempted_at, error = NULL");
  upsert.Bind(1, modem).BindReal(2, r.amount).Bind(3, r.currency).Bind(4, r.expires_on).Bind(5, r.screen).Bind(6, at);
  return upsert.Run();
}

Status SimCredit::RecordFailure(const std::string& modem, const std::string& error, std::int64_t at) {
  auto upsert = db_.Prepare(
      "INSERT INTO sim_credit(modem, attempted_at, error) VALUES(?1, ?2, ?3) "
      "ON CONFLICT(modem) DO UPDATE SET attempted_at = excluded.attempted_at, error = excluded.error");
  upsert.Bind(1, modem).Bind(2, at).Bind(3, error);
  return upsert.Run();
}

Status SimCredit::SetLowWarned(const std::string& modem, std::optional<std::int64_t> at) {
  return db_.Prepare("UPDATE sim_credit SET low_warned_at = ? WHERE modem = ?").Bind(1, at).Bind(2, modem).Run();
}

Status SimCredit::SetExpiryWarned(const std::string& modem, std::optional<std::int64_t> at) {
  return db_.Prepare("UPDATE sim_credit SET expiry_warned_at = ? WHERE modem = ?").Bind(1, at).Bind(2, modem).Run();
}

}  // namespace smsdesk::store
