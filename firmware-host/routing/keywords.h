// System keywords: STOP, START, JOIN/LEAVE <topic>, HELP, LANG <code>, MENU,
// in every language the desk serves (en, fr, ar + dialects, Arabizi, fa/Dari,
// uk, es), recognised only when they are the whole message.
//
// Whole-message matching is what keeps "how do I stop my phone plan?" or
// "stop the bus?" questions for the FAQ and the moderators: a keyword may be
// surrounded only by punctuation, whitespace, politeness words ("STOP
// please", "merci", "شكرا") and repeats of itself ("STOP STOP"). Text is
// compared after faq::NormalizeText, so case, accents, Arabic hamza seats,
// taa marbuta, alef maqsura, Persian yeh/kaf and Eastern digits do not matter.
//
// Arguments: JOIN/LEAVE take a configured topic (its id, localized names or
// aliases, possibly several words); LANG takes a language code or name. A
// stop or start word followed by anything that is not a topic ("stop the
// bus") is not a keyword. A question mark makes a message with an argument a
// question, not a command ("stop bus?"); a bare "STOP?" is still STOP, since
// a person who answers an alert with it means it.
//
// The spellings, the names of languages, the politeness words and the
// connectors are data (data/lang/, read by lexicon/): a KeywordTable is
// built from a Lexicon, the compiled-in one or a box's with its additions.
// Pure functions; a table is immutable.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/base/language.h"

namespace smsdesk::lexicon {
struct Lexicon;
}

namespace smsdesk::desk {

// An alerts topic from the config ("alerts", "bus", "storm", "events").
struct Topic {
  std::string id;
  // How the topic is called in each language; shown in replies and accepted
  // after JOIN/LEAVE ("autobus scolaire", "الباص").
  std::map<faq::Lang, std::string> names;
  // Other accepted spellings ("school bus", "bas", "autobus").
  std::vector<std::string> aliases;
};

// The topic's name in `lang`, else its English name, else its id.
std::string TopicDisplayName(const Topic& topic, faq::Lang lang);

enum class KeywordKind { kStop, kStart, kJoin, kLeave, kHelp, kLang, kMenu };
std::string_view KeywordKindName(KeywordKind kind);  // "stop", "start", …

struct KeywordCommand {
  KeywordKind kind = KeywordKind::kHelp;
  // kJoin/kLeave: the topic id; empty when the word after JOIN names no
  // configured topic (or nothing followed): the reply lists the topics.
  std::string topic;
  // What followed the keyword when it named no topic or language ("xyz").
  std::string unknown_argument;
  // kLang: the chosen language; kUnknown when the code was not recognised.
  faq::Lang lang = faq::Lang::kUnknown;
  // The language the keyword itself is written in ("ARRET" -> fr), or
  // kUnknown for words shared by several languages ("STOP", "MENU", "توقف").
  faq::Lang keyword_lang = faq::Lang::kUnknown;
  // The message as typed, trimmed: recorded with every consent change.
  std::string keyword;
};

// The keyword lists of a Lexicon, compiled for matching.
class KeywordTable {
 public:
  explicit KeywordTable(const lexicon::Lexicon& lexicon);
  ~KeywordTable();
  KeywordTable(const KeywordTable&) = delete;
  KeywordTable& operator=(const KeywordTable&) = delete;
  // The compiled-in lists' table, built once.
  static const KeywordTable& Builtin();
  struct Tables;

 private:
  friend std::optional<KeywordCommand> ParseSystemKeyword(std::string_view, const std::vector<Topic>&,
                                                          const KeywordTable&);
  friend faq::Lang LanguageFromName(std::string_view, const KeywordTable&);
  std::unique_ptr<Tables> tables_;
};

// Recognises a system keyword that is the whole of `text`; nullopt for any
// other message (which then goes to urgency detection and the FAQ).
std::optional<KeywordCommand> ParseSystemKeyword(std::string_view text, const std::vector<Topic>& topics,
                                                 const KeywordTable& table = KeywordTable::Builtin());

// A language named by a code ("fr", "ar", "prs", "ua") or by its name in any
// of the desk's languages ("français", "العربية", "دری", "3arabi").
// Normalized, single or multi-word; kUnknown if not a language.
faq::Lang LanguageFromName(std::string_view text, const KeywordTable& table = KeywordTable::Builtin());

}  // namespace smsdesk::desk
