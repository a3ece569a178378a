#include "firmware-host/text/stemmer.h"

#include <libstemmer.h>

#include <utility>

#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {
namespace {

constexpr const char* kSnowballNames[] = {"english", "french", "spanish", "arabic"};
enum Slot { kEnglish = 0, kFrench = 1, kSpanish = 2, kArabic = 3 };

bool EndsWith(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Longest-match suffix stripping keeping at least `min_stem` letters: the
// usual "light stemmer" for languages without a Snowball algorithm.
std::string StripSuffixes(std::string_view token, const std::u32string_view* suffixes,
                          size_t count, size_t min_stem) {
  std::u32string word = DecodeUtf8(token);
  size_t best = 0;
  for (size_t i = 0; i < count; ++i) {
    const auto& suffix = suffixes[i];
    if (suffix.size() > best && word.size() >= suffix.size() + min_stem && EndsWith(word, suffix)) {
      best = suffix.size();
    }
  }
  word.resize(word.size() - best);
  return EncodeUtf8(word);
}

// Ukrainian inflectional endings (nouns, adjectives, verbs), after mark
// stripping folded ї->і and й->и.
constexpr std::u32string_view kUkSuffixes[] = {
    U"ами", U"ями", U"ові", U"еві", U"ах", U"ях", U"ом", U"ем", U"ою", U"ею", U"ів", U"ам",
    U"ям", U"а", U"я", U"у", U"ю", U"і", U"и", U"о", U"е", U"ь", U"ого", U"ому", U"ими",
    U"ими", U"ими", U"ий", U"ии", U"ін", U"іи", U"их", U"им", U"ої", U"оі", U"ій", U"іх",
    U"ти", U"ть", U"тися", U"ться", U"ся", U"сь", U"ємо", U"ете", U"ють", U"ать", U"ять",
    U"ую", U"юю", U"ував", U"ла", U"ло", U"ли", U"ння", U"ння", U"ськ", U"ська", U"ську",
    U"ські", U"ського", U"ться", U"ення", U"ання"};

// Dari/Persian: plural, possessive and ezafe endings (yeh already folded to
// Arabic yeh by the normalizer). The one-letter possessives (-am, -at, -ash)
// are left alone: too many stems end in those letters ("کارت").
constexpr std::u32string_view kFaSuffixes[] = {
    U"\u0647\u0627\u064a", U"\u0647\u0627", U"\u0627\u0646", U"\u0627\u062a",
    U"\u0647\u0627\u064a\u0645", U"\u064a",
    U"\u0627\u0645", U"\u0627\u062a\u0627\u0646", U"\u062a\u0627\u0646", U"\u0634\u0627\u0646",
    U"\u0645\u0627\u0646", U"\u064a\u0645", U"\u064a\u062f", U"\u0646\u062f", U"\u0648\u0646"};

// Dialect clitics written before the article: ع (على), ه (هذا), and the
// doubled لل. Snowball knows the MSA ones (و ف ب ك ل).
std::u32string StripArabicDialectPrefix(std::u32string word) {
  const std::u32string al = U"\u0627\u0644";
  if (word.size() > 4 && (word[0] == 0x0639 || word[0] == 0x0647) && word.substr(1, 2) == al) {
    word.erase(0, 1);
  }
  if (word.size() > 4 && word[0] == 0x0648 && word.substr(1, 2) == al) word.erase(0, 1);
  return word;
}

}  // namespace

Stemmer::Stemmer() {
  for (int i = 0; i < 4; ++i) stemmers_[i] = sb_stemmer_new(kSnowballNames[i], "UTF_8");
}

Stemmer::~Stemmer() {
  for (sb_stemmer* s : stemmers_) {
    if (s) sb_stemmer_delete(s);
  }
}

Stemmer::Stemmer(Stemmer&& other) noexcept : stemmers_(std::exchange(other.stemmers_, {})) {}

Stemmer& Stemmer::operator=(Stemmer&& other) noexcept {
  std::swap(stemmers_, other.stemmers_);
  return *this;
}

std::string Stemmer::Snowball(int slot, std::string_view token) {
  sb_stemmer* s = stemmers_[static_cast<size_t>(slot)];
  if (!s) return std::string(token);  // allocation failed: unstemmed still matches
  const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(token.data()),
                                         static_cast<int>(token.size()));
  if (!out) return std::string(token);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(s)));
}

std::string Stemmer::Stem(Lang lang, std::string_view token) {
  if (token.empty()) return {};
  char32_t first = DecodeUtf8(token.substr(0, 4)).front();
  Script script = ScriptOf(first);
  if (script == Script::kDigits) return std::string(token);
  if (script == Script::kLatin) {
    if (lang == Lang::kFr) return Snowball(kFrench, token);
    if (lang == Lang::kEs) return Snowball(kSpanish, token);
    return Snowball(kEnglish, token);
  }
  if (script == Script::kCyrillic) {
    return StripSuffixes(token, kUkSuffixes, std::size(kUkSuffixes), 3);
  }
  if (script == Script::kArabic) {
    if (lang == Lang::kFa) return StripSuffixes(token, kFaSuffixes, std::size(kFaSuffixes), 3);
    std::string stripped = EncodeUtf8(StripArabicDialectPrefix(DecodeUtf8(token)));
    return Snowball(kArabic, stripped);
  }
  return std::string(token);
}

}  // namespace smsdesk::faq
