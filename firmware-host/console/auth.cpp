#include "firmware-host/console/auth.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace smsdesk::console {

bool InitCrypto() { return sodium_init() >= 0; }

HashCost InteractiveCost() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

HashCost MinimumCost() { return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN}; }

std::string HashPassword(std::string_view password, HashCost cost) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.ops, cost.memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return {};
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  // An empty hash is an account that cannot log in, not a match for anything.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewToken() {
  constexpr std::size_t kBytes = 32;
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<unsigned char, kBytes> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, sodium_base64_ENCODED_LEN(kBytes, kVariant)> text{};
  sodium_bin2base64(text.data(), text.size(), random.data(), random.size(), kVariant);
  sodium_memzero(random.data(), random.size());
  return std::string(text.data());
}

std::string TokenHash(std::string_view token) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool SameToken(std::string_view a, std::string_view b) {
  // Lengths are not secret (every token has 43 characters); an empty token
  // (a form without one, a session without a CSRF value) never matches.
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// ---- LoginThrottle ---------------------------------------------------------

std::chrono::milliseconds LoginThrottle::WaitBefore(const std::string& name, const std::string& address,
                                                     Clock::time_point now) const {
  auto remaining = [now](const std::map<std::string, Entry>& entries, const std::string& key) {
    const auto it = entries.find(key);
    if (it == entries.end() || it->second.next_allowed <= now) return std::chrono::milliseconds{0};
    return std::chrono::ceil<std::chrono::milliseconds>(it->second.next_allowed - now);
  };
  return std::max(remaining(by_name_, name), remaining(by_address_, address));
}

void LoginThrottle::Failed(const std::string& name, const std::string& address, Clock::time_point now) {
  // Entries quiet for longer than the cap are forgiven and dropped, so that
  // guesses at made-up names do not grow the maps for ever.
  for (auto* entries : {&by_name_, &by_address_}) {
    std::erase_if(*entries, [&](const auto& item) { return now - item.second.next_allowed > max_delay_; });
  }
  Bump(by_name_[name], now);
  Bump(by_address_[address], now);
}

void LoginThrottle::Succeeded(const std::string& name) { by_name_.erase(name); }

void LoginThrottle::Bump(Entry& entry, Clock::time_point now) {
  ++entry.failures;
  std::chrono::seconds delay{1};
  for (int i = 1; i < entry.failures && delay < max_delay_; ++i) delay *= 2;
  entry.next_allowed = now + std::min(delay, max_delay_);
}

}  // namespace smsdesk::console
