// The USSD callback (console_ussd.cpp) as an aggregator calls it (the secret
// in a header only, the host and origin rules of every request), the
// allow-list blocks it matches, and the dashboard's SIM credit (readings,
// warnings, the admin's "check now").
#include <sodium.h>

#include <cstring>

#include "firmware-host/base/net_address.h"
#include "firmware-host/config/config.h"
#include "store/sim_credit.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

constexpr const char* kSecret = "a-long-shared-secret-42";

class ConsoleUssdTest : public ConsoleTest {
 protected:
  void SetUp() override {
    const config::ParsedConfig parsed = config::ParseConfig(R"(
[topics.bus]
[menu]
title = { en = "Welcome", fr = "Bienvenue" }
[[menu.item]]
title = { en = "School bus alerts", fr = "Autobus scolaire" }
join = "bus"
[[menu.item]]
title = { en = "Talk to a person", fr = "Parler à une personne" }
person = true
)");
    ASSERT_TRUE(parsed.ok()) << config::FormatErrors(parsed, "t");
    desk::DeskSettings config = desk_->config();
    config.menu = std::make_shared<menu::MenuTree>(parsed.config.menu);
    config.alerts.languages = {"en", "fr"};
    desk_->SetConfig(config);
    ussd_.secret = kSecret;
    AddUser("root", "admin", "correct horse battery");
    AddUser("mona", "moderator", "correct horse battery staple");
    modems_ = [] { return std::vector<ModemStatus>{{.id = "m0", .state = "ready"}, {.id = "m1", .state = "ready"}}; };
    Start();
  }

  static std::string Base64(const std::string& text) {
    std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
  }

  HttpResponse Ussd(const std::string& text, const std::string& session = "ATUid_1",
                    const std::string& phone = "+254711000001", const std::string& target = "/ussd",
                    std::map<std::string, std::string> headers = {{"X-Ussd-Secret", kSecret}}) {
    return Request(http::verb::post, target,
                   Form({{"sessionId", session}, {"serviceCode", "*384*1#"}, {"phoneNumber", phone}, {"text", text}}),
                   headers);
  }
};

TEST_F(ConsoleUssdTest, AnAggregatorWalksTheMenu) {
  HttpResponse first = Ussd("");
  ASSERT_EQ(first.result(), http::status::ok) << first.body();
  EXPECT_EQ(first.body().rfind("CON ", 0), 0u) << first.body();
  EXPECT_NE(first[http::field::content_type].find("text/plain"), std::string::npos);
  // An unknown number picks its language first: 1 English, 2 French.
  HttpResponse menu = Ussd("2");
  EXPECT_NE(menu.body().find("Autobus scolaire"), std::string::npos) << menu.body();
  HttpResponse joined = Ussd("2*1");
  EXPECT_EQ(joined.body().rfind("END ", 0), 0u) << joined.body();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM subscriptions WHERE topic = 'bus'"), 1);
  // A question for a person: stored, and the daemon told to route it.
  HttpResponse asked = Ussd("2*2*Where is the school?", "ATUid_2");
  EXPECT_EQ(asked.body().rfind("END ", 0), 0u) << asked.body();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND modem = 'ussd'"), 1);
  EXPECT_EQ(OnLoop([&] { return messages_added_; }), 1);
  // GET with the fields in the query, the secret in a header.
  HttpResponse get = Request(http::verb::get, "/ussd?sessionId=ATUid_3&serviceCode=x&phoneNumber=254711000003&text=",
                             {}, {{"X-Smsdesk-Secret", kSecret}});
  EXPECT_EQ(get.result(), http::status::ok) << get.body();
}

