// Alerts in the console and the JSON API: agency accounts preview, send,
// follow and cancel alerts; moderators and volunteers cannot; the CSRF token
// and the audit log apply as everywhere.
#include "tests/firmware-host/console/console_fixture.h"

#include <nlohmann/json.hpp>

#include "store/alerts.h"
#include "store/audit_log.h"

namespace smsdesk::console::test_util {
namespace {

class ConsoleAlertsTest : public ConsoleTest {
 protected:
  void SetUp() override {
    desk::DeskSettings config{{.office_hours = desk::test_util::Toronto()}};
    config.alerts = {.topics = {"bus", "storm"},
                     .languages = {"ar", "en", "fr"},
                     .fallback_lang = "en",
                     .time_zone = "America/Toronto"};  // no quiet hours
    desk_->SetConfig(std::move(config));
    agency_id_ = AddUser("city", "agency", "agency password 1");
    AddUser("mona", "moderator", "correct horse battery");
    OnLoop([&] {
      store::Contacts contacts(*db_);
      int n = 0;
      for (const char* lang : {"ar", "fr", "en", "ar"}) {
        auto c = contacts.GetOrCreate("+1613555010" + std::to_string(n++), 1);
        EXPECT_TRUE(contacts.SetLanguage(c->id, lang).ok());
        EXPECT_TRUE(contacts.Subscribe(c->id, "bus", {.action = "subscribe", .topic = "bus", .keyword = "JOIN",
                                                      .source = "sms", .at = 1})
                        .ok());
      }
      EXPECT_TRUE(store::Accounts(*db_)
                      .CreateApiToken({.token_hash = TokenHash("agency-token"), .user_id = agency_id_,
                                       .label = "city system", .created_at = 1})
                      .ok());
    });
    Start();
    city_ = Login("city", "agency password 1");
  }

  std::map<std::string, std::string> Draft() {
    return {{"topic_bus", "1"}, {"class", "info"}, {"fallback", "en"},
            {"text_en", "No school buses today"}, {"text_ar", "لا حافلات مدرسية اليوم"}};
  }

  HttpResponse Api(http::verb method, const std::string& target, const nlohmann::json& body = nullptr) {
    return Request(method, target, body.is_null() ? std::string() : body.dump(),
                   {{"Authorization", "Bearer agency-token"}});
  }

  std::int64_t agency_id_ = 0;
  Session city_;
};

TEST_F(ConsoleAlertsTest, PreviewShowsEncodingSegmentsAndRecipientsThenSendCreatesTheJob) {
  const HttpResponse page = Get("/alerts", city_);
  ASSERT_EQ(page.result_int(), 200);
  EXPECT_NE(page.body().find("name=\"text_ar\""), std::string::npos);

  const HttpResponse preview = Post("/alerts/preview", Draft(), city_);
  ASSERT_EQ(preview.result_int(), 200) << preview.body();
  EXPECT_NE(preview.body().find("UCS-2"), std::string::npos);
  EXPECT_NE(preview.body().find("GSM-7"), std::string::npos);
  EXPECT_NE(preview.body().find("<strong>4</strong>"), std::string::npos) << preview.body();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM alerts"), 0);  // a preview sends nothing

  const HttpResponse sent = Post("/alerts/send", Draft(), city_);
  ASSERT_EQ(sent.result_int(), 303) << sent.body();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE alert_id = 1"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE alert_id = 1 AND body = 'لا حافلات مدرسية اليوم'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE alert_id = 1 AND body = 'No school buses today'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'alert.create' AND actor = 'city'"), 1);

  const HttpResponse shown = Get("/alerts/1", city_);
  ASSERT_EQ(shown.result_int(), 200);
  EXPECT_NE(shown.body().find("<progress"), std::string::npos);
  EXPECT_NE(shown.body().find("0/4"), std::string::npos) << shown.body();
  EXPECT_NE(shown.body().find("data-alert=\"1\""), std::string::npos);
  const HttpResponse bar = Get("/alerts/1?partial=1", city_);  // the live update's fragment
  ASSERT_EQ(bar.result_int(), 200);
  EXPECT_TRUE(bar.body().starts_with("<progress")) << bar.body();

