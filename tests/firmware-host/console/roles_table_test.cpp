// Who sees what, as a table: every route of the console and the JSON API,
// walked with every role (and nobody logged in), against the policy written
// out below independently of roles.cpp. And an agency's answers never carry
// a newcomer's number or words.
#include <set>

#include <boost/asio/read_until.hpp>

#include <nlohmann/json.hpp>

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/console/roles.h"
#include "store/canned_answers.h"
#include "store/drafts.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

constexpr const char* kNumber = "+16135550199";
constexpr const char* kNational = "6135550199";
constexpr const char* kQuestion = "Where can I find a family doctor for my son Karim?";
constexpr const char* kDraft = "Try the community health centre on Bank Street.";
constexpr const char* kReply = "Call the clinic on Rideau, they take new patients.";

// The policy: for each route, the roles that may take it (v volunteer, m
// moderator, g agency, a admin).
struct Expected {
  http::verb method;
  std::string_view pattern;
  std::string_view roles;
};
const Expected kPolicy[] = {
    {http::verb::get, "/", "vmga"},
    {http::verb::post, "/logout", "vmga"},
    {http::verb::get, "/events", "vmga"},
    {http::verb::get, "/queue", "vma"},
    {http::verb::get, "/tickets/{id}", "vma"},
    {http::verb::post, "/tickets/{id}/reply", "ma"},
    {http::verb::post, "/tickets/{id}/resolve", "ma"},
    {http::verb::post, "/tickets/{id}/note", "vma"},
    {http::verb::post, "/tickets/{id}/claim", "vma"},
    {http::verb::post, "/tickets/{id}/unclaim", "vma"},
    {http::verb::post, "/tickets/{id}/urgent", "vma"},
    {http::verb::post, "/tickets/{id}/not-urgent", "ma"},
    {http::verb::post, "/tickets/{id}/draft", "vma"},
    {http::verb::post, "/tickets/{id}/drafts/{draft}/approve", "ma"},
    {http::verb::post, "/tickets/{id}/drafts/{draft}/reject", "ma"},
    {http::verb::get, "/dashboard", "vmga"},
    {http::verb::post, "/dashboard/credit/{modem}", "a"},
    {http::verb::get, "/reports/tickets.csv", "ma"},
    {http::verb::get, "/faq", "vma"},
    {http::verb::get, "/faq/export.csv", "vma"},
    {http::verb::get, "/faq/edit", "ma"},
    {http::verb::post, "/faq/entry", "ma"},
    {http::verb::post, "/faq/import", "ma"},
    {http::verb::get, "/faq/examples", "ma"},
    {http::verb::post, "/faq/examples/decide", "ma"},
    {http::verb::get, "/words", "ma"},
    {http::verb::post, "/words/add", "ma"},
    {http::verb::post, "/words/{id}/remove", "ma"},
    {http::verb::get, "/canned", "ma"},
    {http::verb::post, "/canned/add", "ma"},
    {http::verb::post, "/canned/{id}/update", "ma"},
    {http::verb::post, "/canned/{id}/delete", "ma"},
    {http::verb::get, "/alerts", "ga"},
    {http::verb::post, "/alerts/preview", "ga"},
    {http::verb::post, "/alerts/send", "ga"},
    {http::verb::get, "/alerts/{id}", "ga"},
    {http::verb::post, "/alerts/{id}/cancel", "ga"},
    {http::verb::get, "/api/queue", "vma"},
    {http::verb::get, "/api/tickets/{id}", "vma"},
    {http::verb::post, "/api/tickets/{id}/reply", "ma"},
    {http::verb::post, "/api/tickets/{id}/resolve", "ma"},
    {http::verb::post, "/api/tickets/{id}/note", "vma"},
    {http::verb::get, "/api/alerts", "ga"},
    {http::verb::post, "/api/alerts", "ga"},
    {http::verb::post, "/api/alerts/preview", "ga"},
    {http::verb::get, "/api/alerts/{id}", "ga"},
    {http::verb::post, "/api/alerts/{id}/cancel", "ga"},
};

struct Account {
  char letter;
  std::string name, role, password;
};
const Account kAccounts[] = {{'v', "vera", "volunteer", "volunteer password 1"},
                             {'m', "mona", "moderator", "moderator password 1"},
                             {'g', "city", "agency", "agency password 1"},
                             {'a', "root", "admin", "admin password 1"}};

