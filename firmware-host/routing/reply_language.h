// Which language the desk answers a sender in. In order:
//   1. the language they chose with LANG (stored on the contact);
//   2. the language of the keyword they just sent, when it belongs to one
//      language ("ARRET" -> fr; "STOP" belongs to many and says nothing);
//   3. the detected language of this text, if the detector is confident;
//   4. the language detected in their earlier messages (stored), so that a
//      short "ok?" after a French conversation still gets French;
//   5. the configured default.
// Arabizi (ar-Latn) maps to Arabic: the desk's Arabic texts are in Arabic
// script, which Arabizi writers read. The result is always a language the
// desk has texts for (TextLanguage). Pure.
#pragma once

#include <optional>
#include <string_view>

#include "firmware-host/base/language.h"

namespace smsdesk::desk {

struct LanguageEvidence {
  std::optional<faq::Lang> chosen;
  faq::Lang keyword = faq::Lang::kUnknown;
  faq::Lang detected = faq::Lang::kUnknown;
  double detected_confidence = 1.0;  // 0..1; the matcher's result has none: 1
  std::optional<faq::Lang> previously_detected;
};

// Below this share of the evidence a detection is a guess, not a language.
inline constexpr double kMinDetectionConfidence = 0.5;

faq::Lang ChooseReplyLanguage(const LanguageEvidence& evidence, faq::Lang fallback);

// The same, detecting the language of `raw_text` with faq::DetectLanguage.
faq::Lang ReplyLanguageForText(std::optional<faq::Lang> chosen, std::string_view raw_text,
                               std::optional<faq::Lang> previously_detected, faq::Lang fallback);

}  // namespace smsdesk::desk
