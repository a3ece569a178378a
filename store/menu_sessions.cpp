#include "store/menu_sessions.h"

#include "store/database.h"

namespace smsdesk::store {

StatusOr<std::optional<SmsMenuSession>> MenuSessions::GetSms(std::int64_t contact_id) {
  auto query = db_.Prepare("SELECT position, lang, updated_at FROM menu_sessions WHERE contact_id = ?");
  query.Bind(1, contact_id);
  return ReadOptionalRow<SmsMenuSession>(query, [](const Statement& row) {
    return SmsMenuSession{.position = row.Text(0), .lang = row.Text(1), .updated_at = row.Int(2)};
  });
}

Status MenuSessions::PutSms(std::int64_t contact_id, const SmsMenuSession& s) {
  auto upsert = db_.Prepare(
      "INSERT INTO menu_sessions(contact_id, position, lang, updated_at) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(contact_id) DO UPDATE SET position = excluded.position, lang = excluded.lang, "
      "updated_at = excluded.updated_at");
  upsert.Bind(1, contact_id).Bind(2, s.position).Bind(3, s.lang).Bind(4, s.updated_at);
  return upsert.Run();
}

Status MenuSessions::EndSms(std::int64_t contact_id) {
  return db_.Prepare("DELETE FROM menu_sessions WHERE contact_id = ?").Bind(1, contact_id).Run();
}

StatusOr<UssdSessionRecord> MenuSessions::BeginUssd(const std::string& session_id, const std::string& number,
                                                    const std::string& lang, std::int64_t now) {
  auto insert = db_.Prepare(
      "INSERT INTO ussd_sessions(session_id, number, lang, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?4) "
      "ON CONFLICT(session_id) DO UPDATE SET updated_at = excluded.updated_at");
  insert.Bind(1, session_id).Bind(2, number).Bind(3, lang).Bind(4, now);
  if (Status s = insert.Run(); !s.ok()) return s;
  auto query = db_.Prepare("SELECT session_id, number, lang, created_at FROM ussd_sessions WHERE session_id = ?");
  query.Bind(1, session_id);
  auto row = ReadOptionalRow<UssdSessionRecord>(query, [](const Statement& r) {
    return UssdSessionRecord{.session_id = r.Text(0), .number = r.Text(1), .lang = r.Text(2), .created_at = r.Int(3)};
  });
  if (!row.ok()) return row.status();
  if (!*row) return Status::Error(Status::Code::kIo, "USSD session vanished");
  if ((*row)->number != number) {
    return Status::Error(Status::Code::kInvalid, "USSD session " + session_id + " belongs to another number");
  }
  return **row;
}

StatusOr<bool> MenuSessions::RecordUssdAction(const std::string& session_id, const std::string& action,
                                              std::int64_t now) {
  auto insert = db_.Prepare("INSERT OR IGNORE INTO ussd_actions(session_id, action, at) VALUES(?, ?, ?)");
  insert.Bind(1, session_id).Bind(2, action).Bind(3, now);
  if (Status s = insert.Run(); !s.ok()) return s;
  return db_.Changes() > 0;
}

StatusOr<int> MenuSessions::PurgeBefore(std::int64_t before) {
  int removed = 0;
  if (Status s = db_.Prepare("DELETE FROM menu_sessions WHERE updated_at < ?").Bind(1, before).Run(); !s.ok()) return s;
  removed += db_.Changes();
  auto actions = db_.Prepare(
      "DELETE FROM ussd_actions WHERE session_id IN (SELECT session_id FROM ussd_sessions WHERE updated_at < ?)");
  if (Status s = actions.Bind(1, before).Run(); !s.ok()) return s;
  if (Status s = db_.Prepare("DELETE FROM ussd_sessions WHERE updated_at < ?").Bind(1, before).Run(); !s.ok()) return s;
  removed += db_.Changes();
  return removed;
}

}  // namespace smsdesk::store
