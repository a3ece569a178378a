// The console's secrets: password and PIN hashing (argon2id, libsodium's
// crypto_pwhash_str), random tokens for sessions, CSRF and the API, the
// hash a token is stored under, login names fit to store, and the login
// throttle. No state except LoginThrottle's; time is a parameter.
#pragma once

#include <algorithm>
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

// A name typed into the login form as it may be stored or logged (the
// throttle's tables, the audit log): valid UTF-8 (a bad byte becomes '?'),
// no control characters ('?' too), at most `max_bytes` bytes, never cut
// inside a character.
std::string BoundedName(std::string_view name, std::size_t max_bytes = 64);

// Slows password guessing without handing a guesser the power to lock the
// owner out:
//  - per (name, address): after each failure the next attempt of that pair
//    waits twice as long (1 s, 2 s, 4 s … up to max_delay); a success
//    clears it. Someone hammering a name from elsewhere does not slow its
//    owner down at their own address.
//  - per address: past `address_free_failures` failures from one address,
//    whatever the names, each more doubles that address's wait the same
//    way (a success does not clear it: one account of one's own must not
//    launder guesses at others).
//  - overall: past `global_failures_per_minute` failures in a minute, every
//    attempt waits for the next minute, but a (name, address) pair that
//    logged in before (within trust_for): the owner at their usual desk.
// Attempts made too early are refused without checking the password. An
// entry left alone for max_delay after its wait is forgiven. Memory is
// bounded: each table keeps at most max_entries, the stalest dropped first.
// In memory: a restart forgives. Names are keys as BoundedName makes them.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    std::chrono::seconds max_delay = std::chrono::minutes(5);
    int address_free_failures = 10;
    int global_failures_per_minute = 30;
    std::size_t max_entries = 4096;
    std::chrono::seconds trust_for = std::chrono::hours(24 * 30);
  };
  LoginThrottle() : LoginThrottle(Limits{}) {}
  explicit LoginThrottle(Limits limits) : limits_(limits) {}
  explicit LoginThrottle(std::chrono::seconds max_delay) : LoginThrottle(Limits{.max_delay = max_delay}) {}

  // How long the caller must still wait before trying `name` from `address`;
  // zero when an attempt is allowed now.
  std::chrono::milliseconds WaitBefore(const std::string& name, const std::string& address, Clock::time_point now) const;
  void Failed(const std::string& name, const std::string& address, Clock::time_point now);
  void Succeeded(const std::string& name, const std::string& address, Clock::time_point now);
  // Entries held in all tables (tests: memory stays bounded).
  std::size_t entries() const { return by_pair_.size() + by_address_.size() + trusted_.size(); }

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last_failure{};
    Clock::time_point next_allowed{};
    // Forgiven when quiet for max_delay after this.
    Clock::time_point quiet_since() const { return std::max(last_failure, next_allowed); }
  };
  static std::string PairKey(const std::string& name, const std::string& address);
  Entry& Slot(std::map<std::string, Entry>& entries, const std::string& key, Clock::time_point now);
  void Bump(Entry& entry, int free_failures, Clock::time_point now);
  bool Trusted(const std::string& pair, Clock::time_point now) const;

  Limits limits_;
  std::map<std::string, Entry> by_pair_, by_address_;
  std::map<std::string, Clock::time_point> trusted_;  // pair -> its last success
  Clock::time_point window_start_{};                 // the current minute, overall
  int window_failures_ = 0;
};

}  // namespace smsdesk::console
