// Console accounts: users, sessions, API tokens; and volunteers' drafts.
#include "store/accounts.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "store/contacts.h"
#include "store/database.h"
#include "store/drafts.h"
#include "store/tickets.h"

namespace smsdesk::store {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }
  std::int64_t AddUser(const std::string& name, const std::string& role = "moderator",
                       std::optional<std::string> phone = std::nullopt) {
    UserRecord user{.name = name, .role = role, .password_hash = "$argon2id$x", .phone = std::move(phone)};
    user.created_at = 100;
    auto id = accounts().CreateUser(user);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  Accounts accounts() { return Accounts(*db_); }
  std::unique_ptr<Database> db_;
};

TEST_F(AccountsTest, NamesAndPhonesAreUnique) {
  const auto amira = AddUser("amira", "moderator", "+15145550100");
  AddUser("ops", "admin");  // no phone: NULLs do not collide
  AddUser("bus-company", "agency");
  auto again = accounts().CreateUser({.name = "amira", .role = "volunteer", .created_at = 5});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kConstraint);
  EXPECT_EQ(again.status().message(), "a user named amira already exists");
  auto phone = accounts().CreateUser({.name = "yusuf", .role = "moderator", .phone = "+15145550100"});
  ASSERT_FALSE(phone.ok());
  EXPECT_EQ(phone.status().message(), "the number +15145550100 belongs to another user");
  auto role = accounts().CreateUser({.name = "eve", .role = "root"});
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.status().code(), Status::Code::kConstraint);
  EXPECT_EQ(role.status().message(), "unknown role root");

  auto users = *accounts().Users();
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].name, "amira");  // by name
  EXPECT_EQ(users[1].name, "bus-company");
  EXPECT_EQ(users[0].id, amira);
  EXPECT_EQ(users[0].language, "en");
  EXPECT_FALSE(users[0].disabled);
  EXPECT_EQ(users[0].pin_hash, std::nullopt);
}

TEST_F(AccountsTest, FindsUsersByNameIdAndPhone) {
  const auto id = AddUser("bus-company", "agency", "+16135550111");
  EXPECT_EQ((*accounts().FindUser("bus-company"))->id, id);
  EXPECT_EQ((*accounts().GetUser(id))->name, "bus-company");
  EXPECT_EQ((*accounts().FindUserByPhone("+16135550111"))->role, "agency");
  EXPECT_FALSE(accounts().FindUser("nobody")->has_value());
  EXPECT_FALSE(accounts().GetUser(id + 1)->has_value());
  EXPECT_FALSE(accounts().FindUserByPhone("+1999")->has_value());

  ASSERT_TRUE(accounts().SetPhone(id, "+16135550222").ok());
  EXPECT_FALSE(accounts().FindUserByPhone("+16135550111")->has_value());
  ASSERT_TRUE(accounts().SetPin(id, "$argon2id$pin").ok());
  ASSERT_TRUE(accounts().SetLanguage(id, "fr").ok());
  ASSERT_TRUE(accounts().SetRole(id, "admin").ok());
  ASSERT_TRUE(accounts().SetPassword(id, "$argon2id$new").ok());
  const UserRecord user = **accounts().FindUserByPhone("+16135550222");
  EXPECT_EQ(user.pin_hash, "$argon2id$pin");
  EXPECT_EQ(user.language, "fr");
  EXPECT_EQ(user.role, "admin");
  EXPECT_EQ(user.password_hash, "$argon2id$new");

  const auto other = AddUser("amira", "moderator", "+15145550100");
  EXPECT_EQ(accounts().SetPhone(other, "+16135550222").code(), Status::Code::kConstraint);
  EXPECT_EQ(accounts().SetPassword(999, "x").code(), Status::Code::kNotFound);
  EXPECT_EQ(accounts().SetRole(id, "root").code(), Status::Code::kConstraint);
}

TEST_F(AccountsTest, SessionsExpire) {
  const auto id = AddUser("amira");
  ASSERT_TRUE(accounts().CreateSession({"hash-a", id, "csrf-a", 100, 200}).ok());
  ASSERT_TRUE(accounts().CreateSession({"hash-b", id, "csrf-b", 100, 150}).ok());
  auto found = *accounts().FindSession("hash-a", 199);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, id);
  EXPECT_EQ(found->csrf, "csrf-a");
  EXPECT_FALSE(accounts().FindSession("hash-a", 200)->has_value());
  EXPECT_FALSE(accounts().FindSession("unknown", 0)->has_value());

  ASSERT_TRUE(accounts().ExtendSession("hash-a", 300).ok());
  EXPECT_TRUE(accounts().FindSession("hash-a", 250)->has_value());
  EXPECT_EQ(*accounts().DeleteExpiredSessions(250), 1);  // hash-b
  EXPECT_FALSE(accounts().FindSession("hash-b", 0)->has_value());
  ASSERT_TRUE(accounts().DeleteSession("hash-a").ok());
  EXPECT_FALSE(accounts().FindSession("hash-a", 250)->has_value());
}

