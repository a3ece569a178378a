#include "firmware-host/routing/reply_language.h"

#include "firmware-host/routing/reply_texts.h"
#include "firmware-host/text/language_detector.h"

namespace smsdesk::desk {

faq::Lang ChooseReplyLanguage(const LanguageEvidence& evidence, faq::Lang fallback) {
  using faq::Lang;
  if (evidence.chosen && *evidence.chosen != Lang::kUnknown) return TextLanguage(*evidence.chosen);
  if (evidence.keyword != Lang::kUnknown) return TextLanguage(evidence.keyword);
  if (evidence.detected != Lang::kUnknown &&
      evidence.detected_confidence >= kMinDetectionConfidence)
    return TextLanguage(evidence.detected);
  if (evidence.previously_detected && *evidence.previously_detected != Lang::kUnknown)
    return TextLanguage(*evidence.previously_detected);
  // An unsupported default (kUnknown) still needs texts: TextLanguage gives en.
  return TextLanguage(fallback);
}

faq::Lang ReplyLanguageForText(std::optional<faq::Lang> chosen, std::string_view raw_text,
                               std::optional<faq::Lang> previously_detected, faq::Lang fallback) {
  const faq::LanguageGuess guess = faq::DetectLanguage(raw_text);
  return ChooseReplyLanguage({.chosen = chosen,
                              .detected = guess.lang,
                              .detected_confidence = guess.confidence,
                              .previously_detected = previously_detected},
                             fallback);
}

}  // namespace smsdesk::desk
