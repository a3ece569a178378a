#include "store/contacts.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kContactColumns =
    "SELECT id, number, lang, detected_lang, opted_out, created_at, last_inbound_at FROM contacts ";

ContactRecord ReadContact(const Statement& row) {
  ContactRecord c;
  c.id = row.Int(0);
  c.number = row.Text(1);
  c.lang = row.OptionalText(2);
  c.detected_lang = row.OptionalText(3);
  c.opted_out = row.Int(4) != 0;
  c.created_at = row.Int(5);
  c.last_inbound_at = row.OptionalInt(6);
  return c;
}

StatusOr<std::optional<ContactRecord>> FindOne(Statement& query) {
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ContactRecord>{};
  return std::optional<ContactRecord>(ReadContact(query));
}

}  // namespace

StatusOr<ContactRecord> Contacts::GetOrCreate(const std::string& number, std::int64_t now) {
  auto insert = db_.Prepare("INSERT OR IGNORE INTO contacts(number, created_at) VALUES(?, ?)");
  if (Status s = insert.Bind(1, number).Bind(2, now).Run(); !s.ok()) return s;
  auto found = Find(number);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::Error(Status::Code::kNotFound, "contact vanished");
  return std::move(**found);
}

StatusOr<std::optional<ContactRecord>> Contacts::Find(const std::string& number) {
  auto query = db_.Prepare(std::string(kContactColumns) + "WHERE number = ?");
  query.Bind(1, number);
  return FindOne(query);
}

StatusOr<std::optional<ContactRecord>> Contacts::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kContactColumns) + "WHERE id = ?");
  query.Bind(1, id);
  return FindOne(query);
}

Status Contacts::SetLanguage(std::int64_t id, const std::string& lang) {
  return db_.Prepare("UPDATE contacts SET lang = ? WHERE id = ?").Bind(1, lang).Bind(2, id).Run();
}

Status Contacts::SetDetectedLanguage(std::int64_t id, const std::string& lang) {
  return db_.Prepare("UPDATE contacts SET detected_lang = ? WHERE id = ?").Bind(1, lang).Bind(2, id).Run();
}

Status Contacts::TouchInbound(std::int64_t id, std::int64_t at) {
  return db_.Prepare("UPDATE contacts SET last_inbound_at = MAX(COALESCE(last_inbound_at, 0), ?) WHERE id = ?")
      .Bind(1, at)
      .Bind(2, id)
      .Run();
}

Status Contacts::RecordConsent(std::int64_t id, const ConsentChange& c) {
  auto insert = db_.Prepare(
      "INSERT INTO consents(contact_id, action, topic, keyword, source, at) VALUES(?, ?, ?, ?, ?, ?)");
  return insert.Bind(1, id).Bind(2, c.action).Bind(3, c.topic).Bind(4, c.keyword).Bind(5, c.source).Bind(6, c.at).Run();
}

Status Contacts::OptOut(std::int64_t id, const ConsentChange& consent) {
  if (Status s = db_.Prepare("UPDATE contacts SET opted_out = 1 WHERE id = ?").Bind(1, id).Run(); !s.ok()) return s;
  if (Status s = db_.Prepare("DELETE FROM subscriptions WHERE contact_id = ?").Bind(1, id).Run(); !s.ok()) return s;
  // Alerts not yet sent to them are not sent after a STOP.
  auto cancel = db_.Prepare(
      "UPDATE outbox SET state = 'cancelled', done_at = ?, last_error = 'recipient sent STOP' "
      "WHERE to_number = (SELECT number FROM contacts WHERE id = ?) AND state IN ('queued', 'sending') "
      "AND state = 'queued' AND alert_id IS NOT NULL");  // the IN term lets outbox_recipient serve
  if (Status s = cancel.Bind(1, consent.at).Bind(2, id).Run(); !s.ok()) return s;
  return RecordConsent(id, consent);
}

Status Contacts::OptIn(std::int64_t id, const ConsentChange& consent) {
  if (Status s = db_.Prepare("UPDATE contacts SET opted_out = 0 WHERE id = ?").Bind(1, id).Run(); !s.ok()) return s;
  return RecordConsent(id, consent);
}

Status Contacts::Subscribe(std::int64_t id, const std::string& topic, const ConsentChange& consent) {
  auto insert = db_.Prepare("INSERT OR IGNORE INTO subscriptions(contact_id, topic, since) VALUES(?, ?, ?)");
  if (Status s = insert.Bind(1, id).Bind(2, topic).Bind(3, consent.at).Run(); !s.ok()) return s;
  // Subscribing is an explicit opt-in: it lifts an earlier STOP.
  if (Status s = db_.Prepare("UPDATE contacts SET opted_out = 0 WHERE id = ?").Bind(1, id).Run(); !s.ok()) return s;
  return RecordConsent(id, consent);
}

Status Contacts::Unsubscribe(std::int64_t id, const std::string& topic, const ConsentChange& consent) {
  auto erase = db_.Prepare("DELETE FROM subscriptions WHERE contact_id = ? AND topic = ?");
  if (Status s = erase.Bind(1, id).Bind(2, topic).Run(); !s.ok()) return s;
  return RecordConsent(id, consent);
}

StatusOr<std::vector<std::string>> Contacts::Subscriptions(std::int64_t id) {
  auto query = db_.Prepare("SELECT topic FROM subscriptions WHERE contact_id = ? ORDER BY topic");
  query.Bind(1, id);
  return ReadRows<std::string>(query, [](const Statement& row) { return row.Text(0); });
}

StatusOr<std::vector<ConsentChange>> Contacts::ConsentHistory(std::int64_t id) {
  auto query = db_.Prepare(
      "SELECT action, topic, keyword, source, at FROM consents WHERE contact_id = ? ORDER BY at, id");
  query.Bind(1, id);
  return ReadRows<ConsentChange>(query, [](const Statement& row) {
    return ConsentChange{row.Text(0), row.OptionalText(1), row.Text(2), row.Text(3), row.Int(4)};
  });
}

StatusOr<std::vector<ContactRecord>> Contacts::SubscribersOf(const std::string& topic) {
  auto query = db_.Prepare(
      "SELECT c.id, c.number, c.lang, c.detected_lang, c.opted_out, c.created_at, c.last_inbound_at "
      "FROM subscriptions s JOIN contacts c ON c.id = s.contact_id "
      "WHERE s.topic = ? AND c.opted_out = 0 ORDER BY c.id");
  query.Bind(1, topic);
  return ReadRows<ContactRecord>(query, ReadContact);
}

}  // namespace smsdesk::store
