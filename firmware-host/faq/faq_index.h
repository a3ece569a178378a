// The searchable form of a FAQ: an immutable inverted index over all
// languages of every entry, built once from FaqEntry rows and shared by all
// matchers through std::shared_ptr<const FaqIndex>. A reload builds a new
// index and swaps the pointer; matchers holding the old one finish with it,
// so message handling never waits for a rebuild.
//
// One "document" per FAQ id gathers its keywords, questions and answers in
// every language, so a message that mixes languages ("OHIP" in Arabic text)
// meets all of them. Scoring is BM25F (fields weighted: keywords > question >
// answer) plus whole-keyword hits; see faq_matcher.h for the decision.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "firmware-host/faq/faq_entry.h"
#include "firmware-host/text/text_analyzer.h"

namespace smsdesk::faq {

enum Field { kKeywordField = 0, kQuestionField = 1, kAnswerField = 2, kFieldCount = 3 };

struct IndexedEntry {
  std::string id;
  std::map<std::string, FaqEntry> by_lang;  // lang code -> row
  std::array<double, kFieldCount> length{};  // terms per field, averaged over languages
};

struct Posting {
  uint32_t entry = 0;
  std::array<float, kFieldCount> tf{};
};

struct KeywordPhrase {
  uint32_t entry = 0;
  // One slot per word: the word's term and its concepts; every slot needs a
  // match for a hit.
  std::vector<std::vector<uint32_t>> slots;
  std::string text;  // as written in the FAQ, for reasons
};

class FaqIndex {
 public:
  static std::shared_ptr<const FaqIndex> Build(const std::vector<FaqEntry>& entries);

  size_t EntryCount() const { return entries_.size(); }
  const IndexedEntry& Entry(uint32_t i) const { return entries_[i]; }
  const std::vector<std::string>& Languages() const { return languages_; }

  // Term id or -1.
  int64_t Find(const std::string& term) const;
  // Term ids within Damerau-Levenshtein distance 1 of `term` (SymSpell-style
  // deletion neighbourhood; the exact term excluded).
  std::vector<uint32_t> FindFuzzy(const std::string& term) const;
  // Arabic-script term ids whose consonant skeleton is `skeleton`.
  const std::vector<uint32_t>* FindSkeleton(const std::string& skeleton) const;

  const std::vector<Posting>& Postings(uint32_t term) const { return postings_[term]; }
  double Idf(uint32_t term) const { return idf_[term]; }
  double MaxIdf() const { return max_idf_; }
  double AverageLength(Field f) const { return avg_length_[f]; }
  const std::vector<KeywordPhrase>& Keywords() const { return keywords_; }
  // Keywords with `term` in one of their slots: a message only needs to
  // check the keywords its own terms can reach.
  const std::vector<uint32_t>& KeywordsWithTerm(uint32_t term) const { return keywords_by_term_[term]; }

 private:
  FaqIndex() = default;
  uint32_t Intern(const std::string& term);

  std::vector<IndexedEntry> entries_;
  std::vector<std::string> languages_;
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::vector<std::string> terms_;
  std::vector<std::vector<Posting>> postings_;
  std::vector<double> idf_;
  double max_idf_ = 1.0;
  std::array<double, kFieldCount> avg_length_{};
  std::vector<KeywordPhrase> keywords_;
  std::vector<std::vector<uint32_t>> keywords_by_term_;
  // Symmetric-delete fuzzy index: (64-bit FNV-1a of a term with one letter
  // deleted, that term), sorted. 16 bytes a pair instead of a map node per
  // deletion; a hash collision only adds a candidate, and FindFuzzy checks
  // every candidate's edit distance.
  std::vector<std::pair<uint64_t, uint32_t>> deletes_;
  std::unordered_map<std::string, std::vector<uint32_t>> skeletons_;
};

// Damerau-Levenshtein (optimal string alignment) distance on code points,
// stopping early past `limit`.
int EditDistance(std::u32string_view a, std::u32string_view b, int limit);

}  // namespace smsdesk::faq
