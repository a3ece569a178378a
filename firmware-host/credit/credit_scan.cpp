// How a USSD screen is read, piece by piece. Dates are found first, so that
// "31.12.2030" is never an amount; then numbers, each with the currency next
// to it and a verdict on whether it can be money at all (a phone number, a
// USSD code, a time, "3Gb" and "1. Recharge" cannot). Words, keywords and
// currencies are compared in the folded text.
#include "firmware-host/credit/credit_scan.h"

#include <utf8proc.h>

#include <algorithm>

#include "modem/unicode.h"

namespace smsdesk::credit::scan {
namespace {

using std::u32string_view;

// Written before or after the amount ("$5.78", "5.78 Euro", "5,78 ر.س"),
// compared in the folded text. ISO codes are below: many are words ("try",
// "mad", "pen") unless written in capitals.
constexpr u32string_view kCurrencyWords[] = {
    U"€", U"$", U"£", U"¥", U"₽", U"₴", U"₹", U"₺", U"₦", U"₱", U"₩", U"₪", U"₸", U"₼", U"₾", U"₫",
    U"₵", U"৳", U"﷼", U"r$", U"euro", U"euros", U"dollar", U"dollars", U"lei", U"zł", U"tl", U"lira",
    U"dh", U"dhs", U"dirham", U"dirhams", U"rial", U"riyal", U"toman", U"rs", U"tk", U"rp", U"rm",
    U"fcfa", U"cfa", U"naira", U"ksh", U"ush", U"tsh", U"dinar", U"dinars", U"руб", U"рубль",
    U"рублей", U"рубля", U"р", U"грн", U"тг", U"тенге", U"сум", U"лей", U"دينار", U"دج", U"د.ج",
    U"د.م", U"د.م.", U"درهم", U"د.إ", U"د.ك", U"د.ع", U"د.أ", U"د.ت", U"د.ل", U"ريال", U"ر.س",
    U"ر.ق", U"ر.ع", U"ر.ي", U"جنيه", U"ج.م", U"ليرة", U"ل.ل", U"ل.س", U"تومان", U"افغانی"};
// ISO 4217 codes and capital abbreviations, matched as written.
constexpr u32string_view kCurrencyCodes[] = {
    U"EUR", U"USD", U"GBP", U"CHF", U"RUB", U"UAH", U"BYN", U"KZT", U"UZS", U"AZN", U"GEL", U"AMD",
    U"MDL", U"RON", U"PLN", U"TRY", U"MAD", U"DZD", U"DA", U"TND", U"LYD", U"EGP", U"LE", U"SDG",
    U"SAR", U"AED", U"QAR", U"KWD", U"BHD", U"OMR", U"JOD", U"IQD", U"SYP", U"LBP", U"YER", U"IRR",
    U"IRT", U"AFN", U"PKR", U"INR", U"BDT", U"NPR", U"LKR", U"IDR", U"MYR", U"PHP", U"VND", U"THB",
    U"KRW", U"XOF", U"XAF", U"F CFA", U"F", U"NGN", U"GHS", U"KES", U"UGX", U"TZS", U"RWF", U"ETB",
    U"ZAR", U"ZMW", U"MWK", U"MZN", U"AOA", U"CDF", U"GNF", U"HTG", U"MXN", U"BRL", U"COP", U"ARS",
    U"PEN", U"CLP", U"PYG"};
// No minor unit: "5.000 Rp" and "5,000 FCFA" are five thousand.
constexpr u32string_view kWholeCurrencies[] = {U"idr", U"rp", U"vnd", U"₫", U"irr", U"irt", U"rial",
                                               U"ريال", U"toman", U"تومان", U"xof", U"xaf", U"fcfa",
                                               U"cfa", U"krw", U"₩", U"ugx", U"ush", U"clp", U"gnf",
                                               U"rwf", U"pyg"};
// Three decimals: "1.250 KWD" is one and a quarter.
constexpr u32string_view kMilleCurrencies[] = {U"kwd", U"bhd", U"omr", U"jod", U"tnd", U"lyd",
                                               U"dinar", U"dinars", U"دينار", U"د.ك", U"د.ت", U"د.ل",
                                               U"د.أ", U"ر.ع"};
// A number followed by one of these counts something else than money.
constexpr u32string_view kUnits[] = {
    U"kb", U"mb", U"gb", U"tb", U"ko", U"mo", U"go", U"sms", U"mms", U"min", U"mins", U"minute",
    U"minutes", U"minuten", U"minutos", U"sec", U"day", U"days", U"jour", U"jours", U"tage", U"días",
    U"dias", U"%", U"мб", U"гб", U"мин", U"минут", U"смс", U"дней", U"дня", U"день", U"يوم", U"ايام",
    U"دقيقة", U"دقائق", U"رسالة", U"رسائل", U"ميجا", U"جيجا", U"مگابایت", U"گیگابایت"};
// Month names (genitive for Russian); a word matches a name it begins with,
// if it has 3+ letters and no other month's name also begins with it.
constexpr u32string_view kMonths[][12] = {
    {U"january", U"february", U"march", U"april", U"may", U"june", U"july", U"august", U"september",
     U"october", U"november", U"december"},
    {U"janvier", U"février", U"mars", U"avril", U"mai", U"juin", U"juillet", U"août", U"septembre",
     U"octobre", U"novembre", U"décembre"},
    {U"januar", U"februar", U"märz", U"april", U"mai", U"juni", U"juli", U"august", U"september",
     U"oktober", U"november", U"dezember"},
    {U"enero", U"febrero", U"marzo", U"abril", U"mayo", U"junio", U"julio", U"agosto", U"septiembre",
     U"octubre", U"noviembre", U"diciembre"},
    {U"января", U"февраля", U"марта", U"апреля", U"мая", U"июня", U"июля", U"августа", U"сентября",
     U"октября", U"ноября", U"декабря"}};

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n'; }
bool IsLetter(char32_t c) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return true;
    default: return false;
  }
}

