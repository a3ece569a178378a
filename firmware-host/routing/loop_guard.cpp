#include "firmware-host/routing/loop_guard.h"

#include <string>

#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::desk {
namespace {

// Texts are compared on their first code points only: a robot repeating
// itself repeats its start too, and a 255-part text costs no more than this.
constexpr std::size_t kFoldedCodePoints = 2'000;

// The words of a text's start, normalized and joined by single spaces; a
// text with no words at all (emoji, punctuation) is compared as normalized.
std::string Folded(std::string_view text) {
  const std::string normalized = faq::NormalizeTextPrefix(text, kFoldedCodePoints);
  std::string out;
  for (const faq::Token& t : faq::Tokenize(normalized)) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  if (!out.empty()) return out;
  for (char c : normalized)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out += c;
  return out;
}

}  // namespace

bool IsShortCodeOrAlphanumeric(std::string_view sender, const LoopGuardConfig& config) {
  int digits = 0;
  for (size_t i = 0; i < sender.size(); ++i) {
    const char c = sender[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' && i == 0) {
      continue;  // international format
    } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
      continue;  // formatting a person might type in the console
    } else {
      return true;  // a letter or any other symbol: not a phone number
    }
  }
  return digits <= config.max_short_code_digits;
}

bool IsAutoReplyAllowed(std::string_view sender, int recent_auto_replies,
                        const LoopGuardConfig& config) {
  return !IsShortCodeOrAlphanumeric(sender, config) &&
         recent_auto_replies < config.auto_replies_per_hour;
}

bool IsRepeatedText(std::string_view text, std::chrono::sys_seconds at,
                    std::string_view previous_text, std::chrono::sys_seconds previous_at,
                    const LoopGuardConfig& config) {
  if (at - previous_at > config.repeat_window || at < previous_at) return false;
  const std::string folded = Folded(text);
  return !folded.empty() && folded == Folded(previous_text);
}

}  // namespace smsdesk::desk
