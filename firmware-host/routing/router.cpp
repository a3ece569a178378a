#include "firmware-host/routing/router.h"

#include <algorithm>

#include "firmware-host/routing/deadline_text.h"
#include "firmware-host/routing/reply_language.h"

namespace smsdesk::desk {
namespace {

using faq::Lang;

// One routing pass; holds the inputs and builds the decision. Short-lived,
// never escapes Route.
class Routing {
 public:
  Routing(const InboundContext& ctx, const DeskConfig& config)
      : ctx_(ctx), config_(config), contact_(ctx.contact), msg_(ctx.message) {
    replyable_ = !IsShortCodeOrAlphanumeric(msg_.sender, config_.loop) &&
                 std::find(config_.blocked_senders.begin(), config_.blocked_senders.end(), msg_.sender) ==
                     config_.blocked_senders.end();
    under_cap_ = ctx_.auto_replies_last_hour < config_.loop.auto_replies_per_hour;
    menu_ = config_.menu && !config_.menu->empty() ? config_.menu.get() : nullptr;
  }

  RouteDecision Run() {
    if (!contact_.known) Reason("new_contact");
    if (!replyable_) Reason("unreplyable_sender");
    // A fragment is not the message its sender wrote: no keyword reading.
    std::optional<KeywordCommand> keyword;
    if (!msg_.incomplete) keyword = ParseSystemKeyword(msg_.text, config_.topics,
                                                     config_.keywords ? *config_.keywords : KeywordTable::Builtin());
    if (keyword) {
      RouteKeyword(*keyword);
    } else if (!RouteMenuChoice()) {
      RouteMessage();
    }
    return std::move(d_);
  }

 private:
  void Reason(std::string reason) {
    if (!d_.HasReason(reason)) d_.reasons.push_back(std::move(reason));
  }

  // Queues `key` in the decision's language if the loop guard allows it.
  // `exempt_from_cap`: the reply may exceed the hourly cap (still never to
  // a machine).
  bool Send(ReplyKind kind, TextKey key, const TextValues& values, bool exempt_from_cap = false,
            ReplyPriority priority = ReplyPriority::kReply) {
    if (!replyable_) return false;
    if (!exempt_from_cap && !under_cap_) {
      Reason("cap_reached");
      return false;
    }
    d_.replies.push_back({.text = config_.texts.Render(key, d_.lang, values),
                          .lang = d_.lang,
                          .priority = priority,
                          .kind = kind});
    return true;
  }

  // The acknowledgement of a queued text, ending with the emergency line:
  // if the desk missed a danger, the sender still knows whom to call.
  bool SendAck(const std::string& deadline) {
    if (!Send(ReplyKind::kAck, TextKey::kAck, {.deadline = deadline})) return false;
    std::string& text = d_.replies.back().text;
    text += ' ';
    text += config_.texts.Render(TextKey::kEmergencyLine, d_.lang, {.numbers = config_.emergency_numbers});
    return true;
  }

  std::string TopicList() const {
    // Arabic and Persian separate list items with the Arabic comma.
    const std::string sep = d_.lang == Lang::kAr || d_.lang == Lang::kFa ? "، " : ", ";
    std::string out;
    for (const Topic& t : config_.topics) out += (out.empty() ? "" : sep) + TopicDisplayName(t, d_.lang);
    return out;
  }

  const Topic* FindTopic(const std::string& id) const {
    for (const Topic& t : config_.topics)
      if (t.id == id) return &t;
    return nullptr;
  }

  bool Subscribed(const std::string& topic) const {
    const auto& subs = contact_.subscriptions;
    return std::find(subs.begin(), subs.end(), topic) != subs.end();
  }

  void Consent(ConsentAction action, const KeywordCommand& k, std::string topic = {}) {
    d_.contact.consents.push_back({.action = action,
                                   .topic = std::move(topic),
                                   .keyword = k.keyword,
                                   .at = msg_.received_at});
  }

