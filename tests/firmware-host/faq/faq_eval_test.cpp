// The acceptance bar of the FAQ matcher on the evaluation set
// (tests/data/eval, the development set): automatic-answer precision >= 95%,
// coverage >= 70%, every urgent text urgent. Also each half of the fixed
// split, so a change tuned on one half shows its effect on the other.
#include "firmware-host/faq/faq_eval.h"

#include <gtest/gtest.h>

#include "firmware-host/faq/faq_csv.h"

namespace smsdesk::faq {
namespace {

class FaqEval : public ::testing::Test {
 protected:
  void SetUp() override {
    auto faq = ReadFaqCsvFile(SMSDESK_TEST_DATA "/eval/faq-ottawa.csv");
    ASSERT_TRUE(faq.ok) << faq.error.message;
    index_ = FaqIndex::Build(faq.entries);
    auto q = ReadQuestionsTsvFile(SMSDESK_TEST_DATA "/eval/questions-dev.tsv");
    ASSERT_TRUE(q.ok) << q.error;
    questions_ = q.questions;
  }
  std::shared_ptr<const FaqIndex> index_;
  std::vector<LabelledQuestion> questions_;
};

TEST_F(FaqEval, MeetsTheAcceptanceBar) {
  Matcher matcher(index_);
  EvalReport r = Evaluate(matcher, questions_);
  EXPECT_EQ(r.overall.total, 160);
  EXPECT_GE(r.overall.Precision(), 0.95) << FormatReport(r, true);
  EXPECT_GE(r.overall.Coverage(), 0.70) << FormatReport(r, true);
  EXPECT_EQ(r.overall.UrgentRecall(), 1.0) << FormatReport(r, true);
  EXPECT_LE(r.overall.false_urgent, 2) << FormatReport(r, true);
}

TEST_F(FaqEval, HoldsOnEachHalf) {
  Matcher matcher(index_);
  for (int half : {1, 2}) {
    EvalReport r = Evaluate(matcher, questions_, half);
    EXPECT_GE(r.overall.Precision(), 0.95) << "half " << half << "\n" << FormatReport(r, true);
    EXPECT_GE(r.overall.Coverage(), 0.70) << "half " << half << "\n" << FormatReport(r, true);
    EXPECT_EQ(r.overall.UrgentRecall(), 1.0) << "half " << half;
  }
}

TEST(QuestionsTsv, RejectsBadHeaderAndShortLines) {
  EXPECT_FALSE(ParseQuestionsTsv("id\tlang\ttext\n").ok);
  auto r = ParseQuestionsTsv("expect\tlang\ttext\n-\ten\thello\nbus-pass\ten\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_line, 3);
}

}  // namespace
}  // namespace smsdesk::faq
