// The desk's own SMS texts (acknowledgement, keyword confirmations, HELP,
// the urgent reply…) in each reply language: en, fr, ar, fa (Dari/Persian),
// uk, es. Arabizi senders read Arabic script; any other language English.
//
// The built-in texts are data (data/lang/*.toml, [texts], compiled in).
// Each built-in text fits in two SMS segments with realistic values filled
// in (tests check it with modem::PlanSegments), and names the keywords in
// the reader's language where one exists. Texts are templates with
// {placeholders}; the config may replace any (key, language) pair.
//
// There is deliberately no "you have reached the limit" text: when the
// per-number cap is reached the desk stays silent, since any answer to a
// robot feeds the loop the cap is there to stop.
//
// A ReplyTexts is a value: built once from the config, then read-only and
// safe to share between threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "firmware-host/base/language.h"

namespace smsdesk::desk {

enum class TextKey {
  kAck,           // {deadline}: "A moderator will answer by Monday 17:00."
  kStop,          // STOP confirmation, sent once
  kStart,         // START confirmation
  kJoin,          // {topic}
  kLeave,         // {topic}
  kUnknownTopic,  // {topics}: JOIN with no or an unknown topic
  kHelp,          // {numbers}: what the service is, how to ask, LANG, STOP
  kLang,          // LANG confirmation, in the new language
  kLangOptions,   // LANG with an unknown code: the codes
  kUrgent,        // {numbers}: the emergency numbers, at once
  kMenu,          // {topics}
  kEmergencyLine, // {numbers}: ends every acknowledgement, so a missed danger still knows whom to call
  kPossibleDanger,// {numbers}: the danger model is not sure; a person reads it now
};
inline constexpr size_t kTextKeyCount = 13;

// Config names: "ack", "stop", "start", "join", "leave", "unknown_topic",
// "help", "lang", "lang_options", "urgent", "menu", "emergency_line",
// "possible_danger".
std::string_view TextKeyName(TextKey key);
std::optional<TextKey> TextKeyFromName(std::string_view name);

// The values a template may use.
struct TextValues {
  std::string deadline;  // FormatDeadline(...)
  std::string topic;     // TopicDisplayName(...)
  std::string topics;    // display names, comma-separated
  std::string numbers;   // emergency numbers from the config, e.g. "911"
};

// The language a text is written in for `lang`: ar for Arabizi, en for
// languages without texts.
faq::Lang TextLanguage(faq::Lang lang);

class ReplyTexts {
 public:
  ReplyTexts();  // the compiled-in texts (data/lang/*.toml, [texts])

  // Replaces one text. False (and no change) when the template uses a
  // placeholder the key does not offer, or lacks one the key requires
  // ({numbers} in kUrgent, kHelp, kEmergencyLine and kPossibleDanger,
  // {deadline} in kAck): an urgent reply
  // without the numbers would be worse than the built-in one.
  bool Override(TextKey key, faq::Lang lang, std::string text);

  const std::string& Template(TextKey key, faq::Lang lang) const;
  std::string Render(TextKey key, faq::Lang lang, const TextValues& values) const;

 private:
  static constexpr size_t kLangCount = 6;  // ar, en, fr, es, fa, uk
  std::array<std::array<std::string, kLangCount>, kTextKeyCount> texts_;
};

}  // namespace smsdesk::desk
