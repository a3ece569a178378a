#include "firmware-host/alerts/alert_plan.h"

#include <gtest/gtest.h>

#include "store/alerts.h"
#include "store/audit_log.h"
#include "store/contacts.h"
#include "store/database.h"
#include "store/sim_credit.h"

namespace smsdesk::alerts {
namespace {

using store::AlertClass;

// 2026-01-15 (a Thursday) in UTC.
constexpr std::int64_t kDay = 1768435200;
constexpr std::int64_t H = 3600;

AlertSettings Settings(std::string quiet = "21:00-07:00", std::string zone = "UTC") {
  AlertSettings s{.topics = {"bus", "storm"},
                  .languages = {"ar", "en", "fr"},
                  .fallback_lang = "en",
                  .time_zone = std::move(zone),
                  .max_segments = 2};
  s.quiet_hours = *ParseQuietHours(quiet);
  return s;
}

TEST(QuietHours, ParsesPeriodsThatMayWrapMidnight) {
  auto q = ParseQuietHours("21:30-07:00");
  ASSERT_TRUE(q && *q);
  EXPECT_EQ((*q)->start, std::chrono::minutes(21 * 60 + 30));
  EXPECT_EQ((*q)->end, std::chrono::minutes(7 * 60));
  EXPECT_FALSE(*ParseQuietHours("none"));
  EXPECT_FALSE(*ParseQuietHours(""));
  EXPECT_TRUE(ParseQuietHours("13:00-14:00").ok());
  EXPECT_FALSE(ParseQuietHours("25:00-07:00").ok());
  EXPECT_FALSE(ParseQuietHours("21:00").ok());
  EXPECT_FALSE(ParseQuietHours("07:00-07:00").ok());
  EXPECT_FALSE(ParseQuietHours("9pm-7am").ok());
}

TEST(ReleaseAt, InfoWaitsForTheEndOfQuietHoursEmergencyNever) {
  const AlertSettings s = Settings();
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 12 * H), kDay + 12 * H);         // noon: now
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 22 * H), kDay + 31 * H);         // 22:00 -> 07:00 tomorrow
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 3 * H), kDay + 7 * H);           // 03:00 -> 07:00 today
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 7 * H), kDay + 7 * H);           // 07:00 sharp: open
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 21 * H), kDay + 31 * H);         // 21:00 sharp: quiet
  EXPECT_EQ(ReleaseAt(s, AlertClass::kEmergency, kDay + 22 * H), kDay + 22 * H);
  EXPECT_EQ(ReleaseAt(Settings("none"), AlertClass::kInfo, kDay + 22 * H), kDay + 22 * H);
  // A period within the day.
  EXPECT_EQ(ReleaseAt(Settings("12:00-14:00"), AlertClass::kInfo, kDay + 13 * H), kDay + 14 * H);
}

TEST(ReleaseAt, UsesTheDesksTimeZone) {
  // 02:00 UTC is 21:00 in Toronto (EST, UTC-5): quiet until 07:00 EST = 12:00 UTC.
  const AlertSettings s = Settings("21:00-07:00", "America/Toronto");
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 2 * H), kDay + 12 * H);
  EXPECT_EQ(ReleaseAt(s, AlertClass::kInfo, kDay + 13 * H), kDay + 13 * H);
}

TEST(PoolRate, ReadyModemsUnderTheirCapAtTheSlowerOfPaceAndMeasuredSpeed) {
  std::vector<ModemCapacity> pool = {
      {.id = "a", .ready = true, .sends_per_minute = 6, .seconds_per_segment = 2},   // paced: 0.1/s
      {.id = "b", .ready = true, .sends_per_minute = 0, .seconds_per_segment = 0.2},  // 5/s
      {.id = "c", .ready = false, .seconds_per_segment = 0.2},                        // away
      {.id = "d", .ready = true, .seconds_per_segment = 0.2, .daily_cap = 10, .sent_today = 10},  // capped
  };
  EXPECT_NEAR(PoolRate(pool), 5.1, 1e-9);
  pool = {{.id = "new", .ready = true}};  // not measured yet: a typical stick
  EXPECT_NEAR(PoolRate(pool), 1.0 / 3, 1e-9);
}

