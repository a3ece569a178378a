// OutageWatch on a real store and io_context, with gates driven by hand:
// an outage recorded when a modem stops, the admins told once after
// alert_after through another modem (not when none can send, not for one
// untested fluke), the end on record with a second SMS, and an open outage
// found again after a restart.
#include "firmware-host/daemon/outage_watch.h"

#include <gtest/gtest.h>

#include "firmware-host/base/fake_clock.h"
#include "store/accounts.h"
#include "store/outbox.h"

namespace smsdesk::daemon {
namespace {

using std::chrono::seconds;

class OutageWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
    ASSERT_TRUE(
        store::Accounts(*db_).CreateUser({.name = "ops", .role = "admin", .phone = std::string("+16135559100")}).ok());
    ASSERT_TRUE(store::Accounts(*db_).CreateUser({.name = "mona", .role = "moderator",
                                                  .phone = std::string("+16135559101")}).ok());
  }

  std::unique_ptr<OutageWatch> Make(seconds alert_after) {
    return std::make_unique<OutageWatch>(
        io_, *db_, config::OutagesConfig{.alert_after = alert_after},
        OutageWatch::Hooks{.modems =
                               [this] {
                                 return std::vector<OutageWatch::ModemView>{
                                     {.id = "m0", .gate = &m0_, .can_send = m0_.state() == SendGate::State::kOpen},
                                     {.id = "m1", .gate = &m1_, .can_send = m1_can_send_}};
                               },
                           .check_credit =
                               [this](const std::string& modem) {
                                 credit_checks_.push_back(modem);
                                 return true;
                               },
                           .changed = [this] { ++changes_; },
                           .local_time = [](std::int64_t t) { return "T" + std::to_string(t); },
                           .clock = &clock_});
  }

  // What the admins were sent: "via|to|text", oldest first.
  std::vector<std::string> AdminSms() {
    auto q = db_->Prepare("SELECT via, to_number, body FROM outbox ORDER BY id");
    auto rows = store::ReadRows<std::string>(q, [](const store::Statement& r) {
      return r.Text(0) + "|" + r.Text(1) + "|" + r.Text(2);
    });
    EXPECT_TRUE(rows.ok());
    return *rows;
  }
  std::vector<store::ModemOutage> Outages() { return *store::ModemOutages(*db_).Recent(); }
  void Run() {
    io_.restart();
    io_.run_for(std::chrono::milliseconds(50));
  }
  void Fail(SendGate& gate, const std::string& reason) {
    gate.Fail(SendGate::Cause::kNetwork, reason, clock_.NowSeconds(), clock_.Steady());
  }

  boost::asio::io_context io_;
  std::unique_ptr<store::Database> db_;
  SendGate m0_, m1_;
  bool m1_can_send_ = true;
  FakeClock clock_{1000};
  std::vector<std::string> credit_checks_;
  int changes_ = 0;
};

TEST_F(OutageWatchTest, AnOutageIsRecordedTheAdminsToldOnceThroughAnotherModemAndTheEndToo) {
  auto watch = Make(seconds(0));
  Fail(m0_, "+CMS ERROR: 500");
  watch->OnGateChange("m0", {.started = true, .gate = &m0_});
  ASSERT_EQ(Outages().size(), 1u);
  EXPECT_EQ(Outages()[0].kind, "network");
  EXPECT_EQ(Outages()[0].started_at, 1000);
  Run();
  EXPECT_TRUE(AdminSms().empty()) << "one untested failure may be a fluke";

  // The trial fails too: now it is worth telling, and alert_after (0) has passed.
  m0_.ProbePassed();
  Fail(m0_, "+CMS ERROR: 500");
  watch->OnGateChange("m0", {.gate = &m0_});
  Run();
  ASSERT_EQ(AdminSms().size(), 1u);  // the admin only, not the moderator
  EXPECT_EQ(AdminSms()[0], "m1|+16135559100|smsdesk: m0 cannot send since T1000 (+CMS ERROR: 500). 0 message(s) "
                           "queued. Check the SIM's credit and the network; it retries by itself.")
      << AdminSms()[0];
  EXPECT_TRUE(Outages()[0].alerted_at.has_value());
  // Further looks tell nobody again.
  Fail(m0_, "+CMS ERROR: 500");
  watch->OnGateChange("m0", {.gate = &m0_});
  Run();
  EXPECT_EQ(AdminSms().size(), 1u);

  clock_.SetWall(1600);
  const auto since = m0_.Sent();
  watch->OnGateChange("m0", {.ended = true, .gate = &m0_, .ended_since = since});
  EXPECT_EQ(Outages()[0].ended_at, 1600);
  ASSERT_EQ(AdminSms().size(), 2u);
  // From any modem that can send, m0 itself included now.
  EXPECT_EQ(AdminSms()[1], "m0|+16135559100|smsdesk: m0 sends again since T1600, after 10 min without.")
      << AdminSms()[1];
  EXPECT_GT(changes_, 0);
}

TEST_F(OutageWatchTest, WithNoOtherModemTheJournalOnlyAndNoEndSms) {
  m1_can_send_ = false;
  auto watch = Make(seconds(0));
  m0_.Fail(SendGate::Cause::kCredit, "+CMS ERROR: 21", clock_.NowSeconds(), clock_.Steady());
  watch->OnGateChange("m0", {.started = true, .gate = &m0_});
  EXPECT_EQ(credit_checks_, std::vector<std::string>{"m0"});  // the balance, for the reason
  Run();
  EXPECT_TRUE(AdminSms().empty());
  EXPECT_TRUE(Outages()[0].alerted_at.has_value()) << "the journal was told";
  EXPECT_EQ(Outages()[0].kind, "credit");
  const auto since = m0_.Sent();
  watch->OnGateChange("m0", {.ended = true, .gate = &m0_, .ended_since = since});
  EXPECT_TRUE(AdminSms().empty()) << "no SMS at the end when none went at the start";
}

TEST_F(OutageWatchTest, AlertAfterIsWaitedForAndAnOpenOutageIsFoundAfterARestart) {
  auto watch = Make(seconds(600));
  m0_.Fail(SendGate::Cause::kRegistration, "not registered (searching)", clock_.NowSeconds(), clock_.Steady());
  watch->OnGateChange("m0", {.started = true, .gate = &m0_});
  Run();
  EXPECT_TRUE(AdminSms().empty()) << "10 minutes have not passed";
  watch->Stop();
  watch.reset();

  auto restarted = Make(seconds(600));
  auto open = restarted->Resume("m0");
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->started_at, 1000);
  EXPECT_EQ(open->reason, "not registered (searching)");
  EXPECT_FALSE(restarted->Resume("m1").has_value());
}

}  // namespace
}  // namespace smsdesk::daemon
