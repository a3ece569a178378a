// Cross-language synonym sets for the topics newcomers ask about (bus,
// doctor, rent, school, taxes…): each concept lists everyday words for it in
// every desk language, dialect and informal forms included. The matcher adds
// the concept as an extra term beside the word itself, so "celular" (es)
// meets "cell phone" (en), "اتوبيس" meets "باص", and "شغل" meets "عمل".
// General vocabulary only, never words taken from one test message.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "firmware-host/text/stemmer.h"

namespace smsdesk::faq {

struct ConceptWords {
  const char* name;  // the concept, e.g. "bus"
  Lang lang;
  const char* words;  // space-separated single words
};

const std::vector<ConceptWords>& ConceptLexicon();

// stem (as Stemmer gives it for the word's language) -> concept terms ("@bus").
using ConceptMap = std::unordered_map<std::string, std::vector<std::string>>;
ConceptMap BuildConceptMap(Stemmer& stemmer);

}  // namespace smsdesk::faq
