// The trained classifiers the Matcher weighs beside its rules: a danger
// model (is someone in danger now?) and an intent model (which FAQ entry
// answers this, or is it a personal case, a complaint, a promotion, a
// greeting?), and the calibration that turns what they and the lexical
// match say about a candidate answer into the chance that it is right.
//
// This header is the faq module's side only: the models are trained and
// loaded by the learn module (fastText), which implements TextModels; the
// faq module (and the fuzz build) never sees fastText.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {

// Intent labels that are not FAQ entries: a text that needs a person.
inline constexpr std::string_view kPersonalLabel = "-personal";
inline constexpr std::string_view kComplaintLabel = "-complaint";
inline constexpr std::string_view kPromotionLabel = "-promotion";
inline constexpr std::string_view kSocialLabel = "-social";
inline bool IsPersonLabel(std::string_view label) { return label.starts_with('-'); }

struct LabelScore {
  std::string label;
  double probability = 0.0;
};

// What is known about the best automatic-answer candidate; the inputs of
// AnswerCalibration. All in [0, 1].
struct AnswerFeatures {
  double model_probability = 0.0;  // the intent model's probability of the entry
  double model_margin = 0.0;       // minus the runner-up's
  double lexical_confidence = 0.0; // the rules' confidence in the same entry (0: not a candidate)
  double lexical_agrees = 0.0;     // 1 when the rules' best candidate is the same entry
  double person_probability = 0.0; // the intent model's mass on the "needs a person" labels
};

inline constexpr size_t kCalibrationWeights = 6;  // one per feature, then the intercept

// A logistic model of "this automatic answer is right", fitted on texts held
// out of the training that produced the classifiers, so that
// `auto_min_probability` is what it says: the share of answers at that
// level that were right on texts the model had not seen.
struct AnswerCalibration {
  std::array<double, kCalibrationWeights> weights{};
  bool fitted = false;
  double Probability(const AnswerFeatures& f) const;
};

// Fits `calibration` to `samples` (features and whether the answer was
// right) by gradient descent on the log loss, with a little L2. Bounded:
// a fixed number of passes.
AnswerCalibration FitCalibration(const std::vector<std::pair<AnswerFeatures, bool>>& samples);

// The danger model's thresholds the training chose on texts held out of it
// (trainer.h): `possible` catches kPossibleRecall of the held-out danger
// texts, `urgent` is where at least kUrgentPrecision of what it flags is
// danger (and at least 0.5).
struct DangerThresholds {
  double possible = 0.2;
  double urgent = 0.5;
};
inline constexpr double kPossibleRecall = 0.97;
inline constexpr double kUrgentPrecision = 0.90;

class TextModels {
 public:
  virtual ~TextModels() = default;
  virtual DangerThresholds Thresholds() const = 0;
  // The chance that the text (ModelText) says someone is in danger now.
  virtual double Danger(std::string_view model_text) const = 0;
  // The k most likely intent labels (FAQ ids and the "-" labels above), most
  // likely first.
  virtual std::vector<LabelScore> Intents(std::string_view model_text, size_t k) const = 0;
  virtual const AnswerCalibration& Calibration() const = 0;
};

// The text the models read and are trained on: the tokens' normalized text,
// joined by single spaces. Training and matching both go through here.
std::string ModelText(const std::vector<Token>& tokens);

}  // namespace smsdesk::faq