TEST_F(ConsoleUssdTest, TheSecretComesInAHeaderOnly) {
  // As an aggregator sends a callback URL https://smsdesk:SECRET@host/ussd.
  const std::string basic = "Basic " + Base64(std::string("smsdesk:") + kSecret);
  EXPECT_EQ(Ussd("", "B1", "+254711000001", "/ussd", {{"Authorization", basic}}).result(), http::status::ok);
  EXPECT_EQ(Ussd("", "B2", "+254711000001", "/ussd", {{"X-Smsdesk-Secret", kSecret}}).result(), http::status::ok);
  const std::string wrong = "Basic " + Base64("smsdesk:a-long-shared-secret-43");
  EXPECT_EQ(Ussd("", "B3", "+254711000001", "/ussd", {{"Authorization", wrong}}).result(), http::status::forbidden);
  EXPECT_EQ(Ussd("", "B4", "+254711000001", "/ussd", {{"Authorization", "Basic !!!"}}).result(),
            http::status::forbidden);
  // In the URL or the form: refused, even when right, and said why.
  const HttpResponse query = Ussd("", "B5", "+254711000001", std::string("/ussd?secret=") + kSecret);
  EXPECT_EQ(query.result(), http::status::forbidden);
  EXPECT_NE(query.body().find("goes in a header"), std::string::npos) << query.body();
  const HttpResponse form = Request(http::verb::post, "/ussd",
                                    Form({{"sessionId", "B6"}, {"serviceCode", "*384*1#"},
                                          {"phoneNumber", "+254711000001"}, {"text", ""}, {"secret", kSecret}}),
                                    {{"X-Smsdesk-Secret", kSecret}});
  EXPECT_EQ(form.result(), http::status::forbidden);
  const HttpResponse get = Request(http::verb::get, std::string("/ussd?secret=") + kSecret +
                                                         "&sessionId=B7&serviceCode=x&phoneNumber=254711000003&text=");
  EXPECT_EQ(get.result(), http::status::forbidden);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ussd_sessions WHERE session_id IN ('B5', 'B6', 'B7')"), 0);
}

TEST_F(ConsoleUssdTest, TheHostAndOriginRulesApplyToo) {
  // A page elsewhere posting to the callback from a browser, or a rebound
  // DNS name: refused before the secret is even looked at.
  HttpResponse cross = Ussd("", "O1", "+254711000001", "/ussd",
                            {{"X-Smsdesk-Secret", kSecret}, {"Origin", "http://evil.example"}});
  EXPECT_EQ(cross.result(), http::status::forbidden);
  EXPECT_NE(cross.body().find("cross-site"), std::string::npos);
  HttpResponse rebound = Ussd("", "O2", "+254711000001", "/ussd",
                              {{"X-Smsdesk-Secret", kSecret}, {"Host", "evil.example"}});
  EXPECT_EQ(rebound.result_int(), 421);
}

TEST_F(ConsoleUssdTest, RefusesRequestsItCannotTrust) {
  EXPECT_EQ(Ussd("", "A", "+254711000001", "/ussd", {}).result(), http::status::forbidden);
  EXPECT_EQ(Ussd("", "A", "+254711000001", "/ussd", {{"X-Ussd-Secret", "a-long-shared-secret-43"}}).result(),
            http::status::forbidden);
  EXPECT_EQ(Ussd("", "A", "not a number").result(), http::status::bad_request);
  EXPECT_EQ(Ussd("", "bad id with spaces").result(), http::status::bad_request);
  EXPECT_EQ(Ussd(std::string(3000, '1')).result(), http::status::bad_request);
  // The same session id from another number.
  ASSERT_EQ(Ussd("", "S", "+254711000001").result(), http::status::ok);
  EXPECT_EQ(Ussd("", "S", "+254711000002").result(), http::status::bad_request);
  // An allow-list the peer (127.0.0.1) is not in.
  OnLoop([&] { ussd_.allow_from = {"10.0.0.0/8"}; });
  EXPECT_EQ(Ussd("").result(), http::status::forbidden);
  OnLoop([&] { ussd_.allow_from = {"127.0.0.0/8"}; });
  EXPECT_EQ(Ussd("").result(), http::status::ok);
  // Nothing of it is a console page: no login needed, none given.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(ConsoleUssdTest, DisabledMeansNoEndpoint) {
  OnLoop([&] { ussd_ = {}; });
  const HttpResponse response = Ussd("");
  EXPECT_NE(response.result(), http::status::ok);
  EXPECT_EQ(response.body().find("CON"), std::string::npos);
}

