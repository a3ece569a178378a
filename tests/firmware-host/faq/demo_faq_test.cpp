// The demo's sample FAQ: it parses, every entry speaks Arabic, English and
// French, every answer fits in two SMS segments, and the questions a person
// trying the demo is likely to type get the right answer in their language -
// or reach a moderator when no entry covers them.
#include "firmware-host/faq/demo_faq.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/faq/faq_matcher.h"
#include "modem/segmenter.h"

namespace smsdesk::demo {
namespace {

std::vector<faq::FaqEntry> DemoEntries() {
  faq::FaqCsvResult csv = faq::ParseFaqCsv(DemoFaqCsv());
  EXPECT_TRUE(csv.ok) << "line " << csv.error.line << ": " << csv.error.message;
  return csv.entries;
}

TEST(DemoFaq, ParsesWithEveryIdInArabicEnglishAndFrench) {
  std::map<std::string, std::set<std::string>> languages;
  for (const faq::FaqEntry& e : DemoEntries()) languages[e.id].insert(e.lang);
  EXPECT_GE(languages.size(), 10u);
  EXPECT_LE(languages.size(), 14u);
  for (const auto& [id, langs] : languages) {
    for (const char* lang : {"ar", "en", "fr"}) EXPECT_TRUE(langs.contains(lang)) << id << " lacks " << lang;
  }
}

TEST(DemoFaq, EveryAnswerFitsInTwoSegments) {
  for (const faq::FaqEntry& e : DemoEntries()) {
    auto plan = modem::PlanSegments(e.answer);
    ASSERT_TRUE(plan.ok()) << e.id << "/" << e.lang;
    EXPECT_LE(plan->segments.size(), 2u) << e.id << "/" << e.lang << ": " << e.answer;
  }
}

struct DemoQuestion {
  const char* text;
  const char* faq_id;
  const char* answer_lang;
};

class DemoMatchTest : public ::testing::Test {
 protected:
  DemoMatchTest() : matcher_(faq::FaqIndex::Build(DemoEntries())) {}
  faq::Matcher matcher_;
};

TEST_F(DemoMatchTest, SampleQuestionsAreAnsweredInTheirLanguage) {
  const DemoQuestion questions[] = {
      // The tour of `smsdesk demo` (demo.cpp) first.
      {"How do I get a bus pass?", "bus-pass", "en"},
      {"كيف احصل على بطاقة الباص؟", "bus-pass", "ar"},
      {"Où trouver une banque alimentaire ?", "food-bank", "fr"},
      {"how do i register my kid for school", "school", "en"},
      {"when is the next bus coming to my stop?", "next-bus", "en"},
      {"kif a7sal 3ala bus pass", "bus-pass", "ar"},  // Arabizi: answered in Arabic
      {"wen fi akel bi balash", "food-bank", "ar"},
      {"بدي دكتور عيلة", "doctor", "ar"},
      {"i need a sin number, i have a work permit", "sin", "en"},
      {"where can i get a winter coat for my kids", "winter-clothes", "en"},
      {"Comment avoir une carte de bibliothèque?", "library", "fr"},
      {"Де отримати безкоштовні продукти?", "food-bank", "uk"},
      {"¿Dónde hay clases de inglés gratis?", "english-classes", "es"},
      {"چطور کارت بس بگیرم؟", "bus-pass", "fa"},
  };
  for (const DemoQuestion& q : questions) {
    faq::MatchResult r = matcher_.Match(q.text);
    EXPECT_EQ(r.decision, faq::Decision::kAuto) << q.text;
    EXPECT_EQ(r.faq_id, q.faq_id) << q.text;
    EXPECT_EQ(r.answer_lang, q.answer_lang) << q.text;
  }
}

TEST_F(DemoMatchTest, AnEvictionGoesToAModerator) {
  // No entry covers tenants' rights: the housing entry must not answer it.
  for (const char* text :
       {"my landlord wants to evict me tomorrow what can I do", "my landlord wants me out tomorrow, can he do that?"}) {
    EXPECT_EQ(matcher_.Match(text).decision, faq::Decision::kQueue) << text;
  }
}

TEST_F(DemoMatchTest, DangerIsUrgentInAnyLanguage) {
  for (const char* text : {"my husband is hitting me", "He hits me and I am scared", "زوجي يضربني"}) {
    EXPECT_EQ(matcher_.Match(text).decision, faq::Decision::kUrgent) << text;
  }
}

TEST_F(DemoMatchTest, ThanksIsNotAnswered) {
  EXPECT_EQ(matcher_.Match("thanks!!").decision, faq::Decision::kQueue);
}

}  // namespace
}  // namespace smsdesk::demo
