// Script-aware text normalization and tokenization for matching SMS against
// the FAQ. utf8proc does the Unicode work (NFKC, case folding, stripping
// combining marks, which also removes Arabic harakat and splits hamza seats
// off alef/waw/yeh); a small table adds the folds Unicode does not define
// (taa marbuta, alef maqsura, Persian yeh/kaf, tatweel, Eastern digits).
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <limits>
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

// The longest word the matcher and danger detection look at, in code points;
// longer runs of letters are cut to it. The longest everyday words of the
// desk's languages have about 30 letters ("anticonstitutionnellement" 25,
// Arabic with every clitic about 15), numbers people send (phones, case and
// IBAN numbers) at most 34 digits; the lexicons' words are all shorter. A run
// longer than this is not a word, and without a cut every per-word step
// (typo neighbours, Arabizi readings, clitic stripping) would grow with it.
inline constexpr std::size_t kMaxTokenCodePoints = 48;

// NFKC + case fold + mark stripping + Arabic/Persian letter folding + ASCII
// digits. Invalid UTF-8 is replaced, never an error: SMS text is untrusted.
// Linear in the text and in the result (which NFKC may make longer: one
// ligature such as U+FDFA becomes eighteen code points).
std::string NormalizeText(std::string_view utf8);

// The first `max_code_points` code points of NormalizeText(utf8), normalizing
// only as much of `utf8` as that takes: the work is bounded by the cap, not
// by the length of the text or by how much NFKC expands it.
std::string NormalizeTextPrefix(std::string_view utf8, std::size_t max_code_points);

// Splits normalized text into runs of letters and digits. Apostrophes and
// hyphens split ("d'arriver" -> "d", "arriver"); digits stay inside a Latin
// word because Arabizi writes letters with them ("3ayez", "7okoma"). A run
// longer than `max_token_code_points` gives one token cut to that many code
// points (`start`/`end` still span the whole run); the matcher passes
// kMaxTokenCodePoints, callers comparing whole texts keep the default.
std::vector<Token> Tokenize(std::string_view normalized,
                            std::size_t max_token_code_points = std::numeric_limits<std::size_t>::max());

// The longest prefix of `utf8` with at most `max_code_points` code points
// (counted as UTF-8 lead bytes), and the longest such suffix. Never cut inside
// a UTF-8 sequence.
std::string_view FirstCodePoints(std::string_view utf8, std::size_t max_code_points);
std::string_view LastCodePoints(std::string_view utf8, std::size_t max_code_points);

// Script of one code point (letters only; digits are kDigits).
Script ScriptOf(char32_t cp);

// Decodes UTF-8 leniently into code points / encodes back.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view cps);

}  // namespace smsdesk::faq
