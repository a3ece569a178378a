#include "store/tickets.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kTicketColumns =
    "SELECT t.id, t.contact_id, c.number, t.status, t.priority, t.lang, t.created_at, t.due_at, t.acked_at, "
    "t.first_answer_at, t.resolved_at, t.claimed_by, t.suggestions FROM tickets t "
    "JOIN contacts c ON c.id = t.contact_id ";

TicketRecord ReadTicket(const Statement& r) {
  TicketRecord t;
  t.id = r.Int(0);
  t.contact_id = r.Int(1);
  t.number = r.Text(2);
  t.status = r.Text(3);
  t.priority = static_cast<int>(r.Int(4));
  t.lang = r.OptionalText(5);
  t.created_at = r.Int(6);
  t.due_at = r.Int(7);
  t.acked_at = r.OptionalInt(8);
  t.first_answer_at = r.OptionalInt(9);
  t.resolved_at = r.OptionalInt(10);
  t.claimed_by = r.OptionalText(11);
  t.suggestions = r.OptionalText(12);
  return t;
}

constexpr const char* kMessageColumns =
    "SELECT id, contact_id, direction, body, lang, at, modem, incomplete, routed_at, kind, author, ticket_id, "
    "faq_id, route_attempts, quarantined_at, "
    "(SELECT state FROM outbox o WHERE o.message_id = messages.id ORDER BY o.id DESC LIMIT 1), "
    "(SELECT waiting_since FROM outbox o WHERE o.message_id = messages.id AND o.state = 'queued' "
    " ORDER BY o.id DESC LIMIT 1) FROM messages ";

MessageRecord ReadMessage(const Statement& r) {
  MessageRecord m;
  m.id = r.Int(0);
  m.contact_id = r.Int(1);
  m.direction = r.Text(2);
  m.body = r.OptionalText(3);
  m.lang = r.OptionalText(4);
  m.at = r.Int(5);
  m.modem = r.OptionalText(6);
  m.incomplete = r.Int(7) != 0;
  m.routed_at = r.OptionalInt(8);
  m.kind = r.OptionalText(9);
  m.author = r.OptionalText(10);
  m.ticket_id = r.OptionalInt(11);
  m.faq_id = r.OptionalText(12);
  m.route_attempts = static_cast<int>(r.Int(13));
  m.quarantined_at = r.OptionalInt(14);
  m.send_state = r.OptionalText(15);
  m.waiting_since = r.OptionalInt(16);
  return m;
}

StatusOr<std::optional<TicketRecord>> ReadOneTicket(Statement& query) {
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<TicketRecord>{};
  return std::optional<TicketRecord>(ReadTicket(query));
}

}  // namespace

StatusOr<std::optional<TicketRecord>> Tickets::OpenTicketFor(std::int64_t contact_id) {
  auto query = db_.Prepare(std::string(kTicketColumns) + "WHERE t.contact_id = ? AND t.status != 'resolved'");
  query.Bind(1, contact_id);
  return ReadOneTicket(query);
}

StatusOr<std::optional<TicketRecord>> Tickets::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kTicketColumns) + "WHERE t.id = ?");
  query.Bind(1, id);
  return ReadOneTicket(query);
}

