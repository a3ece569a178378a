// What the desk decided to do with one inbound SMS, as data: the replies to
// queue, what happens to the sender's ticket, the changes to the contact
// (language, opt-out, subscriptions, consent records) and why. The caller
// applies it in one store transaction; nothing here touches the store, a
// modem or the clock.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/base/language.h"

namespace smsdesk::desk {

// messages.kind of the outbound row.
// kMenu: a menu screen or what a menu choice gave (its own hourly cap:
// LoopGuardConfig::menu_replies_per_hour).
enum class ReplyKind { kAuto, kAck, kKeyword, kUrgent, kMenu };
std::string_view ReplyKindName(ReplyKind kind);  // "auto", "ack", "keyword", "urgent", "menu"

// How soon a reply leaves, highest first; the desk queues it at the outbox
// priority of the same name.
enum class ReplyPriority { kEmergency, kUrgent, kReply, kInfo };

struct Reply {
  std::string text;
  faq::Lang lang = faq::Lang::kEn;
  ReplyPriority priority = ReplyPriority::kReply;
  ReplyKind kind = ReplyKind::kKeyword;
  std::optional<std::string> faq_id;  // kAuto: the entry that answered
};

enum class TicketActionKind {
  kNone,           // no ticket (keywords, FAQ answers, machines)
  kOpen,           // open a new ticket
  kAppend,         // add the message to the open ticket
  kFoldDuplicate,  // the same text again: count it on the open ticket, no new line
};
std::string_view TicketActionKindName(TicketActionKind kind);

struct TicketAction {
  TicketActionKind kind = TicketActionKind::kNone;
  // kOpen: the ticket's priority; kAppend/kFoldDuplicate: raise the open
  // ticket to urgent (it may already be).
  bool urgent = false;
  // kOpen: when a moderator will answer; urgent tickets are due at once.
  // kAppend/kFoldDuplicate: set when the open ticket's due time moves (raised
  // to urgent; or overdue and acknowledged now with a new, honest deadline).
  std::optional<std::chrono::sys_seconds> due_at;
  std::vector<std::string> suggestions;  // FAQ ids, best first
  // A reply in this decision tells the sender when (or that) a moderator
  // will answer: set tickets.acked_at, so no second acknowledgement goes out.
  bool mark_acked = false;
  faq::Lang lang = faq::Lang::kEn;
};

// consents.action.
enum class ConsentAction { kStop, kStart, kSubscribe, kUnsubscribe };
std::string_view ConsentActionName(ConsentAction action);  // "stop", "start", …

struct ConsentRecord {
  ConsentAction action = ConsentAction::kStop;
  std::string topic;    // kSubscribe/kUnsubscribe
  std::string keyword;  // the message as typed
  std::string source = "sms";
  std::chrono::sys_seconds at{};
};

// Changes to the contact row; unset fields stay as they are.
struct ContactUpdate {
  std::optional<faq::Lang> chosen_lang;    // LANG
  std::optional<faq::Lang> detected_lang;  // this text's language, when it changed
  std::optional<bool> opted_out;
  std::vector<std::string> subscribe;      // topic ids
  std::vector<std::string> unsubscribe;
  std::vector<ConsentRecord> consents;
};

// The sender's SMS menu session afterwards (store/menu_sessions.h).
struct MenuUpdate {
  enum class Kind { kKeep, kSet, kEnd };
  Kind kind = Kind::kKeep;
  std::string position;  // kSet: menu::EncodePosition
  std::string lang;
};

struct RouteDecision {
  faq::Lang lang = faq::Lang::kEn;  // the sender's reply language
  std::vector<Reply> replies;       // at most one today; a list keeps callers general
  TicketAction ticket;
  ContactUpdate contact;
  MenuUpdate menu;
  // Short machine-readable reasons, in the order they were decided:
  // "keyword:stop", "stop_confirmed", "urgent", "faq:auto", "cap_reached"…
  std::vector<std::string> reasons;

  bool HasReason(std::string_view reason) const;
};

}  // namespace smsdesk::desk
