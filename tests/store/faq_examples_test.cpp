// Examples moderators propose and confirm (schema 9): kept once per entry
// and text, pending until decided, listed by status; only the confirmed
// ones are what the training learns. The FAQ's own examples column
// round-trips through faq_entries.
#include "store/faq_examples.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/faq_store.h"

namespace smsdesk::store {
namespace {

class FaqExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }
  std::unique_ptr<Database> db_;
};

TEST_F(FaqExamplesTest, ProposedOnceDecidedAndListed) {
  FaqExamples examples(*db_);
  auto a = examples.Propose({.faq_id = "library", .text = "kitabkhana card?", .lang = "fa", .message_id = 7,
                             .proposed_by = "mod:amal", .proposed_at = 100});
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto again = examples.Propose({.faq_id = "library", .text = "kitabkhana card?", .proposed_at = 200});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *a);  // the same text for the same entry: kept once
  auto b = examples.Propose({.faq_id = "!", .text = "he does not wake up", .proposed_at = 300});
  ASSERT_TRUE(b.ok());

  auto pending = examples.List("pending", 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].faq_id, "!");  // newest first
  EXPECT_EQ((*pending)[1].message_id, 7);
  EXPECT_TRUE(examples.Confirmed()->empty());

  ASSERT_TRUE(examples.Decide(*a, true, "mod:amal", 400).ok());
  ASSERT_TRUE(examples.Decide(*b, false, "mod:amal", 400).ok());
  auto confirmed = examples.Confirmed();
  ASSERT_EQ(confirmed->size(), 1u);
  EXPECT_EQ((*confirmed)[0].text, "kitabkhana card?");
  EXPECT_EQ((*confirmed)[0].decided_by, "mod:amal");
  EXPECT_EQ((*confirmed)[0].decided_at, 400);
  EXPECT_EQ(examples.List("rejected", 10)->size(), 1u);
  EXPECT_EQ(examples.List("", 1)->size(), 1u);

  EXPECT_EQ(examples.Decide(999, true, "x", 1).code(), Status::Code::kNotFound);
  EXPECT_EQ(examples.Propose({.faq_id = "library", .text = ""}).status().code(), Status::Code::kInvalid);
}

TEST_F(FaqExamplesTest, AConfirmationMayTakeSomethingOutOfTheText) {
  FaqExamples examples(*db_);
  auto a = examples.Propose({.faq_id = "library", .text = "I am Samir 613-555-0199, library card?", .proposed_at = 1});
  auto b = examples.Propose({.faq_id = "library", .text = "library card?", .proposed_at = 2});
  auto c = examples.Propose({.faq_id = "bus-pass", .text = "bus pass for Samir", .proposed_at = 3});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  // The entry has that text already: refused, nothing changed.
  EXPECT_EQ(examples.Decide(*a, true, "m", 5, std::string("library card?")).code(), Status::Code::kConstraint);
  EXPECT_EQ((*examples.Get(*a))->status, "pending");
  EXPECT_EQ(examples.Decide(*a, true, "m", 5, std::string("")).code(), Status::Code::kInvalid);
  ASSERT_TRUE(examples.Decide(*a, true, "m", 5, std::string("library card, how?")).ok());
  EXPECT_EQ((*examples.Get(*a))->text, "library card, how?");
  EXPECT_EQ((*examples.Get(*a))->status, "confirmed");
  // Another entry may hold the same words.
  ASSERT_TRUE(examples.Decide(*c, true, "m", 5, std::string("library card?")).ok());
  // A rejection keeps the text as it was.
  ASSERT_TRUE(examples.Decide(*b, false, "m", 6, std::string("ignored")).ok());
  EXPECT_EQ((*examples.Get(*b))->text, "library card?");
  EXPECT_FALSE(examples.Get(999)->has_value());
  EXPECT_EQ(examples.List("", 10, "library")->size(), 2u);
  EXPECT_EQ(examples.List("confirmed", 10, "bus-pass")->size(), 1u);
}

TEST_F(FaqExamplesTest, PendingCountedPerEntryAndPurgedWithTheMessages) {
  FaqExamples examples(*db_);
  auto old_pending = examples.Propose({.faq_id = "library", .text = "old", .proposed_at = 100});
  auto old_rejected = examples.Propose({.faq_id = "!", .text = "old danger", .proposed_at = 100});
  auto old_confirmed = examples.Propose({.faq_id = "library", .text = "kept", .proposed_at = 100});
  auto fresh = examples.Propose({.faq_id = "library", .text = "fresh", .proposed_at = 900});
  ASSERT_TRUE(old_pending.ok() && old_rejected.ok() && old_confirmed.ok() && fresh.ok());
  ASSERT_TRUE(examples.Decide(*old_rejected, false, "m", 150).ok());
  ASSERT_TRUE(examples.Decide(*old_confirmed, true, "m", 150).ok());
  auto counts = examples.PendingCounts();
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0], std::pair(std::string("library"), 2));

  auto purged = examples.PurgeUndecidedBefore(500);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 2);  // the old pending and the old rejected one
  auto left = examples.List("", 10);
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ((*left)[0].text, "fresh");
  EXPECT_EQ((*left)[1].text, "kept");
}

TEST_F(FaqExamplesTest, TheFaqsOwnExamplesRoundTrip) {
  FaqStore faq(*db_);
  ASSERT_TRUE(faq.Upsert({.id = "library", .lang = "en", .keywords = "library", .question = "q?", .answer = "a.",
                          .examples = "one\nsecond, with a comma", .updated_at = 1})
                  .ok());
  auto rows = faq.All();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].examples, "one\nsecond, with a comma");
}

}  // namespace
}  // namespace smsdesk::store
