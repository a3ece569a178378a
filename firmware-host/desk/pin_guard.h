// How long a sending number waits after wrong SMS PINs. A caller ID can be
// forged, so the lock is put on the number (the only thing an SMS says about
// its sender), never on the account: the owner can still use the console,
// and an admin can lift it (`smsdesk user sms-unlock`). The first wrong
// PINs cost nothing (a moderator mistypes), then each one doubles the wait:
// with a 6-digit PIN a forger gets about 15 guesses in the first day and
// then one a day, and the admins hear about it when the first lock starts.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>

namespace smsdesk::desk {

struct PinGuardPolicy {
  int free_failures = 2;                            // wrong PINs before the first lock
  std::chrono::seconds first_lock{60};              // then 1 min, 2, 4, 8…
  std::chrono::seconds longest_lock{24 * 3600};
  std::chrono::seconds forget_after{7 * 24 * 3600};  // a week without a wrong PIN: start afresh
  std::size_t min_digits = 6;                        // shorter PINs are refused even when right
};

// The lock after the `failures`-th wrong PIN in a row; zero: none.
inline std::chrono::seconds LockAfterFailures(int failures, const PinGuardPolicy& policy) {
  if (failures <= policy.free_failures) return std::chrono::seconds(0);
  const int doublings = std::min(failures - policy.free_failures - 1, 20);
  return std::min(policy.first_lock * (std::int64_t{1} << doublings), policy.longest_lock);
}

}  // namespace smsdesk::desk
