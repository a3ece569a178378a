#include "firmware-host/text/language_detector.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "firmware-host/text/arabizi.h"
#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {
namespace {

// Short, frequent function words: the classic stopword cue for telling
// closely related Latin-script languages apart in short texts.
constexpr std::string_view kEnglish[] = {
    "the", "is", "are", "i", "you", "my", "how", "what", "where", "when", "can", "do", "does",
    "and", "to", "for", "of", "in", "it", "have", "get", "need", "want", "with", "me", "we",
    "this", "that", "who", "not", "dont", "im", "please", "thanks", "hello", "hi", "your",
    "from", "there", "any", "much", "from", "our", "be", "was", "will", "on", "at", "a", "an"};
constexpr std::string_view kFrench[] = {
    "le", "la", "les", "des", "du", "un", "une", "est", "je", "j", "vous", "mon", "ma", "mes",
    "comment", "ou", "quand", "pour", "avec", "pas", "que", "qui", "quoi", "et", "il", "elle",
    "c", "d", "l", "qu", "n", "suis", "ai", "faire", "avoir", "merci", "bonjour", "svp", "dans",
    "au", "aux", "ce", "cette", "sur", "mais", "y", "a", "t", "peux", "veux", "moi", "nous"};
constexpr std::string_view kSpanish[] = {
    "el", "los", "las", "es", "yo", "mi", "mis", "como", "donde", "cuando", "para", "por",
    "con", "que", "y", "no", "hay", "tengo", "quiero", "necesito", "puedo", "una", "uno",
    "gracias", "hola", "del", "al", "se", "lo", "su", "esta", "estoy", "cual", "aqui", "aca",
    "muy", "pero", "tu", "me", "de", "la", "en", "un"};
constexpr std::string_view kPersian[] = {
    "است", "را", "چطور", "کجا", "چه", "شما", "برای", "که", "این", "هم", "می", "نمی", "کنم",
    "کنید", "بگیرم", "میخواهم", "ندارم", "دارم", "کار", "وقت", "تشکر", "خیلی", "سلام", "تا",
    "از", "او", "شوم", "بروم", "کدام", "هستم", "باشد", "یک"};
constexpr std::string_view kArabic[] = {
    "في", "على", "شو", "كيف", "وين", "بدي", "انا", "عن", "هل", "ما", "الى", "إلى", "اللي",
    "هاد", "هذا", "شلون", "ازاي", "عايز", "ليش", "كتير", "مش", "بس", "عندي", "لازم", "ممكن",
    "متى", "امتى", "هون", "ايش", "شنو", "مرحبا", "شكرا", "فيه", "يا", "مع", "انو", "عشان"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view raw) {
  raw = FirstCodePoints(raw, kLanguageCodePoints);
  std::u32string cps = DecodeUtf8(raw);
  int latin = 0, arabic = 0, cyrillic = 0;
  double fa = 0, ar = 0, fr = 0, es = 0, en = 0, arabizi = 0;
  for (char32_t cp : cps) {
    switch (ScriptOf(cp)) {
      case Script::kLatin: ++latin; break;
      case Script::kArabic: ++arabic; break;
      case Script::kCyrillic: ++cyrillic; break;
      default: break;
    }
    // Letters only Persian keyboards produce, and letters only Arabic ones do.
    if (cp == 0x067E || cp == 0x0686 || cp == 0x0698 || cp == 0x06AF) fa += 2;
    if (cp == 0x06CC || cp == 0x06A9) fa += 0.5;
    if (cp == 0x0629 || cp == 0x0649 || cp == 0x064A || cp == 0x0643) ar += 0.5;
    // Accents most typical of each Latin language.
    if (cp == U'ç' || cp == U'è' || cp == U'ê' || cp == U'à' || cp == U'â' || cp == U'ô' ||
        cp == U'û' || cp == U'œ' || cp == U'î') fr += 1;
    if (cp == U'ñ' || cp == U'¿' || cp == U'¡' || cp == U'á' || cp == U'í' || cp == U'ó' ||
        cp == U'ú') es += 1;
  }
  if (cyrillic > latin && cyrillic > arabic) return {Lang::kUk, 1.0};

  std::vector<Token> tokens = Tokenize(NormalizeTextPrefix(raw, kLanguageCodePoints), kMaxTokenCodePoints);
  if (arabic >= latin && arabic > 0) {
    // Normalization folded Persian yeh/kaf, so compare with folded lists.
    static const std::vector<std::string> kPersianFolded = [] {
      std::vector<std::string> out;
      for (std::string_view w : kPersian) out.push_back(NormalizeText(w));
      return out;
    }();
    static const std::string kArticle = NormalizeText("ال");
    for (const Token& t : tokens) {
      if (std::find(kPersianFolded.begin(), kPersianFolded.end(), t.text) != kPersianFolded.end()) fa += 1.5;
      if (In(kArabic, t.text) || t.text.starts_with(kArticle)) ar += 1;
    }
    double total = fa + ar + 1e-9;
    if (fa > ar) return {Lang::kFa, fa / total};
    return {Lang::kAr, ar > 0 ? ar / total : 0.5};
  }
  if (latin == 0) return {Lang::kUnknown, 0.0};

  for (const Token& t : tokens) {
    if (t.script != Script::kLatin) continue;
    if (In(kEnglish, t.text)) en += 1;
    if (In(kFrench, t.text)) fr += 1;
    if (In(kSpanish, t.text)) es += 1;
    if (HasArabiziDigit(t.text)) arabizi += 2;
    if (IsArabiziFunctionWord(t.text)) arabizi += 1;
  }
  std::array<std::pair<double, Lang>, 4> scores{{{en, Lang::kEn}, {fr, Lang::kFr},
                                                 {es, Lang::kEs}, {arabizi, Lang::kArLatn}}};
  std::sort(scores.begin(), scores.end(), [](auto& a, auto& b) { return a.first > b.first; });
  double total = en + fr + es + arabizi;
  if (total <= 0) return {Lang::kEn, 0.25};  // a bare word such as "OHIP": English is the lingua franca here
  return {scores[0].second, scores[0].first / total};
}

}  // namespace smsdesk::faq
