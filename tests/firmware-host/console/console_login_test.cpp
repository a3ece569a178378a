// Logging in with the password check off the event loop: while one check is
// held on the worker (a test hook, no timing), the console answers other
// requests; attempts still go one at a time and see the throttle as before.
// Unknown names are checked too (counted at the hook, not timed); the
// throttle slows a (name, address) pair, not a name.
#include <future>

#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

constexpr const char* kPassword = "correct horse battery";

class ConsoleLoginTest : public ConsoleTest {
 protected:
  void SetUp() override {
    AddUser("mona", "moderator", kPassword);
    Start();
  }
  // A login in the background, answered once its check is let through.
  std::future<HttpResponse> LoginLater(const std::string& name, const std::string& password) {
    return std::async(std::launch::async, [=, this] { return LoginAttempt(name, password); });
  }
  std::string Cookie(const HttpResponse& response, const std::string& name) {
    for (const auto& field : response.fields()) {
      if (field.name == "Set-Cookie" && field.value.starts_with(name + "=")) return field.value;
    }
    return {};
  }
};

TEST_F(ConsoleLoginTest, OtherRequestsAreAnsweredWhileAPasswordIsChecked) {
  gate_.Close();
  auto login = LoginLater("mona", kPassword);
  gate_.WaitArrived(1);  // the check is on the worker, held there
  // The loop is free: pages, the stylesheet, another login form.
  EXPECT_EQ(Request(http::verb::get, "/static/app.css").result_int(), 200);
  EXPECT_EQ(Request(http::verb::get, "/login").result_int(), 200);
  EXPECT_EQ(Request(http::verb::get, "/queue").result_int(), 303);  // to /login: not logged in
  EXPECT_EQ(login.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  gate_.Open();
  const HttpResponse answer = login.get();
  EXPECT_EQ(answer.result_int(), 303);
  EXPECT_EQ(answer[http::field::location], "/queue");
  EXPECT_TRUE(Cookie(answer, "smsdesk_session").find("HttpOnly; SameSite=Strict") != std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'login' AND actor = 'mona'"), 1);
}

TEST_F(ConsoleLoginTest, AttemptsWaitTheirTurnAndSeeTheThrottle) {
  gate_.Close();
  auto wrong = LoginLater("mona", "a wrong guess");
  gate_.WaitArrived(1);
  // The right password right behind it, while the wrong one is checked.
  auto right = LoginLater("mona", kPassword);
  while (OnLoop([&] { return console_->logins_waiting(); }) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  gate_.Open();
  EXPECT_EQ(wrong.get().result_int(), 401);
  // As when the check ran on the loop: the failure came first, so the next
  // attempt is too early and refused without its password being checked.
  const HttpResponse second = right.get();
  EXPECT_EQ(second.result_int(), 429);
  EXPECT_EQ(second[http::field::retry_after], "1");
  EXPECT_NE(second.body().find("Too many attempts"), std::string::npos);
  EXPECT_EQ(gate_.arrived(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'login.failed'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(ConsoleLoginTest, AnUnknownNameIsCheckedLikeAKnownOne) {
  // The same argon2 check (against a dummy hash) and the same answer: how
  // long a refusal takes does not tell which names exist.
  const HttpResponse answer = LoginAttempt("nobody", kPassword);
  EXPECT_EQ(answer.result_int(), 401);
  EXPECT_NE(answer.body().find("Wrong name or password."), std::string::npos);
  EXPECT_EQ(gate_.arrived(), 1);
  // A disabled account, and one without a password, too.
  AddUser("old", "moderator", kPassword);
  OnLoop([&] { return store::Accounts(*db_).Disable(2, 100).ok(); });
  EXPECT_EQ(LoginAttempt("old", kPassword).result_int(), 401);
  EXPECT_EQ(gate_.arrived(), 2);
  const std::int64_t empty = OnLoop([&] {
    return *store::Accounts(*db_).CreateUser({.name = "nopass", .role = "moderator", .created_at = 1});
  });
  EXPECT_GT(empty, 0);
  EXPECT_EQ(LoginAttempt("nopass", "").result_int(), 401);
  EXPECT_EQ(gate_.arrived(), 3);
  EXPECT_EQ(LoginAttempt("mona", kPassword).result_int(), 303);
  EXPECT_EQ(gate_.arrived(), 4);
}

TEST_F(ConsoleLoginTest, SomeoneHammeringANameElsewhereDoesNotLockItsOwnerOut) {
  from_ = "127.0.0.2";  // the attacker
  int refused_early = 0;
  for (int i = 0; i < 8; ++i) {
    const int status = LoginAttempt("mona", "guess " + std::to_string(i)).result_int();
    EXPECT_TRUE(status == 401 || status == 429) << status;
    refused_early += status == 429;
  }
  EXPECT_GT(refused_early, 0) << "the attacker is slowed down";
  from_ = "127.0.0.1";  // mona at her desk, at once
  EXPECT_EQ(LoginAttempt("mona", kPassword).result_int(), 303);
}

TEST_F(ConsoleLoginTest, AHugeOrBrokenNameIsStoredShortAndValid) {
  std::string name = std::string(10000, 'n') + "\xff\n";
  EXPECT_EQ(LoginAttempt("\xff\n" + name, "x").result_int(), 401);
  const std::string actor = OnLoop([&] {
    auto query = db_->Prepare("SELECT actor FROM audit WHERE action = 'login.failed'");
    auto row = query.Step();
    return row.ok() && *row ? query.Text(0) : std::string("none");
  });
  EXPECT_EQ(actor, "??" + std::string(62, 'n'));
}

TEST_F(ConsoleLoginTest, DisabledWhileCheckedIsRefused) {
  gate_.Close();
  auto login = LoginLater("mona", kPassword);
  gate_.WaitArrived(1);
  OnLoop([&] { return store::Accounts(*db_).Disable(1, 100).ok(); });
  gate_.Open();
  EXPECT_EQ(login.get().result_int(), 401);
}

TEST_F(ConsoleLoginTest, StoppingWithACheckInFlight) {
  gate_.Close();
  auto login = LoginLater("mona", kPassword);
  gate_.WaitArrived(1);
  OnLoop([&] { console_->Stop(); });  // the daemon's SIGTERM
  gate_.Open();
  // The connection was closed with the server; the late answer goes nowhere.
  EXPECT_THROW(login.get(), boost::system::system_error);
  OnLoop([&] { console_.reset(); });  // the worker is joined, nothing is left to run
}

}  // namespace
}  // namespace smsdesk::console::test_util
