// Tickets and the message thread: one open ticket per number (new, open,
// pending, resolved), its priority and the deadline promised to the sender,
// and every message in and out, with moderators' notes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct TicketRecord {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string number;       // the contact's number (joined for convenience)
  std::string status;       // new, open, pending, resolved
  int priority = 0;         // 1: urgent
  std::optional<std::string> lang;
  std::int64_t created_at = 0;
  std::int64_t due_at = 0;
  std::optional<std::int64_t> acked_at;
  std::optional<std::int64_t> first_answer_at;
  std::optional<std::int64_t> resolved_at;
  std::optional<std::string> claimed_by;
  std::optional<std::string> suggestions;  // JSON
};

struct MessageRecord {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string direction;  // in, out, note
  std::optional<std::string> body;  // NULL after the retention purge
  std::optional<std::string> lang;
  std::int64_t at = 0;
  std::optional<std::string> modem;
  bool incomplete = false;
  std::optional<std::int64_t> routed_at;
  std::optional<std::string> kind;    // out: auto, ack, reply, keyword, urgent, alert
  std::optional<std::string> author;
  std::optional<std::int64_t> ticket_id;
  std::optional<std::string> faq_id;  // out: the FAQ entry that answered
  int route_attempts = 0;             // in: routings started (BeginRouteAttempt)
  std::optional<std::int64_t> quarantined_at;  // in: set aside after failed routings
  // out: where its SMS is (outbox state: queued, sending, sent, delivered,
  // failed, expired, cancelled) and since when it waits for the network.
  std::optional<std::string> send_state;
  std::optional<std::int64_t> waiting_since;
};

struct NewTicket {
  std::int64_t contact_id = 0;
  int priority = 0;
  std::optional<std::string> lang;
  std::int64_t created_at = 0;
  std::int64_t due_at = 0;
  std::optional<std::string> suggestions;
};

class Tickets {
 public:
  explicit Tickets(Database& db) : db_(db) {}

  StatusOr<std::optional<TicketRecord>> OpenTicketFor(std::int64_t contact_id);
  StatusOr<std::optional<TicketRecord>> Get(std::int64_t id);
  StatusOr<std::int64_t> Create(const NewTicket& ticket);
  Status Escalate(std::int64_t id, int priority);
  // Back to an ordinary ticket (a moderator judged it not urgent).
  Status ClearPriority(std::int64_t id);
  Status SetSuggestions(std::int64_t id, const std::string& json);
  Status MarkAcked(std::int64_t id, std::int64_t at);
  // A moderator's answer: the ticket waits for the newcomer (pending);
  // first_answer_at is kept from the first one.
  Status MarkAnswered(std::int64_t id, std::int64_t at);
  // The newcomer wrote again: a pending ticket is open again.
  Status MarkInbound(std::int64_t id);
  Status SetDue(std::int64_t id, std::int64_t due_at);
  Status Resolve(std::int64_t id, std::int64_t at);
  // Claim fails (kConstraint) when someone else holds the ticket.
  Status Claim(std::int64_t id, const std::string& who);
  Status Unclaim(std::int64_t id, const std::string& who);

  // Unresolved tickets: those waiting for a moderator before those waiting
  // for the newcomer (pending); urgent first, then by deadline.
  StatusOr<std::vector<TicketRecord>> Queue(int limit = 200);
  // Resolved tickets, the most recently resolved first.
  StatusOr<std::vector<TicketRecord>> Resolved(int limit = 200);

  // Messages.
  StatusOr<std::int64_t> AddMessage(const MessageRecord& message);
  Status MarkRouted(std::int64_t message_id, std::int64_t at, std::optional<std::int64_t> ticket_id);
  // Replaces a message's text (a secret in it: an agency's PIN) and erases
  // its raw parts (pdu NULL, as after the retention purge).
  Status RedactBody(std::int64_t message_id, const std::string& body);
  StatusOr<std::vector<MessageRecord>> Thread(std::int64_t contact_id, int limit = 500);
  // Inbound messages still to route, at most `limit`: each sender's oldest
  // first, then their second…, so one number's flood never queues another
  // person's question behind it; one sender's messages stay in order.
  StatusOr<std::vector<MessageRecord>> Unrouted(int limit = 100);
  // Counts a routing attempt before it starts, in its own transaction: a
  // crash during the attempt leaves the count behind. Returns the attempts
  // so far, this one included.
  StatusOr<int> BeginRouteAttempt(std::int64_t message_id);
  // Sets a message aside as routed without a decision (it failed or crashed
  // every attempt), on `ticket_id` for a moderator to read.
  Status MarkQuarantined(std::int64_t message_id, std::int64_t at, std::int64_t ticket_id);
  // Automatic replies (auto, ack, keyword, urgent) to a contact since `since`.
  StatusOr<int> AutoRepliesSince(std::int64_t contact_id, std::int64_t since);
  // Menu screens and answers (kind 'menu') since `since`.
  StatusOr<int> MenuRepliesSince(std::int64_t contact_id, std::int64_t since);
  // The contact's latest inbound message before message `before_id`.
  StatusOr<std::optional<MessageRecord>> PreviousInbound(std::int64_t contact_id, std::int64_t before_id);
  // The latest inbound text on a ticket before message `before_id`, for folding repeats.
  StatusOr<std::optional<std::string>> LastInboundText(std::int64_t ticket_id, std::int64_t before_id);

  // Retention: bodies older than `before` are erased (counts stay in
  // daily_counts). Returns the number of bodies erased.
  StatusOr<int> PurgeBodiesBefore(std::int64_t before);
  Status BumpDailyCount(const std::string& day, const std::string& metric, int by = 1);

 private:
  StatusOr<int> BumpRouteAttempts(std::int64_t message_id);

  Database& db_;
};

}  // namespace smsdesk::store