char32_t Fold(char32_t c) {
  switch (c) {
    case U'\u0649': case U'\u06CC': return U'\u064A';                 // alef maqsura, Persian yeh -> yeh
    case U'\u06A9': return U'\u0643';                                 // Persian keheh -> kaf
    case U'\u0622': case U'\u0623': case U'\u0625': return U'\u0627';  // alef with madda/hamza -> alef
    case U'\u2019': case U'\u02BC': return U'\'';
    default: return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
  }
}

std::u32string Fold(u32string_view s) {
  std::u32string out(s);
  for (char32_t& c : out) c = Fold(c);
  return out;
}

// docs/modem.md §2 texts arrive in Arabic-Indic digits, with NBSP thousands
// separators and CR/LF line breaks; everything below reads the ASCII form.
std::u32string Normalize(std::string_view utf8) {
  std::u32string out;
  for (char32_t c : modem::Utf8ToCodepointsLenient(utf8)) {
    if (c >= U'\u0660' && c <= U'\u0669') c = U'0' + (c - U'\u0660');
    else if (c >= U'\u06F0' && c <= U'\u06F9') c = U'0' + (c - U'\u06F0');
    else if (c == U'\u066B') c = U'.';
    else if (c == U'\u066C') continue;
    else if (c == U'\u00A0' || c == U'\u202F' || c == U'\u2007' || c == U'\u2009') c = U' ';
    else if (c == U'\u2212') c = U'-';
    else if (c == U'\r') c = U'\n';
    out.push_back(c);
  }
  while (!out.empty() && IsSpace(out.back())) out.pop_back();
  return out;
}

bool WordMatches(u32string_view word, u32string_view keyword, bool prefix_ok) {
  if (word.starts_with(U"ال") && !keyword.starts_with(U"ال") && word.size() > 3) word.remove_prefix(2);
  if (word == keyword) return true;
  return prefix_ok && keyword.size() >= 4 && word.starts_with(keyword);
}

std::vector<std::u32string> FoldAll(std::span<const u32string_view> list) {
  std::vector<std::u32string> out;
  for (u32string_view word : list) out.push_back(Fold(word));
  return out;
}