  void RouteKeyword(const KeywordCommand& k) {
    Reason("keyword:" + std::string(KeywordKindName(k.kind)));
    // A machine's STOP is honoured (an operator's system may send one on a
    // subscriber's behalf); any other keyword from it would only subscribe
    // or configure an address nobody can text.
    if (!replyable_ && k.kind != KeywordKind::kStop) {
      Reason("ignored_from_machine");
      return;
    }
    // A single word says little about its writer's language: what the desk
    // already knows of the contact comes before detecting it.
    d_.lang = ChooseReplyLanguage({.chosen = contact_.chosen_lang,
                                   .keyword = k.keyword_lang,
                                   .detected = contact_.detected_lang.value_or(ctx_.match.lang)},
                                  config_.default_lang);
    const bool opted_out = contact_.opted_out;
    switch (k.kind) {
      case KeywordKind::kStop:
        if (opted_out) {
          Reason("already_opted_out");  // confirmed once: silence now
          return;
        }
        d_.contact.opted_out = true;
        Consent(ConsentAction::kStop, k);
        // Exempt from the cap: it goes out once per opt-out, and a person
        // who said STOP must learn that it worked.
        if (Send(ReplyKind::kKeyword, TextKey::kStop, {}, /*exempt_from_cap=*/true))
          Reason("stop_confirmed");
        return;
      case KeywordKind::kStart:
        if (!opted_out) {
          // Nothing to resume: a newcomer's "START" asks what this is.
          Reason("not_opted_out");
          Send(ReplyKind::kKeyword, TextKey::kHelp, {.numbers = config_.emergency_numbers});
          return;
        }
        d_.contact.opted_out = false;
        Consent(ConsentAction::kStart, k);
        Send(ReplyKind::kKeyword, TextKey::kStart, {});
        return;
      case KeywordKind::kJoin: {
        const Topic* topic = FindTopic(k.topic);
        if (topic == nullptr) {
          Reason("unknown_topic");
          Send(ReplyKind::kKeyword, TextKey::kUnknownTopic, {.topics = TopicList()});
          return;
        }
        // Asking for alerts is asking for messages again.
        if (opted_out) {
          d_.contact.opted_out = false;
          Consent(ConsentAction::kStart, k);
        }
        if (!Subscribed(topic->id)) {
          d_.contact.subscribe.push_back(topic->id);
          Consent(ConsentAction::kSubscribe, k, topic->id);
        }
        Send(ReplyKind::kKeyword, TextKey::kJoin, {.topic = TopicDisplayName(*topic, d_.lang)});
        return;
      }
      case KeywordKind::kLeave: {
        const Topic* topic = FindTopic(k.topic);
        if (topic != nullptr && Subscribed(topic->id)) {
          d_.contact.unsubscribe.push_back(topic->id);
          Consent(ConsentAction::kUnsubscribe, k, topic->id);
        }
        if (opted_out) {
          Reason("opted_out_silent");  // already receives nothing
          return;
        }
        if (topic == nullptr) {
          Reason("unknown_topic");
          Send(ReplyKind::kKeyword, TextKey::kUnknownTopic, {.topics = TopicList()});
          return;
        }
        Send(ReplyKind::kKeyword, TextKey::kLeave, {.topic = TopicDisplayName(*topic, d_.lang)});
        return;
      }
      case KeywordKind::kHelp:
        Send(ReplyKind::kKeyword, TextKey::kHelp, {.numbers = config_.emergency_numbers});
        return;
      case KeywordKind::kLang:
        if (k.lang == Lang::kUnknown) {
          Reason("unknown_lang");
          Send(ReplyKind::kKeyword, TextKey::kLangOptions, {});
          return;
        }
        d_.lang = TextLanguage(k.lang);
        d_.contact.chosen_lang = d_.lang;
        Send(ReplyKind::kKeyword, TextKey::kLang, {});
        return;
      case KeywordKind::kMenu:
        if (menu_ != nullptr) {
          const std::string lang(faq::LangCode(d_.lang));
          const menu::Outcome open = menu::Open(*menu_, lang, menu::Channel::kSms);
          if (SendMenu(open.text)) SetMenu(open.position, lang);
          return;
        }
        Send(ReplyKind::kKeyword, TextKey::kMenu, {.topics = TopicList()});
        return;
    }
  }

  // Queues a menu screen or answer under the menu's own cap.
  bool SendMenu(std::string text, std::optional<std::string> faq_id = std::nullopt) {
    if (!replyable_ || text.empty()) return false;
    if (ctx_.menu_replies_last_hour >= config_.loop.menu_replies_per_hour) {
      Reason("menu_cap_reached");
      return false;
    }
    d_.replies.push_back({.text = std::move(text), .lang = d_.lang, .kind = ReplyKind::kMenu, .faq_id = faq_id});
    return true;
  }

  void SetMenu(const menu::Position& position, const std::string& lang) {
    d_.menu = {.kind = MenuUpdate::Kind::kSet, .position = menu::EncodePosition(position), .lang = lang};
  }

