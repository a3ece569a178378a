// What an import changes: (id, lang) pairs added, changed and removed.
#include "firmware-host/faq/faq_diff.h"

#include <gtest/gtest.h>

namespace smsdesk::faq {
namespace {

FaqEntry Entry(const char* id, const char* lang, const char* answer) {
  return {.id = id, .lang = lang, .keywords = {"bus pass", "presto"}, .question = "How?", .answer = answer};
}

TEST(FaqDiff, SameEntriesInAnotherOrderChangeNothing) {
  const std::vector<FaqEntry> before = {Entry("a", "en", "A"), Entry("a", "fr", "A'")};
  const std::vector<FaqEntry> after = {Entry("a", "fr", "A'"), Entry("a", "en", "A")};
  EXPECT_TRUE(DiffFaq(before, after).empty());
}

TEST(FaqDiff, AddedChangedAndRemovedPairsInListOrder) {
  const std::vector<FaqEntry> before = {Entry("a", "en", "A"), Entry("b", "en", "B"), Entry("c", "en", "C"),
                                        Entry("d", "en", "D")};
  const std::vector<FaqEntry> after = {Entry("c", "en", "C2"), Entry("a", "en", "A"), Entry("a", "fr", "A'"),
                                       Entry("e", "en", "E")};
  const FaqDiff diff = DiffFaq(before, after);
  EXPECT_EQ(diff.added, (std::vector<FaqKey>{{"a", "fr"}, {"e", "en"}}));
  EXPECT_EQ(diff.changed, (std::vector<FaqKey>{{"c", "en"}}));
  EXPECT_EQ(diff.removed, (std::vector<FaqKey>{{"b", "en"}, {"d", "en"}}));
}

TEST(FaqDiff, KeywordsAndQuestionCountAsContent) {
  FaqEntry keywords = Entry("a", "en", "A");
  keywords.keywords = {"presto", "bus pass"};
  FaqEntry question = Entry("a", "en", "A");
  question.question = "How much?";
  EXPECT_FALSE(SameContent(Entry("a", "en", "A"), keywords));
  EXPECT_FALSE(SameContent(Entry("a", "en", "A"), question));
  EXPECT_EQ(DiffFaq({Entry("a", "en", "A")}, {question}).changed.size(), 1u);
}

TEST(FaqDiff, FromAndToNothing) {
  EXPECT_EQ(DiffFaq({}, {Entry("a", "en", "A")}).added.size(), 1u);
  EXPECT_EQ(DiffFaq({Entry("a", "en", "A")}, {}).removed.size(), 1u);
  EXPECT_TRUE(DiffFaq({}, {}).empty());
}

}  // namespace
}  // namespace smsdesk::faq
