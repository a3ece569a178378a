// Desk, routing side: read what the router needs, run it, write what it decided.
#include <cstdlib>
#include <exception>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "firmware-host/desk/desk.h"
#include "firmware-host/routing/sms_commands.h"

namespace smsdesk::desk {
namespace {

store::OutboxPriority OutboxPriorityOf(ReplyPriority priority) {
  switch (priority) {
    case ReplyPriority::kEmergency: return store::OutboxPriority::kEmergency;
    case ReplyPriority::kUrgent: return store::OutboxPriority::kUrgent;
    case ReplyPriority::kReply: return store::OutboxPriority::kReply;
    case ReplyPriority::kInfo: return store::OutboxPriority::kInfo;
  }
  return store::OutboxPriority::kReply;
}

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }
sys_seconds At(std::int64_t seconds) { return sys_seconds(std::chrono::seconds(seconds)); }

std::optional<faq::Lang> LangOf(const std::optional<std::string>& code) {
  if (!code) return std::nullopt;
  const faq::Lang lang = faq::LangFromCode(*code);
  return lang == faq::Lang::kUnknown ? std::nullopt : std::optional<faq::Lang>(lang);
}

std::string CodeOf(faq::Lang lang) { return std::string(faq::LangCode(lang)); }

store::ConsentChange ConsentChangeOf(const ConsentRecord& c) {
  return {.action = std::string(ConsentActionName(c.action)),
          .topic = c.topic.empty() ? std::nullopt : std::optional<std::string>(c.topic),
          .keyword = c.keyword,
          .source = c.source,
          .at = Seconds(c.at)};
}

}  // namespace

store::StatusOr<InboundContext> Desk::ContextFor(const store::MessageRecord& message, const std::string& sender) {
  InboundContext ctx;
  ctx.message = {.sender = sender,
                 .text = message.body.value_or(""),
                 .received_at = At(message.at),
                 .incomplete = message.incomplete};
  auto contact = contacts_.Get(message.contact_id);
  if (!contact.ok()) return contact.status();
  if (!*contact) return store::Status::Error(store::Status::Code::kNotFound, "message without a contact");
  ctx.contact.chosen_lang = LangOf((*contact)->lang);
  ctx.contact.detected_lang = LangOf((*contact)->detected_lang);
  ctx.contact.opted_out = (*contact)->opted_out;
  auto topics = contacts_.Subscriptions(message.contact_id);
  if (!topics.ok()) return topics.status();
  ctx.contact.subscriptions = std::move(*topics);

  auto previous = tickets_.PreviousInbound(message.contact_id, message.id);
  if (!previous.ok()) return previous.status();
  ctx.contact.known = previous->has_value();
  if (*previous) {
    ctx.contact.last_inbound_text = (*previous)->body.value_or("");
    ctx.contact.last_inbound_at = At((*previous)->at);
  }
  auto open = tickets_.OpenTicketFor(message.contact_id);
  if (!open.ok()) return open.status();
  if (*open) {
    const store::TicketRecord& t = **open;
    OpenTicket ticket{.id = t.id, .acked = t.acked_at.has_value(), .urgent = t.priority > 0, .due_at = At(t.due_at)};
    if (*previous && (*previous)->ticket_id == t.id) {
      ticket.last_inbound_text = (*previous)->body.value_or("");
      ticket.last_inbound_at = At((*previous)->at);
    }
    ctx.ticket = ticket;
  }
  auto replies = tickets_.AutoRepliesSince(message.contact_id, message.at - 3600);
  if (!replies.ok()) return replies.status();
  ctx.auto_replies_last_hour = *replies;
  // Questions typed into the USSD menu's "talk to a person" (desk_ussd.cpp).
  ctx.asked_for_person = message.modem == kUssdChannel;
  if (config_.menu && !config_.menu->empty()) {
    auto session = menu_sessions_.GetSms(message.contact_id);
    if (!session.ok()) return session.status();
    const auto idle = config_.menu->idle_timeout.count();
    if (*session && message.at - (*session)->updated_at <= idle) {
      if (auto position = menu::DecodePosition((*session)->position)) {
        ctx.menu = MenuState{.position = std::move(*position), .lang = (*session)->lang};
      }
    }
    auto menu_replies = tickets_.MenuRepliesSince(message.contact_id, message.at - 3600);
    if (!menu_replies.ok()) return menu_replies.status();
    ctx.menu_replies_last_hour = *menu_replies;
  }
  if (matcher_ != nullptr) ctx.match = matcher_->Match(ctx.message.text);
  return ctx;
}

