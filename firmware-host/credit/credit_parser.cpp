// Which number on the screen is the balance, and which date its expiry: a
// configured regex decides, else the keywords below (credit_scan.h reads the
// text). Keywords are compared folded (lower case, Arabic/Persian letter
// variants unified), so they are listed here in their plain spelling.
#include "firmware-host/credit/credit_parser.h"

#include <cmath>
#include <cstdio>

#include "firmware-host/credit/credit_scan.h"
#include "modem/unicode.h"

namespace smsdesk::credit {
namespace {

using modem::MakeError;
using modem::Result;
using scan::DateHit;
using scan::NumberHit;
using scan::Span;
using scan::Text;
using std::u32string_view;

// "balance", "solde", "Guthaben", "баланс", "رصيدك" (رصيد + "your"), "موجودی"…
constexpr u32string_view kBalanceWords[] = {
    U"balance", U"bal", U"credit", U"crédit", U"solde", U"saldo", U"guthaben", U"kontostand",
    U"баланс", U"залишок", U"остаток", U"رصيد", U"موجودی", U"اعتبار", U"bakiye", U"kredit", U"pulsa"};
// The amount is the first number at most this many words after a keyword
// ("Guthaben für die Nr.4915783647410 beträgt 5.78": four words between).
constexpr std::size_t kBalanceReach = 6;
// "valid until", "expires", "valable jusqu'au", "gültig bis", "до", "صالح حتى"…
constexpr u32string_view kExpiryWords[] = {
    U"valid until", U"valid till", U"valid to", U"valid thru", U"validity", U"expir", U"exp",
    U"jusqu'au", U"jusqu'à", U"gültig bis", U"válido hasta", U"valido hasta", U"hasta", U"до",
    U"صالح حتى", U"حتى", U"ينتهي", U"صلاحية", U"تا", U"son kullanma"};
constexpr std::size_t kExpiryReach = 4;

// At most 60 characters of the screen, on one line, for error messages
// (balances are not secret, but logs should stay short).
std::string Excerpt(std::string_view text) {
  std::u32string cps = modem::Utf8ToCodepointsLenient(text);
  for (char32_t& c : cps) {
    if (c == U'\r' || c == U'\n') c = U' ';
  }
  while (!cps.empty() && cps.back() == U' ') cps.pop_back();
  if (cps.size() <= 60) return "\"" + modem::CodepointsToUtf8(cps) + "\"";
  return "\"" + modem::CodepointsToUtf8(u32string_view(cps).substr(0, 59)) + "…\"";
}

const NumberHit* BuiltInAmount(const Text& t, const std::vector<Span>& words, const std::vector<NumberHit>& numbers) {
  for (std::size_t end : scan::KeywordEnds(t, words, kBalanceWords)) {
    for (const NumberHit& n : numbers) {
      if (n.span.begin < end || !n.money) continue;
      if (scan::WordsBetween(words, end, n.span.begin) <= kBalanceReach) return &n;
      break;
    }
  }
  for (const NumberHit& n : numbers) {
    if (n.money && (n.decimal || !n.currency.empty())) return &n;
  }
  return nullptr;
}

std::optional<std::chrono::year_month_day> BuiltInExpiry(const Text& t, const std::vector<Span>& words,
                                                         const std::vector<DateHit>& dates) {
  for (std::size_t end : scan::KeywordEnds(t, words, kExpiryWords)) {
    for (const DateHit& d : dates) {
      if (d.span.begin < end) continue;
      if (scan::WordsBetween(words, end, d.span.begin) > kExpiryReach) break;
      if (d.date) return d.date;
    }
  }
  return std::nullopt;
}

Result<CreditReading> PatternAmount(const Text& t, const std::string& normalized, std::string_view original,
                                    const std::regex& pattern) {
  std::smatch m;
  if (!std::regex_search(normalized, m, pattern) || !m[1].matched) {
    return MakeError("balance_pattern found no amount in " + Excerpt(original));
  }
  // The amount as its own text, then the currency around it on the screen.
  const Text capture(m[1].str());
  const std::vector<NumberHit> inside = scan::FindNumbers(capture, {});
  if (inside.empty()) return MakeError("balance_pattern matched " + Excerpt(m[1].str()) + ", not a number");
  CreditReading reading;
  reading.amount = inside.front().value;
  reading.currency = inside.front().currency;
  if (reading.currency.empty()) {
    const std::size_t begin = modem::Utf8ToCodepointsLenient(normalized.substr(0, m.position(1))).size();
    reading.currency = t.Utf8(scan::CurrencyNear(t, {begin, begin + capture.size()}));
  }
  return reading;
}

}  // namespace

Result<CompiledRule> CompiledRule::Compile(CreditRule rule) {
  CompiledRule out;
  if (rule.code.empty() || rule.code.find_first_not_of("0123456789*#+") != std::string::npos) {
    return MakeError("code: \"" + rule.code + "\" is not a USSD code (digits, * and #, e.g. *100#)");
  }
  for (std::size_t i = 0; i < rule.steps.size(); ++i) {
    if (rule.steps[i].empty()) return MakeError("steps: step " + std::to_string(i + 1) + " is empty");
  }
  if (rule.expiry_order != "dmy" && rule.expiry_order != "mdy" && rule.expiry_order != "ymd") {
    return MakeError("expiry_order: \"" + rule.expiry_order + "\" is not dmy, mdy or ymd");
  }
  const auto flags = std::regex::ECMAScript | std::regex::icase;
  try {
    if (!rule.balance_pattern.empty()) out.balance_.emplace(rule.balance_pattern, flags);
  } catch (const std::regex_error& e) {
    return MakeError("balance_pattern: " + std::string(e.what()));
  }
  if (out.balance_ && out.balance_->mark_count() < 1) {
    return MakeError("balance_pattern: needs a capture group for the amount, e.g. \"solde ([0-9., ]+)\"");
  }
  try {
    if (!rule.expiry_pattern.empty()) out.expiry_.emplace(rule.expiry_pattern, flags);
  } catch (const std::regex_error& e) {
    return MakeError("expiry_pattern: " + std::string(e.what()));
  }
  if (out.expiry_ && out.expiry_->mark_count() < 3) {
    return MakeError("expiry_pattern: needs three groups (day, month and year in expiry_order)");
  }
  out.rule_ = std::move(rule);
  return out;
}

Result<CreditReading> ParseCredit(std::string_view text, const CompiledRule& rule) {
  const Text t(text);
  const std::string normalized = t.Utf8();
  const std::vector<Span> words = scan::FindWords(t);
  const std::vector<DateHit> dates = scan::FindDates(t, words);
  CreditReading reading;
  // std::regex reports a pattern that explodes on a text by throwing; this
  // runs in Asio handlers, where nothing may throw (docs/style.md).
  try {
    if (rule.balance()) {
      auto found = PatternAmount(t, normalized, text, *rule.balance());
      if (!found) return found.error();
      reading = std::move(*found);
    } else {
      const std::vector<NumberHit> numbers = scan::FindNumbers(t, dates);
      const NumberHit* found = BuiltInAmount(t, words, numbers);
      if (!found) return MakeError("no amount found in " + Excerpt(text));
      reading.amount = found->value;
      reading.currency = found->currency;
    }
    if (rule.expiry()) {
      std::smatch m;
      if (std::regex_search(normalized, m, *rule.expiry())) {
        reading.expiry = scan::DateFromFields(m[1].str(), m[2].str(), m[3].str(), rule.rule().expiry_order);
      }
    } else {
      reading.expiry = BuiltInExpiry(t, words, dates);
    }
  } catch (const std::exception& e) {
    return MakeError(std::string("pattern failed on this text: ") + e.what());
  }
  if (!rule.rule().currency.empty()) reading.currency = rule.rule().currency;
  reading.text = std::string(text);
  return reading;
}

std::string FormatAmount(double amount, std::string_view currency) {
  const bool cents = std::fabs(amount * 100 - std::round(amount * 100)) < 1e-6;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", cents ? 2 : 3, amount);
  std::string out = buffer;
  if (out == "-0.00") out = "0.00";
  if (!currency.empty()) out += " " + std::string(currency);
  return out;
}

}  // namespace smsdesk::credit
