#include "firmware-host/auth/auth.h"

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

std::string BoundedName(std::string_view name, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    const auto lead = static_cast<unsigned char>(name[i]);
    const std::size_t length = lead < 0x80            ? 1
                               : (lead >> 5) == 0x6   ? 2
                               : (lead >> 4) == 0xE   ? 3
                               : (lead >> 3) == 0x1E  ? 4
                                                      : 0;
    bool valid = length > 0 && i + length <= name.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(name[i + k]) & 0xC0) == 0x80;
    if (valid && length > 1) {
      // No overlong forms, surrogates or code points past U+10FFFF.
      std::uint32_t cp = lead & (0x7F >> length);
      for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3F);
      static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      valid = cp >= kMin[length] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    std::string_view piece = valid ? name.substr(i, length) : std::string_view("?");
    if (valid && length == 1 && (lead < 0x20 || lead == 0x7F)) piece = "?";
    if (out.size() + piece.size() > max_bytes) break;
    out += piece;
    i += valid ? length : 1;
  }
  return out;
}

// ---- LoginThrottle ---------------------------------------------------------

std::string LoginThrottle::PairKey(const std::string& name, const std::string& address) {
  return BoundedName(name) + '\0' + address;
}

bool LoginThrottle::Trusted(const std::string& pair, Clock::time_point now) const {
  const auto it = trusted_.find(pair);
  return it != trusted_.end() && now - it->second < limits_.trust_for;
}

std::chrono::milliseconds LoginThrottle::WaitBefore(const std::string& name, const std::string& address,
                                                     Clock::time_point now) const {
  auto remaining = [now](const std::map<std::string, Entry>& entries, const std::string& key) {
    const auto it = entries.find(key);
    if (it == entries.end() || it->second.next_allowed <= now) return std::chrono::milliseconds{0};
    return std::chrono::ceil<std::chrono::milliseconds>(it->second.next_allowed - now);
  };
  const std::string pair = PairKey(name, address);
  std::chrono::milliseconds wait = std::max(remaining(by_pair_, pair), remaining(by_address_, address));
  const auto window_end = window_start_ + std::chrono::minutes(1);
  if (window_failures_ >= limits_.global_failures_per_minute && now < window_end && !Trusted(pair, now)) {
    wait = std::max(wait, std::chrono::ceil<std::chrono::milliseconds>(window_end - now));
  }
  return wait;
}

LoginThrottle::Entry& LoginThrottle::Slot(std::map<std::string, Entry>& entries, const std::string& key,
                                          Clock::time_point now) {
  if (auto it = entries.find(key); it != entries.end()) return it->second;
  if (entries.size() >= limits_.max_entries) {
    // Forgiven entries first; then, if still full, the stalest one.
    std::erase_if(entries, [&](const auto& item) { return now - item.second.quiet_since() > limits_.max_delay; });
    if (entries.size() >= limits_.max_entries) {
      entries.erase(std::min_element(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.second.quiet_since() < b.second.quiet_since();
      }));
    }
  }
  return entries[key];
}

void LoginThrottle::Failed(const std::string& name, const std::string& address, Clock::time_point now) {
  for (auto* entries : {&by_pair_, &by_address_}) {
    // An entry quiet for longer than the cap is forgiven.
    std::erase_if(*entries, [&](const auto& item) { return now - item.second.quiet_since() > limits_.max_delay; });
  }
  Bump(Slot(by_pair_, PairKey(name, address), now), 0, now);
  Bump(Slot(by_address_, address, now), limits_.address_free_failures, now);
  if (now >= window_start_ + std::chrono::minutes(1)) {
    window_start_ = now;
    window_failures_ = 0;
  }
  ++window_failures_;
}

void LoginThrottle::Succeeded(const std::string& name, const std::string& address, Clock::time_point now) {
  const std::string pair = PairKey(name, address);
  by_pair_.erase(pair);
  if (!trusted_.count(pair) && trusted_.size() >= limits_.max_entries) {
    std::erase_if(trusted_, [&](const auto& item) { return now - item.second >= limits_.trust_for; });
    if (trusted_.size() >= limits_.max_entries) {
      trusted_.erase(std::min_element(trusted_.begin(), trusted_.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; }));
    }
  }
  trusted_[pair] = now;
}

void LoginThrottle::Bump(Entry& entry, int free_failures, Clock::time_point now) {
  ++entry.failures;
  entry.last_failure = now;
  if (entry.failures <= free_failures) return;
  std::chrono::seconds delay{1};
  for (int i = free_failures + 1; i < entry.failures && delay < limits_.max_delay; ++i) delay *= 2;
  entry.next_allowed = now + std::min(delay, limits_.max_delay);
}

}  // namespace smsdesk::console
