// The fixture for the console tests: a real Console on 127.0.0.1 (a free
// port) over an in-memory store, its io_context on a thread of its own as in
// the daemon, and a plain HTTP client (http_client_support.h, blocking) for the
// test's side, whose answers the tests read as the console's own
// http::Response.
// The store is only touched on the console's thread (OnLoop), never from the
// test's: the Database is single-threaded.
#pragma once

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "firmware-host/auth/auth.h"
#include "firmware-host/config/config.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/desk/desk.h"
#include "store/accounts.h"
#include "store/contacts.h"
#include "store/database.h"
#include "store/tickets.h"
#include "tests/firmware-host/console/http_client_support.h"
#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::console::test_util {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using HttpResponse = http::Response;

// The password worker's test hook: Pass() counts who came and, while the
// gate is closed, holds them until Open(): a check in flight for as long as
// a test wants.
class Gate {
 public:
  void Close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }
  void Pass() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
  }
  void Open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  void WaitArrived(int n) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return arrived_ >= n; });
  }
  int arrived() {
    std::lock_guard lock(mutex_);
    return arrived_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
  bool open_ = true;
};

struct Session {
  std::string cookie;  // "smsdesk_session=…"
  std::string csrf;
};

class ConsoleTest : public ::testing::Test {
 protected:
  ConsoleTest() {
    EXPECT_TRUE(InitCrypto());
    auto db = store::Database::Open(":memory:");
    EXPECT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(db).value();
    desk_ = std::make_unique<desk::Desk>(*db_, nullptr, desk::DeskSettings{{.office_hours = desk::test_util::Toronto()}});
  }

  ~ConsoleTest() override {
    gate_.Open();  // a check still held would keep the worker (and us) waiting
    if (console_) OnLoop([&] { console_.reset(); });  // destroyed where it lives
    work_.reset();
    if (loop_.joinable()) loop_.join();
  }

  // Starts the console (after the test set up its users, modems_ and
  // timings_).
  void Start(config::ConsoleConfig config = {.bind = "127.0.0.1:0"}) {
    console_ = std::make_unique<Console>(io_,
                                         ConsoleDeps{.db = *db_,
                                                     .desk = *desk_,
                                                     .modems = modems_,
                                                     .faq_changed = [this] { ++faq_changes_; },
                                                     .check_credit = [this](const std::string& id) {
                                                       credit_checks_.push_back(id);
                                                       return id == "m0";
                                                     },
                                                     .ussd = [this] { return ussd_; },
                                                     .messages_added = [this] { ++messages_added_; },
                                                     .before_password_check = [this] { gate_.Pass(); }},
                                         MinimumCost(), timings_);
    auto started = console_->Start(config);
    ASSERT_TRUE(started.ok()) << started.error().message;
    port_ = console_->port();
    loop_ = std::thread([this] { io_.run(); });
  }

  // Runs `f` on the console's thread and returns its result.
  template <class F>
  auto OnLoop(F f) -> decltype(f()) {
    if (!loop_.joinable()) return f();  // not started: nothing else runs
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    net::post(io_, [&task] { task(); });
    return result.get();
  }

  std::int64_t AddUser(const std::string& name, const std::string& role, const std::string& password,
                       const std::string& language = "en") {
    return OnLoop([&] {
      auto id = store::Accounts(*db_).CreateUser({.name = name,
                                                  .role = role,
                                                  .password_hash = HashPassword(password, MinimumCost()),
                                                  .language = language,
                                                  .created_at = 1});
      EXPECT_TRUE(id.ok()) << id.status().message();
      return id.ok() ? *id : 0;
    });
  }

  // The one number `sql` selects, read on the console's thread.
  std::int64_t Count(const std::string& sql) {
    return OnLoop([&] {
      auto query = db_->Prepare(sql);
      auto row = query.Step();
      EXPECT_TRUE(row.ok() && *row) << sql;
      return row.ok() && *row ? query.Int(0) : -1;
    });
  }

