// Desk, moderators' side: answers, notes and resolutions, each audited.
#include "firmware-host/desk/desk.h"

#include "modem/trim.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }


store::Status NotFound(std::int64_t ticket_id) {
  return store::Status::Error(store::Status::Code::kNotFound, "no ticket " + std::to_string(ticket_id));
}

}  // namespace

store::StatusOr<std::int64_t> Desk::Reply(std::int64_t ticket_id, const std::string& text, const std::string& author,
                                          sys_seconds now) {
  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto queued = ReplyInTransaction(ticket_id, text, author, now);
  if (!queued.ok()) return queued.status();
  if (auto s = tx.Commit(); !s.ok()) return s;
  return *queued;
}

store::StatusOr<std::int64_t> Desk::ReplyInTransaction(std::int64_t ticket_id, const std::string& text,
                                                       const std::string& author, sys_seconds now) {
  if (IsBlank(text)) return store::Status::Error(store::Status::Code::kInvalid, "the answer is empty");
  auto ticket = tickets_.Get(ticket_id);
  if (!ticket.ok()) return ticket.status();
  if (!*ticket) return NotFound(ticket_id);
  // Answer from the modem the person last texted: the number they know.
  auto last = tickets_.PreviousInbound((*ticket)->contact_id, INT64_MAX);
  if (!last.ok()) return last.status();
  auto message = tickets_.AddMessage({.contact_id = (*ticket)->contact_id,
                                      .direction = "out",
                                      .body = text,
                                      .lang = (*ticket)->lang,
                                      .at = Seconds(now),
                                      .kind = "reply",
                                      .author = author,
                                      .ticket_id = ticket_id});
  if (!message.ok()) return message.status();
  auto queued = outbox_.Enqueue({.to = (*ticket)->number,
                                 .body = text,
                                 .priority = store::OutboxPriority::kReply,
                                 .message_id = *message,
                                 .via = *last ? (*last)->modem : std::nullopt},
                                Seconds(now));
  if (!queued.ok()) return queued.status();
  if (auto s = tickets_.MarkAnswered(ticket_id, Seconds(now)); !s.ok()) return s;
  if (auto s = tickets_.BumpDailyCount(LocalDay(now), "reply_moderator"); !s.ok()) return s;
  if (auto s = audit_.Record({.at = Seconds(now),
                              .actor = author,
                              .action = "ticket.reply",
                              .object = "ticket:" + std::to_string(ticket_id),
                              .detail = "outbox:" + std::to_string(*queued)});
      !s.ok()) {
    return s;
  }
  return *queued;
}

store::Status Desk::Resolve(std::int64_t ticket_id, const std::string& author, sys_seconds now) {
  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto ticket = tickets_.Get(ticket_id);
  if (!ticket.ok()) return ticket.status();
  if (!*ticket) return NotFound(ticket_id);
  if ((*ticket)->status == "resolved") return store::Status::Ok();
  if (auto s = tickets_.Resolve(ticket_id, Seconds(now)); !s.ok()) return s;
  if (auto s = tickets_.BumpDailyCount(LocalDay(now), "tickets_resolved"); !s.ok()) return s;
  if (auto s = audit_.Record({.at = Seconds(now),
                              .actor = author,
                              .action = "ticket.resolve",
                              .object = "ticket:" + std::to_string(ticket_id)});
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

store::Status Desk::Note(std::int64_t ticket_id, const std::string& text, const std::string& author,
                         sys_seconds now) {
  if (IsBlank(text)) return store::Status::Error(store::Status::Code::kInvalid, "the note is empty");
  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto ticket = tickets_.Get(ticket_id);
  if (!ticket.ok()) return ticket.status();
  if (!*ticket) return NotFound(ticket_id);
  auto note = tickets_.AddMessage({.contact_id = (*ticket)->contact_id,
                                   .direction = "note",
                                   .body = text,
                                   .at = Seconds(now),
                                   .author = author,
                                   .ticket_id = ticket_id});
  if (!note.ok()) return note.status();
  if (auto s = audit_.Record({.at = Seconds(now),
                              .actor = author,
                              .action = "ticket.note",
                              .object = "ticket:" + std::to_string(ticket_id)});
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

}  // namespace smsdesk::desk