store::StatusOr<RouteSummary> Desk::RouteMessages(sys_seconds now, int limit) {
  auto pending = tickets_.Unrouted(limit);
  if (!pending.ok()) return pending.status();
  RouteSummary summary;
  for (const store::MessageRecord& message : *pending) {
    auto attempts = tickets_.BeginRouteAttempt(message.id);
    if (!attempts.ok()) return attempts.status();
    if (*attempts > kMaxRouteAttempts) {
      // The earlier attempts ended with the process: a crash on this text.
      const std::string why = std::to_string(*attempts - 1) + " routing attempts ended without a result";
      if (auto s = Quarantine(message, *attempts - 1, why, now, summary); !s.ok()) return s;
      continue;
    }
    store::Status routed;
    try {
      routed = RouteOne(message, now, summary);
    } catch (const std::exception& e) {
      // The transaction rolled back with the stack; nothing half done.
      routed = store::Status::Error(store::Status::Code::kInvalid, std::string("routing threw: ") + e.what());
    }
    if (routed.ok()) continue;
    spdlog::warn("message {}: routing attempt {} of {} failed: {}", message.id, *attempts, kMaxRouteAttempts,
                 routed.message());
    if (*attempts < kMaxRouteAttempts) return routed;  // tried again on the next pass
    if (auto s = Quarantine(message, *attempts, routed.message(), now, summary); !s.ok()) return s;
  }
  return summary;
}

