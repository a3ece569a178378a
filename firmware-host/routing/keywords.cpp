#include "firmware-host/routing/keywords.h"

#include <algorithm>

#include "firmware-host/text/text_normalizer.h"
#include "modem/trim.h"

namespace smsdesk::desk {
namespace {

using faq::Lang;
using Words = std::vector<std::string>;

// What a spelling means alone (`bare`) and what it means before an argument
// (`with_arg`). kNone: not a keyword in that position ("LEAVE" alone says
// nothing about what to leave).
enum class Meaning { kNone, kStop, kStart, kJoin, kLeave, kHelp, kLang, kMenu };

struct Spelling {
  const char* text;
  Lang lang;  // kUnknown: shared by several languages
  Meaning bare;
  Meaning with_arg;
  // Words that only ever mean "subscribe"/"unsubscribe": an unknown word
  // after them is a topic the desk lacks ("JOIN XYZ" -> list the topics),
  // and "to"/"from"/"في" may stand before the topic. A stop word before an
  // unknown word is a sentence ("stop the bus"), not a command.
  bool topic_word = false;
};

constexpr Meaning S = Meaning::kStop, T = Meaning::kStart, J = Meaning::kJoin,
                  L = Meaning::kLeave, H = Meaning::kHelp, G = Meaning::kLang,
                  M = Meaning::kMenu, N = Meaning::kNone;

// Spellings people actually send, including carrier conventions (STOP, END,
// QUIT, CANCEL, UNSUBSCRIBE; CTIA short code handbook) and dialect forms.
// Cries for help ("help me", "ساعدني", "допоможіть", "socorro") are left
// out on purpose: they must reach the urgency detector, not a HELP text.
constexpr Spelling kSpellings[] = {
    // Stop: alone, everything; before a topic, that topic.
    {"stop", Lang::kUnknown, S, L}, {"stopall", Lang::kEn, S, N},
    {"unsubscribe", Lang::kEn, S, L, true}, {"unsub", Lang::kEn, S, L, true},
    {"end", Lang::kEn, S, N}, {"quit", Lang::kEn, S, N}, {"cancel", Lang::kEn, S, L},
    {"opt out", Lang::kEn, S, L, true}, {"optout", Lang::kEn, S, L, true},
    {"leave", Lang::kEn, N, L, true},
    {"arret", Lang::kFr, S, L}, {"arreter", Lang::kFr, S, L}, {"annuler", Lang::kFr, S, N},
    {"desabonner", Lang::kFr, S, L, true}, {"se desabonner", Lang::kFr, S, L, true},
    {"me desabonner", Lang::kFr, S, L, true}, {"desabonnement", Lang::kFr, S, L, true},
    {"desinscrire", Lang::kFr, S, L, true}, {"desinscription", Lang::kFr, S, L, true},
    {"quitter", Lang::kFr, N, L, true},
    {"baja", Lang::kEs, S, L, true}, {"dar de baja", Lang::kEs, S, L, true},
    {"darme de baja", Lang::kEs, S, L, true}, {"alto", Lang::kEs, S, N},
    {"parar", Lang::kEs, S, N}, {"cancelar", Lang::kEs, S, L}, {"detener", Lang::kEs, S, N},
    {"desuscribir", Lang::kEs, S, L, true}, {"desuscribirme", Lang::kEs, S, L, true},
    {"salir", Lang::kEs, N, L, true},
    {"توقف", Lang::kUnknown, S, L}, {"وقف", Lang::kAr, S, L}, {"أوقف", Lang::kAr, S, L},
    {"إلغاء", Lang::kAr, S, L}, {"الغاء", Lang::kAr, S, L}, {"ستوب", Lang::kAr, S, L},
    {"إلغاء الاشتراك", Lang::kAr, S, L, true}, {"الغاء اشتراك", Lang::kAr, S, L, true},
    {"wa2if", Lang::kArLatn, S, L}, {"wa2ef", Lang::kArLatn, S, L},
    {"waqef", Lang::kArLatn, S, L}, {"wa2f", Lang::kArLatn, S, L},
    {"ilgha2", Lang::kArLatn, S, L}, {"elgha2", Lang::kArLatn, S, L},
    {"2elgha2", Lang::kArLatn, S, L},
    {"لغو", Lang::kFa, S, L}, {"لغو اشتراک", Lang::kFa, S, L, true}, {"ایست", Lang::kFa, S, N},
    {"стоп", Lang::kUnknown, S, L}, {"відписатися", Lang::kUk, S, L, true},
    {"відписатись", Lang::kUk, S, L, true}, {"скасувати", Lang::kUk, S, L},
    {"зупинити", Lang::kUk, S, N}, {"відмовитися", Lang::kUk, S, N},
    // Start: alone, messages again; before a topic, that topic.
    {"start", Lang::kUnknown, T, J}, {"unstop", Lang::kEn, T, N}, {"resume", Lang::kEn, T, N},
    {"opt in", Lang::kEn, T, J, true}, {"optin", Lang::kEn, T, J, true},
    {"commencer", Lang::kFr, T, J}, {"reprendre", Lang::kFr, T, N},
    {"demarrer", Lang::kFr, T, N}, {"reactiver", Lang::kFr, T, N},
    {"alta", Lang::kEs, T, J, true}, {"iniciar", Lang::kEs, T, N}, {"empezar", Lang::kEs, T, N},
    {"comenzar", Lang::kEs, T, N}, {"reanudar", Lang::kEs, T, N},
    {"ابدأ", Lang::kAr, T, J}, {"ابدء", Lang::kAr, T, J}, {"بدء", Lang::kAr, T, J},
    {"استئناف", Lang::kAr, T, N}, {"ستارت", Lang::kAr, T, J},
    {"ebda2", Lang::kArLatn, T, J}, {"ibda2", Lang::kArLatn, T, J},
    {"2ebda2", Lang::kArLatn, T, J},
    {"شروع", Lang::kFa, T, J}, {"старт", Lang::kUnknown, T, J}, {"почати", Lang::kUk, T, J},
    {"відновити", Lang::kUk, T, N},
    // Join: a topic; alone, the list of topics.
    {"join", Lang::kEn, J, J, true}, {"subscribe", Lang::kEn, J, J, true},
    {"sign up", Lang::kEn, J, J, true}, {"signup", Lang::kEn, J, J, true},
    {"abonner", Lang::kFr, J, J, true}, {"s abonner", Lang::kFr, J, J, true},
    {"m abonner", Lang::kFr, J, J, true}, {"abonnement", Lang::kFr, J, J, true},
    {"inscrire", Lang::kFr, J, J, true}, {"s inscrire", Lang::kFr, J, J, true},
    {"m inscrire", Lang::kFr, J, J, true},
    {"suscribir", Lang::kEs, J, J, true}, {"suscribirme", Lang::kEs, J, J, true},
    {"suscribirse", Lang::kEs, J, J, true}, {"unirme", Lang::kEs, J, J, true},
    {"اشتراك", Lang::kUnknown, J, J, true}, {"اشترك", Lang::kAr, J, J, true},
    {"eshtirak", Lang::kArLatn, J, J, true}, {"ishtirak", Lang::kArLatn, J, J, true},
    {"eshtrak", Lang::kArLatn, J, J, true},
    {"عضویت", Lang::kFa, J, J, true},
    {"підписатися", Lang::kUk, J, J, true}, {"підписатись", Lang::kUk, J, J, true},
    {"підписка", Lang::kUk, J, J, true}, {"приєднатися", Lang::kUk, J, J, true},
    // Help.
    {"help", Lang::kEn, H, N}, {"info", Lang::kUnknown, H, N}, {"aide", Lang::kFr, H, N},
    {"ayuda", Lang::kEs, H, N}, {"مساعدة", Lang::kAr, H, N}, {"هيلب", Lang::kAr, H, N},
    {"mosa3ada", Lang::kArLatn, H, N}, {"musa3ada", Lang::kArLatn, H, N},
    {"mosa3de", Lang::kArLatn, H, N}, {"msa3de", Lang::kArLatn, H, N},
    {"کمک", Lang::kFa, H, N}, {"راهنما", Lang::kFa, H, N},
    {"допомога", Lang::kUk, H, N}, {"довідка", Lang::kUk, H, N},
    // Language: alone, the list; before a code or name, that language.
    {"lang", Lang::kUnknown, G, G}, {"language", Lang::kEn, G, G}, {"langue", Lang::kFr, G, G},
    {"idioma", Lang::kEs, G, G}, {"لغة", Lang::kAr, G, G}, {"اللغة", Lang::kAr, G, G},
    {"زبان", Lang::kFa, G, G}, {"мова", Lang::kUk, G, G},
    // Menu.
    {"menu", Lang::kUnknown, M, N}, {"القائمة", Lang::kAr, M, N}, {"قائمة", Lang::kAr, M, N},
    {"منيو", Lang::kAr, M, N}, {"منو", Lang::kFa, M, N}, {"فهرست", Lang::kFa, M, N},
    {"меню", Lang::kUk, M, N},
};

struct LanguageName {
  const char* text;
  Lang lang;
};

// Codes (ISO 639-1, Dari's 639-3 "prs", the common "ua") and names in each
// of the desk's languages, so that a Dari speaker can type "دری" and a
// French speaker "anglais".
constexpr LanguageName kLanguageNames[] = {
    {"en", Lang::kEn}, {"eng", Lang::kEn}, {"english", Lang::kEn}, {"anglais", Lang::kEn},
    {"ingles", Lang::kEn}, {"انجليزي", Lang::kEn}, {"انكليزي", Lang::kEn},
    {"الانجليزية", Lang::kEn}, {"الانكليزية", Lang::kEn}, {"انگلیسی", Lang::kEn},
    {"англійська", Lang::kEn}, {"inglizi", Lang::kEn}, {"englizi", Lang::kEn},
    {"fr", Lang::kFr}, {"fra", Lang::kFr}, {"french", Lang::kFr}, {"francais", Lang::kFr},
    {"frances", Lang::kFr}, {"فرنسي", Lang::kFr}, {"الفرنسية", Lang::kFr},
    {"فرنسية", Lang::kFr}, {"فرانسوی", Lang::kFr}, {"французька", Lang::kFr},
    {"fransawi", Lang::kFr}, {"faransi", Lang::kFr},
    {"ar", Lang::kAr}, {"ara", Lang::kAr}, {"arabic", Lang::kAr}, {"arabe", Lang::kAr},
    {"عربي", Lang::kAr}, {"العربية", Lang::kAr}, {"عربية", Lang::kAr}, {"عربی", Lang::kAr},
    {"3arabi", Lang::kAr}, {"arabi", Lang::kAr}, {"арабська", Lang::kAr},
    {"fa", Lang::kFa}, {"fas", Lang::kFa}, {"prs", Lang::kFa}, {"dari", Lang::kFa},
    {"farsi", Lang::kFa}, {"persian", Lang::kFa}, {"persan", Lang::kFa}, {"persa", Lang::kFa},
    {"دری", Lang::kFa}, {"فارسی", Lang::kFa}, {"الفارسية", Lang::kFa}, {"فارسية", Lang::kFa},
    {"фарсі", Lang::kFa}, {"перська", Lang::kFa}, {"дарі", Lang::kFa},
    {"uk", Lang::kUk}, {"ua", Lang::kUk}, {"ukr", Lang::kUk}, {"ukrainian", Lang::kUk},
    {"ukrainien", Lang::kUk}, {"ucraniano", Lang::kUk}, {"українська", Lang::kUk},
    {"украинский", Lang::kUk}, {"الاوكرانية", Lang::kUk}, {"اوکراینی", Lang::kUk},
    {"es", Lang::kEs}, {"spa", Lang::kEs}, {"spanish", Lang::kEs}, {"espagnol", Lang::kEs},
    {"espanol", Lang::kEs}, {"castellano", Lang::kEs}, {"الاسبانية", Lang::kEs},
    {"اسباني", Lang::kEs}, {"اسپانیایی", Lang::kEs}, {"іспанська", Lang::kEs},
};

// Codes are too short to be a message on their own ("es" is a word); only
// a language's name, alone, is read as LANG.
bool IsBareCode(std::string_view text) { return text.size() <= 3; }

// Words that may surround a keyword without changing it.
constexpr const char* kPoliteness[] = {
    "please", "pls", "plz", "thanks", "thank you", "thankyou", "thx", "ok", "okay", "now",
    "all", "merci", "merci beaucoup", "svp", "stp", "s il vous plait", "s il te plait",
    "maintenant", "tout", "por favor", "porfa", "gracias", "todo", "todos", "ya",
    "شكرا", "من فضلك", "لو سمحت", "رجاء", "الرجاء", "بليز", "الكل", "shukran", "shokran",
    "لطفا", "ممنون", "مرسی", "همه", "будь ласка", "дякую", "прошу", "все",
};

// May stand between a topic word and its topic ("unsubscribe from bus").
constexpr const char* kConnectors[] = {
    "to", "from", "for", "a", "au", "aux", "de", "du", "en", "al", "del",
    "في", "من", "به", "از", "на", "від", "до",
};

Words WordsOf(std::string_view text) {
  Words words;
  for (faq::Token& t : faq::Tokenize(faq::NormalizeText(text))) words.push_back(std::move(t.text));
  return words;
}

struct CompiledSpelling {
  Words words;
  const Spelling* spelling;
};

struct Tables {
  std::vector<CompiledSpelling> spellings;  // longest first
  std::vector<std::pair<Words, Lang>> languages;
  std::vector<Words> politeness;  // longest first
  std::vector<Words> connectors;
};

const Tables& CompiledTables() {
  // Built once from constant data; immutable afterwards.
  static const Tables tables = [] {
    Tables t;
    for (const Spelling& s : kSpellings) t.spellings.push_back({WordsOf(s.text), &s});
    std::stable_sort(t.spellings.begin(), t.spellings.end(),
                     [](const auto& a, const auto& b) { return a.words.size() > b.words.size(); });
    for (const LanguageName& n : kLanguageNames) t.languages.emplace_back(WordsOf(n.text), n.lang);
    for (const char* p : kPoliteness) t.politeness.push_back(WordsOf(p));
    std::stable_sort(t.politeness.begin(), t.politeness.end(),
                     [](const Words& a, const Words& b) { return a.size() > b.size(); });
    for (const char* c : kConnectors) t.connectors.push_back(WordsOf(c));
    return t;
  }();
  return tables;
}

// Whether words[pos, pos+phrase.size()) equals `phrase`.
bool MatchesAt(const Words& words, size_t pos, const Words& phrase) {
  if (phrase.empty() || pos + phrase.size() > words.size()) return false;
  return std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(pos));
}

// Removes politeness words at both ends ("please STOP thanks").
void TrimPoliteness(Words& words) {
  const Tables& t = CompiledTables();
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

Lang LanguageFromWords(const Words& words, bool allow_codes) {
  for (const auto& [name, lang] : CompiledTables().languages) {
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

faq::Lang LanguageFromName(std::string_view text) {
  if (TooLongForAKeyword(text)) return faq::Lang::kUnknown;
  return LanguageFromWords(WordsOf(text), /*allow_codes=*/true);
}

std::optional<KeywordCommand> ParseSystemKeyword(std::string_view text,
                                                 const std::vector<Topic>& topics) {
  if (TooLongForAKeyword(text)) return std::nullopt;
  Words words = WordsOf(text);
  TrimPoliteness(words);
  if (words.empty()) return std::nullopt;
  const bool question = text.find('?') != std::string_view::npos ||
                        text.find("\xD8\x9F") != std::string_view::npos;  // U+061F ؟

  KeywordCommand command;
  command.keyword = std::string(Trim(text));

  // A language's name alone: "français", "عربي", "دری".
  if (Lang lang = LanguageFromWords(words, /*allow_codes=*/false); lang != Lang::kUnknown) {
    command.kind = KeywordKind::kLang;
    command.lang = lang;
    command.keyword_lang = lang;
    return command;
  }

  const Tables& tables = CompiledTables();
  for (const CompiledSpelling& compiled : tables.spellings) {
    if (!MatchesAt(words, 0, compiled.words)) continue;
    const Spelling& s = *compiled.spelling;
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
      command.lang = LanguageFromWords(rest, /*allow_codes=*/true);
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
