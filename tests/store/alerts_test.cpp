#include "store/alerts.h"

#include <gtest/gtest.h>

#include "store/contacts.h"
#include "store/database.h"
#include "store/outbox.h"

namespace smsdesk::store {
namespace {

class AlertsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }

  std::int64_t Subscriber(const std::string& number, std::optional<std::string> lang, const std::string& topic,
                          std::optional<std::string> detected = std::nullopt) {
    Contacts contacts(*db_);
    auto c = contacts.GetOrCreate(number, 10);
    EXPECT_TRUE(c.ok());
    if (lang) {
      EXPECT_TRUE(contacts.SetLanguage(c->id, *lang).ok());
    }
    if (detected) {
      EXPECT_TRUE(contacts.SetDetectedLanguage(c->id, *detected).ok());
    }
    EXPECT_TRUE(contacts.Subscribe(c->id, topic, {.action = "subscribe", .topic = topic, .keyword = "JOIN",
                                                  .source = "sms", .at = 10})
                    .ok());
    return c->id;
  }

  StatusOr<std::int64_t> Create(NewAlert alert, std::int64_t now = 100) {
    Transaction tx(*db_);
    auto id = Alerts(*db_).Create(alert, now);
    if (id.ok()) {
      EXPECT_TRUE(tx.Commit().ok());
    }
    return id;
  }

  static NewAlert BusAlert() {
    return {.topics = {"bus"},
            .texts = {{"en", "No buses today"}, {"fr", "Pas d'autobus"}},
            .fallback_lang = "en",
            .source = "cli"};
  }

  // "number|body|priority" of the alert's outbox rows, by number.
  std::vector<std::string> Rows(std::int64_t alert) {
    auto q = db_->Prepare("SELECT to_number, body, priority FROM outbox WHERE alert_id = ? ORDER BY to_number");
    q.Bind(1, alert);
    auto rows = ReadRows<std::string>(q, [](const Statement& r) {
      return r.Text(0) + "|" + r.Text(1) + "|" + std::to_string(r.Int(2));
    });
    EXPECT_TRUE(rows.ok());
    return *rows;
  }

  std::unique_ptr<Database> db_;
};

TEST_F(AlertsTest, EachSubscriberGetsOneRowInTheirLanguageElseTheFallback) {
  Subscriber("+1001", "fr", "bus");
  Subscriber("+1002", std::nullopt, "bus", "fr");  // detected language counts
  Subscriber("+1003", "ar", "bus");                 // no Arabic text: fallback
  Subscriber("+1004", "en", "storm");               // another topic
  auto id = Create(BusAlert());
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(Rows(*id), (std::vector<std::string>{"+1001|Pas d'autobus|3", "+1002|Pas d'autobus|3",
                                                  "+1003|No buses today|3"}));
  auto alert = Alerts(*db_).Get(*id);
  ASSERT_TRUE(alert.ok() && *alert);
  EXPECT_EQ((*alert)->state, "sending");
  EXPECT_EQ((*alert)->recipients, 3);
  EXPECT_EQ((*alert)->texts.at("fr"), "Pas d'autobus");
}

TEST_F(AlertsTest, SeveralTopicsReachASubscriberOfBothOnceAndSkipOptedOut) {
  const auto both = Subscriber("+2001", "en", "bus");
  Contacts contacts(*db_);
  ASSERT_TRUE(contacts.Subscribe(both, "storm", {.action = "subscribe", .topic = "storm", .keyword = "JOIN",
                                                 .source = "sms", .at = 10})
                  .ok());
  const auto stopped = Subscriber("+2002", "en", "storm");
  ASSERT_TRUE(contacts.OptOut(stopped, {.action = "stop", .keyword = "STOP", .source = "sms", .at = 11}).ok());
  Subscriber("+2003", "en", "storm");
  NewAlert alert = BusAlert();
  alert.topics = {"bus", "storm"};
  alert.alert_class = AlertClass::kEmergency;
  auto id = Create(alert);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(Rows(*id), (std::vector<std::string>{"+2001|No buses today|0", "+2003|No buses today|0"}));
}

