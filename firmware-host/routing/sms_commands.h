// The two SMS commands that act for someone else, parsed by hand:
//
//   #17 482193 We can help: call 613-555-0100.     a moderator's relay answer
//   ALERT 482193 URGENT BUS No school buses today.   an agency's alert
//
// Anyone can put any caller ID on an SMS, so both carry a PIN (see desk.h).
// The parsers are single forward scans: their work is linear in the text and
// they never recurse, whatever a stranger sends (a 255-part text starting
// with "#1 " used to overflow the stack of a std::regex). Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smsdesk::desk {

// "#<ticket> <text>": the text is everything after the ticket number,
// trimmed; whether its first word is the moderator's PIN is the desk's call
// (SplitPin), since only the desk knows whether that moderator has one.
struct RelayCommand {
  std::int64_t ticket_id = 0;
  std::string text;  // never empty
};
std::optional<RelayCommand> ParseRelayCommand(std::string_view body);

// "ALERT <PIN> [URGENT|EMERGENCY|URGENCE|!] <TOPIC> <text>" (ALERTE, ALERTA,
// تنبيه too, any case). The PIN is 1 to 12 digits here so that a short or
// mistyped PIN is still recognised, refused and redacted.
struct SmsAlertCommand {
  std::string pin;
  bool emergency = false;
  std::string topic_word;
  std::string text;  // never empty
};
std::optional<SmsAlertCommand> ParseSmsAlertCommand(std::string_view body);

// The first word of `text` when it is all digits (ASCII, Arabic-Indic or
// Persian, returned as ASCII), and the rest after it; nullopt otherwise.
struct PinAndText {
  std::string pin;
  std::string text;  // may be empty
};
std::optional<PinAndText> SplitPin(std::string_view text);

// `body` with every PIN the two commands above could carry replaced by '*'
// (one per digit), whoever sent it: a PIN typed from the wrong phone must not
// reach the queue, the moderators' relay SMS or the store either.
std::string RedactPins(std::string_view body);

// Digits a phone may type: ASCII, Arabic-Indic (U+0660-0669) and Persian
// (U+06F0-06F9). The value 0-9 of the digit at `text[at]` and its length in
// bytes, or nullopt.
struct DigitAt {
  int value = 0;
  std::size_t bytes = 0;
};
std::optional<DigitAt> ReadDigit(std::string_view text, std::size_t at);

}  // namespace smsdesk::desk
