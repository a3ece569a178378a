// Reading a SIM's credit from the operator's USSD answer: the amount, its
// currency and the expiry date, by a configured regex or by built-in
// heuristics for the shapes operators use (docs/modem.md §2). Pure functions of
// text and rule; CompiledRule is immutable after Compile, so it may be shared
// between threads. The USSD dialogue itself is credit_check.h.
#pragma once

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace smsdesk::credit {

// One operator's balance check, as the config gives it.
struct CreditRule {
  std::string code = "*100#";        // USSD code dialled first
  std::vector<std::string> steps;    // replies sent in turn after the code ("1", "2")
  std::string balance_pattern;       // ECMAScript regex; group 1 = the amount; empty: built-in heuristics
  std::string expiry_pattern;        // groups 1..3 are day/month/year in `expiry_order`; empty: built-in
  std::string expiry_order = "dmy";  // "dmy", "mdy" or "ymd"
  std::string currency;              // shown with the amount; empty: taken from the text when found
};

// A rule checked and its regexes compiled. Patterns match the normalised text
// (ASCII digits, '.' for U+066B, spaces for NBSP; see ParseCredit) and ignore
// the case of ASCII letters. Errors name the bad field ("balance_pattern: …").
class CompiledRule {
 public:
  static modem::Result<CompiledRule> Compile(CreditRule rule);

  const CreditRule& rule() const { return rule_; }
  const std::optional<std::regex>& balance() const { return balance_; }
  const std::optional<std::regex>& expiry() const { return expiry_; }

 private:
  CompiledRule() = default;

  CreditRule rule_;
  std::optional<std::regex> balance_, expiry_;
};

struct CreditReading {
  std::optional<double> amount;  // nullopt: no amount found (ParseCredit then errors)
  std::string currency;          // "EUR", "FCFA", "руб", "$", "" …
  std::optional<std::chrono::year_month_day> expiry;
  std::string text;              // the screen text the values came from
};

// Reads the credit from one USSD screen (or several joined by "\n").
//
// The text is first normalised: Arabic-Indic and Persian digits become ASCII,
// U+066B '.', U+066C is dropped, NBSP/narrow NBSP become spaces, CR/LF become
// "\n". Amounts may be written "5.78", "5,78", "1 234,50", "1,234.50",
// "1.234,50", "-3.20", with the currency before or after ("$5.78", "5.78 Euro",
// "123,45 руб.", "٥٫٧٨ دينار"). Without a balance_pattern the amount is the
// first number within a few words after a balance keyword (balance, solde,
// Guthaben, баланс, رصيد …), else the first number with a decimal part or a
// currency; phone numbers, dates, times, USSD codes, menu items and data
// volumes ("3Gb") are never amounts. Without an expiry_pattern the expiry is
// the first valid date shortly after "valid until", "expires", "valable
// jusqu'au", "gültig bis", "до", "صالح حتى" …
//
// Errors when no amount is found; the message quotes at most 60 characters.
modem::Result<CreditReading> ParseCredit(std::string_view text, const CompiledRule& rule);

// "5.78 EUR", "-3.20 EUR", "1234.50 FCFA", "1.234 KWD" (three decimals only
// when the amount needs them), "12.00" without a currency.
std::string FormatAmount(double amount, std::string_view currency);

}  // namespace smsdesk::credit
