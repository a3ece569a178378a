// Matcher decisions on a small synthetic FAQ: confident answers, close calls,
// negations, cross-language keywords, personal cases, greetings, urgency,
// and sharing one immutable index between matchers.
#include "firmware-host/faq/faq_matcher.h"

#include <gtest/gtest.h>

#include <limits>

#include <thread>

namespace smsdesk::faq {
namespace {

std::vector<FaqEntry> SmallFaq() {
  return {
      {"bus-pass", "en", {"bus pass", "presto", "fare", "monthly pass"}, "How do I pay the bus fare or get a bus pass?",
       "Use a Presto card. Low income? Ask for EquiPass."},
      {"bus-pass", "ar", {"كرت الباص", "اشتراك شهري", "presto"}, "كيف أدفع أجرة الباص؟", "ادفع ببطاقة Presto."},
      {"next-bus", "en", {"next bus", "bus times", "stop number", "when is the bus"},
       "How can I find out when the next bus comes?", "Text your stop number to 560560."},
      {"next-bus", "ar", {"الباص الجاي", "رقم الموقف", "موعد الباص"}, "كيف أعرف متى يصل الباص القادم؟",
       "أرسل رقم الموقف إلى 560560."},
      {"ohip", "en", {"health card", "ohip", "health insurance"}, "How do I get an Ontario health card (OHIP)?",
       "Apply at ServiceOntario with 3 documents."},
      {"ohip", "ar", {"كرت صحي", "بطاقة صحية", "ohip"}, "كيف أحصل على البطاقة الصحية (OHIP)؟",
       "قدم في ServiceOntario مع 3 وثائق."},
      {"library", "en", {"library card", "free wifi", "library"}, "How do I get a library card?",
       "Library cards are free: bring ID and proof of address."},
      {"library", "fr", {"carte de bibliothèque", "bibliothèque", "wifi gratuit"}, "Comment obtenir une carte de bibliothèque?",
       "La carte est gratuite : apportez une pièce d'identité."},
  };
}

class MatcherTest : public ::testing::Test {
 protected:
  MatcherTest() : index_(FaqIndex::Build(SmallFaq())), matcher_(index_) {}
  std::shared_ptr<const FaqIndex> index_;
  Matcher matcher_;
};

TEST_F(MatcherTest, ConfidentQuestionIsAnsweredInItsLanguage) {
  MatchResult r = matcher_.Match("how do i get a library card?");
  EXPECT_EQ(r.decision, Decision::kAuto);
  EXPECT_EQ(r.faq_id, "library");
  EXPECT_EQ(r.answer_lang, "en");
  EXPECT_FALSE(r.answer.empty());

  MatchResult fr = matcher_.Match("la carte de bibliotheque est gratuite?");
  EXPECT_EQ(fr.decision, Decision::kAuto);
  EXPECT_EQ(fr.answer_lang, "fr");
}

TEST_F(MatcherTest, LatinKeywordInsideArabicText) {
  MatchResult r = matcher_.Match("شلون اطلع OHIP؟ شنو الاوراق؟");
  EXPECT_EQ(r.faq_id, "ohip");
  EXPECT_EQ(r.lang, Lang::kAr);
  EXPECT_EQ(r.answer_lang, "ar");
}

TEST_F(MatcherTest, NegatedTopicLosesToTheAskedOne) {
  MatchResult r = matcher_.Match("I dont need a bus pass, I just want to know when the next bus comes");
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0].id, "next-bus");
}

TEST_F(MatcherTest, TypoIsTolerated) {
  MatchResult r = matcher_.Match("how to get a librery card");
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0].id, "library");
}

TEST_F(MatcherTest, GreetingsAndThanksQueue) {
  for (const char* text : {"hello", "thanks!!", "مرحبا", "merci beaucoup", "shukran ktir"}) {
    EXPECT_EQ(matcher_.Match(text).decision, Decision::kQueue) << text;
  }
}

