// The pieces ParseCredit (credit_parser.h) reads a USSD screen with: the
// normalised text, its words and keywords, and the dates and numbers in it,
// each number with its currency and a verdict on whether it can be money.
// Internal to credit/; pure functions, thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::credit::scan {

struct Span {
  std::size_t begin = 0, end = 0;  // code point offsets in Text::raw
  bool empty() const { return begin == end; }
};

// A screen as code points: `raw` normalised (ASCII digits for Arabic-Indic
// and Persian ones, '.' for U+066B, U+066C dropped, spaces for NBSP, "\n"
// for CR, trailing blanks cut) and `folded` the same length in lower case
// with Arabic/Persian letter variants unified, for comparing words.
struct Text {
  explicit Text(std::string_view utf8);
  std::u32string raw, folded;
  std::size_t size() const { return raw.size(); }
  char32_t at(std::size_t i) const { return i < raw.size() ? raw[i] : U'\0'; }
  std::string Utf8(Span span) const;
  std::string Utf8() const { return Utf8({0, raw.size()}); }
};

// Runs of letters, with apostrophes inside ("jusqu'au").
std::vector<Span> FindWords(const Text& text);

// Where each occurrence of a keyword ends, in text order. A keyword may have
// several words ("valid until"); its last word of 4+ letters also matches the
// start of a longer word ("balances", "رصيدك"), and Arabic "ال" is skipped.
std::vector<std::size_t> KeywordEnds(const Text& text, const std::vector<Span>& words,
                                     std::span<const std::u32string_view> keywords);
std::size_t WordsBetween(const std::vector<Span>& words, std::size_t from, std::size_t to);

// The currency written right after `number` (glued or after spaces), else
// right before it ("$5", "EUR 5"); an empty span when there is none.
Span CurrencyNear(const Text& text, Span number);

struct DateHit {
  Span span;
  std::optional<std::chrono::year_month_day> date;  // nullopt: shaped like a date but impossible
};
// dd.mm.yyyy, dd/mm/yy, dd-mm-yyyy, yyyy-mm-dd (mm/dd/yyyy when day-first is
// impossible), "31 Dec 2026", "31 décembre 2026", "Dec 31, 2026".
std::vector<DateHit> FindDates(const Text& text, const std::vector<Span>& words);
// A date from three captured fields in `order` ("dmy", "mdy", "ymd"); the
// month may be a name, a two-digit year is 20yy.
std::optional<std::chrono::year_month_day> DateFromFields(std::string_view a, std::string_view b,
                                                          std::string_view c, std::string_view order);

struct NumberHit {
  Span span;
  Span currency_span;
  double value = 0;
  bool decimal = false;  // written with a decimal part
  std::string currency;  // as written ("Euro", "$", "руб"); empty when none
  bool money = true;     // false: a phone number, code, time, volume, menu item…
};
// Every number outside `dates`, in text order.
std::vector<NumberHit> FindNumbers(const Text& text, const std::vector<DateHit>& dates);

}  // namespace smsdesk::credit::scan