// The longest currency written at `pos` (forward) or ending at `pos` (backward).
std::size_t CurrencyAt(const Text& t, std::size_t pos, bool backward) {
  static const std::vector<std::u32string> words = FoldAll(kCurrencyWords);  // immutable once built
  std::size_t best = 0;
  auto try_one = [&](u32string_view k, const std::u32string& in) {
    if (backward ? pos < k.size() : pos + k.size() > t.size()) return;
    const std::size_t begin = backward ? pos - k.size() : pos;
    if (in.compare(begin, k.size(), k) != 0) return;
    if (IsLetter(k.front()) && begin > 0 && IsLetter(t.raw[begin - 1])) return;
    if (IsLetter(k.back()) && IsLetter(t.at(begin + k.size()))) return;
    best = std::max(best, k.size());
  };
  for (const std::u32string& k : words) try_one(k, t.folded);
  for (u32string_view k : kCurrencyCodes) try_one(k, t.raw);
  return best;
}

bool InList(u32string_view folded, const std::vector<std::u32string>& list) {
  return std::find(list.begin(), list.end(), folded) != list.end();
}

// ---- Dates
std::optional<int> MonthFromName(u32string_view word) {
  if (word.size() < 3) return std::nullopt;
  std::optional<int> found;
  for (const auto& language : kMonths) {
    for (int m = 0; m < 12; ++m) {
      if (!language[m].starts_with(word)) continue;
      if (found && *found != m + 1) return std::nullopt;  // "jui": juin or juillet
      found = m + 1;
    }
  }
  return found;
}

// A calendar date a credit can expire on: a Solar Hijri "1403/05/10" (Iran)
// is a valid Gregorian date, but not one that a SIM expires on.
std::optional<std::chrono::year_month_day> MakeDate(int y, int m, int d) {
  if (y < 100) y += 2000;
  if (y < 2000 || y > 2100) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month(static_cast<unsigned>(m)),
                                         std::chrono::day(static_cast<unsigned>(d))};
  if (m < 1 || m > 12 || d < 1 || d > 31 || !date.ok()) return std::nullopt;
  return date;
}

std::size_t DigitRun(const Text& t, std::size_t i) {
  std::size_t j = i;
  while (IsDigit(t.at(j))) ++j;
  return j - i;
}

int Value(const Text& t, std::size_t i, std::size_t n) {
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) v = v * 10 + static_cast<int>(t.raw[i + k] - U'0');
  return v;
}

// dd.mm.yyyy, dd/mm/yy, dd-mm-yyyy, yyyy-mm-dd (then mm/dd/yyyy when the
// day-first reading is impossible), "31 Dec 2026", "31 décembre 2026", "Dec 31, 2026".
std::optional<DateHit> DateAt(const Text& t, const std::vector<Span>& words, std::size_t i) {
  if (i > 0 && (IsDigit(t.raw[i - 1]) || IsLetter(t.raw[i - 1]))) return std::nullopt;
  auto word_at = [&](std::size_t pos) -> const Span* {
    for (const Span& w : words) {
      if (w.begin == pos) return &w;
    }
    return nullptr;
  };
  auto month_word = [&](const Span* w) {
    return w ? MonthFromName(u32string_view(t.folded).substr(w->begin, w->end - w->begin)) : std::nullopt;
  };
  auto skip = [&](std::size_t pos, std::u32string_view seps) {
    while (pos < t.size() && seps.find(t.raw[pos]) != u32string_view::npos) ++pos;
    return pos;
  };
  const std::size_t n1 = DigitRun(t, i);
  if (n1 >= 1 && n1 <= 4) {
    const char32_t sep = t.at(i + n1);
    const std::size_t i2 = i + n1 + 1, n2 = DigitRun(t, i2);
    if ((sep == U'.' || sep == U'/' || sep == U'-') && n2 >= 1 && n2 <= 2 && t.at(i2 + n2) == sep) {
      const std::size_t i3 = i2 + n2 + 1, n3 = DigitRun(t, i3);
      const std::size_t end = i3 + n3;
      const bool tail_ok = !(t.at(end) == sep && IsDigit(t.at(end + 1)));  // not 1.2.3.4
      if (tail_ok && n1 == 4 && n3 >= 1 && n3 <= 2) {
        return DateHit{{i, end}, MakeDate(Value(t, i, n1), Value(t, i2, n2), Value(t, i3, n3))};
      }
      if (tail_ok && n1 <= 2 && (n3 == 2 || n3 == 4)) {
        const int a = Value(t, i, n1), b = Value(t, i2, n2), y = Value(t, i3, n3);
        auto date = MakeDate(y, b, a);
        if (!date) date = MakeDate(y, a, b);
        return DateHit{{i, end}, date};
      }
    }
    if (n1 <= 2) {  // 31 Dec 2026
      const std::size_t mpos = skip(i + n1, U" -");
      const Span* w = mpos > i + n1 ? word_at(mpos) : nullptr;
      if (auto m = month_word(w)) {
        const std::size_t ypos = skip(w->end, U". -");
        if (ypos > w->end && DigitRun(t, ypos) == 4) {
          return DateHit{{i, ypos + 4}, MakeDate(Value(t, ypos, 4), *m, Value(t, i, n1))};
        }
      }
    }
    return std::nullopt;
  }
  if (auto m = month_word(word_at(i))) {  // Dec 31, 2026
    const std::size_t dpos = skip(word_at(i)->end, U". ");
    const std::size_t nd = DigitRun(t, dpos);
    if (nd >= 1 && nd <= 2) {
      const std::size_t ypos = skip(dpos + nd, U", ");
      if (ypos > dpos + nd && DigitRun(t, ypos) == 4) {
        return DateHit{{i, ypos + 4}, MakeDate(Value(t, ypos, 4), *m, Value(t, dpos, nd))};
      }
    }
  }
  return std::nullopt;
}

