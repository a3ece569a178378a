#include "store/modem_outages.h"

#include <gtest/gtest.h>

#include "store/database.h"

namespace smsdesk::store {
namespace {

class ModemOutagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }
  std::unique_ptr<Database> db_;
};

TEST_F(ModemOutagesTest, AnOutageIsOpenUntilItEndsAndKeepsWhetherAdminsWereTold) {
  ModemOutages outages(*db_);
  EXPECT_FALSE(outages.Current("modem0")->has_value());
  auto id = outages.Start("modem0", "network", "+CMS ERROR: 500 (unknown error)", 1000);
  ASSERT_TRUE(id.ok()) << id.status().message();
  ASSERT_TRUE(outages.Update(*id, "credit", "out of credit: SIM credit 0.00 EUR").ok());
  ASSERT_TRUE(outages.MarkAlerted(*id, 1600).ok());
  ASSERT_TRUE(outages.MarkAlerted(*id, 1700).ok());  // the first time stays
  auto open = outages.Current("modem0");
  ASSERT_TRUE(open.ok() && *open);
  EXPECT_EQ((*open)->kind, "credit");
  EXPECT_EQ((*open)->reason, "out of credit: SIM credit 0.00 EUR");
  EXPECT_EQ((*open)->started_at, 1000);
  EXPECT_EQ((*open)->alerted_at, 1600);
  EXPECT_FALSE(outages.Current("modem1")->has_value());
  ASSERT_TRUE(outages.End(*id, 2000).ok());
  EXPECT_FALSE(outages.Current("modem0")->has_value());
  auto recent = outages.Recent();
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ(recent->front().ended_at, 2000);
  // An ended outage takes no more updates.
  ASSERT_TRUE(outages.Update(*id, "network", "late").ok());
  EXPECT_EQ((*outages.Recent())[0].reason, "out of credit: SIM credit 0.00 EUR");
}

TEST_F(ModemOutagesTest, RefusesAnUnknownKind) {
  ModemOutages outages(*db_);
  EXPECT_EQ(outages.Start("modem0", "weather", "rain", 1).status().code(), Status::Code::kInvalid);
  auto id = outages.Start("modem0", "network", "x", 1);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(outages.Update(*id, "weather", "x").code(), Status::Code::kInvalid);
}

}  // namespace
}  // namespace smsdesk::store
