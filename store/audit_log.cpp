#include "store/audit_log.h"

#include "store/database.h"

namespace smsdesk::store {

Status AuditLog::Record(const AuditEntry& e) {
  return db_.Prepare("INSERT INTO audit(at, actor, action, object, detail) VALUES(?, ?, ?, ?, ?)")
      .Bind(1, e.at).Bind(2, e.actor).Bind(3, e.action).Bind(4, e.object).Bind(5, e.detail).Run();
}

StatusOr<std::vector<AuditEntry>> AuditLog::Recent(int limit) {
  auto query = db_.Prepare("SELECT id, at, actor, action, object, detail FROM audit ORDER BY id DESC LIMIT ?");
  query.Bind(1, std::int64_t{limit});
  return ReadRows<AuditEntry>(query, [](const Statement& row) {
    return AuditEntry{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.OptionalText(4), row.OptionalText(5)};
  });
}

StatusOr<std::int64_t> AuditLog::CountSince(const std::string& action, const std::string& object,
                                            std::int64_t since) {
  auto query = db_.Prepare("SELECT COUNT(*) FROM audit WHERE action = ? AND object = ? AND at >= ?");
  query.Bind(1, action).Bind(2, object).Bind(3, since);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.Int(0);
}

}  // namespace smsdesk::store
