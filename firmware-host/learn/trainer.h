// Training the desk's classifiers (issue 20): from the seed corpus
// (seed_corpus.h), the FAQ's own questions, keywords and examples, and the
// examples moderators confirmed, a danger model and an intent model; the
// answer calibration fitted on a fifth of the texts held out of a first
// intent model; the danger thresholds chosen on a fifth held out of a first
// danger model; then both trained on everything and saved next to the
// database (model_set.h).
//
// Runs where it does not hold up messages: `smsdesk faq train`, which the
// daemon starts as a child process after an FAQ change. Work is bounded by
// the corpus size (about 15,000 texts: 20 to 40 s on two cores).
#pragma once

#include <string>
#include <vector>

#include "firmware-host/faq/faq_entry.h"
#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/learn/fasttext_classifier.h"
#include "firmware-host/learn/model_set.h"
#include "modem/result.h"

namespace smsdesk::learn {

// An example a moderator confirmed: `label` is an FAQ id, "!" for a text
// that was urgent, or "~" for one that looked urgent and was not.
struct ConfirmedExample {
  std::string label;
  std::string text;
};

inline constexpr std::string_view kDangerExample = "!";
inline constexpr std::string_view kNotDangerExample = "~";

struct TrainingInput {
  std::vector<faq::FaqEntry> entries;
  std::vector<ConfirmedExample> examples;
  bool seed = true;               // learn from the seed corpus too
  faq::MatcherConfig matcher;     // the rules the calibration is fitted beside
  TrainOptions danger;
  // Fewer n-gram buckets for the intent model: the same answers on the
  // held-out fifth (README.md), 2.5 MB less memory.
  TrainOptions intent{.bucket = 30'000};
};

struct TrainingReport {
  ModelInfo info;
  int seed_rows_skipped = 0;   // seed rows for FAQ ids this FAQ does not have (intent only)
  int calibration_texts = 0;   // held out to fit the calibration
  // On those held-out texts, with the calibration and auto_min_probability:
  int held_answerable = 0;
  int held_auto = 0;
  int held_auto_right = 0;
  // The danger model's held-out fifth: how many danger texts and others,
  // and what the chosen thresholds catch and raise there.
  int danger_held = 0;
  int safe_held = 0;
  int danger_caught = 0;   // at `possible`
  int safe_raised = 0;     // at `possible`
};

// What the models depend on: the FAQ's ids, languages, questions, keywords
// and examples, the confirmed examples and the seed corpus. Answers are not
// part of it: a changed answer needs no new training.
std::string TrainingFingerprint(const std::vector<faq::FaqEntry>& entries,
                                const std::vector<ConfirmedExample>& examples, bool seed);

// Trains and saves the set into `dir`. Errors: an FAQ without entries, a
// folder that cannot be written, fastText refusing.
modem::Result<TrainingReport> TrainModels(const TrainingInput& input, const std::string& dir);

}  // namespace smsdesk::learn
