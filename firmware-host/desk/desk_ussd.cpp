// Desk, USSD side: one request of the menu served through an aggregator's
// callback (console/console_ussd.cpp does the HTTP). The screen is a pure
// replay of every input so far (menu::ReplayUssd); this file fixes the
// session's language at its first request and carries out what a screen
// asks for - a subscription, a question for a moderator, a long answer by SMS
// - each once per session, because aggregators retry requests.
#include <algorithm>

#include "firmware-host/desk/desk.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The language the first screen is shown in: the one the person chose or
// writes in, if the menu has it; "" lets them pick.
std::string SessionLanguage(const store::ContactRecord& contact, const std::vector<std::string>& languages) {
  for (const auto& code : {contact.lang, contact.detected_lang}) {
    if (!code) continue;
    const std::string lang = menu::CanonicalLanguage(*code == "ar-Latn" ? "ar" : *code);
    if (Contains(languages, lang)) return lang;
  }
  return languages.size() == 1 ? languages.front() : "";
}

std::string ActionKey(const menu::UssdAction& action) {
  switch (action.kind) {
    case menu::UssdAction::Kind::kJoin: return "join:" + action.topic;
    case menu::UssdAction::Kind::kStop: return "stop:" + action.topic;
    case menu::UssdAction::Kind::kTicket: return "ticket";
    case menu::UssdAction::Kind::kSendAnswerBySms: return "answer:" + action.faq_id;
  }
  return "unknown";
}

}  // namespace

store::StatusOr<UssdResponse> Desk::AnswerUssd(const UssdRequest& request, std::size_t max_chars, sys_seconds now) {
  if (!config_.menu || config_.menu->empty()) {
    return store::Status::Error(store::Status::Code::kInvalid, "no menu is configured");
  }
  const menu::MenuTree& tree = *config_.menu;
  // The desk's languages, in the config's order, that the whole menu has.
  const std::vector<std::string> languages = menu::MenuLanguages(tree, config_.alerts.languages);

  store::Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto contact = contacts_.GetOrCreate(request.phone_number, Seconds(now));
  if (!contact.ok()) return contact.status();
  auto session = menu_sessions_.BeginUssd(request.session_id, request.phone_number,
                                          SessionLanguage(*contact, languages), Seconds(now));
  if (!session.ok()) return session.status();
  const menu::UssdScreen screen = menu::ReplayUssd(tree, session->lang, request.text, max_chars, languages);

  UssdResponse response{.end = screen.end, .text = screen.text};
  const std::string keyword = "USSD " + request.service_code + " " + request.text;
  auto consent = [&](const char* action, const std::string& topic) {
    return store::ConsentChange{.action = action, .topic = topic, .keyword = keyword, .source = "ussd", .at = Seconds(now)};
  };
  for (const menu::UssdAction& action : screen.actions) {
    auto first = menu_sessions_.RecordUssdAction(request.session_id, ActionKey(action), Seconds(now));
    if (!first.ok()) return first.status();
    if (!*first) continue;  // a retried request: done already
    auto subscriptions = contacts_.Subscriptions(contact->id);
    if (!subscriptions.ok()) return subscriptions.status();
    store::Status s;
    switch (action.kind) {
      case menu::UssdAction::Kind::kJoin:
        // Asking for alerts is asking for messages again (as JOIN by SMS).
        if (contact->opted_out) s = contacts_.OptIn(contact->id, consent("start", ""));
        if (s.ok() && !Contains(*subscriptions, action.topic)) {
          s = contacts_.Subscribe(contact->id, action.topic, consent("subscribe", action.topic));
        }
        break;
      case menu::UssdAction::Kind::kStop:
        if (Contains(*subscriptions, action.topic)) {
          s = contacts_.Unsubscribe(contact->id, action.topic, consent("unsubscribe", action.topic));
        }
        break;
      case menu::UssdAction::Kind::kTicket: {
        // Routed like an SMS (urgency, acknowledgement with the deadline,
        // the moderators' relay), but never answered by the FAQ.
        auto id = tickets_.AddMessage({.contact_id = contact->id,
                                       .direction = "in",
                                       .body = action.question,
                                       .lang = screen.language,
                                       .at = Seconds(now),
                                       .modem = std::string(kUssdChannel)});
        if (!id.ok()) return id.status();
        s = contacts_.TouchInbound(contact->id, Seconds(now));
        response.new_messages = true;
        break;
      }
      case menu::UssdAction::Kind::kSendAnswerBySms: {
        auto out = tickets_.AddMessage({.contact_id = contact->id,
                                        .direction = "out",
                                        .body = action.answer,
                                        .lang = screen.language,
                                        .at = Seconds(now),
                                        .kind = std::string(ReplyKindName(ReplyKind::kMenu)),
                                        .faq_id = action.faq_id});
        if (!out.ok()) return out.status();
        auto queued = outbox_.Enqueue({.to = request.phone_number, .body = action.answer, .message_id = *out},
                                      Seconds(now));
        if (!queued.ok()) return queued.status();
        response.new_sms = true;
        break;
      }
    }
    if (!s.ok()) return s;
  }
  // A language picked on the first screen is the person's choice.
  if (session->lang.empty() && !screen.language.empty() && !contact->lang) {
    if (auto s = contacts_.SetLanguage(contact->id, screen.language); !s.ok()) return s;
  }
  if (request.text.empty()) {
    if (auto s = tickets_.BumpDailyCount(LocalDay(now), "ussd_sessions"); !s.ok()) return s;
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  return response;
}

}  // namespace smsdesk::desk
