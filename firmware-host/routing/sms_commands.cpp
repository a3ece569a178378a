// SMS commands: forward scans over the bytes, no regex, no recursion.
#include "firmware-host/routing/sms_commands.h"

#include <array>
#include <span>
#include <utility>

namespace smsdesk::desk {
namespace {

// The longest ticket number a relay answer may name (ids are SQLite rowids;
// nine digits is a billion tickets) and the longest digit run read as a PIN.
constexpr std::size_t kMaxTicketDigits = 9;
constexpr std::size_t kMaxPinDigits = 12;
// Shorter digit runs after "#17 " are text ("#17 2 buses"), not a PIN.
constexpr std::size_t kMinRedactedDigits = 4;

// Whitespace as phones send it: ASCII, no-break space (U+00A0), narrow
// no-break space (U+202F), ideographic space (U+3000). Bytes, 0 if none.
std::size_t SpaceAt(std::string_view s, std::size_t at) {
  if (at >= s.size()) return 0;
  const unsigned char c = static_cast<unsigned char>(s[at]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  const std::string_view rest = s.substr(at);
  if (rest.starts_with("\xC2\xA0")) return 2;
  if (rest.starts_with("\xE2\x80\xAF") || rest.starts_with("\xE3\x80\x80")) return 3;
  return 0;
}

std::size_t SkipSpaces(std::string_view s, std::size_t at) {
  while (std::size_t n = SpaceAt(s, at)) at += n;
  return at;
}

std::string_view TrimEnd(std::string_view s) {
  // Trailing ASCII whitespace and the multi-byte spaces above.
  while (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else if (s.ends_with("\xE2\x80\xAF") || s.ends_with("\xE3\x80\x80")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

// A run of at most `max` digits from `at`: their ASCII spelling and the end,
// or nullopt when there is none or it is longer than `max`.
struct DigitRun {
  std::string ascii;
  std::size_t end = 0;
};
std::optional<DigitRun> ReadDigits(std::string_view s, std::size_t at, std::size_t max) {
  DigitRun run{.end = at};
  while (auto d = ReadDigit(s, run.end)) {
    if (run.ascii.size() == max) return std::nullopt;
    run.ascii.push_back(static_cast<char>('0' + d->value));
    run.end += d->bytes;
  }
  if (run.ascii.empty()) return std::nullopt;
  return run;
}

// A word ends at whitespace or at the end of the text.
bool WordEndsAt(std::string_view s, std::size_t at) { return at == s.size() || SpaceAt(s, at) > 0; }

// ASCII case-insensitive prefix match of a keyword at `at`; its end or 0.
std::size_t KeywordAt(std::string_view s, std::size_t at, std::string_view keyword) {
  if (s.size() - at < keyword.size()) return 0;
  for (std::size_t i = 0; i < keyword.size(); ++i) {
    char c = s[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != keyword[i]) return 0;
  }
  return WordEndsAt(s, at + keyword.size()) ? at + keyword.size() : 0;
}

std::size_t AnyKeywordAt(std::string_view s, std::size_t at, std::span<const std::string_view> keywords) {
  for (std::string_view k : keywords) {
    if (std::size_t end = KeywordAt(s, at, k)) return end;
  }
  return 0;
}

constexpr std::array<std::string_view, 4> kAlertWords = {"alerte", "alerta", "alert",
                                                         "\xD8\xAA\xD9\x86\xD8\xA8\xD9\x8A\xD9\x87"};  // تنبيه
constexpr std::array<std::string_view, 4> kEmergencyWords = {"urgent", "emergency", "urgence", "!"};

// Where the PIN of an alert starts and ends ("ALERT 1234…"), or nullopt.
std::optional<std::pair<std::size_t, DigitRun>> AlertPinAt(std::string_view s) {
  std::size_t at = SkipSpaces(s, 0);
  const std::size_t after_word = AnyKeywordAt(s, at, kAlertWords);
  if (after_word == 0) return std::nullopt;
  at = SkipSpaces(s, after_word);
  if (at == after_word) return std::nullopt;
  auto pin = ReadDigits(s, at, kMaxPinDigits);
  if (!pin || !WordEndsAt(s, pin->end)) return std::nullopt;
  return std::make_pair(at, std::move(*pin));
}

void Star(std::string& out, std::string_view s, std::size_t from, std::size_t to) {
  // One '*' per digit, whatever its byte length.
  while (from < to) {
    auto d = ReadDigit(s, from);
    from += d ? d->bytes : 1;
    out.push_back('*');
  }
}

}  // namespace

std::optional<DigitAt> ReadDigit(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  const unsigned char c = static_cast<unsigned char>(text[at]);
  if (c >= '0' && c <= '9') return DigitAt{c - '0', 1};
  if (at + 1 >= text.size()) return std::nullopt;
  const unsigned char c2 = static_cast<unsigned char>(text[at + 1]);
  // U+0660-0669 is D9 A0-A9; U+06F0-06F9 is DB B0-B9.
  if (c == 0xD9 && c2 >= 0xA0 && c2 <= 0xA9) return DigitAt{c2 - 0xA0, 2};
  if (c == 0xDB && c2 >= 0xB0 && c2 <= 0xB9) return DigitAt{c2 - 0xB0, 2};
  return std::nullopt;
}

std::optional<RelayCommand> ParseRelayCommand(std::string_view body) {
  std::size_t at = SkipSpaces(body, 0);
  if (at >= body.size() || body[at] != '#') return std::nullopt;
  auto id = ReadDigits(body, at + 1, kMaxTicketDigits);
  if (!id) return std::nullopt;
  at = SkipSpaces(body, id->end);
  if (at == id->end) return std::nullopt;  // "#17abc", or "#17" alone
  const std::string_view text = TrimEnd(body.substr(at));
  if (text.empty()) return std::nullopt;
  return RelayCommand{.ticket_id = std::stoll(id->ascii), .text = std::string(text)};
}

namespace {

// The rest of an alert after its PIN, from `at`: [emergency word] topic text.
std::optional<SmsAlertCommand> ParseAlertRest(std::string_view body, std::size_t at, bool with_emergency_word) {
  SmsAlertCommand alert;
  if (with_emergency_word) {
    const std::size_t end = AnyKeywordAt(body, at, kEmergencyWords);
    const std::size_t next = end ? SkipSpaces(body, end) : end;
    if (next == end) return std::nullopt;
    alert.emergency = true;
    at = next;
  }
  std::size_t topic_end = at;
  while (topic_end < body.size() && SpaceAt(body, topic_end) == 0) ++topic_end;
  alert.topic_word = std::string(body.substr(at, topic_end - at));
  const std::size_t text_at = SkipSpaces(body, topic_end);
  if (alert.topic_word.empty() || text_at == topic_end) return std::nullopt;
  const std::string_view text = TrimEnd(body.substr(text_at));
  if (text.empty()) return std::nullopt;
  alert.text = std::string(text);
  return alert;
}

}  // namespace

std::optional<SmsAlertCommand> ParseSmsAlertCommand(std::string_view body) {
  auto pin = AlertPinAt(body);
  if (!pin) return std::nullopt;
  const std::size_t at = SkipSpaces(body, pin->second.end);
  if (at == pin->second.end) return std::nullopt;
  // "ALERT 123456 URGENT BUS text" is an emergency on BUS; "ALERT 123456
  // URGENT text" an information alert on a topic called URGENT (refused as
  // unknown, with the list of topics).
  auto alert = ParseAlertRest(body, at, true);
  if (!alert) alert = ParseAlertRest(body, at, false);
  if (alert) alert->pin = pin->second.ascii;
  return alert;
}

std::optional<PinAndText> SplitPin(std::string_view text) {
  const std::size_t at = SkipSpaces(text, 0);
  auto pin = ReadDigits(text, at, kMaxPinDigits);
  if (!pin || !WordEndsAt(text, pin->end)) return std::nullopt;
  return PinAndText{.pin = pin->ascii, .text = std::string(TrimEnd(text.substr(SkipSpaces(text, pin->end))))};
}

std::string RedactPins(std::string_view body) {
  std::optional<std::pair<std::size_t, std::size_t>> span;  // bytes to star
  if (auto alert = AlertPinAt(body)) {
    span = {alert->first, alert->second.end};
  } else {
    std::size_t at = SkipSpaces(body, 0);
    if (at < body.size() && body[at] == '#') {
      if (auto id = ReadDigits(body, at + 1, kMaxTicketDigits)) {
        const std::size_t pin_at = SkipSpaces(body, id->end);
        auto pin = pin_at > id->end ? ReadDigits(body, pin_at, kMaxPinDigits) : std::nullopt;
        if (pin && WordEndsAt(body, pin->end) && pin->ascii.size() >= kMinRedactedDigits) {
          span = {pin_at, pin->end};
        }
      }
    }
  }
  if (!span) return std::string(body);
  std::string out(body.substr(0, span->first));
  Star(out, body, span->first, span->second);
  out.append(body.substr(span->second));
  return out;
}

}  // namespace smsdesk::desk
