// Canned answers: added, listed with the ticket's language first, changed and
// removed; blank ones refused.
#include "store/canned_answers.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace smsdesk::store {
namespace {

class CannedAnswersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }
  std::int64_t Add(const std::string& title, std::optional<std::string> lang, const std::string& body = "text") {
    auto id = canned().Add({.title = title, .body = body, .lang = std::move(lang), .created_at = 10, .updated_at = 10});
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  std::vector<std::string> Titles(const std::optional<std::string>& lang_first = std::nullopt) {
    auto list = canned().List(lang_first);
    EXPECT_TRUE(list.ok()) << list.status().message();
    std::vector<std::string> titles;
    if (list.ok()) {
      for (const CannedAnswer& a : *list) titles.push_back(a.title);
    }
    return titles;
  }
  CannedAnswers canned() { return CannedAnswers(*db_); }
  std::unique_ptr<Database> db_;
};

TEST_F(CannedAnswersTest, AddedAndReadBack) {
  const std::int64_t id = Add("Office hours", "en", "Mon-Fri 9:00-17:00, 12 Main St.");
  auto got = canned().Get(id);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->title, "Office hours");
  EXPECT_EQ((*got)->body, "Mon-Fri 9:00-17:00, 12 Main St.");
  EXPECT_EQ((*got)->lang, "en");
  EXPECT_EQ((*got)->created_at, 10);
  EXPECT_EQ((*got)->updated_at, 10);
  auto none = canned().Get(id + 1);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(CannedAnswersTest, AnyLanguageIsNull) {
  const std::int64_t id = Add("Emergency", std::nullopt, "911");
  EXPECT_EQ((*canned().Get(id))->lang, std::nullopt);
}

TEST_F(CannedAnswersTest, ListedByTitleWithoutALanguage) {
  Add("zebra", "fr");
  Add("Bus", "ar");
  Add("apple", std::nullopt);
  // Answers for any language first, then the others by language and title.
  EXPECT_EQ(Titles(), (std::vector<std::string>{"apple", "Bus", "zebra"}));
}

TEST_F(CannedAnswersTest, TheTicketsLanguageComesFirst) {
  Add("Clinic", "en");
  Add("Adresse", "fr");
  Add("Office", std::nullopt);
  Add("العنوان", "ar");
  Add("Bureau", "fr");
  Add("Any", std::nullopt);
  EXPECT_EQ(Titles("fr"), (std::vector<std::string>{"Adresse", "Bureau", "Any", "Office", "العنوان", "Clinic"}));
  EXPECT_EQ(Titles("ar"), (std::vector<std::string>{"العنوان", "Any", "Office", "Clinic", "Adresse", "Bureau"}));
  // A language nobody wrote answers in: any-language ones, then the rest.
  EXPECT_EQ(Titles("uk").front(), "Any");
}

TEST_F(CannedAnswersTest, BlankTitleOrTextRefused) {
  auto no_title = canned().Add({.title = "  ", .body = "text"});
  ASSERT_FALSE(no_title.ok());
  EXPECT_EQ(no_title.status().code(), Status::Code::kInvalid);
  EXPECT_EQ(no_title.status().message(), "a canned answer needs a title");
  auto no_body = canned().Add({.title = "t", .body = "\n"});
  ASSERT_FALSE(no_body.ok());
  EXPECT_EQ(no_body.status().message(), "a canned answer needs a text");
  EXPECT_TRUE(Titles().empty());
}

TEST_F(CannedAnswersTest, Updated) {
  const std::int64_t id = Add("Office", "en", "old");
  ASSERT_TRUE(canned().Update({.id = id, .title = "Bureau", .body = "nouveau", .lang = "fr", .updated_at = 20}).ok());
  const CannedAnswer a = **canned().Get(id);
  EXPECT_EQ(a.title, "Bureau");
  EXPECT_EQ(a.body, "nouveau");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.created_at, 10);  // kept
  EXPECT_EQ(a.updated_at, 20);
  ASSERT_TRUE(canned().Update({.id = id, .title = "Bureau", .body = "x", .lang = std::nullopt, .updated_at = 30}).ok());
  EXPECT_EQ((*canned().Get(id))->lang, std::nullopt);

  const Status missing = canned().Update({.id = id + 5, .title = "t", .body = "b"});
  EXPECT_EQ(missing.code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.message(), "no canned answer " + std::to_string(id + 5));
  EXPECT_EQ(canned().Update({.id = id, .title = "", .body = "b"}).code(), Status::Code::kInvalid);
  EXPECT_EQ((*canned().Get(id))->title, "Bureau");  // the refused change left it as it was
}

TEST_F(CannedAnswersTest, Removed) {
  const std::int64_t keep = Add("keep", "en");
  const std::int64_t drop = Add("drop", "en");
  ASSERT_TRUE(canned().Remove(drop).ok());
  EXPECT_EQ(Titles(), (std::vector<std::string>{"keep"}));
  EXPECT_EQ(canned().Remove(drop).code(), Status::Code::kNotFound);
  EXPECT_TRUE((*canned().Get(keep)).has_value());
}

TEST_F(CannedAnswersTest, TextIsStoredAsGiven) {
  // Bound as parameters, never SQL: quotes and Arabic come back unchanged.
  const std::string body = "Robert'); DROP TABLE canned_answers;-- مرحبا";
  const std::int64_t id = Add("quote ' \"", "ar", body);
  EXPECT_EQ((*canned().Get(id))->body, body);
  EXPECT_EQ((*canned().Get(id))->title, "quote ' \"");
}

}  // namespace
}  // namespace smsdesk::store
