#include "store/modem_outages.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, modem, kind, reason, started_at, alerted_at, ended_at FROM modem_outages ";

ModemOutage ReadOutage(const Statement& row) {
  return ModemOutage{.id = row.Int(0),
                     .modem = row.Text(1),
                     .kind = row.Text(2),
                     .reason = row.Text(3),
                     .started_at = row.Int(4),
                     .alerted_at = row.OptionalInt(5),
                     .ended_at = row.OptionalInt(6)};
}

bool KnownKind(const std::string& kind) { return kind == "network" || kind == "credit"; }

}  // namespace

StatusOr<std::optional<ModemOutage>> ModemOutages::Current(const std::string& modem) {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE modem = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1");
  query.Bind(1, modem);
  return ReadOptionalRow<ModemOutage>(query, ReadOutage);
}

StatusOr<std::int64_t> ModemOutages::Start(const std::string& modem, const std::string& kind,
                                           const std::string& reason, std::int64_t now) {
  if (!KnownKind(kind)) return Status::Error(Status::Code::kInvalid, "unknown outage kind \"" + kind + "\"");
  auto insert = db_.Prepare("INSERT INTO modem_outages(modem, kind, reason, started_at) VALUES(?, ?, ?, ?)");
  if (Status s = insert.Bind(1, modem).Bind(2, kind).Bind(3, reason).Bind(4, now).Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

Status ModemOutages::Update(std::int64_t id, const std::string& kind, const std::string& reason) {
  if (!KnownKind(kind)) return Status::Error(Status::Code::kInvalid, "unknown outage kind \"" + kind + "\"");
  auto update = db_.Prepare("UPDATE modem_outages SET kind = ?, reason = ? WHERE id = ? AND ended_at IS NULL");
  return update.Bind(1, kind).Bind(2, reason).Bind(3, id).Run();
}

Status ModemOutages::MarkAlerted(std::int64_t id, std::int64_t now) {
  auto update = db_.Prepare("UPDATE modem_outages SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL");
  return update.Bind(1, now).Bind(2, id).Run();
}

Status ModemOutages::End(std::int64_t id, std::int64_t now) {
  auto update = db_.Prepare("UPDATE modem_outages SET ended_at = ? WHERE id = ? AND ended_at IS NULL");
  return update.Bind(1, now).Bind(2, id).Run();
}

StatusOr<std::vector<ModemOutage>> ModemOutages::Recent(int limit) {
  auto query = db_.Prepare(std::string(kColumns) + "ORDER BY id DESC LIMIT ?");
  query.Bind(1, std::int64_t{limit});
  return ReadRows<ModemOutage>(query, ReadOutage);
}

}  // namespace smsdesk::store
