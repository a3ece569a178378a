// Logging in with the password check off the event loop: while one check is
// held on the worker (a test hook, no timing), the console answers other
// requests; attempts still go one at a time and see the throttle as before.
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
    for (const auto& field : response) {
      const std::string value(field.value());
      if (field.name() == http::field::set_cookie && value.starts_with(name + "=")) return value;
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

TEST_F(ConsoleLoginTest, AnUnknownNameNeedsNoCheck) {
  gate_.Close();  // nothing may reach the worker
  const HttpResponse answer = LoginAttempt("nobody", kPassword);
  EXPECT_EQ(answer.result_int(), 401);
  EXPECT_NE(answer.body().find("Wrong name or password."), std::string::npos);
  EXPECT_EQ(gate_.arrived(), 0);
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
