// The word lists from the console: a moderator adds a danger phrase or a
// STOP spelling, checked as a file's would be, kept in the store, audited,
// and the daemon told to reload; removed again; volunteers may not.
#include "store/word_list_additions.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

class ConsoleWordsTest : public ConsoleTest {
 protected:
  void SetUp() override {
    AddUser("mona", "moderator", "correct horse battery");
    AddUser("victor", "volunteer", "volunteer staple 42");
    Start();
    mona_ = Login("mona", "correct horse battery");
  }
  std::vector<store::WordListAddition> Additions() {
    return OnLoop([&] { return *store::WordListAdditions(*db_).All(); });
  }
  Session mona_;
};

TEST_F(ConsoleWordsTest, AModeratorAddsADangerPhraseAndAStopSpelling) {
  const std::string page = Get("/words", mona_).body();
  EXPECT_NE(page.find("form method=\"post\" action=\"/words/add\""), std::string::npos);
  EXPECT_NE(page.find("<option value=\"medical\">Danger: medical emergency</option>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"ar\">ar · العربية</option>"), std::string::npos);
  EXPECT_NE(page.find("Nothing added yet"), std::string::npos);

  const HttpResponse added =
      Post("/words/add", {{"lang", "ar"}, {"list", "medical"}, {"phrase", "  ما عم  يحس برجليه "}}, mona_);
  ASSERT_EQ(added.result_int(), 303) << added.body();
  EXPECT_EQ(added[http::field::location], "/words?done=added");
  ASSERT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "stop"}, {"phrase", "basta"}}, mona_).result_int(), 303);
  auto rows = Additions();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].phrase, "ما عم يحس برجليه");
  EXPECT_EQ(rows[0].list, "medical");
  EXPECT_EQ(rows[0].added_by, "mona");
  EXPECT_EQ(OnLoop([&] { return faq_changes_; }), 2);  // the daemon reloads its lists
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'words.add' AND actor = 'mona'"), 2);
  const std::string listed = Get("/words?done=added", mona_).body();
  EXPECT_NE(listed.find("ما عم يحس برجليه"), std::string::npos);
  EXPECT_NE(listed.find("Added: the desk uses it"), std::string::npos);

  // Checked like a file's entries; twice is refused.
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "fire"}, {"phrase", "*a*"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "fire"}, {"phrase", "a||b"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/words/add", {{"lang", "xx"}, {"list", "fire"}, {"phrase", "smoke"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "kitchen"}, {"phrase", "smoke"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "stop"}, {"phrase", "   "}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "stop"}, {"phrase", std::string(301, 'a')}}, mona_)
                .result_int(),
            400);
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "stop"}, {"phrase", "basta"}}, mona_).result_int(), 409);
  EXPECT_EQ(Additions().size(), 2u);

  // Removed again.
  ASSERT_EQ(Post("/words/" + std::to_string(rows[1].id) + "/remove", {}, mona_).result_int(), 303);
  EXPECT_EQ(Additions().size(), 1u);
  EXPECT_EQ(Post("/words/" + std::to_string(rows[1].id) + "/remove", {}, mona_).result_int(), 404);
  EXPECT_EQ(Post("/words/x/remove", {}, mona_).result_int(), 404);
  EXPECT_EQ(OnLoop([&] { return faq_changes_; }), 3);
}

TEST_F(ConsoleWordsTest, OnlyModeratorsAndAdmins) {
  const Session victor = Login("victor", "volunteer staple 42");
  EXPECT_EQ(Get("/words", victor).result_int(), 403);
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "stop"}, {"phrase", "basta"}}, victor).result_int(), 403);
  Session forged = mona_;
  forged.csrf = std::string(43, 'x');
  EXPECT_EQ(Post("/words/add", {{"lang", "en"}, {"list", "stop"}, {"phrase", "basta"}}, forged).result_int(), 403);
  EXPECT_TRUE(Additions().empty());
}

}  // namespace
}  // namespace smsdesk::console::test_util
