// Desk, moderators' side: answers, notes and resolutions, each audited.
//
// The desk learns from its moderators: a reply that is an FAQ entry's
// answer (a suggestion used as it was) makes the text it answers a pending
// example of that entry (store::FaqExamples); a moderator confirms it, and
// the next training learns it. A moderator's "this was urgent" (or "not
// urgent") on an incoming text makes it a pending example of danger (or
// of a text that only looked like it).
#include "firmware-host/desk/desk.h"

#include "firmware-host/desk/faq_source.h"
#include "modem/trim.h"
#include "store/faq_examples.h"
#include "store/faq_store.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }


store::Status NotFound(std::int64_t ticket_id) {
  return store::Status::Error(store::Status::Code::kNotFound, "no ticket " + std::to_string(ticket_id));
}

// The FAQ entry whose answer (in any language) `text` is, spaces at the ends
// aside: from the running matcher's index, else (a command-line process)
// from the store's FAQ.
std::optional<std::string> EntryAnswered(const faq::Matcher* matcher, store::Database& db, std::string_view text) {
  text = Trim(text);
  if (matcher != nullptr) {
    const faq::FaqIndex& index = *matcher->index();
    for (uint32_t e = 0; e < index.EntryCount(); ++e) {
      for (const auto& [lang, row] : index.Entry(e).by_lang) {
        if (Trim(row.answer) == text) return index.Entry(e).id;
      }
    }
    return std::nullopt;
  }
  auto rows = store::FaqStore(db).All();
  if (!rows.ok()) return std::nullopt;
  for (const store::FaqRow& row : *rows) {
    if (Trim(row.answer) == text) return row.id;
  }
  return std::nullopt;
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
  // An FAQ answer to the person's last text: that text becomes a pending
  // example of the entry (once; a moderator confirms it in the console).
  if (*last && (*last)->body && !IsBlank(*(*last)->body)) {
    if (auto entry = EntryAnswered(matcher_, db_, text)) {
      auto proposed = store::FaqExamples(db_).Propose({.faq_id = *entry,
                                                       .text = *(*last)->body,
                                                       .lang = (*ticket)->lang.value_or(""),
                                                       .message_id = (*last)->id,
                                                       .proposed_by = author,
                                                       .proposed_at = Seconds(now)});
      if (!proposed.ok()) return proposed.status();
    }
  }
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

store::Status Desk::MarkDanger(std::int64_t ticket_id, std::int64_t message_id, bool danger,
                               const std::string& author, sys_seconds now) {
  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto ticket = tickets_.Get(ticket_id);
  if (!ticket.ok()) return ticket.status();
  if (!*ticket) return NotFound(ticket_id);
  // The incoming text with that id, if it is this person's.
  auto message = message_id < INT64_MAX ? tickets_.PreviousInbound((*ticket)->contact_id, message_id + 1)
                                        : store::StatusOr<std::optional<store::MessageRecord>>(std::nullopt);
  if (!message.ok()) return message.status();
  if (!*message || (*message)->id != message_id) {
    return store::Status::Error(store::Status::Code::kNotFound,
                                "no incoming text " + std::to_string(message_id) + " on ticket " +
                                    std::to_string(ticket_id));
  }
  if (!(*message)->body || IsBlank(*(*message)->body)) {
    return store::Status::Error(store::Status::Code::kInvalid, "that text was erased after the retention period");
  }
  auto proposed = store::FaqExamples(db_).Propose({.faq_id = danger ? "!" : "~",
                                                   .text = *(*message)->body,
                                                   .lang = (*message)->lang.value_or((*ticket)->lang.value_or("")),
                                                   .message_id = message_id,
                                                   .proposed_by = author,
                                                   .proposed_at = Seconds(now)});
  if (!proposed.ok()) return proposed.status();
  if (danger && (*ticket)->status != "resolved") {
    if (auto s = tickets_.Escalate(ticket_id, 1); !s.ok()) return s;
  }
  if (!danger) {
    if (auto s = tickets_.ClearPriority(ticket_id); !s.ok()) return s;
  }
  if (auto s = audit_.Record({.at = Seconds(now),
                              .actor = author,
                              .action = danger ? "ticket.mark_urgent" : "ticket.mark_not_urgent",
                              .object = "ticket:" + std::to_string(ticket_id),
                              .detail = "example:" + std::to_string(*proposed)});
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

}  // namespace smsdesk::desk
