#include "store/sim_credit.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/menu_sessions.h"

namespace smsdesk::store {
namespace {

class SimCreditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok());
    db_ = std::move(*opened);
  }
  std::unique_ptr<Database> db_;
};

TEST_F(SimCreditTest, ReadingsFailuresAndWarnings) {
  SimCredit credit(*db_);
  ASSERT_TRUE(credit.RecordFailure("modem0", "timed out", 100).ok());
  auto row = credit.Get("modem0");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_FALSE((*row)->amount.has_value());
  EXPECT_EQ((*row)->error, "timed out");

  ASSERT_TRUE(credit.RecordReading("modem0", {.amount = 5.78, .currency = "EUR", .expires_on = "2030-12-31",
                                              .screen = "Your balance is 5.78 EUR"}, 200).ok());
  ASSERT_TRUE(credit.SetLowWarned("modem0", 200).ok());
  ASSERT_TRUE(credit.SetExpiryWarned("modem0", 200).ok());
  // A failure keeps the last good values and the warnings.
  ASSERT_TRUE(credit.RecordFailure("modem0", "+CME ERROR: 100", 300).ok());
  row = credit.Get("modem0");
  EXPECT_DOUBLE_EQ(*(*row)->amount, 5.78);
  EXPECT_EQ((*row)->checked_at, 200);
  EXPECT_EQ((*row)->attempted_at, 300);
  EXPECT_EQ((*row)->low_warned_at, 200);

  // The same expiry keeps its warning; a new one (renewed SIM) clears it.
  ASSERT_TRUE(credit.RecordReading("modem0", {.amount = 4.0, .currency = "EUR", .expires_on = "2030-12-31"}, 400).ok());
  row = credit.Get("modem0");
  EXPECT_EQ((*row)->expiry_warned_at, 200);
  EXPECT_FALSE((*row)->error.has_value());
  ASSERT_TRUE(credit.RecordReading("modem0", {.amount = 4.0, .currency = "EUR", .expires_on = "2031-06-30"}, 500).ok());
  row = credit.Get("modem0");
  EXPECT_FALSE((*row)->expiry_warned_at.has_value());
  EXPECT_EQ((*row)->low_warned_at, 200);  // cleared by the daemon when topped up, not here
  ASSERT_TRUE(credit.SetLowWarned("modem0", std::nullopt).ok());
  EXPECT_FALSE((*credit.Get("modem0"))->low_warned_at.has_value());
  auto all = credit.All();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(SimCreditTest, MenuSessions) {
  ASSERT_TRUE(db_->Execute("INSERT INTO contacts(id, number, created_at) VALUES(1, '+15145550001', 0)").ok());
  MenuSessions sessions(*db_);
  ASSERT_TRUE(sessions.PutSms(1, {.position = "1", .lang = "ar", .updated_at = 10}).ok());
  ASSERT_TRUE(sessions.PutSms(1, {.position = "1.0", .lang = "ar", .updated_at = 20}).ok());
  auto sms = sessions.GetSms(1);
  ASSERT_TRUE(sms.ok() && sms->has_value());
  EXPECT_EQ((*sms)->position, "1.0");
  EXPECT_EQ((*sms)->updated_at, 20);

  auto ussd = sessions.BeginUssd("ATUid_1", "+254711000001", "", 30);
  ASSERT_TRUE(ussd.ok());
  EXPECT_EQ(ussd->lang, "");
  // The language is fixed by the first request.
  ussd = sessions.BeginUssd("ATUid_1", "+254711000001", "fr", 40);
  ASSERT_TRUE(ussd.ok());
  EXPECT_EQ(ussd->lang, "");
  EXPECT_FALSE(sessions.BeginUssd("ATUid_1", "+254711000002", "fr", 40).ok());
  EXPECT_TRUE(*sessions.RecordUssdAction("ATUid_1", "ticket", 41));
  EXPECT_FALSE(*sessions.RecordUssdAction("ATUid_1", "ticket", 42));

  auto purged = sessions.PurgeBefore(35);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);  // the SMS session (20); the USSD one was touched at 40
  EXPECT_FALSE(sessions.GetSms(1)->has_value());
  EXPECT_EQ(*sessions.PurgeBefore(100), 1);
  EXPECT_TRUE(*sessions.RecordUssdAction("ATUid_1", "ticket", 101));
  ASSERT_TRUE(sessions.EndSms(1).ok());
}

}  // namespace
}  // namespace smsdesk::store
