// The Matcher with trained models beside its rules, through a stand-in
// TextModels whose answers each test sets: the danger model's two tiers,
// the intent model's "needs a person" labels, the calibrated threshold for
// automatic answers, and the calibration fit itself.
#include "firmware-host/faq/text_models.h"

#include <gtest/gtest.h>

#include "firmware-host/faq/faq_matcher.h"

namespace smsdesk::faq {
namespace {

class FakeModels : public TextModels {
 public:
  double danger = 0.0;
  std::vector<LabelScore> intents;
  AnswerCalibration calibration;
  DangerThresholds thresholds{.possible = 0.2, .urgent = 0.6};
  mutable std::string last_text;

  double Danger(std::string_view text) const override {
    last_text = text;
    return danger;
  }
  std::vector<LabelScore> Intents(std::string_view, size_t k) const override {
    std::vector<LabelScore> out(intents.begin(), intents.begin() + std::min(k, intents.size()));
    return out;
  }
  const AnswerCalibration& Calibration() const override { return calibration; }
  DangerThresholds Thresholds() const override { return thresholds; }
};

std::vector<FaqEntry> Faq() {
  return {
      {"bus-pass", "en", {"bus pass", "presto", "fare"}, "How do I pay the bus fare?", "Use a Presto card."},
      {"library", "en", {"library card", "library"}, "How do I get a library card?", "Library cards are free."},
      {"ohip", "en", {"health card", "ohip"}, "How do I get a health card?", "Apply at ServiceOntario."},
  };
}

// A calibration that trusts the model's probability alone: P = sigmoid(20 (p - 0.5)).
AnswerCalibration TrustModel() {
  AnswerCalibration c;
  c.weights = {20, 0, 0, 0, 0, -10};
  c.fitted = true;
  return c;
}

class ModelsTest : public ::testing::Test {
 protected:
  ModelsTest() : models_(std::make_shared<FakeModels>()), matcher_(FaqIndex::Build(Faq()), {}, models_) {
    models_->calibration = TrustModel();
  }
  std::shared_ptr<FakeModels> models_;
  Matcher matcher_;
};

TEST_F(ModelsTest, DangerModelRaisesUrgentAndPossibleDangerAtItsThresholds) {
  models_->danger = 0.7;
  MatchResult r = matcher_.Match("my dad looks strange today");
  EXPECT_EQ(r.decision, Decision::kUrgent);
  EXPECT_TRUE(r.models_used);
  EXPECT_DOUBLE_EQ(r.danger_probability, 0.7);

  models_->danger = 0.3;
  r = matcher_.Match("my dad looks strange today");
  EXPECT_EQ(r.decision, Decision::kPossibleDanger);
  EXPECT_EQ(DecisionName(r.decision), "possible_danger");

  models_->danger = 0.1;
  models_->intents = {{"-social", 0.9}};
  r = matcher_.Match("my dad looks strange today");
  EXPECT_NE(r.decision, Decision::kUrgent);
  EXPECT_NE(r.decision, Decision::kPossibleDanger);
}

TEST_F(ModelsTest, ConfiguredThresholdsOverrideTheTrainedOnes) {
  MatcherConfig config;
  config.danger_possible_probability = 0.05;
  Matcher matcher(FaqIndex::Build(Faq()), config, models_);
  models_->danger = 0.1;
  EXPECT_EQ(matcher.Match("there is a strange smell").decision, Decision::kPossibleDanger);
  EXPECT_NE(matcher_.Match("there is a strange smell").decision, Decision::kPossibleDanger);
}

TEST_F(ModelsTest, TheRulesStillDecideDangerFirst) {
  models_->danger = 0.0;
  const MatchResult r = matcher_.Match("he is hitting me");
  EXPECT_EQ(r.decision, Decision::kUrgent);
  EXPECT_FALSE(r.models_used);  // the danger lexicon decided before the models were asked
}

TEST_F(ModelsTest, ModelReadsTheNormalizedText) {
  models_->danger = 0.0;
  models_->intents = {{"library", 0.99}};
  (void)matcher_.Match("Où est la BIBLIOTHÈQUE?");
  EXPECT_EQ(models_->last_text, "ou est la bibliotheque");
}

TEST_F(ModelsTest, ConfidentIntentAnswersAutomaticallyEvenWithoutTheEntrysWords) {
  models_->intents = {{"library", 0.97}, {"ohip", 0.02}};
  const MatchResult r = matcher_.Match("where can my kids borrow books for free");
  EXPECT_EQ(r.decision, Decision::kAuto);
  ASSERT_TRUE(r.faq_id);
  EXPECT_EQ(*r.faq_id, "library");
  EXPECT_EQ(r.answer, "Library cards are free.");
  EXPECT_GT(r.answer_probability, 0.9);
  EXPECT_EQ(r.confidence, r.answer_probability);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0].id, "library");
}