TEST(PoolJson, RoundTripsAndRejectsGarbage) {
  std::vector<ModemCapacity> pool = {{.id = "m0", .ready = true, .sends_per_minute = 8, .seconds_per_segment = 1.5,
                                      .daily_cap = 500, .sent_today = 42}};
  auto back = PoolFromJson(PoolToJson(pool, 1234));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->second, 1234);
  ASSERT_EQ(back->first.size(), 1u);
  EXPECT_EQ(back->first[0].id, "m0");
  EXPECT_TRUE(back->first[0].ready);
  EXPECT_EQ(back->first[0].sent_today, 42);
  EXPECT_DOUBLE_EQ(back->first[0].seconds_per_segment, 1.5);
  EXPECT_FALSE(PoolFromJson("{"));
  EXPECT_FALSE(PoolFromJson("[1,2]"));
  EXPECT_FALSE(PoolFromJson(R"({"modems":[3]})"));
}

class PreviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::Open(":memory:");
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
    store::Contacts contacts(*db_);
    int n = 0;
    for (const char* lang : {"ar", "ar", "fr", "en", "fa"}) {
      auto c = contacts.GetOrCreate("+1555000" + std::to_string(n++), 1);
      ASSERT_TRUE(contacts.SetLanguage(c->id, lang).ok());
      ASSERT_TRUE(contacts.Subscribe(c->id, "bus", {.action = "subscribe", .topic = "bus", .keyword = "JOIN",
                                                    .source = "sms", .at = 1})
                      .ok());
    }
  }
  std::unique_ptr<store::Database> db_;
};

TEST_F(PreviewTest, CountsEncodingSegmentsRecipientsAndTime) {
  AlertDraft draft{.topics = {"bus"},
                   .texts = {{"en", "No school buses today."}, {"ar", "لا توجد حافلات مدرسية اليوم."}},
                   .source = "cli"};
  std::vector<ModemCapacity> pool = {{.id = "m0", .ready = true, .seconds_per_segment = 0.5},
                                     {.id = "m1", .ready = true, .seconds_per_segment = 0.5}};
  auto p = Preview(*db_, Settings("none"), draft, pool, kDay + 12 * H);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->ok()) << p->errors.front();
  EXPECT_EQ(p->recipients, 5);
  ASSERT_EQ(p->texts.size(), 2u);
  EXPECT_EQ(p->texts[0].lang, "ar");
  EXPECT_EQ(p->texts[0].encoding, "UCS-2");
  EXPECT_EQ(p->texts[0].recipients, 2);
  EXPECT_EQ(p->texts[1].lang, "en");
  EXPECT_EQ(p->texts[1].encoding, "GSM-7");
  EXPECT_EQ(p->texts[1].segments, 1);
  EXPECT_EQ(p->texts[1].recipients, 3);  // en, fr and fa get the English fallback
  EXPECT_EQ(p->segments, 5);
  EXPECT_EQ(p->modems_ready, 2);
  EXPECT_DOUBLE_EQ(p->segments_per_second, 4.0);
  EXPECT_EQ(p->seconds, 2);
  EXPECT_FALSE(p->held);
}

TEST_F(PreviewTest, ExplainsWhatIsWrong) {
  AlertDraft draft{.topics = {"buses"}, .texts = {{"fr", "Pas d'autobus"}, {"xx", "?"}}, .source = "cli"};
  auto p = Preview(*db_, Settings(), draft, {}, kDay + 12 * H);
  ASSERT_TRUE(p.ok());
  ASSERT_FALSE(p->ok());
  std::string all;
  for (const auto& e : p->errors) all += e + "\n";
  EXPECT_NE(all.find("unknown topic \"buses\""), std::string::npos) << all;
  EXPECT_NE(all.find("unknown language \"xx\""), std::string::npos) << all;
  EXPECT_NE(all.find("write a text in en"), std::string::npos) << all;

  draft = {.topics = {"bus"}, .texts = {{"en", std::string(400, 'x')}}, .source = "cli"};
  p = Preview(*db_, Settings(), draft, {}, kDay + 12 * H);
  ASSERT_FALSE(p->ok());
  EXPECT_NE(p->errors.front().find("at most 2"), std::string::npos) << p->errors.front();
}

