// Desk, the SMS relay: moderators away from the console answer from their
// own phones. New tickets reach them as "#17 ar: <the question>"; they
// answer "#17 <answer>" and the newcomer gets it from the box's number — the
// moderator's number is never shown to the newcomer, the newcomer's never
// sent to the moderator. Only a number registered to an active moderator or
// admin (users.phone) can answer; anyone else's "#17 …" is an ordinary text.
#include <regex>

#include "firmware-host/desk/desk.h"
#include "modem/unicode.h"
#include "store/accounts.h"

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
  static const std::regex kRelay(R"(^\s*#(\d{1,9})\s+([\s\S]+)$)");
  const std::string text = message.body.value_or("");
  std::smatch m;
  if (!std::regex_match(text, m, kRelay)) return false;
  store::Accounts accounts(db_);
  auto user = accounts.FindUserByPhone(sender);
  if (!user.ok()) return user.status();
  if (!*user || !IsModerator(**user)) return false;
  const std::int64_t ticket_id = std::stoll(m[1]);
  auto queued = ReplyInTransaction(ticket_id, m[2], (*user)->name + " (sms)", now);
  std::string confirmation;
  if (queued.ok()) {
    confirmation = "#" + std::to_string(ticket_id) + " sent.";
    ++summary.replies;
  } else if (queued.status().code() == store::Status::Code::kNotFound) {
    confirmation = "#" + std::to_string(ticket_id) + ": no such ticket.";
  } else {
    return queued.status();
  }
  // The moderator's own text stays in their thread; the confirmation too.
  auto out = tickets_.AddMessage({.contact_id = message.contact_id,
                                  .direction = "out",
                                  .body = confirmation,
                                  .at = Seconds(now),
                                  .kind = "relay"});
  if (!out.ok()) return out.status();
  auto sent = outbox_.Enqueue({.to = sender, .body = confirmation, .message_id = *out, .via = message.modem},
                              Seconds(now));
  if (!sent.ok()) return sent.status();
  if (auto s = tickets_.MarkRouted(message.id, Seconds(now), std::nullopt); !s.ok()) return s;
  return true;
}

store::Status Desk::RelayToModerators(std::int64_t ticket_id, const std::string& lang, const std::string& text,
                                      bool urgent, sys_seconds now) {
  if (config_.relay == DeskConfig::RelayNotify::kNone) return store::Status::Ok();
  if (config_.relay == DeskConfig::RelayNotify::kUrgent && !urgent) return store::Status::Ok();
  auto users = store::Accounts(db_).Users();
  if (!users.ok()) return users.status();
  const std::string body = "#" + std::to_string(ticket_id) + (urgent ? " URGENT " : " ") + lang + ": " +
                           Preview(text) + "\nAnswer: #" + std::to_string(ticket_id) + " your text";
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
