// Decides what to do with one incoming SMS: answer it now from the FAQ
// (`auto`), queue it with suggested answers for a moderator (`suggest`),
// queue it plain (`queue`), or raise it at once (`urgent`).
//
// A wrong automatic answer is worse than "a moderator will answer", so
// `auto` needs a confident match: enough of the message explained by one
// entry, a clear lead over the runner-up, and no sign that the message is a
// personal case, a complaint, spam or only a greeting.
//
// A Matcher holds a shared immutable FaqIndex and its own stemmers: one
// Matcher per thread; many Matchers may share one index.
//
// Bounded work: an SMS may be 255 parts long (39,015 GSM-7 or 17,085 UCS-2
// characters) and is matched on the daemon's one event loop, so Match reads
// parts of fixed size, whatever anyone sends:
//   - the FAQ match and the language: the first kMatchedCodePoints code points
//     of the normalized text, ten GSM-7 parts (a question is a few SMS long),
//     and of these at most kMatchedWords different words (stopwords aside):
//     scoring a word visits every entry that has it, so this bounds the work
//     on a large FAQ too. A longer message is never answered automatically:
//     it was not all read.
//   - danger: the first kDangerHeadCodePoints and the last
//     kDangerTailCodePoints, so every message up to 8,000 characters (52
//     GSM-7 parts, 119 UCS-2 parts) is read whole, and of a longer one both
//     ends, where a long story starts or ends with the call for help.
//   - words: cut at kMaxTokenCodePoints (text_normalizer.h).
// Each step is linear in what it reads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/faq/faq_index.h"
#include "firmware-host/faq/text_models.h"
#include "firmware-host/safety/urgency_detector.h"
#include "firmware-host/text/language_detector.h"
#include "firmware-host/text/text_analyzer.h"

