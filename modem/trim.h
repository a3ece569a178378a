// Trimming (and blank tests), once for the whole project: the codec is the lowest library, so
// every layer can include this. Each call names the characters it trims
// when they are not the default.
#pragma once

#include <string_view>

namespace smsdesk {

// Spaces, tabs, CR and LF.
inline constexpr std::string_view kBlanks = " \t\r\n";
// Spaces and tabs only: HTTP's optional whitespace, a value inside one line.
inline constexpr std::string_view kSpaceAndTab = " \t";

constexpr std::string_view TrimStart(std::string_view text, std::string_view chars = kBlanks) {
  const auto first = text.find_first_not_of(chars);
  return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

constexpr std::string_view TrimEnd(std::string_view text, std::string_view chars = kBlanks) {
  const auto last = text.find_last_not_of(chars);
  return last == std::string_view::npos ? std::string_view{} : text.substr(0, last + 1);
}

constexpr std::string_view Trim(std::string_view text, std::string_view chars = kBlanks) {
  return TrimEnd(TrimStart(text, chars), chars);
}

// Nothing but `chars` (an empty text too).
constexpr bool IsBlank(std::string_view text, std::string_view chars = kBlanks) {
  return text.find_first_not_of(chars) == std::string_view::npos;
}

}  // namespace smsdesk