class RolesTableTest : public ConsoleTest {
 protected:
  void SetUp() override {
    desk::DeskSettings config{{.office_hours = desk::test_util::Toronto()}};
    config.alerts = {.topics = {"bus"}, .languages = {"en", "fr"}, .fallback_lang = "en",
                     .time_zone = "America/Toronto"};
    desk_->SetConfig(std::move(config));
    for (const Account& a : kAccounts) ids_[a.letter] = AddUser(a.name, a.role, a.password);
    town_ = AddUser("town", "agency", "agency password 2");
    modems_ = [] { return std::vector<ModemStatus>{{.id = "m0", .state = "ready", .last_error = "timed out: AT"}}; };
    OnLoop([&] {
      store::Accounts accounts(*db_);
      for (const Account& a : kAccounts) {
        EXPECT_TRUE(accounts.CreateApiToken({.token_hash = TokenHash("token-" + a.name), .user_id = ids_[a.letter],
                                             .label = "t", .created_at = 1}).ok());
      }
      store::Contacts contacts(*db_);
      const auto contact = contacts.GetOrCreate(kNumber, 100)->id;
      EXPECT_TRUE(contacts.Subscribe(contact, "bus", {.action = "subscribe", .topic = "bus", .keyword = "JOIN",
                                                      .source = "sms", .at = 1}).ok());
      store::Tickets tickets(*db_);
      ticket_ = *tickets.Create({.contact_id = contact, .lang = "en", .created_at = 100, .due_at = 200});
      (void)tickets.AddMessage({.contact_id = contact, .direction = "in", .body = kQuestion, .at = 100,
                                .ticket_id = ticket_});
      EXPECT_TRUE(desk_->Reply(ticket_, kReply, "mona", std::chrono::sys_seconds{std::chrono::seconds{150}}).ok());
      draft_ = *store::Drafts(*db_).Create(ticket_, ids_['v'], kDraft, 160);
      canned_ = *store::CannedAnswers(*db_).Add({.title = "Clinic", .body = "The clinic", .created_at = 1,
                                                .updated_at = 1});
      const alerts::AlertSettings& settings = desk_->config().alerts;
      for (auto [user, name] : {std::pair{ids_['g'], "city"}, std::pair{town_, "town"}}) {
        alerts::AlertDraft draft{.topics = {"bus"}, .texts = {{"en", "No buses today"}}, .source = "console",
                                 .created_by = user};
        auto id = alerts::CreateAlert(*db_, settings, draft, name, 200);
        EXPECT_TRUE(id.ok()) << id.status().message();
        (user == town_ ? town_alert_ : city_alert_) = id.ok() ? *id : 0;
      }
    });
    Start();
  }

  // The pattern with its {params} filled in for this desk.
  std::string Path(std::string_view pattern) {
    std::string path(pattern);
    auto fill = [&](const std::string& param, const std::string& value) {
      if (auto at = path.find(param); at != std::string::npos) path.replace(at, param.size(), value);
    };
    const bool alerts = path.find("/alerts/") != std::string::npos;
    const bool canned = path.starts_with("/canned/");
    fill("{id}", std::to_string(alerts ? city_alert_ : canned ? canned_ : ticket_));
    fill("{draft}", std::to_string(draft_));
    fill("{modem}", "m0");
    return path;
  }

  // What a POST to `path` carries: a form for pages, JSON for the API.
  static std::string Body(const std::string& path) {
    if (path.starts_with("/api/alerts")) {
      return nlohmann::json{{"topics", {"bus"}}, {"texts", {{"en", "Storm warning"}}}}.dump();
    }
    if (path.starts_with("/api/")) return nlohmann::json{{"text", "Yes, on Tuesday."}}.dump();
    return {};
  }
  std::map<std::string, std::string> Fields(const std::string& path, const Session& session) {
    std::map<std::string, std::string> fields{{"csrf", session.csrf}, {"text", "Yes, on Tuesday."}};
    if (path.starts_with("/alerts/")) fields.insert({{"topic_bus", "1"}, {"text_en", "Storm warning"}});
    if (path.starts_with("/canned/")) fields.insert({{"title", "Clinic"}, {"body", "The clinic"}});
    if (path == "/faq/entry") {
      fields.insert({{"id", "doctor"}, {"lang", "en"}, {"question", "Doctor?"}, {"answer", "Call 811."}});
    }
    if (path == "/faq/import") fields.insert({{"csv", "id,lang,keywords,question,answer\ndoctor,en,,Doctor?,811\n"}});
    return fields;
  }

