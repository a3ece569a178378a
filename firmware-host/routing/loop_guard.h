// Loop and cost protection (docs/design.md "Safety and privacy"): two robots must
// never text each other forever and burn the SIM's credit.
//   - No automatic reply to an alphanumeric sender ("InfoSMS", an operator's
//     promotions) or a short code (a service number of a few digits): they
//     are machines, and an alphanumeric sender cannot be answered at all.
//   - At most `auto_replies_per_hour` automatic replies to one number in any
//     hour; over the cap the desk stays silent (messages still reach tickets).
//   - A text identical (after normalization) to the last one of the open
//     ticket, within a window, folds into that ticket with no new reply.
// Pure functions of their arguments; the caller counts from the store.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace smsdesk::desk {

struct LoopGuardConfig {
  // Numbers of at most this many digits are short codes (Canada and the US
  // use 5-6 digits; elsewhere 3-6).
  int max_short_code_digits = 6;
  // Automatic replies (FAQ answers, acknowledgements, keyword confirmations)
  // to one number per rolling hour.
  int auto_replies_per_hour = 5;
  // Menu screens and answers a person asked for by number, per rolling hour:
  // a menu walk takes several, a robot echoing "1" must still stop.
  int menu_replies_per_hour = 30;
  // How long an identical text still counts as a repeat.
  std::chrono::seconds repeat_window = std::chrono::hours(24);
};

// True for senders the desk must never answer automatically: an address
// with any letter (alphanumeric sender ID), a number of at most
// `max_short_code_digits` digits, or no address at all.
bool IsShortCodeOrAlphanumeric(std::string_view sender, const LoopGuardConfig& config = {});

// Whether one more automatic reply may go to `sender`, who has had
// `recent_auto_replies` in the last hour.
bool IsAutoReplyAllowed(std::string_view sender, int recent_auto_replies,
                        const LoopGuardConfig& config = {});

// Whether `text` repeats `previous_text` (received at `previous_at`) within
// the window: equal after faq::NormalizeText and whitespace/punctuation
// folding, so "Hello?" and "hello ?" are one text. Blank texts never repeat.
bool IsRepeatedText(std::string_view text, std::chrono::sys_seconds at,
                    std::string_view previous_text, std::chrono::sys_seconds previous_at,
                    const LoopGuardConfig& config = {});

}  // namespace smsdesk::desk
