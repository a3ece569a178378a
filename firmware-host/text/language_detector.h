// Language of an incoming SMS among the desk's languages: ar, ar-Latn
// (Arabizi), en, fr, es, fa (Dari/Persian), uk. Script decides first; inside
// Arabic script, Persian letters and function words separate fa from ar;
// inside Latin script, stopwords, accents and Arabizi cues (digits used as
// letters, Arabic chat words) decide. Pure, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "firmware-host/base/language.h"

namespace smsdesk::faq {

struct LanguageGuess {
  Lang lang = Lang::kUnknown;
  double confidence = 0.0;  // 0..1, share of the evidence for `lang`
};

// Evidence enough for any language: the detector reads the first this many
// code points of a message (ten GSM-7 parts), so its work is bounded however
// long the message is.
inline constexpr std::size_t kLanguageCodePoints = 1'600;

// `raw` is the SMS as received (Persian yeh/kaf and accents are cues, so the
// detector looks before normalization).
LanguageGuess DetectLanguage(std::string_view raw);

}  // namespace smsdesk::faq