TEST_F(PreviewTest, WarnsWithoutModemsAndHoldsInQuietHours) {
  AlertDraft draft{.topics = {"bus"}, .texts = {{"en", "Storm tonight"}}, .source = "cli"};
  auto p = Preview(*db_, Settings(), draft, {{.id = "m0", .ready = false}}, kDay + 23 * H);
  ASSERT_TRUE(p.ok() && p->ok());
  EXPECT_TRUE(p->held);
  EXPECT_EQ(p->release_at, kDay + 31 * H);
  EXPECT_FALSE(p->seconds);
  ASSERT_FALSE(p->warnings.empty());
  EXPECT_NE(p->warnings.back().find("no modem"), std::string::npos);
}

TEST_F(PreviewTest, CreateAlertWritesTheJobAndItsAuditRow) {
  AlertDraft draft{.topics = {"bus"}, .texts = {{"en", "No buses"}, {"ar", "لا حافلات"}}, .source = "cli"};
  auto id = CreateAlert(*db_, Settings("none"), draft, "cli:test", kDay + 12 * H);
  ASSERT_TRUE(id.ok()) << id.status().message();
  auto progress = store::Alerts(*db_).Progress(*id);
  EXPECT_EQ(progress->recipients, 5);
  EXPECT_EQ(progress->queued, 5);
  auto audit = store::AuditLog(*db_).Recent(1);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "alert.create");
  EXPECT_EQ((*audit)[0].object, "alert:" + std::to_string(*id));

  draft.topics = {"nope"};
  auto refused = CreateAlert(*db_, Settings("none"), draft, "cli:test", kDay + 12 * H);
  EXPECT_EQ(refused.status().code(), store::Status::Code::kInvalid);
  EXPECT_EQ(store::Alerts(*db_).Recent()->size(), 1u);
}

TEST_F(PreviewTest, RefusesWhatTheSimCreditCannotPay) {
  // 5 recipients, 1 SMS each, at 0.50: 2.50 to send.
  AlertDraft draft{.topics = {"bus"}, .texts = {{"en", "No school buses today."}}, .source = "cli"};
  AlertSettings s = Settings("none");
  s.cost_per_sms = 0.5;
  s.credit_modems = {"m0", "m1"};
  // Never read: a warning, not a refusal.
  auto p = Preview(*db_, s, draft, {}, kDay);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->ok());
  ASSERT_FALSE(p->warnings.empty());
  EXPECT_NE(p->warnings.back().find("not known yet"), std::string::npos) << p->warnings.back();

  store::SimCredit credit(*db_);
  ASSERT_TRUE(credit.RecordReading("m0", {.amount = 1.0, .currency = "EUR"}, kDay - 60).ok());
  ASSERT_TRUE(credit.RecordReading("m1", {.amount = 1.2, .currency = "EUR"}, kDay - 60).ok());
  p = Preview(*db_, s, draft, {}, kDay);
  ASSERT_TRUE(p.ok());
  ASSERT_FALSE(p->ok());
  EXPECT_NE(p->errors.front().find("2.20 EUR"), std::string::npos) << p->errors.front();
  EXPECT_NE(p->errors.front().find("pays for about 4 SMS"), std::string::npos) << p->errors.front();
  auto created = CreateAlert(*db_, s, draft, "cli", kDay);
  EXPECT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), store::Status::Code::kInvalid);

  // Topped up: accepted, with a warning when it takes most of the credit.
  ASSERT_TRUE(credit.RecordReading("m1", {.amount = 2.0, .currency = "EUR"}, kDay - 30).ok());
  p = Preview(*db_, s, draft, {}, kDay);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->ok()) << p->errors.front();
  ASSERT_FALSE(p->warnings.empty());
  EXPECT_NE(p->warnings.back().find("most of the SIMs' credit"), std::string::npos) << p->warnings.back();

  // No cost configured: nothing checked.
  s.cost_per_sms = 0;
  ASSERT_TRUE(credit.RecordReading("m0", {.amount = 0, .currency = "EUR"}, kDay).ok());
  ASSERT_TRUE(credit.RecordReading("m1", {.amount = 0, .currency = "EUR"}, kDay).ok());
  p = Preview(*db_, s, draft, {}, kDay);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->ok());
}

TEST(DescribeDuration, ReadsLikeAPerson) {
  EXPECT_EQ(DescribeDuration(0), "1 s");
  EXPECT_EQ(DescribeDuration(40), "40 s");
  EXPECT_EQ(DescribeDuration(61), "2 min");
  EXPECT_EQ(DescribeDuration(3600), "1 h");
  EXPECT_EQ(DescribeDuration(4800), "1 h 20 min");
}

}  // namespace
}  // namespace smsdesk::alerts
