#include "modem/io/at_redactor.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace smsdesk::modem {
namespace {

// A command whose arguments from `first` to `last` (counted from 0) are
// secret. Spotted anywhere in a line, so "AT+CPIN=", Huawei's "AT^CPIN=",
// "AT;+CPIN=" and "timed out: AT+CPIN=" are all caught.
struct Secret {
  std::string_view command;
  int first;
  int last;
};

constexpr int kAll = 1 << 20;

// 3GPP TS 27.007 §8.3 (+CPIN, +CPIN2), §7.4 (+CLCK <passwd>), §7.5 (+CPWD
// <oldpwd>, <newpwd>), §7.15 (+CUSD <str>).
constexpr std::array<Secret, 5> kSecrets{{
    {"CPIN=", 0, kAll},
    {"CPIN2=", 0, kAll},
    {"+CLCK=", 2, 2},
    {"+CPWD=", 1, 2},
    {"+CUSD=", 1, 1},
}};

constexpr std::size_t kLongestCommand = [] {
  std::size_t longest = 0;
  for (const Secret& secret : kSecrets) longest = std::max(longest, secret.command.size());
  return longest;
}();

bool EndsLine(char c) { return c == '\r' || c == '\n' || c == '\x1A' || c == '\x1B'; }

}  // namespace

void AtRedactor::StartLine() {
  tail_.clear();
  secret_ = -1;
  field_ = 0;
  quoted_ = false;
  hidden_ = false;
}

std::string AtRedactor::Redact(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    if (EndsLine(c)) {
      StartLine();
      out += c;
      continue;
    }
    if (secret_ < 0) {
      out += c;
      tail_ += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (tail_.size() > kLongestCommand) tail_.erase(0, tail_.size() - kLongestCommand);
      for (std::size_t i = 0; i < kSecrets.size(); ++i) {
        if (tail_.ends_with(kSecrets[i].command)) secret_ = static_cast<int>(i);
      }
      continue;
    }
    if (c == '"' || (c == ',' && !quoted_)) {
      if (c == '"') quoted_ = !quoted_;
      if (c == ',') ++field_;
      hidden_ = false;
      out += c;
      continue;
    }
    const Secret& secret = kSecrets[static_cast<std::size_t>(secret_)];
    if (field_ < secret.first || field_ > secret.last) {
      out += c;
    } else if (!hidden_) {
      out += "****";
      hidden_ = true;
    }
  }
  return out;
}

std::string RedactAtSecrets(std::string_view text) { return AtRedactor().Redact(text); }

}  // namespace smsdesk::modem
