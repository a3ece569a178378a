// Desk: the help desk's work on the store, one step at a time. Each step is
// one SQLite transaction, so a crash between two steps loses nothing and a
// step is never half done (docs/design.md "Durability rules"):
//
//   AcceptPdu         a PDU from a modem -> inbound_parts (the driver deletes
//                     the modem's copy only after this returned OK); a status
//                     report updates the outbox row it belongs to (one that
//                     matches no row, e.g. for another program's SMS, changes
//                     nothing and is not kept)
//   AssembleMessages  complete part groups (and groups past the timeout,
//                     marked incomplete) -> one inbound message each
//   RouteMessages     each unrouted message -> faq::Matcher + Route() -> the
//                     decision applied: contact, consents, ticket, replies
//                     queued in the outbox
//   Reply / Resolve   what a moderator does (CLI today, console later)
//
// Decisions stay in the pure router; this class only reads the state the
// router needs and writes what it decided. Time is always a parameter.
// Single-threaded: the daemon calls it from its io_context; `smsdesk queue`
// calls Reply/Resolve from its own process (SQLite serializes the writers).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "firmware-host/desk/desk_config.h"
#include "firmware-host/desk/pin_guard.h"
#include "firmware-host/faq/faq_matcher.h"
#include "modem/io/driver_types.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/contacts.h"
#include "store/database.h"
#include "store/inbound_store.h"
#include "store/menu_sessions.h"
#include "store/outbox.h"
#include "store/tickets.h"

namespace smsdesk::desk {

using std::chrono::sys_seconds;

// messages.modem of a question typed into the USSD menu (no modem carried it).
inline constexpr const char* kUssdChannel = "ussd";

enum class AcceptOutcome {
  kStored,        // a new part
  kDuplicate,     // already stored (read twice)
  kStatusReport,  // matched to a sent message (or kept as unmatched)
  kUnreadable,    // stored raw with the decoder's error, never a message
};

// One request of an aggregator's USSD callback (Africa's Talking style):
// `text` is every input of the session so far, joined with '*'.
struct UssdRequest {
  std::string session_id;
  std::string service_code;
  std::string phone_number;  // E.164
  std::string text;
};

struct UssdResponse {
  bool end = false;  // "END …": the last screen; else "CON …"
  std::string text;
  bool new_messages = false;  // a question for a moderator: RouteMessages has work
  bool new_sms = false;       // an SMS was queued
};

// Routing attempts a message gets (each counted before it starts, so a crash
// counts) before it is set aside for a moderator as "could not process".
inline constexpr int kMaxRouteAttempts = 3;

// The result of an SMS PIN check (desk_pins.cpp).
enum class PinCheck { kRight, kWrong, kLocked, kTooShort };
struct PinVerdict {
  PinCheck check = PinCheck::kWrong;
  std::int64_t locked_until = 0;  // kWrong, kLocked: the number is locked until then (0: not)
};

// "199": the last three digits of a number, for logs and admins' SMS (GSM-7
// only, so the SMS stays cheap).
std::string NumberEnding(const std::string& number);

struct RouteSummary {
  int messages = 0;
  int quarantined = 0;  // set aside after failing kMaxRouteAttempts times
  int replies = 0;
  int tickets_opened = 0;
  int urgent = 0;
  int alerts = 0;  // alerts created by agency phones
};

class Desk {
 public:
  // `matcher` may be null (no FAQ): every question goes to a moderator.
  Desk(store::Database& db, faq::Matcher* matcher, DeskSettings config);

  void SetConfig(DeskSettings config) { config_ = std::move(config); }
  void SetMatcher(faq::Matcher* matcher) { matcher_ = matcher; }
  // The modems as the alert pool sees them now, for the estimate an agency
  // phone gets back; none by default.
  void SetPool(std::function<std::vector<alerts::ModemCapacity>()> pool) { pool_ = std::move(pool); }
  const DeskSettings& config() const { return config_; }

  store::StatusOr<AcceptOutcome> AcceptPdu(const modem::InboundPdu& pdu, sys_seconds now);

  // Returns the number of messages made.
  store::StatusOr<int> AssembleMessages(sys_seconds now, std::chrono::seconds incomplete_after);
  // When AssembleMessages should run again for a group still waiting for
  // parts, if one is.
  store::StatusOr<std::optional<sys_seconds>> NextIncompleteDeadline(std::chrono::seconds incomplete_after);

  // Routes up to `limit` unrouted messages: each sender's oldest first, so a
  // flood from one number never holds up another person's question. A
  // message whose routing failed, threw or crashed the process
  // kMaxRouteAttempts times is quarantined: routed to a ticket with a note
  // for the moderators, never tried again.
  store::StatusOr<RouteSummary> RouteMessages(sys_seconds now, int limit = 100);

