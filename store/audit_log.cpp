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
  std::vector<AuditEntry> out;
  for (;;) {
    auto row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({query.Int(0), query.Int(1), query.Text(2), query.Text(3), query.OptionalText(4),
                   query.OptionalText(5)});
  }
}

}  // namespace smsdesk::store