TEST_F(ModelsTest, BelowTheCalibratedThresholdItOnlySuggests) {
  models_->intents = {{"library", 0.55}, {"ohip", 0.3}};  // P = 0.73, below the default 0.80
  const MatchResult r = matcher_.Match("where can my kids borrow books for free");
  EXPECT_EQ(r.decision, Decision::kSuggest);
  ASSERT_TRUE(r.faq_id);
  EXPECT_EQ(*r.faq_id, "library");
  EXPECT_LT(r.answer_probability, 0.8);
}

TEST_F(ModelsTest, PersonLabelFirstNeverAnswersAutomatically) {
  models_->intents = {{"-personal", 0.55}, {"bus-pass", 0.45}};
  models_->calibration.weights = {0, 0, 0, 0, 0, 10};  // calibration says "sure" whatever
  const MatchResult r = matcher_.Match("my presto card payment did not go through this month");
  EXPECT_NE(r.decision, Decision::kAuto);
  bool reason = false;
  for (const std::string& s : r.reasons) reason |= s.find("personal") != std::string::npos;
  EXPECT_TRUE(reason);
}

TEST_F(ModelsTest, LabelsTheFaqDoesNotHaveAreIgnored) {
  models_->intents = {{"removed-entry", 0.99}, {"bus-pass", 0.01}};
  const MatchResult r = matcher_.Match("how do i pay the bus fare");
  ASSERT_TRUE(r.faq_id);
  EXPECT_NE(*r.faq_id, "removed-entry");
}

TEST(FeaturesForTest, DescribesTheCandidateFromBothSides) {
  const std::vector<LabelScore> intents = {{"a", 0.7}, {"-personal", 0.2}, {"b", 0.1}};
  Candidate ca;
  ca.id = "b";
  ca.confidence = 0.4;
  Candidate cb;
  cb.id = "a";
  cb.confidence = 0.3;
  const AnswerFeatures f = FeaturesFor("a", intents, {ca, cb});
  EXPECT_DOUBLE_EQ(f.model_probability, 0.7);
  EXPECT_NEAR(f.model_margin, 0.5, 1e-9);
  EXPECT_DOUBLE_EQ(f.lexical_confidence, 0.3);
  EXPECT_DOUBLE_EQ(f.lexical_agrees, 0.0);
  EXPECT_DOUBLE_EQ(f.person_probability, 0.2);
  EXPECT_EQ(AnswerOptions(nullptr, intents, {ca, cb}), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(AnswerOptions(nullptr, intents, {cb}), (std::vector<std::string>{"a"}));
}

TEST(CalibrationTest, FitsWhatTheSamplesSay) {
  // Right when the model is sure, wrong when it is not.
  std::vector<std::pair<AnswerFeatures, bool>> samples;
  for (int i = 0; i < 200; ++i) {
    AnswerFeatures f;
    f.model_probability = (i % 100) / 100.0;
    samples.emplace_back(f, f.model_probability > 0.6);
  }
  const AnswerCalibration c = FitCalibration(samples);
  EXPECT_TRUE(c.fitted);
  AnswerFeatures sure;
  sure.model_probability = 0.95;
  AnswerFeatures unsure;
  unsure.model_probability = 0.2;
  EXPECT_GT(c.Probability(sure), 0.8);
  EXPECT_LT(c.Probability(unsure), 0.2);
  EXPECT_FALSE(FitCalibration({}).fitted);
}

TEST(ModelTextTest, JoinsTheTokens) {
  EXPECT_EQ(ModelText(Tokenize(NormalizeText("  Hello,   WORLD! "))), "hello world");
  EXPECT_EQ(ModelText({}), "");
}

}  // namespace
}  // namespace smsdesk::faq
