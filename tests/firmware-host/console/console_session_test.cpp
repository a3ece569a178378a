// Sessions, event streams and connections under attack: a session ends at
// its absolute lifetime however busy; an event stream ends at once on
// logout, when its session expires or its user is disabled or gets a new
// password (checked again on a timer), and at its maximum age; a client
// dribbling its request head is cut off; slow clients holding every slot do
// not lock a newcomer out; a request naming another host is refused.
#include <atomic>

#include <boost/asio/ip/host_name.hpp>
#include <boost/asio/read_until.hpp>

#include "firmware-host/base/clock.h"
#include "firmware-host/config/config.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

using namespace std::chrono_literals;
constexpr const char* kPassword = "correct horse battery";

class ConsoleSessionTest : public ConsoleTest {
 protected:
  void SetUp() override { mona_id_ = AddUser("mona", "moderator", kPassword); }

  // An open event stream: the socket, what came so far.
  struct Stream {
    std::unique_ptr<net::io_context> io = std::make_unique<net::io_context>();
    std::optional<tcp::socket> socket;
    std::string received;
  };

  Stream OpenEvents(const Session& session) {
    Stream s;
    s.socket.emplace(Connect(*s.io));
    const std::string request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + session.cookie + "\r\n\r\n";
    net::write(*s.socket, net::buffer(request));
    net::read_until(*s.socket, net::dynamic_buffer(s.received), "event: hello\ndata: \n\n");
    EXPECT_TRUE(s.received.starts_with("HTTP/1.1 200 OK")) << s.received;
    return s;
  }

  // Everything the server sends until it closes the stream; the time it took.
  std::chrono::steady_clock::duration ReadToEnd(Stream& s) {
    const auto start = std::chrono::steady_clock::now();
    boost::system::error_code ec;
    net::read(*s.socket, net::dynamic_buffer(s.received), ec);
    return std::chrono::steady_clock::now() - start;
  }

  std::int64_t mona_id_ = 0;
};