  // A bare number in an open menu session; false: route the text as usual.
  bool RouteMenuChoice() {
    if (menu_ == nullptr || !ctx_.menu || msg_.incomplete || !replyable_) return false;
    const std::optional<int> choice = menu::ParseChoice(msg_.text);
    if (ctx_.menu->position.awaiting_question &&
        (!choice || (*choice != menu::kBackChoice && *choice != menu::kMainMenu))) {
      // "Talk to a person", then this: the question, for a moderator ("0"
      // and "00" still navigate).
      d_.menu.kind = MenuUpdate::Kind::kEnd;
      Reason("menu:question");
      return false;
    }
    if (!choice) return false;
    const std::string& lang = ctx_.menu->lang;
    d_.lang = TextLanguage(faq::LangFromCode(lang));
    const menu::Outcome out =
        menu::Choose(*menu_, ctx_.menu->position, *choice, lang, menu::Channel::kSms, /*max_chars=*/0);
    Reason("menu:" + std::to_string(*choice));
    using Kind = menu::Outcome::Kind;
    switch (out.kind) {
      case Kind::kScreen:
      case Kind::kInvalid:
      case Kind::kPerson:
        if (SendMenu(out.text)) SetMenu(out.position, lang);
        return true;
      case Kind::kAnswer:
        if (SendMenu(out.text, out.faq_id)) SetMenu(out.position, lang);
        return true;
      case Kind::kJoin:
      case Kind::kStop:
        MenuSubscription(out);
        SetMenu(out.position, lang);
        return true;
      case Kind::kExit:
        SendMenu(out.text);
        d_.menu.kind = MenuUpdate::Kind::kEnd;
        return true;
      case Kind::kQuestion:  // from Ask(), which SMS does not use
        d_.menu.kind = MenuUpdate::Kind::kEnd;
        return true;
    }
    return true;
  }

  // JOIN/LEAVE through the menu: the same consent records as the keywords.
  void MenuSubscription(const menu::Outcome& out) {
    const Topic* topic = FindTopic(out.topic);
    if (topic == nullptr) return;  // the config checks menu topics; a reload may race
    const KeywordCommand k{.keyword = "MENU " + msg_.text};
    if (out.kind == menu::Outcome::Kind::kJoin) {
      if (contact_.opted_out) {
        d_.contact.opted_out = false;
        Consent(ConsentAction::kStart, k);
      }
      if (!Subscribed(topic->id)) {
        d_.contact.subscribe.push_back(topic->id);
        Consent(ConsentAction::kSubscribe, k, topic->id);
      }
      SendMenu(config_.texts.Render(TextKey::kJoin, d_.lang, {.topic = TopicDisplayName(*topic, d_.lang)}));
    } else {
      if (Subscribed(topic->id)) {
        d_.contact.unsubscribe.push_back(topic->id);
        Consent(ConsentAction::kUnsubscribe, k, topic->id);
      }
      SendMenu(config_.texts.Render(TextKey::kLeave, d_.lang, {.topic = TopicDisplayName(*topic, d_.lang)}));
    }
  }

  void RouteMessage() {
    const faq::MatchResult& match = ctx_.match;
    d_.lang = ChooseReplyLanguage({.chosen = contact_.chosen_lang,
                                   .detected = match.lang,
                                   .previously_detected = contact_.detected_lang},
                                  config_.default_lang);
    if (match.lang != Lang::kUnknown && contact_.detected_lang != match.lang)
      d_.contact.detected_lang = match.lang;
    d_.ticket.lang = d_.lang;
    // Nobody can answer a machine; its text stays in the store.
    if (!replyable_) return;

    const bool possible = match.decision == faq::Decision::kPossibleDanger;
    const bool urgent = match.decision == faq::Decision::kUrgent || possible;
    const std::optional<OpenTicket>& open = ctx_.ticket;
    if (open && IsRepeatedText(msg_.text, msg_.received_at, open->last_inbound_text,
                               open->last_inbound_at, config_.loop)) {
      d_.ticket.kind = TicketActionKind::kFoldDuplicate;
      if (!urgent || open->urgent) {
        Reason("repeat_folded");
        return;
      }
    }
    if (urgent) {
      RouteRaised(possible ? TextKey::kPossibleDanger : TextKey::kUrgent, possible ? "possible_danger" : "urgent");
      return;
    }

    Reason("faq:" + std::string(faq::DecisionName(match.decision)));
    if (match.decision == faq::Decision::kAuto) {
      if (ctx_.asked_for_person || d_.HasReason("menu:question")) {
        Reason("asked_for_person");
      } else if (msg_.incomplete) {
        Reason("incomplete_no_auto");
      } else if (contact_.opted_out) {
        Reason("opted_out_silent");
      } else if (IsRepeatOfLastMessage()) {
        // The same question right after an automatic answer: the answer did
        // not help (or a robot echoes). A person should look.
        Reason("repeat_after_auto");
      } else if (match.answer.empty()) {
        Reason("no_answer_text");
      } else if (!under_cap_) {
        Reason("cap_reached");
      } else {
        const Lang answer_lang = match.answer_lang.empty()
                                     ? d_.lang
                                     : TextLanguage(faq::LangFromCode(match.answer_lang));
        d_.replies.push_back({.text = match.answer,
                              .lang = answer_lang,
                              .kind = ReplyKind::kAuto,
                              .faq_id = match.faq_id});
        if (open) d_.ticket.kind = TicketActionKind::kAppend;
        return;
      }
      // Not answered automatically: a moderator answers, with the FAQ
      // entry as the first suggestion.
    }
    RouteToModerator();
  }