  // The status line and the first bytes of an event stream (or of its refusal).
  std::string EventsHead(const std::map<std::string, std::string>& headers) {
    net::io_context io;
    tcp::socket socket = Connect(io);
    std::string request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
    net::write(socket, net::buffer(request + "\r\n"));
    std::string received;
    boost::system::error_code ec;
    net::read_until(socket, net::dynamic_buffer(received), "\r\n\r\n", ec);
    return received;
  }

  struct Answer {
    int status = 0;
    std::string body;
  };

  // One request to the route, as `session` (cookie) or with `token`.
  Answer Call(const RouteInfo& route, const Session& session, const std::string& token = {}) {
    const std::string path = Path(route.pattern);
    std::map<std::string, std::string> headers = Cookies(session);
    if (!token.empty()) headers = {{"Authorization", "Bearer " + token}};
    if (path == "/events") {
      const std::string head = EventsHead(headers);
      return {std::stoi(head.substr(9, 3)), head};
    }
    HttpResponse response;
    if (route.method == http::verb::get) {
      response = Request(http::verb::get, path, {}, headers);
    } else if (path.starts_with("/api/")) {
      if (!session.csrf.empty()) headers["X-CSRF-Token"] = session.csrf;
      response = Request(http::verb::post, path, Body(path), headers);
    } else {
      response = Request(http::verb::post, path, Form(Fields(path, session)), headers);
    }
    return {static_cast<int>(response.result_int()), response.body()};
  }

  std::map<char, std::int64_t> ids_;
  std::int64_t town_ = 0, ticket_ = 0, draft_ = 0, canned_ = 0, city_alert_ = 0, town_alert_ = 0;
};

TEST_F(RolesTableTest, EveryRouteIsInThePolicyAndTheTableAgrees) {
  std::set<std::pair<http::verb, std::string>> served, written;
  for (const RouteInfo& route : ConsoleServer::Routes()) served.insert({route.method, std::string(route.pattern)});
  for (const Expected& e : kPolicy) written.insert({e.method, std::string(e.pattern)});
  EXPECT_EQ(served, written) << "a route was added or removed: write down who may take it";
  for (const RouteInfo& route : ConsoleServer::Routes()) {
    for (const Account& a : kAccounts) {
      const auto e = std::find_if(std::begin(kPolicy), std::end(kPolicy), [&](const Expected& x) {
        return x.method == route.method && x.pattern == route.pattern;
      });
      ASSERT_NE(e, std::end(kPolicy));
      EXPECT_EQ(RoleMay(a.role, route.need), e->roles.find(a.letter) != std::string_view::npos)
          << a.role << " " << route.pattern << " needs " << CapabilityName(route.need);
    }
  }
  EXPECT_FALSE(RoleMay("root", Capability::kSignedIn)) << "an unknown role has nothing";
  EXPECT_TRUE(RoleMay("moderator", Capability::kSeeFullNumbers));
  EXPECT_FALSE(RoleMay("volunteer", Capability::kSeeFullNumbers));
  EXPECT_FALSE(RoleMay("agency", Capability::kSeeFullNumbers));
}

TEST_F(RolesTableTest, NobodyLoggedInGetsNothing) {
  for (const RouteInfo& route : ConsoleServer::Routes()) {
    const Answer answer = Call(route, {});
    const bool api = route.pattern.starts_with("/api/");
    if (api || route.method == http::verb::post || route.pattern == "/events") {
      EXPECT_EQ(answer.status, 401) << route.pattern << ": " << answer.body;
    } else {
      EXPECT_EQ(answer.status, 303) << route.pattern << ": " << answer.body;
    }
    EXPECT_EQ(answer.body.find(kQuestion), std::string::npos) << route.pattern;
  }
}