TEST_F(ConsoleSessionTest, ASessionEndsAtItsAbsoluteLifetimeHoweverBusy) {
  Start({.bind = "127.0.0.1:0", .session_max_age = std::chrono::hours(24)});
  const Session mona = Login("mona", kPassword);
  // Busy all along (it slid), but logged in a day and a minute ago.
  const std::int64_t now = SystemClock().NowSeconds();
  OnLoop([&] {
    return db_->Execute("UPDATE sessions SET created_at = " + std::to_string(now - 86400 - 60) +
                        ", expires_at = " + std::to_string(now + 3600))
        .ok();
  });
  EXPECT_EQ(Get("/queue", mona).result_int(), 303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(ConsoleSessionTest, SlidingNeverGoesPastTheAbsoluteEnd) {
  Start({.bind = "127.0.0.1:0", .session_max_age = std::chrono::hours(24)});
  const Session mona = Login("mona", kPassword);
  const std::int64_t now = SystemClock().NowSeconds();
  const std::int64_t created = now - 86400 + 600;  // 10 minutes left
  OnLoop([&] {
    return db_->Execute("UPDATE sessions SET created_at = " + std::to_string(created) +
                        ", expires_at = " + std::to_string(now + 60))
        .ok();
  });
  EXPECT_EQ(Get("/queue", mona).result_int(), 200);
  const std::int64_t expires = Count("SELECT expires_at FROM sessions");
  EXPECT_LE(expires, created + 86400);
  EXPECT_GE(expires, now + 500) << "it still slid, up to the end";
}

TEST_F(ConsoleSessionTest, LogoutEndsTheSessionsStreamsAtOnce) {
  Start();
  const Session mona = Login("mona", kPassword);
  const Session other = Login("mona", kPassword);  // another browser
  Stream stream = OpenEvents(mona);
  Stream kept = OpenEvents(other);
  EXPECT_EQ(OnLoop([&] { return console_->streams_open(); }), 2u);
  EXPECT_EQ(Post("/logout", {}, mona).result_int(), 303);
  EXPECT_LT(ReadToEnd(stream), 5s);
  EXPECT_NE(stream.received.find("event: logout"), std::string::npos) << stream.received;
  EXPECT_EQ(OnLoop([&] { return console_->streams_open(); }), 1u) << "the other session's stream stays";
}

TEST_F(ConsoleSessionTest, AStreamIsCheckedAgainAndEndsWhenItsUserIsDisabled) {
  timings_.stream_recheck = 1s;
  Start();
  Stream stream = OpenEvents(Login("mona", kPassword));
  OnLoop([&] { return store::Accounts(*db_).Disable(mona_id_, SystemClock().NowSeconds()).ok(); });  // smsdesk user disable
  EXPECT_LT(ReadToEnd(stream), 5s);
  EXPECT_NE(stream.received.find("event: logout"), std::string::npos) << stream.received;
}

TEST_F(ConsoleSessionTest, ANewPasswordEndsTheStreamsWhenTheConsoleIsTold) {
  Start();  // the default recheck (60 s): only AccountsChanged ends it this soon
  Stream stream = OpenEvents(Login("mona", kPassword));
  OnLoop([&] {
    EXPECT_TRUE(store::Accounts(*db_).SetPassword(mona_id_, HashPassword("a new one", MinimumCost()), 1).ok());
    console_->AccountsChanged();
    return 0;
  });
  EXPECT_LT(ReadToEnd(stream), 5s);
  EXPECT_NE(stream.received.find("event: logout"), std::string::npos) << stream.received;
}

TEST_F(ConsoleSessionTest, AStreamEndsWhenItsSessionDoes) {
  Start({.bind = "127.0.0.1:0", .session_max_age = std::chrono::hours(24)});
  const Session mona = Login("mona", kPassword);
  // Two seconds of lifetime left: the stream ends then, not at the next
  // recheck a minute later.
  const std::int64_t now = SystemClock().NowSeconds();
  OnLoop([&] { return db_->Execute("UPDATE sessions SET created_at = " + std::to_string(now - 86400 + 2)).ok(); });
  Stream stream = OpenEvents(mona);
  EXPECT_LT(ReadToEnd(stream), 10s);
  EXPECT_NE(stream.received.find("event: logout"), std::string::npos) << stream.received;
}

TEST_F(ConsoleSessionTest, AStreamHasAMaximumAge) {
  timings_.stream_max_age = 1s;
  Start();
  Stream stream = OpenEvents(Login("mona", kPassword));
  EXPECT_LT(ReadToEnd(stream), 5s);
  // No "logout": the browser reconnects, and the session is still good.
  EXPECT_EQ(stream.received.find("event: logout"), std::string::npos) << stream.received;
}

TEST_F(ConsoleSessionTest, ADribbledRequestHeadIsCutOff) {
  timings_.http.header_timeout = 1s;
  Start();
  net::io_context io;
  tcp::socket socket = Connect(io);
  net::write(socket, net::buffer(std::string("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")));
  // A header byte every 100 ms: never idle, never done.
  std::atomic<bool> stop = false;
  std::thread dribbler([&] {
    boost::system::error_code ec;
    while (!stop && !ec) {
      net::write(socket, net::buffer("X-A: b\r\n", 8), ec);
      std::this_thread::sleep_for(100ms);
    }
  });
  const auto start = std::chrono::steady_clock::now();
  std::string received;
  boost::system::error_code ec;
  net::read(socket, net::dynamic_buffer(received), ec);  // until the server closes
  const auto took = std::chrono::steady_clock::now() - start;
  stop = true;
  dribbler.join();
  EXPECT_LT(took, 4s);
  EXPECT_EQ(received.find("200 OK"), std::string::npos);
}

TEST_F(ConsoleSessionTest, SlowClientsHoldingEverySlotDoNotLockANewcomerOut) {
  Start();  // the daemon's limits: 64 connections, 16 per address
  // Four addresses, 16 connections each, every one dribbling a request head.
  net::io_context io;
  std::vector<tcp::socket> held;
  for (int a = 2; a <= 5; ++a) {
    for (int i = 0; i < 16; ++i) {
      held.push_back(Connect(io, "127.0.0." + std::to_string(a)));
      net::write(held.back(), net::buffer(std::string("GET /login HTTP/1.1\r\n")));
    }
  }
  std::this_thread::sleep_for(200ms);  // all accepted
  from_ = "127.0.0.9";
  const HttpResponse page = Request(http::verb::get, "/login");
  EXPECT_EQ(page.result_int(), 200);
  // And a 17th connection from one of the slow addresses takes its own
  // oldest slot (the server is full again, that address at its cap).
  from_ = "127.0.0.3";
  EXPECT_EQ(Request(http::verb::get, "/login").result_int(), 200);
}

TEST_F(ConsoleSessionTest, OnlyTheConsolesHostNamesAreAnswered) {
  Start({.bind = "127.0.0.1:0", .hostnames = {"desk.example.org"}});
  const std::string port = std::to_string(port_);
  for (const std::string& host : std::vector<std::string>{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port,
                                 "desk.example.org", "Desk.Example.Org.:443"}) {
    EXPECT_EQ(Request(http::verb::get, "/login", {}, {{"Host", host}}).result_int(), 200) << host;
  }
  for (const std::string& host : std::vector<std::string>{"evil.example", "evil.example:" + port, "127.0.0.1.evil.example", "10.0.0.8",
                                 "desk.example.org.evil", ""}) {
    const HttpResponse refused = Request(http::verb::get, "/login", {}, {{"Host", host}});
    EXPECT_EQ(refused.result_int(), 421) << host;
    // Not even the stylesheet, nor a login.
    EXPECT_EQ(Request(http::verb::get, "/static/app.css", {}, {{"Host", host}}).result_int(), 421) << host;
  }
  EXPECT_TRUE(Raw("GET /login HTTP/1.1\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 421")) << "no Host";
  EXPECT_TRUE(Raw("GET /login HTTP/1.0\r\n\r\n").starts_with("HTTP/1.0 200")) << "HTTP/1.0 may leave it out";
}

TEST_F(ConsoleSessionTest, BoundToEveryAddressAnyAddressIsAHostName) {
  Start({.bind = "0.0.0.0:0"});
  EXPECT_EQ(Request(http::verb::get, "/login", {}, {{"Host", "192.168.1.20:8443"}}).result_int(), 200);
  EXPECT_EQ(Request(http::verb::get, "/login", {}, {{"Host", "[fe80::1]:8443"}}).result_int(), 200);
  EXPECT_EQ(Request(http::verb::get, "/login", {}, {{"Host", "evil.example"}}).result_int(), 421);
  // This machine's own name, bare and as mDNS gives it.
  const std::string self = boost::asio::ip::host_name();
  EXPECT_EQ(Request(http::verb::get, "/login", {}, {{"Host", self + ":8443"}}).result_int(), 200) << self;
  EXPECT_EQ(Request(http::verb::get, "/login", {}, {{"Host", self + ".local:8443"}}).result_int(), 200) << self;
}

TEST(ConsoleConfig, HostNamesAndSessionLifetime) {
  auto parsed = config::ParseConfig(
      "[console]\nhostnames = [\"desk.example.org\", \"[fd00::5]\"]\nsession_max_age = \"2d\"\n");
  ASSERT_TRUE(parsed.ok()) << config::FormatErrors(parsed, "t");
  EXPECT_EQ(parsed.config.console.hostnames, (std::vector<std::string>{"desk.example.org", "[fd00::5]"}));
  EXPECT_EQ(parsed.config.console.session_max_age, std::chrono::hours(48));
  EXPECT_EQ(config::ParseConfig("").config.console.session_max_age, std::chrono::hours(24 * 7));
  for (const char* bad : {"hostnames = [\"https://desk.example.org\"]", "hostnames = [\"desk:8443\"]",
                          "session_max_age = \"1m\""}) {
    EXPECT_FALSE(config::ParseConfig(std::string("[console]\n") + bad + "\n").ok()) << bad;
  }
}

}  // namespace
}  // namespace smsdesk::console::test_util
