// Function words per language (normalized forms), left out of matching: in a
// 160-character SMS they carry no topic, and in a small FAQ their document
// frequency is too uneven for IDF alone to silence them. Pure, thread-safe.
#pragma once

#include <string_view>

namespace smsdesk::faq {

// True when `normalized_token` is a function word in any supported language
// written in its script (an Arabic text may carry English words and back).
bool IsStopword(std::string_view normalized_token);

}  // namespace smsdesk::faq
