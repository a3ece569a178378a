#include "firmware-host/routing/keywords.h"

#include <algorithm>

#include "firmware-host/lexicon/lexicon.h"
#include "firmware-host/text/text_normalizer.h"
#include "modem/trim.h"

namespace smsdesk::desk {
// What the compiled tables hold (named, not anonymous: KeywordTable::Tables
// holds them).
namespace keyword_data {

using faq::Lang;
using Words = std::vector<std::string>;

// What a spelling means alone (`bare`) and what it means before an argument
// (`with_arg`). kNone: not a keyword in that position ("LEAVE" alone says
// nothing about what to leave).
enum class Meaning { kNone, kStop, kStart, kJoin, kLeave, kHelp, kLang, kMenu };

Meaning MeaningOf(std::string_view name) {
  static constexpr std::pair<std::string_view, Meaning> kNames[] = {
      {"stop", Meaning::kStop}, {"start", Meaning::kStart}, {"join", Meaning::kJoin}, {"leave", Meaning::kLeave},
      {"help", Meaning::kHelp}, {"lang", Meaning::kLang},   {"menu", Meaning::kMenu}};
  for (const auto& [text, meaning] : kNames) {
    if (text == name) return meaning;
  }
  return Meaning::kNone;
}

struct Spelling {
  Lang lang;  // kUnknown: shared by several languages
  Meaning bare;
  Meaning with_arg;
  // Words that only ever mean "subscribe"/"unsubscribe": an unknown word
  // after them is a topic the desk lacks ("JOIN XYZ" -> list the topics),
  // and "to"/"from"/"في" may stand before the topic. A stop word before an
  // unknown word is a sentence ("stop the bus"), not a command.
  bool topic_word = false;
};

// Codes are too short to be a message on their own ("es" is a word); only
// a language's name, alone, is read as LANG.
bool IsBareCode(std::string_view text) { return text.size() <= 3; }

Words WordsOf(std::string_view text) {
  Words words;
  for (faq::Token& t : faq::Tokenize(faq::NormalizeText(text))) words.push_back(std::move(t.text));
  return words;
}

struct CompiledSpelling {
  Words words;
  Spelling spelling;
};

}  // namespace keyword_data

using namespace keyword_data;

// The spellings (STOP, ARRET, وقف… : data/lang/, lexicon/), each as the
// words NormalizeText makes of it, longest first; the names of languages;
// the politeness words, longest first; the connectors. Immutable.
struct KeywordTable::Tables {
  std::vector<CompiledSpelling> spellings;
  std::vector<std::pair<Words, Lang>> languages;
  std::vector<Words> politeness;
  std::vector<Words> connectors;
};

KeywordTable::~KeywordTable() = default;

const KeywordTable& KeywordTable::Builtin() {
  static const KeywordTable table(*lexicon::Builtin());
  return table;
}

namespace {

using Tables = KeywordTable::Tables;

// Whether words[pos, pos+phrase.size()) equals `phrase`.
bool MatchesAt(const Words& words, size_t pos, const Words& phrase) {
  if (phrase.empty() || pos + phrase.size() > words.size()) return false;
  return std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(pos));
}

// Removes politeness words at both ends ("please STOP thanks").
void TrimPoliteness(const Tables& t, Words& words) {
  bool changed = true;
  while (changed && !words.empty()) {
    changed = false;
    for (const Words& p : t.politeness) {
      if (MatchesAt(words, 0, p) && p.size() < words.size()) {
        words.erase(words.begin(), words.begin() + static_cast<long>(p.size()));
        changed = true;
        break;
      }
      if (p.size() < words.size() && MatchesAt(words, words.size() - p.size(), p)) {
        words.resize(words.size() - p.size());
        changed = true;
        break;
      }
    }
  }
}

Lang LanguageFromWords(const Tables& t, const Words& words, bool allow_codes) {
  for (const auto& [name, lang] : t.languages) {
    if (name != words) continue;
    if (!allow_codes && words.size() == 1 && IsBareCode(words[0])) continue;
    // Arabizi writers read and get Arabic script.
    return lang == Lang::kArLatn ? Lang::kAr : lang;
  }
  return Lang::kUnknown;
}


const Topic* FindTopic(const Words& words, const std::vector<Topic>& topics) {
  for (const Topic& topic : topics) {
    if (WordsOf(topic.id) == words) return &topic;
    for (const auto& [lang, name] : topic.names)
      if (WordsOf(name) == words) return &topic;
    for (const std::string& alias : topic.aliases)
      if (WordsOf(alias) == words) return &topic;
  }
  return nullptr;
}

KeywordKind KindOf(Meaning m) {
  switch (m) {
    case Meaning::kStop: return KeywordKind::kStop;
    case Meaning::kStart: return KeywordKind::kStart;
    case Meaning::kJoin: return KeywordKind::kJoin;
    case Meaning::kLeave: return KeywordKind::kLeave;
    case Meaning::kLang: return KeywordKind::kLang;
    case Meaning::kMenu: return KeywordKind::kMenu;
    case Meaning::kHelp:
    case Meaning::kNone: break;
  }
  return KeywordKind::kHelp;
}

}  // namespace