// ---- Numbers

// "-3.20", "Bal:-3.20", "-$3.20"; not the dash of "5-10".
bool SignBefore(const Text& t, std::size_t pos) {
  if (pos == 0 || t.raw[pos - 1] != U'-') return false;
  return pos < 2 || !(IsDigit(t.raw[pos - 2]) || IsLetter(t.raw[pos - 2]));
}

// Reads "1 234,50" from its digit groups and separators.
std::optional<std::pair<double, bool>> ReadNumber(const std::vector<u32string_view>& groups,
                                                  const std::u32string& seps, u32string_view currency) {
  auto thousands_ok = [&](std::size_t last) {
    if (groups[0].size() > 3) return false;
    for (std::size_t g = 1; g <= last; ++g) {
      if (groups[g].size() != 3) return false;
    }
    return true;
  };
  bool decimal = false;
  if (!seps.empty()) {
    const char32_t last = seps.back();
    const bool same = std::all_of(seps.begin(), seps.end(), [&](char32_t s) { return s == last; });
    const bool point = last == U'.' || last == U',';
    if (!same) {
      const bool others_same = std::all_of(seps.begin(), seps.end() - 1, [&](char32_t s) { return s == seps[0]; });
      if (!point || !others_same || !thousands_ok(groups.size() - 2)) return std::nullopt;
      decimal = true;
    } else if (seps.size() > 1 || !point) {
      if (!thousands_ok(groups.size() - 1)) return std::nullopt;
    } else if (groups[1].size() != 3 || groups[0] == U"0") {
      decimal = true;
    } else {  // one '.' or ',' before three digits: ambiguous
      const u32string_view c = currency;  // folded
      static const std::vector<std::u32string> mille = FoldAll(kMilleCurrencies), whole = FoldAll(kWholeCurrencies);
      decimal = InList(c, mille) || (last == U'.' && !InList(c, whole));
      if (!decimal && !thousands_ok(1)) return std::nullopt;
    }
  }
  double value = 0;
  for (std::size_t g = 0; g + (decimal ? 1 : 0) < groups.size(); ++g) {
    for (char32_t c : groups[g]) value = value * 10 + static_cast<double>(c - U'0');
  }
  if (decimal) {
    double scale = 1;
    for (char32_t c : groups.back()) value += static_cast<double>(c - U'0') * (scale /= 10);
  }
  return std::make_pair(value, decimal);
}