TEST_F(AccountsTest, TokensAreUsedUntilRevoked) {
  const auto id = AddUser("bus-company", "agency");
  auto token =
      accounts().CreateApiToken({.token_hash = "tok-1", .user_id = id, .label = "dispatch", .created_at = 100});
  ASSERT_TRUE(token.ok()) << token.status().message();
  EXPECT_EQ(accounts().CreateApiToken({.token_hash = "tok-1", .user_id = id, .label = "again"}).status().code(),
            Status::Code::kConstraint);

  auto used = *accounts().UseApiToken("tok-1", 150);
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(used->id, *token);
  EXPECT_EQ(used->label, "dispatch");
  EXPECT_EQ(used->last_used_at, 150);
  EXPECT_FALSE(accounts().UseApiToken("tok-2", 150)->has_value());

  ASSERT_TRUE(accounts().RevokeApiToken(*token, 160).ok());
  ASSERT_TRUE(accounts().RevokeApiToken(*token, 170).ok());  // the first time stays
  EXPECT_FALSE(accounts().UseApiToken("tok-1", 180)->has_value());
  auto stored = **accounts().GetApiToken(*token);
  EXPECT_EQ(stored.revoked_at, 160);
  EXPECT_EQ(stored.last_used_at, 150);  // a refused use is not a use
  EXPECT_EQ(accounts().RevokeApiToken(999, 160).code(), Status::Code::kNotFound);
  EXPECT_FALSE(accounts().GetApiToken(999)->has_value());
}

TEST_F(AccountsTest, DisablingEndsSessionsAndRevokesTokens) {
  const auto amira = AddUser("amira");
  const auto yusuf = AddUser("yusuf");
  ASSERT_TRUE(accounts().CreateSession({"amira-1", amira, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateSession({"yusuf-1", yusuf, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "amira-t1", .user_id = amira, .label = "a"}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "amira-t2", .user_id = amira, .label = "b"}).ok());
  ASSERT_TRUE(accounts().RevokeApiToken(2, 120).ok());

  ASSERT_TRUE(accounts().Disable(amira, 150).ok());
  EXPECT_TRUE((*accounts().GetUser(amira))->disabled);
  EXPECT_FALSE(accounts().FindSession("amira-1", 200)->has_value());
  EXPECT_FALSE(accounts().UseApiToken("amira-t1", 200)->has_value());
  auto tokens = *accounts().ApiTokensOf(amira);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].revoked_at, 150);
  EXPECT_EQ(tokens[1].revoked_at, 120);  // revoked before: its time stays
  EXPECT_TRUE(accounts().FindSession("yusuf-1", 200)->has_value());  // others untouched
  EXPECT_EQ(accounts().Disable(999, 150).code(), Status::Code::kNotFound);
}

TEST_F(AccountsTest, EnablingLetsInAgainWithoutReviving) {
  const auto amira = AddUser("amira");
  ASSERT_TRUE(accounts().CreateSession({"amira-1", amira, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "amira-t1", .user_id = amira, .label = "a"}).ok());
  ASSERT_TRUE(accounts().Disable(amira, 150).ok());
  ASSERT_TRUE(accounts().Enable(amira).ok());
  EXPECT_FALSE((*accounts().GetUser(amira))->disabled);
  // What disabling ended stays ended: a new login, a new token.
  EXPECT_FALSE(accounts().FindSession("amira-1", 200)->has_value());
  EXPECT_FALSE(accounts().UseApiToken("amira-t1", 200)->has_value());
  ASSERT_TRUE(accounts().CreateSession({"amira-2", amira, "c", 200, 1000}).ok());
  EXPECT_TRUE(accounts().FindSession("amira-2", 300)->has_value());
  EXPECT_EQ(accounts().Enable(999).code(), Status::Code::kNotFound);
}

// Rows written behind the store's back (by hand, an older build) must not
// let a disabled user in.
TEST_F(AccountsTest, ADisabledUserHasNoLiveSessionOrToken) {
  const auto id = AddUser("amira");
  ASSERT_TRUE(accounts().CreateSession({"s", id, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "t", .user_id = id, .label = "a"}).ok());
  ASSERT_TRUE(db_->Execute("UPDATE users SET disabled = 1").ok());
  EXPECT_FALSE(accounts().FindSession("s", 200)->has_value());
  EXPECT_FALSE(accounts().UseApiToken("t", 200)->has_value());
}