  // The USSD menu (desk_ussd.cpp): the screen for `request`, the session's
  // language fixed by its first request, each action (subscription, question,
  // answer by SMS) done once per session. kInvalid without a menu, or when
  // the session id arrives with another number.
  store::StatusOr<UssdResponse> AnswerUssd(const UssdRequest& request, std::size_t max_chars, sys_seconds now);

  // A moderator's answer on a ticket: a message in the thread and a row in
  // the outbox (sent even to an opted-out number: they asked a question and
  // a person answers it). Returns the outbox id.
  store::StatusOr<std::int64_t> Reply(std::int64_t ticket_id, const std::string& text, const std::string& author,
                                      sys_seconds now);
  store::Status Resolve(std::int64_t ticket_id, const std::string& author, sys_seconds now);
  // An internal note on a ticket's thread, never sent.
  store::Status Note(std::int64_t ticket_id, const std::string& text, const std::string& author, sys_seconds now);
  // A moderator's judgement of the incoming text `message_id` of a ticket:
  // it was urgent (the ticket goes to the top of the queue, and the text
  // becomes a pending danger example) or it looked urgent and was not (the
  // ticket's urgency is lifted, and the text becomes a pending "not danger"
  // example). kNotFound when the message is not an incoming text of that
  // ticket's person; kInvalid when its text was erased. Audited.
  store::Status MarkDanger(std::int64_t ticket_id, std::int64_t message_id, bool danger, const std::string& author,
                           sys_seconds now);

 private:
  // One message, in one transaction (desk_routing.cpp).
  store::Status RouteOne(const store::MessageRecord& message, sys_seconds now, RouteSummary& summary);
  // `message` with any PIN in it redacted, in the store too (its raw parts
  // erased): whoever sent it, no PIN stays or reaches a moderator.
  store::StatusOr<store::MessageRecord> WithoutPins(const store::MessageRecord& message);
  store::Status Quarantine(const store::MessageRecord& message, int attempts, const std::string& why,
                           sys_seconds now, RouteSummary& summary);
  // The SMS PIN a relay answer or an alert carries (desk_pins.cpp): checked
  // against `user`'s hash unless `sender` is locked; wrong PINs are counted
  // per sending number, locks audited, logged and sent to the admins.
  store::StatusOr<PinVerdict> CheckSmsPin(const store::UserRecord& user, const std::string& sender,
                                         const std::string& pin, const char* purpose, sys_seconds now);
  // Why a relay answer to `ticket_id` must not go out ("" when it may).
  store::StatusOr<std::string> RelayRefusal(std::int64_t ticket_id, const std::string& tag);
  store::Status NotifyAdmins(const std::string& text, const std::string& except_number, sys_seconds now);
  store::StatusOr<std::int64_t> ReplyInTransaction(std::int64_t ticket_id, const std::string& text,
                                                  const std::string& author, sys_seconds now);
  // The SMS relay (desk_relay.cpp): a registered moderator's "#17 <PIN>
  // answer" answers ticket 17 from the box's number; true when `message`
  // was one (sent or refused, with an answer to the moderator's phone).
  store::StatusOr<bool> TryRelay(const store::MessageRecord& message, const std::string& sender, sys_seconds now,
                                 RouteSummary& summary);
  // Alerts by SMS (desk_alerts.cpp): an agency phone's "ALERT <PIN> <TOPIC>
  // text"; true when `message` was one (sent or refused, with an answer).
  store::StatusOr<bool> TryAgencyAlert(const store::MessageRecord& message, const std::string& sender,
                                       sys_seconds now, RouteSummary& summary);
  // A new ticket (or one that became urgent) goes to the moderators' phones
  // as "#17 ar: …", per DeskConfig::relay.
  store::Status RelayToModerators(std::int64_t ticket_id, const std::string& lang, const std::string& text,
                                  bool urgent, sys_seconds now);
  store::StatusOr<InboundContext> ContextFor(const store::MessageRecord& message, const std::string& sender);
  store::Status Apply(const store::MessageRecord& message, const InboundContext& ctx, const RouteDecision& decision,
                      sys_seconds now, RouteSummary& summary);
  store::Status ApplyTicket(const store::MessageRecord& message, const InboundContext& ctx,
                            const RouteDecision& decision, sys_seconds now, std::optional<std::int64_t>& ticket_id,
                            RouteSummary& summary);
  std::string LocalDay(sys_seconds t) const;

  store::Database& db_;
  faq::Matcher* matcher_;
  DeskSettings config_;
  store::InboundStore inbound_;
  store::Contacts contacts_;
  store::Tickets tickets_;
  store::Outbox outbox_;
  store::AuditLog audit_;
  store::MenuSessions menu_sessions_;
  std::function<std::vector<alerts::ModemCapacity>()> pool_ = [] { return std::vector<alerts::ModemCapacity>{}; };
  PinGuardPolicy pin_policy_;
  // Tests only: routing a message whose text contains this marker aborts
  // the process (SMSDESK_TEST_CRASH_ROUTING), to show the quarantine.
  std::string crash_marker_;
};

}  // namespace smsdesk::desk
