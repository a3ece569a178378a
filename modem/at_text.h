// Small text helpers shared by the AT layer: trimming, case-insensitive
// prefixes, splitting an information response into fields and parsing the
// numbers in it. Pure functions on std::string_view; nothing allocates except
// the functions returning std::string or std::vector.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::modem {

// Removes spaces, tabs, CR, LF and NUL at both ends (trim.h's Trim, with
// the NUL some firmware pads its answers with).
std::string_view TrimAt(std::string_view text);

bool StartsWithNoCase(std::string_view text, std::string_view prefix);
bool EqualsNoCase(std::string_view a, std::string_view b);
// Whether `needle` (ASCII) occurs anywhere in `text`, ignoring ASCII case.
bool ContainsNoCase(std::string_view text, std::string_view needle);

// The text after "<prefix>" with the whitespace after the colon removed, or
// nullopt when the line does not start with the prefix (case-insensitive).
// AfterPrefix("+CSQ:17,99", "+CSQ:") == "17,99" (some firmware omits the space).
std::optional<std::string_view> AfterPrefix(std::string_view line, std::string_view prefix);

// Splits "a,\"b,c\",(1,2),d" at top-level commas: commas inside double quotes
// or parentheses do not split. Each field is trimmed; quotes are kept.
std::vector<std::string_view> SplitFields(std::string_view text);

// "\"SM\"" -> "SM"; an unquoted field is returned trimmed as it is.
std::string_view Unquote(std::string_view field);
bool IsQuoted(std::string_view field);

// Decimal integer, optional leading '-', nothing else but surrounding spaces.
std::optional<int> ParseDecimal(std::string_view field);

// Hexadecimal (quoted or not). Spaces inside are skipped, because Qualcomm Gobi
// firmware pads LAC/CI with them: "+CREG: 2,1,  0 5, 2715" (ModemManager tests).
std::optional<std::uint32_t> ParseHexField(std::string_view field);

bool IsHexString(std::string_view text);

// Splits a response text into trimmed, non-empty lines at any CR or LF.
std::vector<std::string_view> SplitLines(std::string_view text);

// The text after `prefix` on the first line of `response` that starts with it.
std::optional<std::string_view> FindPrefixedLine(std::string_view response, std::string_view prefix);

}  // namespace smsdesk::modem