  ASSERT_EQ(Post("/alerts/1/cancel", {}, city_).result_int(), 303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE alert_id = 1 AND state = 'cancelled'"), 4);
  EXPECT_EQ(Post("/alerts/1/cancel", {}, city_).result_int(), 409);
}

TEST_F(ConsoleAlertsTest, ExplainsAnAlertThatCannotGoAndEscapesTheText) {
  auto draft = Draft();
  draft.erase("text_en");  // the fallback is missing
  draft["text_ar"] = "<script>alert(1)</script>";
  const HttpResponse preview = Post("/alerts/send", draft, city_);
  EXPECT_EQ(preview.result_int(), 422);
  EXPECT_NE(preview.body().find("write a text in en"), std::string::npos) << preview.body();
  EXPECT_EQ(preview.body().find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM alerts"), 0);
}

TEST_F(ConsoleAlertsTest, OnlyAgenciesAndAdminsAndAlwaysWithTheCsrfToken) {
  const Session mona = Login("mona", "correct horse battery");
  EXPECT_EQ(Get("/alerts", mona).result_int(), 403);
  EXPECT_EQ(Post("/alerts/send", Draft(), mona).result_int(), 403);
  Session forged = city_;
  forged.csrf = "forged";
  EXPECT_EQ(Post("/alerts/send", Draft(), forged).result_int(), 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM alerts"), 0);
}

TEST_F(ConsoleAlertsTest, TheJsonApiPreviewsSendsFollowsAndCancels) {
  const nlohmann::json draft = {{"topics", {"bus"}},
                                {"class", "emergency"},
                                {"texts", {{"en", "Storm: stay home"}, {"fr", "Tempête : restez chez vous"}}}};
  const HttpResponse preview = Api(http::verb::post, "/api/alerts/preview", draft);
  ASSERT_EQ(preview.result_int(), 200) << preview.body();
  const auto p = nlohmann::json::parse(preview.body());
  EXPECT_EQ(p["recipients"], 4);
  EXPECT_EQ(p["held"], false);

  const HttpResponse created = Api(http::verb::post, "/api/alerts", draft);
  ASSERT_EQ(created.result_int(), 201) << created.body();
  const std::int64_t id = nlohmann::json::parse(created.body())["id"];
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE alert_id = " + std::to_string(id) + " AND priority = 0"), 4);

  const auto shown = nlohmann::json::parse(Api(http::verb::get, "/api/alerts/" + std::to_string(id)).body());
  EXPECT_EQ(shown["state"], "sending");
  EXPECT_EQ(shown["progress"]["queued"], 4);
  EXPECT_EQ(shown["texts"]["fr"], "Tempête : restez chez vous");
  EXPECT_EQ(nlohmann::json::parse(Api(http::verb::get, "/api/alerts").body())["alerts"].size(), 1u);

  const HttpResponse cancelled = Api(http::verb::post, "/api/alerts/" + std::to_string(id) + "/cancel");
  ASSERT_EQ(cancelled.result_int(), 200) << cancelled.body();
  EXPECT_EQ(nlohmann::json::parse(cancelled.body())["cancelled"], 4);

  const HttpResponse bad = Api(http::verb::post, "/api/alerts", {{"topics", {"nope"}}, {"texts", {{"en", "x"}}}});
  EXPECT_EQ(bad.result_int(), 422);
  EXPECT_NE(bad.body().find("unknown topic"), std::string::npos);
  EXPECT_EQ(Api(http::verb::get, "/api/alerts/99").result_int(), 404);
}

}  // namespace
}  // namespace smsdesk::console::test_util
