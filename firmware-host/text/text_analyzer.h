// Turns normalized tokens into matching terms, the same way for FAQ entries
// and for incoming SMS: stopwords out, per-language stems, and for a message
// the alternative readings a term may have (other Latin languages' stems for
// mixed texts, the Arabic-script reading of an Arabizi word, its consonant
// skeleton) plus a lower weight for words under "don't need / مش عايز".
//
// Owns a Stemmer, so not thread-safe: one per thread (see stemmer.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/text/concept_lexicon.h"
#include "firmware-host/text/stemmer.h"
#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {

struct TermForm {
  std::string text;
  double weight = 1.0;
};

struct DocTerm {
  std::string term;     // stem or concept ("@bus"), the index key
  std::string surface;  // normalized token it came from
  bool is_concept = false; // a synonym-set term added after the token's stem
};

struct QueryTerm {
  std::string surface;              // normalized token
  std::vector<TermForm> forms;      // candidate index terms, best reading first
  std::vector<std::string> skeletons;  // Arabic consonant skeletons (Arabizi, Arabic)
  double weight = 1.0;              // < 1 under a negated want/need
  bool fuzzy_ok = false;            // long enough for typo tolerance
  size_t position = 0;              // token index
};

class TextAnalyzer {
 public:
  TextAnalyzer();

  // Terms of FAQ text in `lang`. Digit-only tokens are kept only when
  // `keep_numbers` (keywords and questions name 811, 911, 211; answers carry
  // phone numbers that would match any number in a message).
  std::vector<DocTerm> DocumentTerms(std::string_view text, Lang lang, bool keep_numbers);

  // Terms of an incoming message whose language was detected as `lang`.
  // Linear in the tokens; each is read up to kMaxTokenCodePoints.
  std::vector<QueryTerm> QueryTerms(const std::vector<Token>& tokens, Lang lang);

 private:
  Stemmer stemmer_;
  ConceptMap concepts_;
};

}  // namespace smsdesk::faq
