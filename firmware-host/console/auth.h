// The console's secrets: password and PIN hashing (argon2id, libsodium's
// crypto_pwhash_str), random tokens for sessions, CSRF and the API, the
// hash a token is stored under, and the login throttle. No state except
// LoginThrottle's; time is a parameter.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace smsdesk::console {

// Must be called once before any other function here (sodium_init); false
// when libsodium cannot start (no entropy source).
bool InitCrypto();

struct HashCost {
  unsigned long long ops;  // crypto_pwhash opslimit
  std::size_t memory;      // crypto_pwhash memlimit, bytes
};
// Interactive cost (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB, fine on
// a Pi); tests use the minimum.
HashCost InteractiveCost();
HashCost MinimumCost();

// An argon2id string ("$argon2id$v=19$m=…"); empty on failure (out of memory).
std::string HashPassword(std::string_view password, HashCost cost = InteractiveCost());
bool VerifyPassword(std::string_view password, const std::string& hash);

// A new random token: 32 bytes, URL-safe base64 without padding (43 chars).
std::string NewToken();
// What a token is stored and looked up under: BLAKE2b (crypto_generichash) of
// the token, hex. A stolen database does not hand out live sessions.
std::string TokenHash(std::string_view token);
// Constant-time comparison (CSRF tokens).
bool SameToken(std::string_view a, std::string_view b);

// Slows password guessing: after each failed login for a name or from an
// address, the next attempt for it must wait twice as long (1 s, 2 s, 4 s …
// up to max_delay); a success clears the name. Attempts made too early are
// refused without checking the password. A name or address left alone for
// max_delay after its wait is forgiven. In memory: a restart forgives.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LoginThrottle(std::chrono::seconds max_delay = std::chrono::minutes(5)) : max_delay_(max_delay) {}

  // How long the caller must still wait before trying `name` from `address`;
  // zero when an attempt is allowed now.
  std::chrono::milliseconds WaitBefore(const std::string& name, const std::string& address, Clock::time_point now) const;
  void Failed(const std::string& name, const std::string& address, Clock::time_point now);
  void Succeeded(const std::string& name);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point next_allowed{};
  };
  void Bump(Entry& entry, Clock::time_point now);
  std::chrono::seconds max_delay_;
  std::map<std::string, Entry> by_name_, by_address_;
};

}  // namespace smsdesk::console