store::Status Desk::RouteOne(const store::MessageRecord& raw, sys_seconds now, RouteSummary& summary) {
  // Read, decide and write under one write lock, so a moderator resolving
  // the ticket from another process cannot slip in between.
  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  if (!crash_marker_.empty() && raw.body && raw.body->find(crash_marker_) != std::string::npos) std::abort();
  auto contact = contacts_.Get(raw.contact_id);
  if (!contact.ok()) return contact.status();
  if (!*contact) return store::Status::Error(store::Status::Code::kNotFound, "message without a contact");
  // A PIN never stays in the store nor reaches a moderator, whoever sent it
  // and whatever becomes of the text; the commands below still see it.
  auto message = WithoutPins(raw);
  if (!message.ok()) return message.status();
  auto relayed = TryRelay(raw, (*contact)->number, now, summary);
  if (!relayed.ok()) return relayed.status();
  if (!*relayed) relayed = TryAgencyAlert(raw, (*contact)->number, now, summary);
  if (!relayed.ok()) return relayed.status();
  if (!*relayed) {
    auto ctx = ContextFor(*message, (*contact)->number);
    if (!ctx.ok()) return ctx.status();
    const RouteDecision decision = Route(*ctx, config_);
    if (auto s = Apply(*message, *ctx, decision, now, summary); !s.ok()) return s;
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  ++summary.messages;
  return store::Status::Ok();
}

store::StatusOr<store::MessageRecord> Desk::WithoutPins(const store::MessageRecord& message) {
  store::MessageRecord out = message;
  if (!message.body) return out;
  std::string redacted = RedactPins(*message.body);
  if (redacted == *message.body) return out;
  if (auto s = tickets_.RedactBody(message.id, redacted); !s.ok()) return s;
  out.body = std::move(redacted);
  return out;
}

store::Status Desk::Quarantine(const store::MessageRecord& message, int attempts, const std::string& why,
                               sys_seconds now, RouteSummary& summary) {
  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  // The text as a moderator may see it: without any PIN.
  if (auto redacted = WithoutPins(message); !redacted.ok()) return redacted.status();
  auto open = tickets_.OpenTicketFor(message.contact_id);
  if (!open.ok()) return open.status();
  std::int64_t ticket_id = 0;
  if (*open) {
    ticket_id = (*open)->id;
    if (auto s = tickets_.MarkInbound(ticket_id); !s.ok()) return s;
  } else {
    auto id = tickets_.Create({.contact_id = message.contact_id,
                               .priority = 0,
                               .created_at = message.at,
                               .due_at = Seconds(config_.office_hours.AnswerDeadline(At(message.at))),
                               .suggestions = "[]"});
    if (!id.ok()) return id.status();
    ticket_id = *id;
    ++summary.tickets_opened;
  }
  auto note = tickets_.AddMessage({.contact_id = message.contact_id,
                                   .direction = "note",
                                   .body = "Could not process this message automatically (" + why +
                                           "): nothing was answered. Read it and answer by hand.",
                                   .at = Seconds(now),
                                   .author = "smsdesk",
                                   .ticket_id = ticket_id});
  if (!note.ok()) return note.status();
  if (auto s = tickets_.MarkQuarantined(message.id, Seconds(now), ticket_id); !s.ok()) return s;
  if (auto s = tickets_.BumpDailyCount(LocalDay(now), "quarantined"); !s.ok()) return s;
  if (auto s = tx.Commit(); !s.ok()) return s;
  spdlog::error("message {}: set aside after {} failed routing attempt(s) (ticket #{}); a moderator must answer it",
                message.id, attempts, ticket_id);
  ++summary.messages;
  ++summary.quarantined;
  return store::Status::Ok();
}

store::Status Desk::Apply(const store::MessageRecord& message, const InboundContext& ctx,
                          const RouteDecision& decision, sys_seconds now, RouteSummary& summary) {
  const std::int64_t contact_id = message.contact_id;
  const ContactUpdate& update = decision.contact;
  if (update.chosen_lang) {
    if (auto s = contacts_.SetLanguage(contact_id, CodeOf(*update.chosen_lang)); !s.ok()) return s;
  }
  if (update.detected_lang) {
    if (auto s = contacts_.SetDetectedLanguage(contact_id, CodeOf(*update.detected_lang)); !s.ok()) return s;
  }
  for (const ConsentRecord& consent : update.consents) {
    const store::ConsentChange change = ConsentChangeOf(consent);
    store::Status s;
    switch (consent.action) {
      case ConsentAction::kStop: s = contacts_.OptOut(contact_id, change); break;
      case ConsentAction::kStart: s = contacts_.OptIn(contact_id, change); break;
      case ConsentAction::kSubscribe: s = contacts_.Subscribe(contact_id, consent.topic, change); break;
      case ConsentAction::kUnsubscribe: s = contacts_.Unsubscribe(contact_id, consent.topic, change); break;
    }
    if (!s.ok()) return s;
  }

  std::optional<std::int64_t> ticket_id;
  if (auto s = ApplyTicket(message, ctx, decision, now, ticket_id, summary); !s.ok()) return s;
  switch (decision.menu.kind) {
    case MenuUpdate::Kind::kKeep: break;
    case MenuUpdate::Kind::kSet: {
      const store::SmsMenuSession session{
          .position = decision.menu.position, .lang = decision.menu.lang, .updated_at = message.at};
      if (auto s = menu_sessions_.PutSms(contact_id, session); !s.ok()) return s;
      break;
    }
    case MenuUpdate::Kind::kEnd:
      if (auto s = menu_sessions_.EndSms(contact_id); !s.ok()) return s;
      break;
  }

  const std::string day = LocalDay(now);
  for (const desk::Reply& reply : decision.replies) {
    auto out = tickets_.AddMessage({.contact_id = contact_id,
                                    .direction = "out",
                                    .body = reply.text,
                                    .lang = CodeOf(reply.lang),
                                    .at = Seconds(now),
                                    .kind = std::string(ReplyKindName(reply.kind)),
                                    .ticket_id = ticket_id,
                                    .faq_id = reply.faq_id});
    if (!out.ok()) return out.status();
    auto queued = outbox_.Enqueue({.to = ctx.message.sender,
                                   .body = reply.text,
                                   .priority = OutboxPriorityOf(reply.priority),
                                   .message_id = *out,
                                   .via = message.modem == kUssdChannel ? std::nullopt : message.modem},
                                  Seconds(now));
    if (!queued.ok()) return queued.status();
    if (auto s = tickets_.BumpDailyCount(day, "reply_" + std::string(ReplyKindName(reply.kind))); !s.ok()) return s;
    ++summary.replies;
  }
  if (decision.HasReason("urgent")) {
    ++summary.urgent;
    if (auto s = tickets_.BumpDailyCount(day, "urgent"); !s.ok()) return s;
  }
  return tickets_.MarkRouted(message.id, Seconds(now), ticket_id);
}

store::Status Desk::ApplyTicket(const store::MessageRecord& message, const InboundContext& ctx,
                                const RouteDecision& decision, sys_seconds now,
                                std::optional<std::int64_t>& ticket_id, RouteSummary& summary) {
  const TicketAction& action = decision.ticket;
  if (action.kind == TicketActionKind::kNone) return store::Status::Ok();
  const std::string suggestions = nlohmann::json(action.suggestions).dump();
  if (action.kind == TicketActionKind::kOpen) {
    auto id = tickets_.Create({.contact_id = message.contact_id,
                               .priority = action.urgent ? 1 : 0,
                               .lang = CodeOf(action.lang),
                               .created_at = message.at,
                               .due_at = Seconds(action.due_at.value_or(now)),
                               .suggestions = suggestions});
    if (!id.ok()) return id.status();
    ticket_id = *id;
    ++summary.tickets_opened;
    if (auto s = RelayToModerators(*id, CodeOf(action.lang), ctx.message.text, action.urgent, now); !s.ok()) return s;
    if (auto s = tickets_.BumpDailyCount(LocalDay(now), "tickets_opened"); !s.ok()) return s;
  } else {
    if (!ctx.ticket) return store::Status::Error(store::Status::Code::kInvalid, "no open ticket to append to");
    ticket_id = ctx.ticket->id;
    if (auto s = tickets_.MarkInbound(*ticket_id); !s.ok()) return s;
    if (action.urgent) {
      if (auto s = tickets_.Escalate(*ticket_id, 1); !s.ok()) return s;
    }
    if (action.due_at) {
      if (auto s = tickets_.SetDue(*ticket_id, Seconds(*action.due_at)); !s.ok()) return s;
    }
    if (!action.suggestions.empty()) {
      if (auto s = tickets_.SetSuggestions(*ticket_id, suggestions); !s.ok()) return s;
    }
  }
  if (action.mark_acked) return tickets_.MarkAcked(*ticket_id, Seconds(now));
  return store::Status::Ok();
}

}  // namespace smsdesk::desk
