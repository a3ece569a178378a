// Desk, the SMS relay: moderators away from the console answer from their
// own phones. New tickets reach them as "#17 ar: <the question>"; they
// answer "#17 <SMS PIN> <answer>" and the newcomer gets it from the box's
// number — the moderator's number is never shown to the newcomer, the
// newcomer's never sent to the moderator. Only a number registered to an
// active moderator or admin (users.phone) can answer, and since any caller
// ID can be forged, only with that user's SMS PIN (checked and throttled in
// desk_pins.cpp) unless an admin turned relay_trusts_number on for them.
// Anyone else's "#17 …" is an ordinary text. A resolved ticket or a person
// who sent STOP is never answered by SMS relay: the moderator is told why.
#include "firmware-host/auth/auth.h"
#include "firmware-host/desk/desk.h"
#include "firmware-host/routing/sms_commands.h"
#include "modem/unicode.h"
#include "store/accounts.h"
#include "store/sms_pins.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

constexpr std::size_t kPreviewCharacters = 120;

std::string Preview(const std::string& text) {
  std::u32string cps = modem::Utf8ToCodepointsLenient(text);
  if (cps.size() <= kPreviewCharacters) return text;
  return modem::CodepointsToUtf8(std::u32string_view(cps).substr(0, kPreviewCharacters - 1)) + "…";
}

bool IsModerator(const store::UserRecord& user) {
  return !user.disabled && (user.role == "moderator" || user.role == "admin");
}

}  // namespace

store::StatusOr<bool> Desk::TryRelay(const store::MessageRecord& message, const std::string& sender, sys_seconds now,
                                     RouteSummary& summary) {
  // Text typed into a USSD session is always a question: the aggregator
  // names the number, nobody proves it.
  if (!config_.relay_answers || message.modem == kUssdChannel) return false;
  const auto command = ParseRelayCommand(message.body.value_or(""));
  if (!command) return false;
  store::Accounts accounts(db_);
  auto user = accounts.FindUserByPhone(sender);
  if (!user.ok()) return user.status();
  if (!*user || !IsModerator(**user)) return false;
  const store::UserRecord& moderator = **user;
  auto trusts = store::SmsPins(db_).RelayTrustsNumber(moderator.id);
  if (!trusts.ok()) return trusts.status();

  const std::string tag = "#" + std::to_string(command->ticket_id);
  std::string text = command->text;
  std::string confirmation;
  bool send = false;
  const auto split = SplitPin(text);
  if (*trusts) {
    // An admin chose to trust this moderator's number alone. A PIN typed
    // anyway is taken off, never sent on; a wrong one is just text.
    if (split && moderator.pin_hash && console::VerifyPassword(split->pin, *moderator.pin_hash)) text = split->text;
    send = true;
  } else if (!moderator.pin_hash) {
    confirmation = tag + " not sent: answers by SMS need your SMS PIN (#17 PIN text). Ask an admin to set one.";
  } else if (!split) {
    confirmation = tag + " not sent: start with your SMS PIN: " + tag + " PIN your answer.";
  } else {
    auto verdict = CheckSmsPin(moderator, sender, split->pin, "relay", now);
    if (!verdict.ok()) return verdict.status();
    switch (verdict->check) {
      case PinCheck::kRight:
        text = split->text;
        send = true;
        break;
      case PinCheck::kTooShort:
        confirmation = tag + " not sent: your SMS PIN is too short. Ask an admin for one of 6 digits or more.";
        break;
      case PinCheck::kWrong:
        confirmation = tag + " not sent: wrong PIN.";
        if (verdict->locked_until > 0) confirmation += " Too many wrong PINs: SMS answers from this phone are paused.";
        break;
      case PinCheck::kLocked:
        break;  // told when the lock started; a flood of guesses gets no SMS each
    }
  }
  if (send) {
    auto refusal = RelayRefusal(command->ticket_id, tag);
    if (!refusal.ok()) return refusal.status();
    if (!refusal->empty()) {
      confirmation = *refusal;
    } else if (auto queued = ReplyInTransaction(command->ticket_id, text, moderator.name + " (sms)", now);
               queued.ok()) {
      confirmation = tag + " sent.";
      ++summary.replies;
    } else if (queued.status().code() == store::Status::Code::kInvalid) {
      confirmation = tag + " not sent: the answer is empty.";
    } else {
      return queued.status();
    }
  }
  // The moderator's own text stays in their thread; the confirmation too.
  if (!confirmation.empty()) {
    auto out = tickets_.AddMessage({.contact_id = message.contact_id,
                                    .direction = "out",
                                    .body = confirmation,
                                    .at = Seconds(now),
                                    .kind = "relay"});
    if (!out.ok()) return out.status();
    auto sent = outbox_.Enqueue({.to = sender, .body = confirmation, .message_id = *out, .via = message.modem},
                                Seconds(now));
    if (!sent.ok()) return sent.status();
  }
  if (auto s = tickets_.MarkRouted(message.id, Seconds(now), std::nullopt); !s.ok()) return s;
  return true;
}

store::StatusOr<std::string> Desk::RelayRefusal(std::int64_t ticket_id, const std::string& tag) {
  auto ticket = tickets_.Get(ticket_id);
  if (!ticket.ok()) return ticket.status();
  if (!*ticket) return tag + ": no such ticket.";
  if ((*ticket)->status == "resolved") {
    return tag + " not sent: the ticket is resolved. Answer from the console if they must hear from us again.";
  }
  auto contact = contacts_.Get((*ticket)->contact_id);
  if (!contact.ok()) return contact.status();
  if (*contact && (*contact)->opted_out) {
    return tag + " not sent: this person sent STOP. Answer from the console if they must hear from us.";
  }
  return std::string();
}

store::Status Desk::RelayToModerators(std::int64_t ticket_id, const std::string& lang, const std::string& text,
                                      bool urgent, sys_seconds now) {
  if (config_.relay == DeskConfig::RelayNotify::kNone) return store::Status::Ok();
  if (config_.relay == DeskConfig::RelayNotify::kUrgent && !urgent) return store::Status::Ok();
  auto users = store::Accounts(db_).Users();
  if (!users.ok()) return users.status();
  const std::string body = "#" + std::to_string(ticket_id) + (urgent ? " URGENT " : " ") + lang + ": " +
                           Preview(text) + "\nAnswer: #" + std::to_string(ticket_id) + " PIN your text";
  for (const store::UserRecord& user : *users) {
    if (!IsModerator(user) || !user.phone) continue;
    auto queued = outbox_.Enqueue({.to = *user.phone,
                                   .body = body,
                                   .priority = urgent ? store::OutboxPriority::kUrgent : store::OutboxPriority::kInfo},
                                  Seconds(now));
    if (!queued.ok()) return queued.status();
  }
  return store::Status::Ok();
}

}  // namespace smsdesk::desk
