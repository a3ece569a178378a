// Numbers that read right in a right-to-left SMS. In an Arabic or Dari
// text, the Unicode bidirectional algorithm (UAX #9) turns the digits after
// Arabic letters into Arabic numbers, and a hyphen, a space or a comma
// between two digit groups into a neutral that takes the paragraph's
// direction: "613-560-5000" shows as "5000-560-613", "2026-12-07" as
// "07-12-2026", "911, 988" as "988 ,911". A newcomer dials a wrong number.
//
// MarkNumbersLeftToRight wraps each number made of several digit groups (or
// starting with '+') in LEFT-TO-RIGHT EMBEDDING ... POP DIRECTIONAL
// FORMATTING (U+202A, U+202C): known to every bidi implementation since
// Unicode 1.1, so to old phones too, and invisible. Only texts with a
// right-to-left letter change; a number already after an LRE, LRI or LRM is
// left as it is, so marking twice changes nothing. Each mark is one UCS-2
// character of the SMS budget (right-to-left texts are UCS-2 already).
// Linear in the text; pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace smsdesk::modem {

inline constexpr char32_t kLeftToRightEmbedding = 0x202A;
inline constexpr char32_t kPopDirectionalFormatting = 0x202C;

std::string MarkNumbersLeftToRight(std::string_view utf8);

// How many numbers MarkNumbersLeftToRight would wrap (0: the text reads
// right as it is), for the FAQ editor's and the import's warnings.
std::size_t NumbersNeedingMarks(std::string_view utf8);

}  // namespace smsdesk::modem
