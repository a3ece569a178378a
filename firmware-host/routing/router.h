// The desk's decision for one inbound SMS: a pure function of the message,
// what the store knows about the sender, the FAQ matcher's result and the
// config (docs/design.md: "decisions are pure functions of (message, store state,
// clock), and side effects are queued rows"). The clock is the message's
// received_at. The caller runs faq::Matcher::Match on the text first and
// passes the result in, then applies the RouteDecision in one transaction.
//
// Order of the rules:
//   1. System keywords (keywords.h), whole message only. STOP always works,
//      from anyone, and is confirmed once: a STOP while already opted out is
//      silent. The confirmation is exempt from the hourly cap (it can only
//      go out once per opt-out). Keywords never open tickets. A bare HELP
//      is the keyword, not a cry for help, but the HELP text carries the
//      emergency numbers for whoever meant the latter.
//      MENU, with a menu configured, opens it: the numbered choices.
//   1b. In an open menu session a bare number ("2", "٢", "۲") is a choice:
//      the next screen, an FAQ answer, a subscription, or "talk to a
//      person", after which the next message goes to a moderator. Menu
//      replies have their own hourly cap. Any other text is routed as usual.
//   2. Machines (alphanumeric senders, short codes) get no reply and no
//      ticket: nobody can answer them; their messages stay in the store.
//   3. The same text as the open ticket's last one folds into it, silently.
//   4. Urgent: the ticket (new or the open one) becomes urgent and due now,
//      and the emergency numbers go out at once, in the sender's language -
//      even to an opted-out sender and over the hourly cap, once per urgent
//      ticket; further urgent replies on that ticket count against the cap,
//      so a robot echoing "danger" words cannot loop.
//      Possible danger (the danger model is not sure) is routed the same
//      way, with a reply that says a person reads it now and whom to call.
//   5. FAQ `auto`: the answer, now - unless the sender opted out, the
//      message arrived incomplete, the same text just got an automatic
//      answer, or the cap is reached; then it is queued with the answer as
//      a suggestion. An open ticket also gets the message, so moderators see
//      the whole thread.
//   6. `suggest`/`queue`: a new ticket due at OfficeHours::AnswerDeadline, or
//      the open one; an acknowledgement with the deadline only if the ticket
//      has none yet, the sender has not opted out and the cap allows. It
//      ends with the emergency line, so a danger the desk missed still
//      learns whom to call.
// After STOP "nothing more is sent": an opted-out sender's questions still
// reach moderators as tickets, but no automatic SMS answers them. The
// exceptions are what they explicitly ask for: START and JOIN <topic> (which
// opt back in), HELP, LANG, MENU - and the emergency numbers.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/menu/menu_engine.h"
#include "firmware-host/menu/menu_tree.h"
#include "firmware-host/routing/keywords.h"
#include "firmware-host/routing/loop_guard.h"
#include "firmware-host/routing/office_hours.h"
#include "firmware-host/routing/reply_texts.h"
#include "firmware-host/routing/route_decision.h"

namespace smsdesk::desk {

struct InboundMessage {
  std::string sender;
  std::string text;
  std::chrono::sys_seconds received_at{};
  bool incomplete = false;  // some parts never arrived (docs/design.md durability)
};

struct ContactState {
  bool known = false;  // false: the first message from this number
  std::optional<faq::Lang> chosen_lang;
  std::optional<faq::Lang> detected_lang;
  bool opted_out = false;
  std::vector<std::string> subscriptions;  // topic ids
  // The contact's previous inbound message, for "the same question again".
  std::optional<std::string> last_inbound_text;
  std::optional<std::chrono::sys_seconds> last_inbound_at;
};

struct OpenTicket {
  std::int64_t id = 0;
  bool acked = false;
  bool urgent = false;
  std::chrono::sys_seconds due_at{};
  std::string last_inbound_text;
  std::chrono::sys_seconds last_inbound_at{};
};

// The sender's open SMS menu session (none when expired).
struct MenuState {
  menu::Position position;
  std::string lang;
};

struct InboundContext {
  InboundMessage message;
  ContactState contact;
  std::optional<MenuState> menu;
  // The sender asked for a person (the menu's "talk to a person", by SMS
  // or USSD): no automatic FAQ answer, a moderator answers.
  bool asked_for_person = false;
  int menu_replies_last_hour = 0;
  std::optional<OpenTicket> ticket;
  int auto_replies_last_hour = 0;  // every kind (auto, ack, keyword, urgent)
  faq::MatchResult match;          // Matcher::Match(message.text)
};

struct DeskConfig {
  OfficeHours office_hours;
  std::vector<Topic> topics;
  LoopGuardConfig loop;
  std::string emergency_numbers = "911";
  faq::Lang default_lang = faq::Lang::kEn;
  ReplyTexts texts;
  // Numbers never answered automatically (a known robot, an abusive
  // sender); treated like machines: stored, never answered.
  std::vector<std::string> blocked_senders;
  // Which new tickets reach the moderators' phones by SMS (the relay).
  enum class RelayNotify { kNone, kUrgent, kAll };
  RelayNotify relay = RelayNotify::kAll;
  // Moderators may answer "#17 <PIN> text" from their phones; off: every
  // "#17 …" is an ordinary text.
  bool relay_answers = true;
  // Agencies may send "ALERT <PIN> <TOPIC> text" from their phones; off:
  // such a text is an ordinary one (its PIN still redacted).
  bool alerts_by_sms = true;
  // The menu (MENU, then numbers) with its FAQ answers filled in; null or
  // empty: MENU lists the topics.
  std::shared_ptr<const menu::MenuTree> menu;
  // The SMS keywords with a box's additions (lexicon/); null: the
  // compiled-in ones.
  std::shared_ptr<const KeywordTable> keywords;
};

RouteDecision Route(const InboundContext& ctx, const DeskConfig& config);

}  // namespace smsdesk::desk