StatusOr<std::int64_t> Tickets::Create(const NewTicket& t) {
  auto insert = db_.Prepare(
      "INSERT INTO tickets(contact_id, status, priority, lang, created_at, due_at, suggestions) "
      "VALUES(?, 'new', ?, ?, ?, ?, ?)");
  insert.Bind(1, t.contact_id).Bind(2, std::int64_t{t.priority}).Bind(3, t.lang).Bind(4, t.created_at);
  if (Status s = insert.Bind(5, t.due_at).Bind(6, t.suggestions).Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

Status Tickets::Escalate(std::int64_t id, int priority) {
  return db_.Prepare("UPDATE tickets SET priority = MAX(priority, ?) WHERE id = ?")
      .Bind(1, std::int64_t{priority}).Bind(2, id).Run();
}

Status Tickets::ClearPriority(std::int64_t id) {
  return db_.Prepare("UPDATE tickets SET priority = 0 WHERE id = ?").Bind(1, id).Run();
}

Status Tickets::SetSuggestions(std::int64_t id, const std::string& json) {
  return db_.Prepare("UPDATE tickets SET suggestions = ? WHERE id = ?").Bind(1, json).Bind(2, id).Run();
}

Status Tickets::MarkAcked(std::int64_t id, std::int64_t at) {
  return db_.Prepare("UPDATE tickets SET acked_at = COALESCE(acked_at, ?) WHERE id = ?").Bind(1, at).Bind(2, id).Run();
}

Status Tickets::MarkAnswered(std::int64_t id, std::int64_t at) {
  return db_.Prepare(
                "UPDATE tickets SET first_answer_at = COALESCE(first_answer_at, ?), status = 'pending' "
                "WHERE id = ? AND status != 'resolved'")
      .Bind(1, at).Bind(2, id).Run();
}

Status Tickets::MarkInbound(std::int64_t id) {
  return db_.Prepare("UPDATE tickets SET status = 'open' WHERE id = ? AND status = 'pending'").Bind(1, id).Run();
}

Status Tickets::SetDue(std::int64_t id, std::int64_t due_at) {
  return db_.Prepare("UPDATE tickets SET due_at = ? WHERE id = ?").Bind(1, due_at).Bind(2, id).Run();
}

Status Tickets::Resolve(std::int64_t id, std::int64_t at) {
  return db_.Prepare(
                "UPDATE tickets SET status = 'resolved', resolved_at = ?, claimed_by = NULL "
                "WHERE id = ? AND status != 'resolved'")
      .Bind(1, at).Bind(2, id).Run();
}

Status Tickets::Claim(std::int64_t id, const std::string& who) {
  auto update = db_.Prepare(
      "UPDATE tickets SET claimed_by = ? WHERE id = ? AND (claimed_by IS NULL OR claimed_by = ?)");
  if (Status s = update.Bind(1, who).Bind(2, id).Bind(3, who).Run(); !s.ok()) return s;
  if (db_.Changes() == 0) {
    return Status::Error(Status::Code::kConstraint, "ticket " + std::to_string(id) + " is claimed by someone else");
  }
  return Status::Ok();
}

Status Tickets::Unclaim(std::int64_t id, const std::string& who) {
  return db_.Prepare("UPDATE tickets SET claimed_by = NULL WHERE id = ? AND claimed_by = ?")
      .Bind(1, id).Bind(2, who).Run();
}

StatusOr<std::vector<TicketRecord>> Tickets::Queue(int limit) {
  auto query = db_.Prepare(std::string(kTicketColumns) +
                           "WHERE t.status != 'resolved' "
                           "ORDER BY t.status = 'pending', t.priority DESC, t.due_at, t.id LIMIT ?");
  query.Bind(1, std::int64_t{limit});
  return ReadRows<TicketRecord>(query, ReadTicket);
}

StatusOr<std::int64_t> Tickets::AddMessage(const MessageRecord& m) {
  auto insert = db_.Prepare(
      "INSERT INTO messages(contact_id, direction, body, lang, at, modem, incomplete, routed_at, kind, author, "
      "ticket_id, faq_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, m.contact_id).Bind(2, m.direction).Bind(3, m.body).Bind(4, m.lang).Bind(5, m.at);
  insert.Bind(6, m.modem).Bind(7, std::int64_t{m.incomplete ? 1 : 0}).Bind(8, m.routed_at);
  insert.Bind(9, m.kind).Bind(10, m.author).Bind(11, m.ticket_id).Bind(12, m.faq_id);
  if (Status s = insert.Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

Status Tickets::MarkRouted(std::int64_t message_id, std::int64_t at, std::optional<std::int64_t> ticket_id) {
  return db_.Prepare("UPDATE messages SET routed_at = ?, ticket_id = COALESCE(?, ticket_id) WHERE id = ?")
      .Bind(1, at).Bind(2, ticket_id).Bind(3, message_id).Run();
}

Status Tickets::RedactBody(std::int64_t message_id, const std::string& body) {
  if (Status s = db_.Prepare("UPDATE messages SET body = ? WHERE id = ?").Bind(1, body).Bind(2, message_id).Run();
      !s.ok()) {
    return s;
  }
  // The raw parts carry the secret too: erased as the retention purge does.
  return db_.Prepare("UPDATE inbound_parts SET pdu = NULL WHERE message_id = ?").Bind(1, message_id).Run();
}

StatusOr<std::vector<MessageRecord>> Tickets::Thread(std::int64_t contact_id, int limit) {
  auto query = db_.Prepare(std::string(kMessageColumns) +
                           "WHERE contact_id = ? ORDER BY at, id LIMIT ?");
  query.Bind(1, contact_id).Bind(2, std::int64_t{limit});
  return ReadRows<MessageRecord>(query, ReadMessage);
}

StatusOr<std::vector<TicketRecord>> Tickets::Resolved(int limit) {
  auto query = db_.Prepare(std::string(kTicketColumns) +
                           "WHERE t.status = 'resolved' ORDER BY t.resolved_at DESC, t.id DESC LIMIT ?");
  query.Bind(1, std::int64_t{limit});
  return ReadRows<TicketRecord>(query, ReadTicket);
}

StatusOr<std::optional<MessageRecord>> Tickets::PreviousInbound(std::int64_t contact_id, std::int64_t before_id) {
  auto query = db_.Prepare(std::string(kMessageColumns) +
                           "WHERE contact_id = ? AND direction = 'in' AND id < ? ORDER BY id DESC LIMIT 1");
  query.Bind(1, contact_id).Bind(2, before_id);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<MessageRecord>{};
  return std::optional<MessageRecord>(ReadMessage(query));
}

StatusOr<std::vector<MessageRecord>> Tickets::Unrouted(int limit) {
  // The window numbers each sender's waiting messages 1, 2, 3…; ordering by
  // that turn first serves everyone's first message before anyone's second.
  auto query = db_.Prepare(
      "WITH waiting AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY id) AS turn "
      "FROM messages WHERE direction = 'in' AND routed_at IS NULL) " +
      std::string(kMessageColumns) +
      "JOIN waiting USING(id) ORDER BY waiting.turn, messages.id LIMIT ?");
  query.Bind(1, std::int64_t{limit});
  return ReadRows<MessageRecord>(query, ReadMessage);
}

StatusOr<int> Tickets::BeginRouteAttempt(std::int64_t message_id) {
  // The count has to outlive a crash of the process, not a power cut (a
  // power cut says nothing about the message): it skips the fsync that the
  // desk's decisions pay for.
  StatusOr<int> attempts = Status::Error(Status::Code::kInvalid, "not run");
  Status s = db_.WithoutSync([&] {
    attempts = BumpRouteAttempts(message_id);
    return attempts.status();
  });
  if (!s.ok()) return s;
  return attempts;
}

StatusOr<int> Tickets::BumpRouteAttempts(std::int64_t message_id) {
  auto query = db_.Prepare("UPDATE messages SET route_attempts = route_attempts + 1 WHERE id = ? "
                           "RETURNING route_attempts");
  query.Bind(1, message_id);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Error(Status::Code::kNotFound, "no such message");
  const int attempts = static_cast<int>(query.Int(0));
  if (auto done = query.Step(); !done.ok()) return done.status();
  return attempts;
}

Status Tickets::MarkQuarantined(std::int64_t message_id, std::int64_t at, std::int64_t ticket_id) {
  return db_.Prepare("UPDATE messages SET routed_at = ?, quarantined_at = ?, ticket_id = ? WHERE id = ?")
      .Bind(1, at).Bind(2, at).Bind(3, ticket_id).Bind(4, message_id).Run();
}

StatusOr<int> Tickets::AutoRepliesSince(std::int64_t contact_id, std::int64_t since) {
  auto query = db_.Prepare(
      "SELECT COUNT(*) FROM messages WHERE contact_id = ? AND direction = 'out' AND at >= ? "
      "AND kind IN ('auto', 'ack', 'keyword', 'urgent')");
  query.Bind(1, contact_id).Bind(2, since);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(query.Int(0));
}

StatusOr<int> Tickets::MenuRepliesSince(std::int64_t contact_id, std::int64_t since) {
  auto query = db_.Prepare(
      "SELECT COUNT(*) FROM messages WHERE contact_id = ? AND direction = 'out' AND at >= ? AND kind = 'menu'");
  query.Bind(1, contact_id).Bind(2, since);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(query.Int(0));
}

StatusOr<std::optional<std::string>> Tickets::LastInboundText(std::int64_t ticket_id, std::int64_t before_id) {
  auto query = db_.Prepare(
      "SELECT body FROM messages WHERE ticket_id = ? AND direction = 'in' AND id < ? ORDER BY id DESC LIMIT 1");
  query.Bind(1, ticket_id).Bind(2, before_id);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>{};
  return query.OptionalText(0);
}

StatusOr<int> Tickets::PurgeBodiesBefore(std::int64_t before) {
  int erased = 0;
  for (const char* sql : {"UPDATE messages SET body = NULL WHERE at < ? AND body IS NOT NULL",
                          "UPDATE outbox SET body = NULL WHERE created_at < ? AND body IS NOT NULL "
                          "AND state NOT IN ('queued', 'sending')",
                          "UPDATE inbound_parts SET pdu = NULL WHERE received_at < ? AND pdu IS NOT NULL "
                          "AND message_id IS NOT NULL"}) {
    if (Status s = db_.Prepare(sql).Bind(1, before).Run(); !s.ok()) return s;
    erased += db_.Changes();
  }
  return erased;
}

Status Tickets::BumpDailyCount(const std::string& day, const std::string& metric, int by) {
  return db_.Prepare(
                "INSERT INTO daily_counts(day, metric, value) VALUES(?, ?, ?) "
                "ON CONFLICT(day, metric) DO UPDATE SET value = value + excluded.value")
      .Bind(1, day).Bind(2, metric).Bind(3, std::int64_t{by}).Run();
}

}  // namespace smsdesk::store