namespace smsdesk::faq {

inline constexpr size_t kMatchedCodePoints = 1'600;
inline constexpr size_t kMatchedWords = 64;
inline constexpr size_t kDangerHeadCodePoints = 6'000;
inline constexpr size_t kDangerTailCodePoints = 2'000;

// The tokens Match gives danger detection for `text`: the first
// kDangerHeadCodePoints of the normalized text, then, if there is more, the
// tokens of its last kDangerTailCodePoints (the two may overlap).
std::vector<Token> DangerTokens(std::string_view text);

// kPossibleDanger: the danger model is not sure, but a person must look now
// (recall comes first): the text goes to the top of the queue and to the
// moderators' phones like an urgent one, and the sender is told whom to call.
enum class Decision { kAuto, kSuggest, kQueue, kUrgent, kPossibleDanger };
std::string_view DecisionName(Decision d);

// Tunables; the daemon's TOML config fills these. Defaults were fitted on one
// half of the development set and checked on the other (faq_eval.h).
struct MatcherConfig {
  double auto_min_confidence = 0.40;     // confidence for `auto`
  double suggest_min_confidence = 0.20;  // below: plain `queue`
  double auto_min_lead = 0.20;           // (top - second) / top for `auto`
  size_t max_candidates = 3;
  // Scoring (BM25F).
  double k1 = 1.2;
  double b = 0.5;
  double keyword_weight = 3.0;
  double question_weight = 2.0;
  double answer_weight = 0.6;
  double phrase_bonus = 1.0;    // per whole keyword found, times its IDF mass
  double fuzzy_weight = 0.7;    // a typo-tolerant match counts this much
  double skeleton_weight = 0.6; // an Arabizi match through consonant skeletons
  double unknown_word_idf = 0.5;  // share of max IDF an unmatched content word weighs
  double strength_scale = 6.0;    // score (in max-IDF units) at which strength reaches 63%
  // With trained models (text_models.h):
  // Calibrated chance the answer is right, for `auto`. 0.80: the highest
  // setting at which the fifth of the seed corpus held out of training kept
  // precision above 0.90 (0.909; 0.933 at 0.90 with a third less coverage).
  double auto_min_probability = 0.80;
  // Danger model: `urgent` and `possible_danger` from these probabilities;
  // below 0, the thresholds the training chose (text_models.h).
  double danger_urgent_probability = -1;
  double danger_possible_probability = -1;
};

// Sets one MatcherConfig field by name ("auto_min_confidence", "k1", …)
// after checking its range; returns what is wrong ("unknown setting", "must
// be a number from 0 and at most 1"), empty when set. For config files and
// tuning runs.
[[nodiscard]] std::string SetMatcherParam(MatcherConfig& config, std::string_view name, double value);

struct Candidate {
  std::string id;
  double score = 0.0;       // raw relevance
  double confidence = 0.0;  // 0..1
  double coverage = 0.0;    // share of the message's content this entry explains
  int keyword_hits = 0;     // whole FAQ keywords found in the message
  int matched_words = 0;    // message words (not negated) found in the entry
  std::vector<std::string> matched;  // keywords or terms that matched
};

struct MatchResult {
  Decision decision = Decision::kQueue;
  std::optional<std::string> faq_id;  // set for auto (and the best suggestion)
  Lang lang = Lang::kUnknown;         // detected language of the message
  std::string answer_lang;            // FAQ language to answer in
  std::string answer;                 // the answer text for `auto`
  double score = 0.0;
  double confidence = 0.0;
  std::vector<Candidate> candidates;
  std::vector<std::string> reasons;   // why this decision, for moderators
  // With trained models: the danger model's probability, the intent model's
  // best labels, and the calibrated chance that `faq_id`'s answer is right.
  bool models_used = false;
  double danger_probability = 0.0;
  std::vector<LabelScore> intents;
  double answer_probability = 0.0;
};

// With trained models: what the models and the rules say about answering
// with entry `id` (the calibration's inputs), and the entries an answer may
// come from: the intent model's best FAQ label (one `index` has, when given)
// and the rules' best candidate, each once.
AnswerFeatures FeaturesFor(const std::string& id, const std::vector<LabelScore>& intents,
                           const std::vector<Candidate>& lexical);
std::vector<std::string> AnswerOptions(const FaqIndex* index, const std::vector<LabelScore>& intents,
                                       const std::vector<Candidate>& lexical);

class Matcher {
 public:
  // `lexicon`: the danger vocabulary with a box's additions; null: the
  // compiled-in lists.
  Matcher(std::shared_ptr<const FaqIndex> index, MatcherConfig config = {},
          std::shared_ptr<const TextModels> models = nullptr,
          const std::shared_ptr<const lexicon::Lexicon>& lexicon = nullptr);

  MatchResult Match(std::string_view text);

  // Moves this matcher to a newly built index (a FAQ reload). The daemon
  // builds the index off the message path, publishes it (e.g. through an
  // std::atomic<std::shared_ptr<const FaqIndex>>), and each matcher's own
  // thread picks it up between two messages; the old index lives on until its
  // last matcher lets go.
  void SetIndex(std::shared_ptr<const FaqIndex> index) { index_ = std::move(index); }
  const std::shared_ptr<const FaqIndex>& index() const { return index_; }

  // Trained models to weigh beside the rules; null: the rules alone. Models
  // trained for another FAQ are harmless: labels the index does not have
  // are ignored.
  void SetModels(std::shared_ptr<const TextModels> models) { models_ = std::move(models); }
  const std::shared_ptr<const TextModels>& models() const { return models_; }

  const MatcherConfig& config() const { return config_; }

 private:
  std::shared_ptr<const FaqIndex> index_;
  MatcherConfig config_;
  std::shared_ptr<const TextModels> models_;
  TextAnalyzer analyzer_;
  UrgencyDetector urgency_;
};

// The FAQ language to answer a message detected as `lang`, among those the
// entry has: the same language, Arabic for Arabizi, else English, else any.
std::string AnswerLanguage(const IndexedEntry& entry, Lang lang);

}  // namespace smsdesk::faq
