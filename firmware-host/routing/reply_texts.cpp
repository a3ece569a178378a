#include "firmware-host/routing/reply_texts.h"

#include "firmware-host/base/language.h"
#include "firmware-host/lexicon/lexicon.h"

#include <utility>

namespace smsdesk::desk {
namespace {

using faq::Lang;

// The languages the desk writes its own texts in: the columns of texts_.
constexpr Lang kLangs[] = {Lang::kAr, Lang::kEn, Lang::kFr, Lang::kEs, Lang::kFa, Lang::kUk};

size_t Column(Lang lang) {
  const Lang text_lang = TextLanguage(lang);
  for (size_t i = 0; i < std::size(kLangs); ++i)
    if (kLangs[i] == text_lang) return i;
  return 1;
}

struct Placeholders {
  const char* allowed;   // the one placeholder the key offers, if any
  const char* required;  // must appear in an override
};

// What each key offers, in TextKey order.
constexpr Placeholders kPlaceholders[kTextKeyCount] = {
    {"deadline", "deadline"},  // kAck
    {nullptr, nullptr},        // kStop
    {nullptr, nullptr},        // kStart
    {"topic", nullptr},        // kJoin
    {"topic", nullptr},        // kLeave
    {"topics", nullptr},       // kUnknownTopic
    {"numbers", "numbers"},    // kHelp
    {nullptr, nullptr},        // kLang
    {nullptr, nullptr},        // kLangOptions
    {"numbers", "numbers"},    // kUrgent
    {"topics", nullptr},       // kMenu
    {"numbers", "numbers"},    // kEmergencyLine
    {"numbers", "numbers"},    // kPossibleDanger
};

constexpr std::string_view kKeyNames[kTextKeyCount] = {
    "ack", "stop", "start", "join", "leave", "unknown_topic",
    "help", "lang", "lang_options", "urgent", "menu", "emergency_line", "possible_danger"};

bool ValidTemplate(TextKey key, std::string_view text) {
  const Placeholders& p = kPlaceholders[static_cast<size_t>(key)];
  bool has_required = p.required == nullptr;
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) return false;
    const std::string_view name = text.substr(open + 1, close - open - 1);
    if (p.allowed == nullptr || name != p.allowed) return false;
    if (p.required != nullptr && name == p.required) has_required = true;
  }
  return has_required;
}

void ReplaceAll(std::string& text, std::string_view name, const std::string& value) {
  const std::string token = "{" + std::string(name) + "}";
  for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size())) {
    text.replace(pos, token.size(), value);
  }
}

}  // namespace

std::string_view TextKeyName(TextKey key) { return kKeyNames[static_cast<size_t>(key)]; }

std::optional<TextKey> TextKeyFromName(std::string_view name) {
  for (size_t i = 0; i < kTextKeyCount; ++i)
    if (kKeyNames[i] == name) return static_cast<TextKey>(i);
  return std::nullopt;
}

faq::Lang TextLanguage(faq::Lang lang) {
  // An unsupported language (kUnknown) still needs texts: English.
  const LanguageInfo* info = InfoOf(lang);
  return info && info->texts != Lang::kUnknown ? info->texts : Lang::kEn;
}

ReplyTexts::ReplyTexts() {
  // The compiled-in texts (data/lang/*.toml's [texts]), each checked as an
  // override is; a test makes sure every key has one in every language.
  for (const lexicon::DeskText& t : lexicon::Builtin()->texts) {
    const Lang lang = LangFromCode(t.lang);
    const auto key = TextKeyFromName(t.key);
    if (lang == Lang::kUnknown || !key || TextLanguage(lang) != lang) continue;
    (void)Override(*key, lang, t.text);
  }
}

bool ReplyTexts::Override(TextKey key, faq::Lang lang, std::string text) {
  if (!ValidTemplate(key, text)) return false;
  texts_[static_cast<size_t>(key)][Column(lang)] = std::move(text);
  return true;
}

const std::string& ReplyTexts::Template(TextKey key, faq::Lang lang) const {
  return texts_[static_cast<size_t>(key)][Column(lang)];
}

std::string ReplyTexts::Render(TextKey key, faq::Lang lang, const TextValues& values) const {
  std::string text = Template(key, lang);
  // Values never contain placeholders of their own that matter: each is
  // replaced once, left to right, and the scan resumes after the value.
  ReplaceAll(text, "deadline", values.deadline);
  ReplaceAll(text, "topics", values.topics);
  ReplaceAll(text, "topic", values.topic);
  ReplaceAll(text, "numbers", values.numbers);
  return text;
}

}  // namespace smsdesk::desk