// Whether a number can be an amount, judged by its neighbours: not a USSD
// code ("*100#"), a phone number ("+49…", "4915783647410", "0800 123 456"),
// a time ("18:30"), a range ("5-10"), a volume or count ("3Gb", "100 MB",
// "30 days", "5%") or a menu item ("1. Recharge"). `plain_digits` counts the
// digits of a number written without separators (else 0).
bool CanBeMoney(const Text& t, const NumberHit& hit, std::size_t digits_end, std::size_t plain_digits,
                u32string_view first_group) {
  const std::size_t begin = hit.span.begin, end = hit.span.end;
  const char32_t prev = begin > 0 ? t.raw[begin - 1] : U'\n';
  const char32_t next = t.at(end);
  if (prev == U'*' || prev == U'#' || prev == U'+' || next == U'*' || next == U'#') return false;
  if (plain_digits >= 9 || (first_group.size() > 1 && first_group[0] == U'0')) return false;
  const bool digit_before_gap = begin > 1 && IsDigit(t.raw[begin - 2]);
  if ((prev == U' ' || prev == U':') && digit_before_gap) return false;  // "0800 123 456", "18:30"
  const char32_t gap = t.at(digits_end);
  if ((gap == U' ' || gap == U'-' || gap == U':') && IsDigit(t.at(digits_end + 1))) return false;
  if (!hit.currency.empty()) return true;
  if (IsLetter(next)) return false;  // "3Gb", "24h"
  std::size_t after = end, unit_end = end;
  while (t.at(after) == U' ') ++after;
  for (unit_end = after; IsLetter(t.at(unit_end)) || t.at(unit_end) == U'%';) ++unit_end;
  static const std::vector<std::u32string> units = FoldAll(kUnits);  // immutable once built
  if (InList(u32string_view(t.folded).substr(after, unit_end - after), units)) return false;
  std::size_t line = begin;
  while (line > 0 && t.raw[line - 1] == U' ') --line;
  const bool line_start = line == 0 || t.raw[line - 1] == U'\n';
  return !(line_start && !hit.decimal && (next == U'.' || next == U')') && (IsSpace(t.at(end + 1)) || end + 1 >= t.size()));
}

}  // namespace

Text::Text(std::string_view utf8) : raw(Normalize(utf8)), folded(Fold(raw)) {}

std::string Text::Utf8(Span span) const {
  return modem::CodepointsToUtf8(u32string_view(raw).substr(span.begin, span.end - span.begin));
}

// Runs of letters, with apostrophes inside ("jusqu'au").
std::vector<Span> FindWords(const Text& t) {
  std::vector<Span> words;
  for (std::size_t i = 0; i < t.size();) {
    if (!IsLetter(t.raw[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && (IsLetter(t.raw[j]) || (t.folded[j] == U'\'' && IsLetter(t.at(j + 1))))) ++j;
    words.push_back({i, j});
    i = j;
  }
  return words;
}

// Where each occurrence of a (possibly multi-word) keyword ends, in text order.
std::vector<std::size_t> KeywordEnds(const Text& t, const std::vector<Span>& words,
                                     std::span<const u32string_view> keywords) {
  const std::vector<std::u32string> folded = FoldAll(keywords);
  std::vector<std::size_t> ends;
  for (std::size_t w = 0; w < words.size(); ++w) {
    for (const std::u32string& k : folded) {
      std::size_t at = w, from = 0;
      bool ok = true;
      while (ok && from <= k.size()) {
        const std::size_t space = std::min(k.find(U' ', from), k.size());
        const bool last = space == k.size();
        ok = at < words.size() &&
             WordMatches(u32string_view(t.folded).substr(words[at].begin, words[at].end - words[at].begin),
                         u32string_view(k).substr(from, space - from), last);
        ++at;
        from = space + 1;
      }
      if (ok) {
        ends.push_back(words[at - 1].end);
        break;
      }
    }
  }
  return ends;
}

std::size_t WordsBetween(const std::vector<Span>& words, std::size_t from, std::size_t to) {
  return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), [&](const Span& w) {
    return w.begin >= from && w.end <= to;
  }));
}

