// Phrases moderators add to the word lists (schema 10): kept once per
// language, list and phrase, listed oldest first, removed by id.
#include "store/word_list_additions.h"

#include <gtest/gtest.h>

#include "store/database.h"

namespace smsdesk::store {
namespace {

TEST(WordListAdditionsTest, AddedOnceListedAndRemoved) {
  auto opened = Database::Open(":memory:");
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  WordListAdditions additions(**opened);
  auto a = additions.Add({.lang = "ar", .list = "medical", .phrase = "ما عم يحس", .added_by = "amal", .added_at = 5});
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto b = additions.Add({.lang = "en", .list = "stop", .phrase = "basta", .added_by = "amal", .added_at = 6});
  ASSERT_TRUE(b.ok());
  // The same phrase in another list or language is another addition.
  ASSERT_TRUE(additions.Add({.lang = "es", .list = "stop", .phrase = "basta", .added_by = "amal"}).ok());
  EXPECT_EQ(additions.Add({.lang = "en", .list = "stop", .phrase = "basta", .added_by = "omar"}).status().code(),
            Status::Code::kConstraint);
  auto all = additions.All();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].phrase, "ما عم يحس");
  EXPECT_EQ((*all)[0].added_by, "amal");
  EXPECT_EQ((*all)[0].added_at, 5);
  ASSERT_TRUE(additions.Remove(*a).ok());
  EXPECT_EQ(additions.Remove(*a).code(), Status::Code::kNotFound);
  EXPECT_EQ(additions.All()->size(), 2u);
}

}  // namespace
}  // namespace smsdesk::store