KeywordTable::KeywordTable(const lexicon::Lexicon& lexicon) : tables_(std::make_unique<Tables>()) {
  Tables& t = *tables_;
  for (const std::string& p : lexicon.politeness) {
    if (Words words = WordsOf(p); !words.empty()) t.politeness.push_back(std::move(words));
  }
  std::stable_sort(t.politeness.begin(), t.politeness.end(),
                   [](const Words& a, const Words& b) { return a.size() > b.size(); });
  for (const lexicon::Spelling& s : lexicon.spellings) {
    Words words = WordsOf(s.text);
    // A message loses its polite words before it is compared ("STOP
    // please"): a spelling written with one ("basta ya") loses it too.
    TrimPoliteness(t, words);
    if (words.empty()) continue;
    t.spellings.push_back({std::move(words), {LangFromCode(s.lang), MeaningOf(s.alone), MeaningOf(s.before_topic),
                                              s.topic_word}});
  }
  std::stable_sort(t.spellings.begin(), t.spellings.end(),
                   [](const auto& a, const auto& b) { return a.words.size() > b.words.size(); });
  for (const lexicon::LanguageName& n : lexicon.language_names) {
    if (Words words = WordsOf(n.text); !words.empty()) t.languages.emplace_back(std::move(words), LangFromCode(n.lang));
  }
  for (const std::string& c : lexicon.connectors) {
    if (Words words = WordsOf(c); !words.empty()) t.connectors.push_back(std::move(words));
  }
}

std::string TopicDisplayName(const Topic& topic, faq::Lang lang) {
  if (lang == Lang::kArLatn) lang = Lang::kAr;
  if (auto it = topic.names.find(lang); it != topic.names.end()) return it->second;
  if (auto it = topic.names.find(Lang::kEn); it != topic.names.end()) return it->second;
  return topic.id;
}

std::string_view KeywordKindName(KeywordKind kind) {
  switch (kind) {
    case KeywordKind::kStop: return "stop";
    case KeywordKind::kStart: return "start";
    case KeywordKind::kJoin: return "join";
    case KeywordKind::kLeave: return "leave";
    case KeywordKind::kHelp: return "help";
    case KeywordKind::kLang: return "lang";
    case KeywordKind::kMenu: return "menu";
  }
  return "help";
}

// No keyword message (a keyword, a topic's name, a few polite words) is
// longer than this: a longer text is never normalized whole here.
constexpr std::size_t kLongestKeywordCodePoints = 300;

bool TooLongForAKeyword(std::string_view text) {
  return faq::FirstCodePoints(text, kLongestKeywordCodePoints).size() < text.size();
}

faq::Lang LanguageFromName(std::string_view text, const KeywordTable& table) {
  if (TooLongForAKeyword(text)) return faq::Lang::kUnknown;
  return LanguageFromWords(*table.tables_, WordsOf(text), /*allow_codes=*/true);
}

std::optional<KeywordCommand> ParseSystemKeyword(std::string_view text, const std::vector<Topic>& topics,
                                                 const KeywordTable& table) {
  if (TooLongForAKeyword(text)) return std::nullopt;
  const Tables& tables = *table.tables_;
  Words words = WordsOf(text);
  TrimPoliteness(tables, words);
  if (words.empty()) return std::nullopt;
  const bool question = text.find('?') != std::string_view::npos ||
                        text.find("\xD8\x9F") != std::string_view::npos;  // U+061F ؟

  KeywordCommand command;
  command.keyword = std::string(Trim(text));

  // A language's name alone: "français", "عربي", "دری".
  if (Lang lang = LanguageFromWords(tables, words, /*allow_codes=*/false); lang != Lang::kUnknown) {
    command.kind = KeywordKind::kLang;
    command.lang = lang;
    command.keyword_lang = lang;
    return command;
  }

  for (const CompiledSpelling& compiled : tables.spellings) {
    if (!MatchesAt(words, 0, compiled.words)) continue;
    const Spelling& s = compiled.spelling;
    // The keyword and any repeats of it ("STOP STOP STOP").
    size_t pos = 0;
    while (MatchesAt(words, pos, compiled.words)) pos += compiled.words.size();
    Words rest(words.begin() + static_cast<long>(pos), words.end());
    command.keyword_lang = s.lang;

    if (rest.empty()) {
      if (s.bare == Meaning::kNone) return std::nullopt;
      command.kind = KindOf(s.bare);
      return command;
    }
    if (s.with_arg == Meaning::kNone || question) return std::nullopt;
    command.kind = KindOf(s.with_arg);

    if (s.with_arg == Meaning::kLang) {
      command.lang = LanguageFromWords(tables, rest, /*allow_codes=*/true);
      if (command.lang == Lang::kUnknown) {
        if (rest.size() > 1) return std::nullopt;  // a sentence, not a code
        command.unknown_argument = rest[0];
      }
      return command;
    }

    bool had_connector = false;
    if (s.topic_word) {
      for (const Words& c : tables.connectors) {
        if (MatchesAt(rest, 0, c) && c.size() < rest.size()) {
          rest.erase(rest.begin(), rest.begin() + static_cast<long>(c.size()));
          had_connector = true;
          break;
        }
      }
    }
    if (const Topic* topic = FindTopic(rest, topics)) {
      command.topic = topic->id;
      return command;
    }
    // "JOIN XYZ": the sender asked for a topic the desk does not have; the
    // reply lists the topics. "stop the bus", "salir del país" (leave the
    // country): sentences, not keywords.
    if (s.topic_word && rest.size() == 1 && !had_connector) {
      command.unknown_argument = rest[0];
      return command;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace smsdesk::desk
