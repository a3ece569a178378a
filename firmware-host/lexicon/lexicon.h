// The desk's word lists as data: per language, the danger vocabulary (the
// urgency detector's patterns, negations and information cues) and the SMS
// keywords (STOP, START, JOIN… spellings, the names people give languages,
// politeness words and connectors). The files of data/lang/ are compiled in
// as the defaults; a box adds its own from a folder (desk.word_lists,
// /etc/smsdesk/lang by default: *.toml files of the same form), and
// moderators add phrases from the console (kept in the store). What is
// added extends the lists; nothing a file or a moderator adds can remove a
// compiled-in danger pattern.
//
// Pure data and its checks: the urgency detector (safety/) and the keyword
// parser (routing/) compile what they need from a Lexicon. Thread-safe once
// built (immutable).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::lexicon {

// The danger kinds a pattern can name; "general" patterns are weak
// signals (two must agree), every other kind is strong.
inline constexpr std::string_view kDangerKinds[] = {"violence", "suicide", "medical", "fire", "child", "general"};
// What a keyword spelling means alone, or before a topic or a language.
inline constexpr std::string_view kMeanings[] = {"none", "stop", "start", "join", "leave", "help", "lang", "menu"};

// Where an entry came from: "builtin ar.toml:12", "/etc/smsdesk/lang/ar.toml:3",
// "console: amal".
struct Origin {
  std::string source;
  int line = 0;
  std::string Describe() const;
};

struct DangerPattern {
  std::string lang;  // a language code, or "shared"
  std::string kind;  // one of kDangerKinds
  std::string pattern;
  Origin origin;
};

struct Spelling {
  std::string lang;  // the language it tells the desk the sender reads; "shared": none
  std::string text;
  std::string alone;         // one of kMeanings
  std::string before_topic;  // one of kMeanings
  bool topic_word = false;   // only ever "subscribe"/"unsubscribe": an unknown word after it is a topic
  Origin origin;
};

struct LanguageName {
  std::string lang;  // the language named
  std::string text;
};

// One of the desk's own texts (an acknowledgement, the STOP confirmation…):
// `key` as routing/reply_texts.h names them; checked there.
struct DeskText {
  std::string lang;
  std::string key;
  std::string text;
  Origin origin;
};

struct Lexicon {
  std::vector<DangerPattern> danger;
  std::vector<std::string> negations;
  std::vector<std::string> information_cues;
  std::vector<Spelling> spellings;
  std::vector<LanguageName> language_names;
  std::vector<std::string> politeness;
  std::vector<std::string> connectors;
  std::vector<DeskText> texts;  // compiled-in files only
};

struct LexiconError {
  Origin origin;
  std::string message;
  std::string Describe() const { return origin.Describe() + ": " + message; }
};

// Limits that keep a file (or a moderator) from making the desk's work per
// message unbounded.
inline constexpr std::size_t kMaxFileBytes = 256 * 1024;
inline constexpr std::size_t kMaxPatternBytes = 300;
inline constexpr std::size_t kMaxSlots = 8;
inline constexpr std::size_t kMaxAlternatives = 64;
inline constexpr std::size_t kMaxEntries = 4'000;  // danger patterns, or spellings, in all

// Why `pattern` is not a valid danger pattern ("" when it is): slots
// separated by spaces, alternatives by '|', a '*' only at an alternative's
// start or end with at least two other characters ("w*" a prefix, "*w" a
// suffix, "*w*" a substring).
std::string CheckPattern(std::string_view pattern);
// Why `text` is not a valid keyword spelling ("" when it is).
std::string CheckSpelling(std::string_view text);

// Reads one language file (TOML) into `into`; each wrong value is an error
// with its line, and the file's other entries are still read. `source`
// names the file in errors and origins. The desk's own texts ([texts]) are
// read from the compiled-in files only (`builtin`); a box changes them in
// the config's [texts].
void ReadLanguageFile(std::string_view text, const std::string& source, Lexicon& into,
                      std::vector<LexiconError>& errors, bool builtin = false);

// The compiled-in lists (data/lang/), read once.
std::shared_ptr<const Lexicon> Builtin();

// The compiled-in lists and every *.toml file of `dir` (none when it does
// not exist; a file that is not readable or not valid is an error), in
// file name order.
struct Loaded {
  std::shared_ptr<const Lexicon> lexicon;
  std::vector<LexiconError> errors;
};
Loaded LoadWithFolder(const std::string& dir);

// One phrase a moderator adds: `list` is a danger kind ("medical"…) or a
// keyword meaning ("stop", "start"…, as a spelling alone and before a
// topic). Returns the error ("" when it was added to `into`).
std::string AddPhrase(Lexicon& into, const std::string& lang, const std::string& list, const std::string& text,
                      const Origin& origin);

}  // namespace smsdesk::lexicon
