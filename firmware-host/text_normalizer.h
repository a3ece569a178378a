// Script-aware text normalization and tokenization for matching SMS against
// the FAQ. utf8proc does the Unicode work (NFKC, case folding, stripping
// combining marks, which also removes Arabic harakat and splits hamza seats
// off alef/waw/yeh); a small table adds the folds Unicode does not define
// (taa marbuta, alef maqsura, Persian yeh/kaf, tatweel, Eastern digits).
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::faq {

enum class Script { kLatin, kArabic, kCyrillic, kDigits, kOther };

struct Token {
  std::string text;  // normalized
  Script script = Script::kOther;
  bool has_digit = false;
  bool has_letter = false;
  size_t start = 0;  // byte offset in the normalized text
  size_t end = 0;
  bool clause_start = false;  // first token after , . ? ! ; : or line start
  int sentence = 0;           // index of the sentence (split at . ? ! and line breaks)
  bool in_question = false;   // the sentence ends with ? or ؟
};

// NFKC + case fold + mark stripping + Arabic/Persian letter folding + ASCII
// digits. Invalid UTF-8 is replaced, never an error: SMS text is untrusted.
std::string NormalizeText(std::string_view utf8);

// Splits normalized text into runs of letters and digits. Apostrophes and
// hyphens split ("d'arriver" -> "d", "arriver"); digits stay inside a Latin
// word because Arabizi writes letters with them ("3ayez", "7okoma").
std::vector<Token> Tokenize(std::string_view normalized);

// Script of one code point (letters only; digits are kDigits).
Script ScriptOf(char32_t cp);

// Decodes UTF-8 leniently into code points / encodes back.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view cps);

}  // namespace smsdesk::faq
