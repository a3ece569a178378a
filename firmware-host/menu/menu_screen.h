// How long a USSD screen is and how to make it fit: pure functions on UTF-8
// text, no state. A USSD string carries 160 octets (3GPP TS 23.038 §6.1.2.3):
// 182 GSM-7 septets, or 80 UTF-16 units once one character is outside GSM-7.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace smsdesk::menu {

inline constexpr std::size_t kUssdMaxChars = 182;

// The UCS-2 limit for a GSM-7 limit: max_chars * 7 / 16 rounded down (79 for
// 182). Rounded down rather than the theoretical 80 so that a smaller
// aggregator limit (e.g. 160 septets -> 70) scales the same way.
std::size_t Ucs2Limit(std::size_t max_chars);

// Screen length as the limit counts it: GSM-7 septets (extension characters
// such as € [ ] { } ^ ~ | \ count 2) if the text is all GSM-7 default alphabet,
// else UTF-16 units; and the limit that applies to it.
struct ScreenSize {
  std::size_t length = 0;
  std::size_t limit = 0;
  bool gsm7 = true;
  bool fits() const { return length <= limit; }
};
ScreenSize MeasureScreen(std::string_view text, std::size_t max_chars = kUssdMaxChars);

// Both counts of a text, so that a screen made of lines can be measured by
// adding up its lines' costs (pagination tries many combinations).
struct TextCost {
  std::size_t septets = 0;  // meaningful only while gsm7
  std::size_t units = 0;    // UTF-16
  bool gsm7 = true;
  TextCost& operator+=(const TextCost& other);
  ScreenSize Size(std::size_t max_chars) const;
};
TextCost CountText(std::string_view text);

// `text` + `tail` when it fits; else `text` cut at a word boundary, an
// ellipsis ("..." while the result is GSM-7, "…" otherwise, so the cut never
// turns a GSM-7 screen into UCS-2), then `tail` whole. When not even the tail
// fits, the whole is cut hard. The result always fits.
std::string CutToFit(std::string_view text, std::string_view tail, std::size_t max_chars);

// The last resort every USSD screen goes through: CutToFit(text, "", max_chars).
std::string FitScreen(std::string_view text, std::size_t max_chars);

}  // namespace smsdesk::menu