TEST_F(ConsoleUssdTest, DashboardShowsCreditAndWarnings) {
  OnLoop([&] {
    store::SimCredit credit(*db_);
    EXPECT_TRUE(credit.RecordReading("m0", {.amount = 3.2, .currency = "EUR", .expires_on = "2030-12-31"}, 100).ok());
    EXPECT_TRUE(credit.SetLowWarned("m0", 100).ok());
    EXPECT_TRUE(credit.RecordFailure("m1", "USSD *100#: timed out", 100).ok());
  });
  const Session admin = Login("root", "correct horse battery");
  const HttpResponse page = Get("/dashboard", admin);
  ASSERT_EQ(page.result(), http::status::ok);
  EXPECT_NE(page.body().find("3.20 EUR"), std::string::npos);
  EXPECT_NE(page.body().find("id=\"credit-low-m0\""), std::string::npos);
  EXPECT_NE(page.body().find("2030-12-31"), std::string::npos);
  EXPECT_NE(page.body().find("timed out"), std::string::npos);
  EXPECT_NE(page.body().find("/dashboard/credit/m0"), std::string::npos) << "admins get the button";

  const HttpResponse checked = Post("/dashboard/credit/m0", {}, admin);
  EXPECT_EQ(checked.result(), http::status::ok);
  EXPECT_NE(checked.body().find("Credit check started"), std::string::npos);
  const HttpResponse refused = Post("/dashboard/credit/m1", {}, admin);
  EXPECT_NE(refused.body().find("cannot be checked now"), std::string::npos);
  EXPECT_EQ(OnLoop([&] { return credit_checks_; }), (std::vector<std::string>{"m0", "m1"}));

  const Session moderator = Login("mona", "correct horse battery staple");
  EXPECT_EQ(Get("/dashboard", moderator).body().find("/dashboard/credit/"), std::string::npos);
  EXPECT_EQ(Post("/dashboard/credit/m0", {}, moderator).result(), http::status::forbidden);
}

TEST(NetAddress, CidrBlocks) {
  namespace ip = boost::asio::ip;
  auto block = ParseCidr("196.201.214.0/24");
  ASSERT_TRUE(block.has_value());
  EXPECT_TRUE(CidrContains(*block, ip::make_address("196.201.214.200")));
  EXPECT_FALSE(CidrContains(*block, ip::make_address("196.201.215.1")));
  EXPECT_TRUE(CidrContains(*block, ip::make_address("::ffff:196.201.214.9"))) << "v4-mapped on a v6 socket";
  auto single = ParseCidr("127.0.0.1");
  ASSERT_TRUE(single.has_value());
  EXPECT_TRUE(CidrContains(*single, ip::make_address("127.0.0.1")));
  EXPECT_FALSE(CidrContains(*single, ip::make_address("127.0.0.2")));
  auto v6 = ParseCidr("2001:db8::/32");
  ASSERT_TRUE(v6.has_value());
  EXPECT_TRUE(CidrContains(*v6, ip::make_address("2001:db8:1::5")));
  EXPECT_FALSE(CidrContains(*v6, ip::make_address("10.0.0.1")));
  auto zero = ParseCidr("0.0.0.0/0");
  ASSERT_TRUE(zero.has_value());
  EXPECT_TRUE(CidrContains(*zero, ip::make_address("8.8.8.8")));
  for (const char* bad : {"", "1.2.3.4/33", "1.2.3/24", "1.2.3.4/", "1.2.3.4/x", "::/129", "host.example"}) {
    EXPECT_FALSE(ParseCidr(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace smsdesk::console::test_util