TEST_F(MatcherTest, PersonalCaseIsNeverAnsweredAutomatically) {
  MatchResult r = matcher_.Match("I applied for a bus pass with Presto in March, can you check my application?");
  EXPECT_NE(r.decision, Decision::kAuto);
  MatchResult file = matcher_.Match("وين وصل ملفي؟ رقم الملف 1234-5678");
  EXPECT_NE(file.decision, Decision::kAuto);
}

TEST_F(MatcherTest, UnrelatedTextQueues) {
  MatchResult r = matcher_.Match("what is the weather tomorrow");
  EXPECT_EQ(r.decision, Decision::kQueue);
  EXPECT_FALSE(r.faq_id.has_value());
}

TEST_F(MatcherTest, DangerIsUrgentWhateverTheFaqSays) {
  MatchResult r = matcher_.Match("HELP my husband is hitting me, i took the bus to my friend");
  EXPECT_EQ(r.decision, Decision::kUrgent);
  EXPECT_FALSE(r.reasons.empty());
}

TEST_F(MatcherTest, StricterThresholdsTurnAutoIntoSuggest) {
  MatcherConfig strict;
  strict.auto_min_confidence = 0.99;
  Matcher matcher(index_, strict);
  MatchResult r = matcher.Match("how do i get a library card?");
  EXPECT_EQ(r.decision, Decision::kSuggest);
  EXPECT_EQ(r.faq_id, "library");
}

TEST_F(MatcherTest, SetMatcherParamByName) {
  MatcherConfig c;
  EXPECT_EQ(SetMatcherParam(c, "auto_min_lead", 0.5), "");
  EXPECT_DOUBLE_EQ(c.auto_min_lead, 0.5);
  EXPECT_EQ(SetMatcherParam(c, "no_such_field", 1.0), "unknown setting");
}

TEST_F(MatcherTest, SetMatcherParamRefusesValuesOutOfRange) {
  MatcherConfig c;
  EXPECT_NE(SetMatcherParam(c, "auto_min_lead", 1.5), "");
  EXPECT_NE(SetMatcherParam(c, "auto_min_confidence", -0.1), "");
  EXPECT_NE(SetMatcherParam(c, "strength_scale", 0), "");
  EXPECT_NE(SetMatcherParam(c, "k1", std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_NE(SetMatcherParam(c, "b", std::numeric_limits<double>::infinity()), "");
  EXPECT_DOUBLE_EQ(c.auto_min_lead, MatcherConfig{}.auto_min_lead) << "a refused value changes nothing";
  EXPECT_EQ(SetMatcherParam(c, "auto_min_lead", 1.0), "");
}

TEST(FaqIndexTest, EmptyFaqMatchesNothing) {
  Matcher matcher(FaqIndex::Build({}));
  EXPECT_EQ(matcher.Match("bus pass").decision, Decision::kQueue);
}

TEST(FaqIndexTest, OneIndexServesMatchersOnSeveralThreads) {
  auto index = FaqIndex::Build(SmallFaq());
  std::vector<std::thread> threads;
  std::vector<std::string> ids(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      Matcher m(index);  // per-thread stemmers, shared immutable index
      for (int k = 0; k < 50; ++k) ids[i] = m.Match("how do i get a library card?").faq_id.value_or("");
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& id : ids) EXPECT_EQ(id, "library");
}

TEST(FaqIndexTest, ReloadSwapsTheIndexBetweenMessages) {
  Matcher matcher(FaqIndex::Build({}));
  EXPECT_EQ(matcher.Match("how do i get a library card?").decision, Decision::kQueue);
  matcher.SetIndex(FaqIndex::Build(SmallFaq()));
  EXPECT_EQ(matcher.Match("how do i get a library card?").faq_id, "library");
}

TEST(EditDistanceTest, DamerauTransposition) {
  EXPECT_EQ(EditDistance(U"library", U"libarry", 2), 1);
  EXPECT_EQ(EditDistance(U"library", U"librery", 2), 1);
  EXPECT_GT(EditDistance(U"library", U"liberty", 1), 1);
}

}  // namespace
}  // namespace smsdesk::faq
