// Desk, SMS PINs: the check a relay answer or an alert by SMS goes through
// before it acts for a moderator or an agency. A sending number that gets
// the PIN wrong too often is locked (pin_guard.h) before the PIN is even
// hashed, so a flood of guesses costs neither the attacker's odds nor the
// loop's time; the admins get one SMS when a lock-out starts.
#include <spdlog/spdlog.h>

#include "firmware-host/auth/auth.h"
#include "firmware-host/desk/desk.h"
#include "store/accounts.h"
#include "store/sms_pins.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

}  // namespace

std::string NumberEnding(const std::string& number) {
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits.size() > 3 ? digits.substr(digits.size() - 3) : std::string("???");
}

store::StatusOr<PinVerdict> Desk::CheckSmsPin(const store::UserRecord& user, const std::string& sender,
                                             const std::string& pin, const char* purpose, sys_seconds now) {
  store::SmsPins pins(db_);
  auto throttle = pins.Get(sender);
  if (!throttle.ok()) return throttle.status();
  if (*throttle && (*throttle)->locked_until > Seconds(now)) {
    return PinVerdict{.check = PinCheck::kLocked, .locked_until = (*throttle)->locked_until};
  }
  const std::string object = "user:" + user.name;
  const std::string actor = user.name + " (sms)";
  if (user.pin_hash && console::VerifyPassword(pin, *user.pin_hash)) {
    if (auto s = pins.Clear(sender); !s.ok()) return s;
    if (pin.size() < pin_policy_.min_digits) return PinVerdict{.check = PinCheck::kTooShort};
    return PinVerdict{.check = PinCheck::kRight};
  }
  const std::int64_t forget_before = Seconds(now) - pin_policy_.forget_after.count();
  auto failed = pins.RecordFailure(sender, Seconds(now), forget_before);
  if (!failed.ok()) return failed.status();
  if (auto s = audit_.Record({.at = Seconds(now), .actor = actor, .action = std::string(purpose) + ".pin_refused",
                              .object = object});
      !s.ok()) {
    return s;
  }
  PinVerdict verdict{.check = PinCheck::kWrong};
  const auto lock = LockAfterFailures(failed->failures, pin_policy_);
  if (lock.count() == 0) return verdict;
  verdict.locked_until = Seconds(now) + lock.count();
  if (auto s = pins.Lock(sender, verdict.locked_until); !s.ok()) return s;
  if (auto s = audit_.Record({.at = Seconds(now),
                              .actor = actor,
                              .action = "sms_pin.locked",
                              .object = object,
                              .detail = std::to_string(failed->failures) + " wrong PINs; locked " +
                                        std::to_string(lock.count()) + " s"});
      !s.ok()) {
    return s;
  }
  spdlog::warn("SMS PIN: {} wrong PIN(s) for {} from the number ending {}; PIN texts from it locked for {} s",
               failed->failures, user.name, NumberEnding(sender), lock.count());
  // The admins hear once per episode: when the first lock starts.
  if (failed->failures == pin_policy_.free_failures + 1) {
    const std::string text = "smsdesk: " + std::to_string(failed->failures) + " wrong SMS PINs for " + user.name +
                             " from the number ending " + NumberEnding(sender) +
                             ". PIN texts from it are paused; the wait doubles with each wrong PIN. If " +
                             user.name + " did not send them, that number is being forged. Lift: smsdesk user "
                             "sms-unlock " + user.name;
    if (auto s = NotifyAdmins(text, sender, now); !s.ok()) return s;
  }
  return verdict;
}

store::Status Desk::NotifyAdmins(const std::string& text, const std::string& except_number, sys_seconds now) {
  auto users = store::Accounts(db_).Users();
  if (!users.ok()) return users.status();
  for (const store::UserRecord& user : *users) {
    if (user.disabled || user.role != "admin" || !user.phone || *user.phone == except_number) continue;
    auto queued = outbox_.Enqueue({.to = *user.phone, .body = text, .priority = store::OutboxPriority::kUrgent},
                                  Seconds(now));
    if (!queued.ok()) return queued.status();
  }
  return store::Status::Ok();
}

}  // namespace smsdesk::desk