TEST_F(RolesTableTest, EachRoleTakesExactlyItsRoutes) {
  for (const Account& account : kAccounts) {
    const Session session = Login(account.name, account.password);
    for (const RouteInfo& route : ConsoleServer::Routes()) {
      if (route.pattern == "/logout") continue;  // last, it ends the session
      const auto e = std::find_if(std::begin(kPolicy), std::end(kPolicy), [&](const Expected& x) {
        return x.method == route.method && x.pattern == route.pattern;
      });
      ASSERT_NE(e, std::end(kPolicy)) << route.pattern;
      const bool allowed = e->roles.find(account.letter) != std::string_view::npos;
      const std::string what = account.role + " " + std::string(http::to_string(route.method)) + " " +
                               std::string(route.pattern);
      std::vector<Answer> answers = {Call(route, session)};
      if (route.pattern.starts_with("/api/")) answers.push_back(Call(route, {}, "token-" + account.name));
      for (const Answer& answer : answers) {
        if (allowed) {
          EXPECT_TRUE(answer.status != 401 && answer.status != 403) << what << ": " << answer.status << " "
                                                                     << answer.body.substr(0, 200);
        } else {
          EXPECT_EQ(answer.status, 403) << what << ": " << answer.body.substr(0, 200);
          EXPECT_NE(answer.body.find("may not"), std::string::npos) << what << ": " << answer.body.substr(0, 200);
        }
        if (account.role == "agency") {
          // Never a number (whole, national or masked) or a newcomer's words.
          for (const char* secret : {kNumber, kNational, "0199", kQuestion, kDraft, kReply}) {
            EXPECT_EQ(answer.body.find(secret), std::string::npos) << what << " shows " << secret;
          }
        }
      }
    }
    const HttpResponse out = Post("/logout", {}, session);
    EXPECT_EQ(out.result_int(), 303) << account.role;
    EXPECT_EQ(Get("/dashboard", session).result_int(), 303) << account.role << " is logged out";
  }
}

TEST_F(RolesTableTest, AgenciesSeeAndCancelOnlyTheirOwnAlerts) {
  const Session city = Login("city", "agency password 1");
  const std::string mine = "/alerts/" + std::to_string(city_alert_);
  const std::string theirs = "/alerts/" + std::to_string(town_alert_);
  EXPECT_EQ(Get(mine, city).result_int(), 200);
  EXPECT_EQ(Get(theirs, city).result_int(), 404);
  EXPECT_EQ(Post(theirs + "/cancel", {}, city).result_int(), 404);
  const std::string list = Get("/alerts", city).body();
  EXPECT_NE(list.find("href=\"" + mine + "\""), std::string::npos);
  EXPECT_EQ(list.find("href=\"" + theirs + "\""), std::string::npos);
  const std::map<std::string, std::string> token{{"Authorization", "Bearer token-city"}};
  EXPECT_EQ(Request(http::verb::get, "/api" + theirs, {}, token).result_int(), 404);
  EXPECT_EQ(Request(http::verb::post, "/api" + theirs + "/cancel", {}, token).result_int(), 404);
  const auto listed = nlohmann::json::parse(Request(http::verb::get, "/api/alerts", {}, token).body())["alerts"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], city_alert_);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE alert_id = " + std::to_string(town_alert_) +
                  " AND state = 'cancelled'"),
            0);
  // An admin sees and may cancel every one.
  const Session root = Login("root", "admin password 1");
  EXPECT_EQ(Get(theirs, root).result_int(), 200);
  EXPECT_EQ(Post(theirs + "/cancel", {}, root).result_int(), 303);
  const auto all = nlohmann::json::parse(
      Request(http::verb::get, "/api/alerts", {}, {{"Authorization", "Bearer token-root"}}).body())["alerts"];
  EXPECT_EQ(all.size(), 2u);
}

TEST_F(RolesTableTest, NumbersAreWholeOnlyForThoseWhoMaySeeThem) {
  const std::string ticket = "/tickets/" + std::to_string(ticket_);
  for (const Account& a : kAccounts) {
    if (a.role == "agency") continue;
    const Session session = Login(a.name, a.password);
    const bool whole = a.role != "volunteer";
    for (const std::string& body : {Get("/queue", session).body(), Get(ticket, session).body(),
                                    Request(http::verb::get, "/api" + ticket, {}, {{"Authorization",
                                                                                    "Bearer token-" + a.name}})
                                        .body()}) {
      EXPECT_EQ(body.find(kNumber) != std::string::npos, whole) << a.role;
      EXPECT_EQ(body.find("•••••••199") != std::string::npos, !whole) << a.role;
    }
  }
}

TEST_F(RolesTableTest, TheHomePageAndTheMenuFollowTheRole) {
  const HttpResponse city = LoginAttempt("city", "agency password 1");
  EXPECT_EQ(city[http::field::location], "/alerts");
  const HttpResponse vera = LoginAttempt("vera", "volunteer password 1");
  EXPECT_EQ(vera[http::field::location], "/queue");
  const std::string page = Get("/dashboard", Login("city", "agency password 1")).body();
  EXPECT_EQ(page.find("href=\"/queue\""), std::string::npos);
  EXPECT_EQ(page.find("href=\"/faq\""), std::string::npos);
  EXPECT_EQ(page.find("/reports/tickets.csv"), std::string::npos);
  EXPECT_NE(page.find("href=\"/alerts\""), std::string::npos);
}

}  // namespace
}  // namespace smsdesk::console::test_util