TEST_F(AlertsTest, RefusesAnAlertWithoutItsFallbackTextOrTopic) {
  NewAlert alert = BusAlert();
  alert.fallback_lang = "ar";
  EXPECT_EQ(Create(alert).status().code(), Status::Code::kInvalid);
  alert = BusAlert();
  alert.topics = {};
  EXPECT_EQ(Create(alert).status().code(), Status::Code::kInvalid);
  alert.topics = {"a,b"};
  EXPECT_EQ(Create(alert).status().code(), Status::Code::kInvalid);
}

TEST_F(AlertsTest, AHeldAlertStartsWhenDueWithTheSubscribersOfThatMoment) {
  Subscriber("+3001", "en", "bus");
  NewAlert alert = BusAlert();
  alert.release_at = 500;
  auto id = Create(alert, 100);
  ASSERT_TRUE(id.ok());
  Alerts alerts(*db_);
  EXPECT_EQ((*alerts.Get(*id))->state, "held");
  EXPECT_TRUE(Rows(*id).empty());
  EXPECT_EQ(**alerts.NextRelease(), 500);
  Subscriber("+3002", "fr", "bus");  // joined meanwhile
  EXPECT_EQ(*alerts.StartDue(499), 0);
  EXPECT_EQ(*alerts.StartDue(500), 1);
  EXPECT_EQ(Rows(*id).size(), 2u);
  EXPECT_FALSE(*alerts.NextRelease());
  EXPECT_EQ(*alerts.StartDue(600), 0);  // never twice
  EXPECT_EQ(Rows(*id).size(), 2u);
}

TEST_F(AlertsTest, ProgressFollowsTheRowsAndTheJobFinishes) {
  for (int i = 0; i < 3; ++i) Subscriber("+400" + std::to_string(i), "en", "bus");
  auto id = Create(BusAlert());
  ASSERT_TRUE(id.ok());
  Outbox outbox(*db_);
  Alerts alerts(*db_);
  auto first = outbox.ClaimNext("m0", 100);
  ASSERT_TRUE(first.ok() && *first);
  EXPECT_EQ((*first)->alert_id, *id);
  ASSERT_TRUE(outbox.MarkSent((*first)->id, "m0", {{.seq = 1, .mr = 7}}, 1, 101).ok());
  ASSERT_TRUE(outbox.ApplyStatusReport("m0", 7, (*first)->to, "delivered", 0, 102).ok());
  auto second = outbox.ClaimNext("m1", 103);
  ASSERT_TRUE(second.ok() && *second);
  EXPECT_EQ(*alerts.FinishCompleted(103), 0);
  auto p = alerts.Progress(*id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->recipients, 3);
  EXPECT_EQ(p->delivered, 1);
  EXPECT_EQ(p->sending, 1);
  EXPECT_EQ(p->queued, 1);
  EXPECT_EQ(p->segments, 1);
  ASSERT_TRUE(outbox.MarkFailed((*second)->id, "CMS 500", 104).ok());
  auto third = outbox.ClaimNext("m1", 105);
  ASSERT_TRUE(third.ok() && *third);
  ASSERT_TRUE(outbox.MarkSent((*third)->id, "m1", {{.seq = 1, .mr = 8}}, 1, 106).ok());
  EXPECT_EQ(*alerts.FinishCompleted(107), 1);
  EXPECT_EQ((*alerts.Get(*id))->state, "done");
  p = alerts.Progress(*id);
  EXPECT_EQ(p->failed, 1);
  EXPECT_EQ(p->sent, 1);
  EXPECT_EQ(p->to_go(), 0);
}

TEST_F(AlertsTest, CancelStopsWhatIsQueuedAndKeepsWhatLeft) {
  for (int i = 0; i < 4; ++i) Subscriber("+500" + std::to_string(i), "en", "bus");
  auto id = Create(BusAlert());
  Outbox outbox(*db_);
  auto claimed = outbox.ClaimNext("m0", 100);
  ASSERT_TRUE(claimed.ok() && *claimed);
  Alerts alerts(*db_);
  auto cancelled = alerts.Cancel(*id, 101);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(*cancelled, 3);
  EXPECT_EQ((*alerts.Get(*id))->state, "cancelled");
  EXPECT_EQ(alerts.Cancel(*id, 102).status().code(), Status::Code::kInvalid);
  EXPECT_EQ(alerts.Cancel(99, 102).status().code(), Status::Code::kNotFound);
  // The one in flight finishes as sent.
  EXPECT_TRUE(outbox.MarkSent((*claimed)->id, "m0", {{.seq = 1, .mr = 1}}, 1, 103).ok());
  EXPECT_EQ(alerts.Progress(*id)->sent, 1);
  EXPECT_FALSE(*outbox.ClaimNext("m0", 104));
}

