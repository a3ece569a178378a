#include "store/alerts.h"

#include "store/database.h"
#include "store/outbox.h"

namespace smsdesk::store {
namespace {

constexpr const char* kAlertColumns =
    "SELECT id, topics, class, state, fallback_lang, source, created_by, created_at, release_at, started_at, "
    "finished_at, recipients, expire_after FROM alerts ";

std::string JoinTopics(const std::vector<std::string>& topics) {
  std::string joined;
  for (const std::string& t : topics) joined += (joined.empty() ? "" : ",") + t;
  return joined;
}

std::vector<std::string> SplitTopics(const std::string& joined) {
  std::vector<std::string> topics;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t comma = joined.find(',', start);
    const std::size_t end = comma == std::string::npos ? joined.size() : comma;
    if (end > start) topics.push_back(joined.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return topics;
}

AlertRecord ReadAlert(const Statement& row) {
  AlertRecord a;
  a.id = row.Int(0);
  a.topics = SplitTopics(row.Text(1));
  a.alert_class = ParseAlertClass(row.Text(2)).value_or(AlertClass::kInfo);
  a.state = row.Text(3);
  a.fallback_lang = row.Text(4);
  a.source = row.Text(5);
  a.created_by = row.OptionalInt(6);
  a.created_at = row.Int(7);
  a.release_at = row.Int(8);
  a.started_at = row.OptionalInt(9);
  a.finished_at = row.OptionalInt(10);
  a.recipients = row.Int(11);
  a.expire_after = row.OptionalInt(12);
  return a;
}

// Contacts who receive an alert to the topics in ?1 (",a,b,"): subscribed to
// any of them and not opted out. The language their text is in: theirs when
// the alert has it, else the fallback.
constexpr const char* kAudience =
    "FROM contacts c "
    "WHERE c.opted_out = 0 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.contact_id = c.id "
    "  AND instr(?1, ',' || s.topic || ',') > 0) ";

}  // namespace

const char* AlertClassName(AlertClass c) { return c == AlertClass::kEmergency ? "emergency" : "info"; }

std::optional<AlertClass> ParseAlertClass(const std::string& name) {
  if (name == "emergency") return AlertClass::kEmergency;
  if (name == "info") return AlertClass::kInfo;
  return std::nullopt;
}

StatusOr<std::int64_t> Alerts::Create(const NewAlert& alert, std::int64_t now) {
  if (alert.topics.empty()) return Status::Error(Status::Code::kInvalid, "an alert needs at least one topic");
  for (const std::string& t : alert.topics) {
    if (t.empty() || t.find(',') != std::string::npos) {
      return Status::Error(Status::Code::kInvalid, "topic \"" + t + "\" is not a topic id");
    }
  }
  const auto fallback = alert.texts.find(alert.fallback_lang);
  if (fallback == alert.texts.end() || fallback->second.empty()) {
    return Status::Error(Status::Code::kInvalid,
                         "the alert has no text in its fallback language \"" + alert.fallback_lang + "\"");
  }
  const bool now_or_past = alert.release_at <= now;
  auto insert = db_.Prepare(
      "INSERT INTO alerts(topics, class, state, fallback_lang, source, created_by, created_at, release_at, "
      "expire_after) VALUES(?, ?, 'held', ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, JoinTopics(alert.topics)).Bind(2, AlertClassName(alert.alert_class));
  insert.Bind(3, alert.fallback_lang).Bind(4, alert.source).Bind(5, alert.created_by).Bind(6, now);
  insert.Bind(7, now_or_past ? now : alert.release_at);
  insert.Bind(8, alert.expire_after > 0 ? std::optional<std::int64_t>(alert.expire_after) : std::nullopt);
  if (Status s = insert.Run(); !s.ok()) return s;
  const std::int64_t id = db_.LastInsertId();
  for (const auto& [lang, body] : alert.texts) {
    if (body.empty()) continue;
    auto text = db_.Prepare("INSERT INTO alert_texts(alert_id, lang, body) VALUES(?, ?, ?)");
    if (Status s = text.Bind(1, id).Bind(2, lang).Bind(3, body).Run(); !s.ok()) return s;
  }
  if (now_or_past) {
    if (Status s = StartInTransaction(id, now); !s.ok()) return s;
  }
  return id;
}

Status Alerts::StartInTransaction(std::int64_t id, std::int64_t now) {
  auto alert = Get(id);
  if (!alert.ok()) return alert.status();
  if (!*alert || (*alert)->state != "held") return Status::Ok();
  const auto priority = (*alert)->alert_class == AlertClass::kEmergency ? OutboxPriority::kEmergency
                                                                        : OutboxPriority::kInfo;
  // One statement for every recipient: a 100,000-subscriber job is one
  // INSERT … SELECT, committed with the state change or not at all.
  auto insert = db_.Prepare(
      "INSERT INTO outbox(to_number, body, priority, state, next_attempt_at, created_at, status_report, alert_id, "
      "  expires_at) "
      "SELECT c.number, COALESCE(t.body, f.body), ?2, 'queued', ?3, ?3, 1, ?4, ?6 "
      "FROM contacts c "
      "JOIN alert_texts f ON f.alert_id = ?4 AND f.lang = ?5 "
      "LEFT JOIN alert_texts t ON t.alert_id = ?4 AND t.lang = COALESCE(c.lang, c.detected_lang) "
      "WHERE c.opted_out = 0 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.contact_id = c.id "
      "  AND instr(?1, ',' || s.topic || ',') > 0) "
      "ORDER BY c.id "
      "ON CONFLICT DO NOTHING");
  insert.Bind(1, "," + JoinTopics((*alert)->topics) + ",").Bind(2, static_cast<std::int64_t>(priority));
  insert.Bind(3, now).Bind(4, id).Bind(5, (*alert)->fallback_lang);
  // The alert's own expiry counts from when it starts (a held one gets its
  // whole window after quiet hours).
  insert.Bind(6, (*alert)->expire_after ? std::optional<std::int64_t>(now + *(*alert)->expire_after) : std::nullopt);
  if (Status s = insert.Run(); !s.ok()) return s;
  auto start = db_.Prepare(
      "UPDATE alerts SET state = 'sending', started_at = ?1, "
      "  recipients = (SELECT COUNT(*) FROM outbox WHERE alert_id = ?2) WHERE id = ?2");
  return start.Bind(1, now).Bind(2, id).Run();
}

StatusOr<int> Alerts::StartDue(std::int64_t now) {
  auto due = db_.Prepare("SELECT id FROM alerts WHERE state = 'held' AND release_at <= ? ORDER BY release_at, id");
  due.Bind(1, now);
  auto ids = ReadRows<std::int64_t>(due, [](const Statement& row) { return row.Int(0); });
  if (!ids.ok()) return ids.status();
  int started = 0;
  for (std::int64_t id : *ids) {
    Transaction tx(db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    if (Status s = StartInTransaction(id, now); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
    ++started;
  }
  return started;
}

StatusOr<int> Alerts::FinishCompleted(std::int64_t now) {
  auto finish = db_.Prepare(
      "UPDATE alerts SET state = 'done', finished_at = ? WHERE state = 'sending' AND NOT EXISTS "
      "(SELECT 1 FROM outbox WHERE alert_id = alerts.id AND state IN ('queued', 'sending'))");
  if (Status s = finish.Bind(1, now).Run(); !s.ok()) return s;
  return db_.Changes();
}

StatusOr<std::int64_t> Alerts::Cancel(std::int64_t id, std::int64_t now) {
  Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto alert = Get(id);
  if (!alert.ok()) return alert.status();
  if (!*alert) return Status::Error(Status::Code::kNotFound, "no alert #" + std::to_string(id));
  if ((*alert)->state == "done" || (*alert)->state == "cancelled") {
    return Status::Error(Status::Code::kInvalid, "alert #" + std::to_string(id) + " is already " + (*alert)->state);
  }
  auto rows = db_.Prepare(
      "UPDATE outbox SET state = 'cancelled', done_at = ?, last_error = 'alert cancelled' "
      "WHERE alert_id = ? AND state = 'queued'");
  if (Status s = rows.Bind(1, now).Bind(2, id).Run(); !s.ok()) return s;
  const std::int64_t cancelled = db_.Changes();
  auto mark = db_.Prepare("UPDATE alerts SET state = 'cancelled', finished_at = ? WHERE id = ?");
  if (Status s = mark.Bind(1, now).Bind(2, id).Run(); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  return cancelled;
}

StatusOr<AlertAudience> Alerts::Audience(const std::vector<std::string>& topics,
                                         const std::vector<std::string>& text_langs,
                                         const std::string& fallback_lang) {
  auto query = db_.Prepare(std::string("SELECT COALESCE(c.lang, c.detected_lang, ''), COUNT(*) ") + kAudience +
                           "GROUP BY 1");
  query.Bind(1, "," + JoinTopics(topics) + ",");
  AlertAudience audience;
  for (;;) {
    auto row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string lang = query.Text(0);
    const std::int64_t count = query.Int(1);
    bool has_text = false;
    for (const std::string& l : text_langs) has_text = has_text || l == lang;
    audience.by_text_lang[has_text ? lang : fallback_lang] += count;
    audience.total += count;
  }
  return audience;
}

StatusOr<std::optional<AlertRecord>> Alerts::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kAlertColumns) + "WHERE id = ?");
  query.Bind(1, id);
  auto alert = ReadOptionalRow<AlertRecord>(query, ReadAlert);
  if (!alert.ok() || !*alert) return alert;
  auto texts = db_.Prepare("SELECT lang, body FROM alert_texts WHERE alert_id = ? ORDER BY lang");
  texts.Bind(1, id);
  for (;;) {
    auto row = texts.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    (**alert).texts[texts.Text(0)] = texts.Text(1);
  }
  return alert;
}

StatusOr<std::vector<AlertRecord>> Alerts::Recent(int limit) {
  auto query = db_.Prepare(std::string(kAlertColumns) + "ORDER BY id DESC LIMIT ?");
  query.Bind(1, std::int64_t{limit});
  return ReadRows<AlertRecord>(query, ReadAlert);
}

StatusOr<AlertProgress> Alerts::Progress(std::int64_t id) {
  auto query = db_.Prepare(
      "SELECT state, COUNT(*), COALESCE(SUM(segments), 0) FROM outbox WHERE alert_id = ? GROUP BY state");
  query.Bind(1, id);
  AlertProgress p;
  for (;;) {
    auto row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string state = query.Text(0);
    const std::int64_t n = query.Int(1);
    p.recipients += n;
    p.segments += query.Int(2);
    if (state == "queued") p.queued = n;
    else if (state == "sending") p.sending = n;
    else if (state == "sent") p.sent = n;
    else if (state == "delivered") p.delivered = n;
    else if (state == "failed") p.failed = n;
    else if (state == "expired") p.expired = n;
    else if (state == "cancelled") p.cancelled = n;
  }
  return p;
}

StatusOr<std::optional<std::int64_t>> Alerts::NextRelease() {
  auto query = db_.Prepare("SELECT MIN(release_at) FROM alerts WHERE state = 'held'");
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.OptionalInt(0);
}

}  // namespace smsdesk::store