  bool IsRepeatOfLastMessage() const {
    return contact_.last_inbound_text && contact_.last_inbound_at &&
           IsRepeatedText(msg_.text, msg_.received_at, *contact_.last_inbound_text,
                          *contact_.last_inbound_at, config_.loop);
  }

  std::vector<std::string> Suggestions() const {
    std::vector<std::string> ids;
    if (ctx_.match.faq_id) ids.push_back(*ctx_.match.faq_id);
    for (const faq::Candidate& c : ctx_.match.candidates)
      if (std::find(ids.begin(), ids.end(), c.id) == ids.end()) ids.push_back(c.id);
    return ids;
  }

  // Urgent (`reason` "urgent"), or possible danger (the danger model is not
  // sure; "possible_danger"): the same for the moderators (top of the
  // queue, due now, relayed to their phones); the sender gets `text`, the
  // numbers to call. The first such reply of a ticket ignores the cap and
  // the opt-out: a person in danger gets the numbers. Later ones count
  // against the cap.
  void RouteRaised(TextKey text, const std::string& reason) {
    Reason(reason);
    const std::optional<OpenTicket>& open = ctx_.ticket;
    if (d_.ticket.kind != TicketActionKind::kFoldDuplicate)
      d_.ticket.kind = open ? TicketActionKind::kAppend : TicketActionKind::kOpen;
    d_.ticket.urgent = true;
    d_.ticket.due_at = msg_.received_at;
    d_.ticket.suggestions = Suggestions();
    const bool first_on_ticket = !(open && open->urgent);
    if (Send(ReplyKind::kUrgent, text, {.numbers = config_.emergency_numbers},
             /*exempt_from_cap=*/first_on_ticket, ReplyPriority::kEmergency)) {
      d_.ticket.mark_acked = true;
      Reason(reason + "_reply");
    }
  }

  void RouteToModerator() {
    const std::optional<OpenTicket>& open = ctx_.ticket;
    d_.ticket.suggestions = Suggestions();
    std::chrono::sys_seconds due{};
    if (open) {
      d_.ticket.kind = TicketActionKind::kAppend;
      if (open->acked) return;  // one acknowledgement per ticket
      due = open->due_at;
      // An unacknowledged ticket already past due (its ack was held back by
      // the cap or an opt-out) gets a deadline that is still ahead.
      if (due <= msg_.received_at) {
        due = config_.office_hours.AnswerDeadline(msg_.received_at);
        d_.ticket.due_at = due;
      }
    } else {
      d_.ticket.kind = TicketActionKind::kOpen;
      due = config_.office_hours.AnswerDeadline(msg_.received_at);
      d_.ticket.due_at = due;
    }
    if (contact_.opted_out) {
      Reason("opted_out_silent");
      return;
    }
    const std::string deadline =
        FormatDeadline(config_.office_hours.ToLocal(due),
                       config_.office_hours.ToLocal(msg_.received_at), d_.lang);
    if (SendAck(deadline)) {
      d_.ticket.mark_acked = true;
      Reason("ack");
    }
  }

  const InboundContext& ctx_;
  const DeskConfig& config_;
  const ContactState& contact_;
  const InboundMessage& msg_;
  bool replyable_ = false;
  bool under_cap_ = false;
  const menu::MenuTree* menu_ = nullptr;
  RouteDecision d_;
};

}  // namespace

RouteDecision Route(const InboundContext& ctx, const DeskConfig& config) {
  return Routing(ctx, config).Run();
}

}  // namespace smsdesk::desk