TEST_F(AlertsTest, StopCancelsTheAlertsStillQueuedForThatNumber) {
  const auto a = Subscriber("+6001", "en", "bus");
  Subscriber("+6002", "en", "bus");
  auto id = Create(BusAlert());
  Contacts contacts(*db_);
  ASSERT_TRUE(contacts.OptOut(a, {.action = "stop", .keyword = "STOP", .source = "sms", .at = 120}).ok());
  auto p = Alerts(*db_).Progress(*id);
  EXPECT_EQ(p->cancelled, 1);
  EXPECT_EQ(p->queued, 1);
}

TEST_F(AlertsTest, TheStoreKeepsOneRowPerAlertAndNumber) {
  Subscriber("+7001", "en", "bus");
  auto id = Create(BusAlert());
  Outbox outbox(*db_);
  auto dup = outbox.Enqueue({.to = "+7001", .body = "again", .alert_id = *id}, 100);
  EXPECT_EQ(dup.status().code(), Status::Code::kConstraint);
}

TEST_F(AlertsTest, AudienceCountsByTheLanguageOfTheTextTheyGet) {
  Subscriber("+8001", "fr", "bus");
  Subscriber("+8002", "ar", "bus");
  Subscriber("+8003", std::nullopt, "bus");
  auto audience = Alerts(*db_).Audience({"bus"}, {"en", "fr"}, "en");
  ASSERT_TRUE(audience.ok());
  EXPECT_EQ(audience->total, 3);
  EXPECT_EQ(audience->by_text_lang.at("fr"), 1);
  EXPECT_EQ(audience->by_text_lang.at("en"), 2);
}

TEST_F(AlertsTest, SegmentsSentByAModemSinceATime) {
  Subscriber("+9001", "en", "bus");
  Subscriber("+9002", "en", "bus");
  auto id = Create(BusAlert());
  ASSERT_TRUE(id.ok());
  Outbox outbox(*db_);
  auto a = *outbox.ClaimNext("m0", 100);
  ASSERT_TRUE(outbox.MarkSent(a->id, "m0", {{.seq = 1, .mr = 1}, {.seq = 2, .mr = 2}}, 2, 150).ok());
  auto b = *outbox.ClaimNext("m0", 200);
  ASSERT_TRUE(outbox.MarkSent(b->id, "m0", {{.seq = 1, .mr = 3}}, 1, 250).ok());
  EXPECT_EQ(*outbox.SegmentsSentBy("m0", 0), 3);
  EXPECT_EQ(*outbox.SegmentsSentBy("m0", 200), 1);
  EXPECT_EQ(*outbox.SegmentsSentBy("m1", 0), 0);
}

TEST_F(AlertsTest, AnAlertsRowsExpireAtItsOwnExpiryCountedFromItsStart) {
  Subscriber("+1001", "en", "bus");
  NewAlert alert = BusAlert();
  alert.expire_after = 3600;
  alert.release_at = 1000;  // held until 1000: the hour counts from then
  auto id = Create(alert, 100);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ((*Alerts(*db_).Get(*id))->expire_after, 3600);
  ASSERT_EQ(*Alerts(*db_).StartDue(1000), 1);
  auto q = db_->Prepare("SELECT expires_at FROM outbox WHERE alert_id = ?");
  q.Bind(1, *id);
  ASSERT_TRUE(*q.Step());
  EXPECT_EQ(q.Int(0), 4600);
  // Without its own expiry, the rows follow the desk's window (NULL).
  auto plain = Create(BusAlert(), 2000);
  ASSERT_TRUE(plain.ok());
  auto p = db_->Prepare("SELECT expires_at IS NULL FROM outbox WHERE alert_id = ?");
  p.Bind(1, *plain);
  ASSERT_TRUE(*p.Step());
  EXPECT_EQ(p.Int(0), 1);
}

}  // namespace
}  // namespace smsdesk::store