// The currency written right after `number` (glued or after spaces), else right
// before it ("$5", "EUR 5", "EUR -5"); an empty span when there is none.
Span CurrencyNear(const Text& t, Span number) {
  std::size_t after = number.end;
  while (t.at(after) == U' ') ++after;
  if (std::size_t n = CurrencyAt(t, after, false)) return {after, after + n};
  std::size_t before = number.begin;
  if (before > 0 && t.raw[before - 1] == U'-') --before;
  while (before > 0 && t.raw[before - 1] == U' ') --before;
  if (std::size_t n = CurrencyAt(t, before, true)) return {before - n, before};
  return {};
}

std::vector<DateHit> FindDates(const Text& t, const std::vector<Span>& words) {
  std::vector<DateHit> dates;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (auto hit = DateAt(t, words, i)) {
      dates.push_back(*hit);
      i = hit->span.end - 1;
    }
  }
  return dates;
}

std::optional<std::chrono::year_month_day> DateFromFields(std::string_view a, std::string_view b,
                                                          std::string_view c, std::string_view order) {
  int y = 0, m = 0, d = 0;
  const std::string_view fields[] = {a, b, c};
  for (std::size_t i = 0; i < 3 && i < order.size(); ++i) {
    const Text field(fields[i]);
    const bool digits = field.size() > 0 && DigitRun(field, 0) == field.size();
    int value = digits && field.size() <= 4 ? Value(field, 0, field.size()) : 0;
    if (order[i] == 'm' && !digits) value = MonthFromName(field.folded).value_or(0);
    (order[i] == 'y' ? y : order[i] == 'm' ? m : d) = value;
  }
  if (y == 0 || m == 0 || d == 0) return std::nullopt;
  return MakeDate(y, m, d);
}

// Every number outside the dates, with its currency and whether it can be money.
std::vector<NumberHit> FindNumbers(const Text& t, const std::vector<DateHit>& dates) {
  std::vector<NumberHit> numbers;
  auto date = dates.begin();
  for (std::size_t i = 0; i < t.size(); ++i) {
    while (date != dates.end() && date->span.end <= i) ++date;
    if (date != dates.end() && date->span.begin <= i) {
      i = date->span.end - 1;
      continue;
    }
    if (!IsDigit(t.raw[i])) continue;
    std::vector<u32string_view> groups;
    std::u32string seps;
    std::size_t j = i;
    for (;;) {
      const std::size_t n = DigitRun(t, j);
      groups.push_back(u32string_view(t.raw).substr(j, n));
      j += n;
      const char32_t s = t.at(j);
      if (!IsDigit(t.at(j + 1)) || (s != U'.' && s != U',' && s != U'\'' && s != U' ')) break;
      // "1 234": a space joins groups only as a thousands separator.
      const bool spaces_only = std::all_of(seps.begin(), seps.end(), [](char32_t c) { return c == U' '; });
      if (s == U' ' && (DigitRun(t, j + 1) != 3 || !spaces_only || groups.back().size() > 3)) break;
      seps.push_back(s);
      ++j;
    }
    // "10,-- EUR", "10.-": German and Swiss for whole amounts.
    const std::size_t digits_end = j;
    const bool dash_cents = (t.at(j) == U',' || t.at(j) == U'.') && t.at(j + 1) == U'-';
    if (dash_cents) j += t.at(j + 2) == U'-' ? 3 : 2;
    NumberHit hit;
    hit.span = {i, j};
    i = j - 1;
    hit.currency_span = CurrencyNear(t, hit.span);
    const Span& cs = hit.currency_span;
    const bool currency_before = !cs.empty() && cs.end <= hit.span.begin;
    const bool minus = SignBefore(t, hit.span.begin) || (currency_before && SignBefore(t, cs.begin));
    hit.currency = t.Utf8(cs);
    const auto read = ReadNumber(groups, seps, u32string_view(t.folded).substr(cs.begin, cs.end - cs.begin));
    if (!read) continue;
    hit.value = minus ? -read->first : read->first;
    hit.decimal = read->second || dash_cents;
    std::size_t digits = 0;
    for (auto g : groups) digits += g.size();
    hit.money = CanBeMoney(t, hit, digits_end, seps.empty() ? digits : 0, groups[0]);
    numbers.push_back(std::move(hit));
  }
  return numbers;
}

}  // namespace smsdesk::credit::scan
