#include "modem/sim/ussd_menu.h"

#include <cmath>
#include <cstdio>

#include "modem/trim.h"

namespace smsdesk::sim {
namespace {

constexpr std::string_view kMainMenu = "1. Balance\n2. Bundles\n0. Exit";
constexpr std::string_view kBundleMenu = "Bundles:\n1. 1 GB for 5.00\n2. 5 GB for 15.00\n0. Back";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }


// "1234.50", "12,50", "1 234,50", "1,234.50", "1.234,50": with both marks the
// last one is the decimal point, a lone one is too, repeated ones separate
// thousands ("1.234.567").
double ReadAmount(std::string digits) {
  std::erase_if(digits, [](char c) { return c == ' ' || c == '\''; });
  const std::size_t last = digits.find_last_of(".,");
  std::size_t marks = 0;
  for (char c : digits) marks += c == '.' || c == ',';
  const bool mixed = digits.find('.') != std::string::npos && digits.find(',') != std::string::npos;
  const bool decimal = last != std::string::npos && (mixed || marks == 1);
  double value = 0, scale = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (IsDigit(digits[i])) {
      value = value * 10 + (digits[i] - '0');
      if (scale > 0) scale *= 10;
    } else if (decimal && i == last) {
      scale = 1;
    }
  }
  if (scale > 1) value /= scale;
  return value;
}

}  // namespace

std::optional<UssdEncoding> ParseUssdEncoding(std::string_view name) {
  if (name == "auto") return UssdEncoding::kAuto;
  if (name == "plain") return UssdEncoding::kPlain;
  if (name == "packed") return UssdEncoding::kPacked;
  if (name == "ucs2") return UssdEncoding::kUcs2;
  return std::nullopt;
}

const char* UssdEncodingName(UssdEncoding encoding) {
  switch (encoding) {
    case UssdEncoding::kAuto: return "auto";
    case UssdEncoding::kPlain: return "plain";
    case UssdEncoding::kPacked: return "packed";
    case UssdEncoding::kUcs2: return "ucs2";
  }
  return "auto";
}

std::optional<modem::Error> UssdMenu::SetBalance(std::string_view amount) {
  const std::string_view s = Trim(amount, kSpaceAndTab);
  const std::size_t first = s.find_first_of("0123456789");
  if (first == std::string_view::npos) {
    return modem::MakeError("amount \"" + std::string(s) + "\" has no number (e.g. \"12.50 EUR\")");
  }
  std::size_t end = first;
  while (end < s.size() && (IsDigit(s[end]) || ((s[end] == '.' || s[end] == ',' || s[end] == ' ' || s[end] == '\'') &&
                                                end + 1 < s.size() && IsDigit(s[end + 1])))) {
    ++end;
  }
  const bool minus = first > 0 && s[first - 1] == '-';
  const std::string_view before = Trim(s.substr(0, minus ? first - 1 : first), kSpaceAndTab);
  const std::string_view after = Trim(s.substr(end), kSpaceAndTab);
  amount_ = ReadAmount(std::string(s.substr(first, end - first))) * (minus ? -1 : 1);
  if (!after.empty() || !before.empty()) currency_ = std::string(after.empty() ? before : after);
  return std::nullopt;
}

bool UssdMenu::CanPaySms() const {
  // In the micro-units ChargeSms rounds to: 0.30 pays three 0.10 parts exactly.
  return sms_cost_ <= 0 || std::round(amount_ * 1e6) >= std::round(sms_cost_ * 1e6);
}

void UssdMenu::ChargeSms() {
  // Rounded to micro-units so that a hundred 0.10 charges make exactly 10.00.
  amount_ = std::round((amount_ - sms_cost_) * 1e6) / 1e6;
}

std::string UssdMenu::balance() const {
  char number[64];
  std::snprintf(number, sizeof number, "%.2f", amount_);
  std::string out = std::string_view(number) == "-0.00" ? "0.00" : number;
  return currency_.empty() ? out : out + " " + currency_;
}

std::string UssdMenu::BalanceText() const {
  std::string text = balance_text_;
  const std::string value = balance();
  for (std::size_t at = text.find("{balance}"); at != std::string::npos; at = text.find("{balance}", at + value.size())) {
    text.replace(at, 9, value);
  }
  return text;
}

UssdReply UssdMenu::Start(std::string_view code) {
  state_ = State::kIdle;
  if (code == "*100#" || code == "#100#" || code == "*101#") return {0, BalanceText()};
  if (code == "*123#") {
    state_ = State::kMainMenu;
    return {1, std::string(kMainMenu)};
  }
  return {0, "Unknown service code " + std::string(code)};
}

UssdReply UssdMenu::Answer(std::string_view text) {
  switch (state_) {
    case State::kIdle:
      return Start(text);
    case State::kMainMenu:
      if (text == "1") {
        state_ = State::kIdle;
        return {0, BalanceText()};
      }
      if (text == "2") {
        state_ = State::kBundles;
        return {1, std::string(kBundleMenu)};
      }
      if (text == "0") {
        state_ = State::kIdle;
        return {2, "Goodbye"};
      }
      return {1, "Invalid choice\n" + std::string(kMainMenu)};
    case State::kBundles:
      if (text == "1" || text == "2") {
        state_ = State::kIdle;
        return {0, std::string(text == "1" ? "1 GB" : "5 GB") + " bundle activated. Thank you."};
      }
      if (text == "0") {
        state_ = State::kMainMenu;
        return {1, std::string(kMainMenu)};
      }
      return {1, "Invalid choice\n" + std::string(kBundleMenu)};
  }
  return {4, ""};
}

}  // namespace smsdesk::sim
