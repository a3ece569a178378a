// Signals that a message, whatever FAQ words it contains, needs a person:
// it is only a greeting or thanks, a personal case ("my application", "ملفي",
// a file number), a complaint, or operator spam. These cap the matcher's
// decision: a FAQ answer to "where is MY file?" is the wrong kind of answer.
// Vocabulary is general per language. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {

struct MessageSignals {
  bool social_only = false;    // greetings, thanks, politeness and nothing else
  bool personal_case = false;  // asks about the sender's own file or case
  bool complaint = false;
  bool spam = false;
  bool has_case_number = false;  // W123456789, 1234-5678, a phone number
  std::vector<std::string> reasons;
};

MessageSignals AnalyzeMessageSignals(const std::vector<Token>& tokens);

}  // namespace smsdesk::faq