TEST_F(AccountsTest, PasswordChangeCanEndEverySession) {
  const auto id = AddUser("amira");
  ASSERT_TRUE(accounts().CreateSession({"s1", id, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateSession({"s2", id, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().DeleteSessionsOf(id).ok());
  EXPECT_FALSE(accounts().FindSession("s1", 200)->has_value());
  EXPECT_FALSE(accounts().FindSession("s2", 200)->has_value());
}

// Whoever had the old password, or a token made while they had it, is out:
// every caller of SetPassword (smsdesk user passwd, the console) gets this.
TEST_F(AccountsTest, ANewPasswordEndsSessionsAndRevokesTokens) {
  const auto amira = AddUser("amira");
  const auto yusuf = AddUser("yusuf");
  ASSERT_TRUE(accounts().CreateSession({"amira-1", amira, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateSession({"yusuf-1", yusuf, "c", 100, 1000}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "amira-t1", .user_id = amira, .label = "a"}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "amira-t2", .user_id = amira, .label = "b"}).ok());
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "yusuf-t1", .user_id = yusuf, .label = "c"}).ok());
  ASSERT_TRUE(accounts().RevokeApiToken(2, 120).ok());

  ASSERT_TRUE(accounts().SetPassword(amira, "$argon2id$new", 150).ok());
  EXPECT_EQ((*accounts().GetUser(amira))->password_hash, "$argon2id$new");
  EXPECT_FALSE((*accounts().GetUser(amira))->disabled);
  EXPECT_FALSE(accounts().FindSession("amira-1", 200)->has_value());
  EXPECT_FALSE(accounts().UseApiToken("amira-t1", 200)->has_value());
  auto tokens = *accounts().ApiTokensOf(amira);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].revoked_at, 150);
  EXPECT_EQ(tokens[1].revoked_at, 120);  // revoked before: its time stays
  // Others untouched.
  EXPECT_TRUE(accounts().FindSession("yusuf-1", 200)->has_value());
  EXPECT_TRUE(accounts().UseApiToken("yusuf-t1", 200)->has_value());
  // New ones work after the change.
  ASSERT_TRUE(accounts().CreateSession({"amira-2", amira, "c", 160, 1000}).ok());
  EXPECT_TRUE(accounts().FindSession("amira-2", 200)->has_value());
  EXPECT_EQ(accounts().SetPassword(999, "x", 150).code(), Status::Code::kNotFound);

  // Without a time (the wall clock's): the same.
  ASSERT_TRUE(accounts().CreateApiToken({.token_hash = "amira-t3", .user_id = amira, .label = "d"}).ok());
  ASSERT_TRUE(accounts().SetPassword(amira, "$argon2id$newer").ok());
  EXPECT_FALSE(accounts().FindSession("amira-2", 200)->has_value());
  EXPECT_FALSE(accounts().UseApiToken("amira-t3", 200)->has_value());
  EXPECT_GT(*(*accounts().ApiTokensOf(amira)).back().revoked_at, 1'700'000'000);
}

class DraftsTest : public AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    volunteer_ = AddUser("sam", "volunteer");
    moderator_ = AddUser("amira");
    Contacts contacts(*db_);
    Tickets tickets(*db_);
    for (const char* number : {"+1555", "+1666"}) {
      const auto contact = contacts.GetOrCreate(number, 100)->id;
      tickets_.push_back(*tickets.Create({.contact_id = contact, .created_at = 100, .due_at = 200}));
    }
  }
  std::int64_t volunteer_ = 0;
  std::int64_t moderator_ = 0;
  std::vector<std::int64_t> tickets_;
};

TEST_F(DraftsTest, PendingUntilAModeratorDecidesOnce) {
  Drafts drafts(*db_);
  const auto first = *drafts.Create(tickets_[0], volunteer_, "Renew it at any service centre.", 110);
  const auto second = *drafts.Create(tickets_[1], volunteer_, "The library is free.", 105);
  const auto third = *drafts.Create(tickets_[0], volunteer_, "Or online.", 120);
  auto all = *drafts.Pending();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, second);  // oldest first
  EXPECT_EQ(all[0].state, "pending");
  EXPECT_EQ(drafts.Pending(tickets_[0])->size(), 2u);

  // The reply must exist: there is no outbox row 7 yet.
  EXPECT_EQ(drafts.Approve(first, moderator_, 7, 130).code(), Status::Code::kConstraint);
  ASSERT_TRUE(db_->Execute("INSERT INTO outbox(id, to_number, body, priority, state, next_attempt_at, created_at) "
                           "VALUES(7, '+1555', 'x', 2, 'queued', 0, 0)")
                  .ok());
  ASSERT_TRUE(drafts.Approve(first, moderator_, 7, 130).ok());
  ASSERT_TRUE(drafts.Reject(third, moderator_, 131).ok());
  const DraftRecord approved = **drafts.Get(first);
  EXPECT_EQ(approved.state, "approved");
  EXPECT_EQ(approved.decided_by, moderator_);
  EXPECT_EQ(approved.decided_at, 130);
  EXPECT_EQ(approved.outbox_id, 7);
  EXPECT_EQ((*drafts.Get(third))->outbox_id, std::nullopt);
  EXPECT_TRUE(drafts.Pending(tickets_[0])->empty());

  const Status twice = drafts.Reject(first, moderator_, 140);
  EXPECT_EQ(twice.code(), Status::Code::kConstraint);
  EXPECT_EQ(twice.message(), "draft " + std::to_string(first) + " is already approved");
  EXPECT_EQ(drafts.Approve(999, moderator_, 7, 140).code(), Status::Code::kNotFound);
  EXPECT_FALSE(drafts.Get(999)->has_value());
}

}  // namespace
}  // namespace smsdesk::store