  // A socket to the console from `from` (any 127.x.y.z is this machine:
  // another client address without another machine).
  tcp::socket Connect(net::io_context& io, const std::string& from = "127.0.0.1") {
    tcp::socket socket(io);
    socket.open(tcp::v4());
    socket.bind({net::ip::make_address(from), 0});
    socket.connect({net::ip::address_v4::loopback(), port_});
    return socket;
  }

  // One request on a connection of its own, from `from_`.
  HttpResponse Request(http::verb method, const std::string& target, const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {}) {
    return HttpExchange(port_, from_, method, target, body, headers);
  }

  HttpResponse Get(const std::string& target, const Session& session = {}) {
    return Request(http::verb::get, target, {}, Cookies(session));
  }

  // A form POST with the session's cookie and CSRF token.
  HttpResponse Post(const std::string& target, std::map<std::string, std::string> fields, const Session& session) {
    fields.emplace("csrf", session.csrf);
    return Request(http::verb::post, target, Form(fields), Cookies(session));
  }

  // Bytes in, every byte the server sends until it closes the connection.
  std::string Raw(const std::string& bytes) {
    net::io_context io;
    tcp::socket socket = Connect(io, from_);
    net::write(socket, net::buffer(bytes));
    std::string received;
    boost::system::error_code ec;
    net::read(socket, net::dynamic_buffer(received), ec);  // to EOF
    return received;
  }

  // The login form as a browser fills it: GET /login, POST it back.
  HttpResponse LoginAttempt(const std::string& name, const std::string& password) {
    const HttpResponse form = Request(http::verb::get, "/login");
    const std::string set_cookie(form[http::field::set_cookie]);
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));  // smsdesk_login=TOKEN
    const std::string token = cookie.substr(cookie.find('=') + 1);
    return Request(http::verb::post, "/login", Form({{"name", name}, {"password", password}, {"login_token", token}}),
                   {{"Cookie", cookie}});
  }

  Session Login(const std::string& name, const std::string& password) {
    const HttpResponse answer = LoginAttempt(name, password);
    EXPECT_EQ(answer.result_int(), 303) << answer.body();
    Session session;
    for (const auto& field : answer.fields()) {
      if (field.name == "Set-Cookie" && field.value.starts_with("smsdesk_session=")) {
        session.cookie = field.value.substr(0, field.value.find(';'));
      }
    }
    // The CSRF token from the page the login leads to (the role's home).
    const std::string page = Get(std::string(answer[http::field::location]), session).body();
    const std::string marker = "name=\"csrf\" value=\"";
    const std::size_t at = page.find(marker);
    EXPECT_NE(at, std::string::npos) << page;
    if (at != std::string::npos) session.csrf = page.substr(at + marker.size(), 43);
    return session;
  }

  static std::map<std::string, std::string> Cookies(const Session& session) {
    if (session.cookie.empty()) return {};
    return {{"Cookie", session.cookie}};
  }

  static std::string Form(const std::map<std::string, std::string>& fields) {
    std::string body;
    for (const auto& [key, value] : fields) {
      body += (body.empty() ? "" : "&") + Encode(key) + "=" + Encode(value);
    }
    return body;
  }

  static std::string Encode(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  }

  std::unique_ptr<store::Database> db_;
  std::unique_ptr<desk::Desk> desk_;
  std::function<std::vector<ModemStatus>()> modems_;
  int faq_changes_ = 0;  // on the loop
  config::UssdConfig ussd_;                 // the [ussd] the console sees
  std::vector<std::string> credit_checks_;  // modems the dashboard asked to check (on the loop)
  int messages_added_ = 0;                  // on the loop
  ConsoleTimings timings_;                  // before Start()
  std::string from_ = "127.0.0.1";          // the client address of Request() and Raw()
  Gate gate_;
  net::io_context io_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_{io_.get_executor()};
  std::unique_ptr<Console> console_;
  std::thread loop_;
  unsigned short port_ = 0;
};

}  // namespace smsdesk::console::test_util
