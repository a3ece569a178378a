// CreditWatch on a real store, with a real ModemDriver asking the virtual
// modem's balance service over USSD (tests/firmware-host/modem_link.h), told
// of the modem's life as Daemon::OnEvent tells it. The USSD dialogues run on
// real time (RunUntil); the schedule runs on a FakeClock the test moves.
// Shown: the first check first_check_after the modem is ready and then every
// check_every, each reading stored; one warning per low-credit episode to
// each admin with a phone; a fresh reading kept over a restart; no checks
// while the modem is away; and what CheckNow refuses.
#include "firmware-host/daemon/credit_watch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "firmware-host/base/fake_clock.h"
#include "modem/io/modem_driver.h"
#include "modem/sim/virtual_modem.h"
#include "store/accounts.h"
#include "store/database.h"
#include "store/sim_credit.h"
#include "tests/firmware-host/modem_link.h"

namespace smsdesk::daemon {
namespace {

using namespace std::chrono_literals;
using test_util::FastDriver;
using test_util::FastModem;
using test_util::LinkOpener;
using test_util::VirtualModemLink;

constexpr const char* kOps = "+16135559100";
constexpr const char* kBoss = "+16135559102";
// The balance service asked with the default rule (config::CreditRuleConfig).
constexpr const char* kAsked = "AT+CUSD=1,\"*100#\"";

// The virtual modem's balance starts at "12.50 EUR", valid until 2030-12-31
// (sim::UssdMenu), which the default rule reads.
config::CreditConfig Checks() {
  config::CreditConfig c;
  c.first_check_after = 20s;
  c.check_every = 1h;
  c.low_balance = 5;
  return c;
}

class CreditWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
    // Only enabled admins with a phone are warned.
    store::Accounts accounts(*db_);
    ASSERT_TRUE(accounts.CreateUser({.name = "ops", .role = "admin", .phone = std::string(kOps)}).ok());
    ASSERT_TRUE(accounts.CreateUser({.name = "boss", .role = "admin", .phone = std::string(kBoss)}).ok());
    ASSERT_TRUE(accounts.CreateUser({.name = "nophone", .role = "admin"}).ok());
    ASSERT_TRUE(accounts.CreateUser({.name = "mona", .role = "moderator", .phone = std::string("+16135559101")}).ok());
    ASSERT_TRUE(accounts
                    .CreateUser({.name = "gone", .role = "admin", .phone = std::string("+16135559103"),
                                 .disabled = true})
                    .ok());
  }

  void TearDown() override {
    if (watch_) watch_->Stop();
    if (driver_) driver_->Stop();
  }

  // Modem "m0" with its `credit` setting, ready; the watch told so at the
  // fake clock's present.
  void Make(config::CreditConfig config, const std::string& setting = "") {
    link_ = std::make_unique<VirtualModemLink>(io_, "generic", FastModem());
    opener_ = std::make_unique<LinkOpener>(*link_);
    driver_ = std::make_unique<modem::ModemDriver>(
        io_, *opener_, FastDriver(), [](const modem::InboundPdu&) { return true; },
        [this](const modem::DriverEvent& event) { OnEvent(event); });
    watch_ = std::make_unique<CreditWatch>(io_, clock_, *db_, std::move(config), [this] { ++outbox_changed_; });
    watch_->set_on_reading([this](const std::string& modem, std::optional<double> amount, const std::string&) {
      EXPECT_EQ(modem, "m0");
      readings_.push_back(amount);
    });
    watch_->AddModem("m0", *driver_, setting);
    driver_->Start();
    ASSERT_TRUE(RunUntil([&] { return driver_->idle(); })) << link_->written;
  }

  // Daemon::OnEvent, the watch's part.
  void OnEvent(const modem::DriverEvent& event) {
    if (std::holds_alternative<modem::ModemReady>(event)) {
      ++ready_events_;
      watch_->OnReady("m0");
    } else if (std::holds_alternative<modem::ModemLost>(event)) {
      watch_->OnLost("m0");
    }
  }

  bool RunUntil(const std::function<bool()>& done) { return test_util::RunUntil(io_, done); }
  // Moves the fake clock by `by`, then lets the check it started finish.
  void AdvanceToReading(std::chrono::seconds by, std::size_t readings) {
    clock_.AdvanceAndRun(by, io_);
    ASSERT_TRUE(RunUntil([&] { return readings_.size() == readings; })) << link_->written;
  }
  void Balance(const char* amount) { ASSERT_FALSE(link_->modem.SetUssdBalance(amount).has_value()); }
  int Asked() const { return link_->Count(kAsked); }
  std::optional<store::SimCreditRecord> Credit() {
    auto row = store::SimCredit(*db_).Get("m0");
    EXPECT_TRUE(row.ok());
    return row.ok() ? *row : std::nullopt;
  }
  // The warnings queued so far, "to|text", oldest first.
  std::vector<std::string> Warnings() {
    auto q = db_->Prepare("SELECT to_number, body FROM outbox ORDER BY id");
    auto rows = store::ReadRows<std::string>(q, [](const store::Statement& r) { return r.Text(0) + "|" + r.Text(1); });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<std::string>{};
  }
  static std::vector<std::string> Recipients(std::vector<std::string> warnings) {
    for (std::string& w : warnings) w = w.substr(0, w.find('|'));
    std::sort(warnings.begin(), warnings.end());
    return warnings;
  }

  boost::asio::io_context io_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_;
  std::unique_ptr<VirtualModemLink> link_;  // outlives the driver that reads it
  std::unique_ptr<LinkOpener> opener_;
  std::unique_ptr<modem::ModemDriver> driver_;
  std::unique_ptr<CreditWatch> watch_;
  std::vector<std::optional<double>> readings_;
  int outbox_changed_ = 0;
  int ready_events_ = 0;
};

TEST_F(CreditWatchTest, TheFirstCheckComesFirstCheckAfterTheModemIsReadyThenEveryCheckEvery) {
  Make(Checks());
  const std::int64_t ready_at = clock_.NowSeconds();

  clock_.AdvanceAndRun(19s, io_);
  EXPECT_EQ(Asked(), 0);
  auto none = Credit();
  EXPECT_TRUE(!none || !none->checked_at);

  AdvanceToReading(1s, 1);
  EXPECT_EQ(Asked(), 1);
  ASSERT_TRUE(readings_[0].has_value());
  EXPECT_DOUBLE_EQ(*readings_[0], 12.50);
  auto first = Credit();
  ASSERT_TRUE(first && first->amount);
  EXPECT_DOUBLE_EQ(*first->amount, 12.50);
  EXPECT_EQ(first->currency, "EUR");
  EXPECT_EQ(first->expires_on, "2030-12-31");
  EXPECT_EQ(first->checked_at, ready_at + 20);
  ASSERT_TRUE(first->screen.has_value());
  EXPECT_NE(first->screen->find("12.50 EUR"), std::string::npos) << *first->screen;

  // The next one an hour after that reading, not before.
  Balance("11.00 EUR");
  clock_.AdvanceAndRun(1h - 1s, io_);
  EXPECT_EQ(Asked(), 1);
  AdvanceToReading(1s, 2);
  EXPECT_EQ(Asked(), 2);
  auto second = Credit();
  ASSERT_TRUE(second && second->amount);
  EXPECT_DOUBLE_EQ(*second->amount, 11.00);
  EXPECT_EQ(second->checked_at, ready_at + 20 + 3600);
  EXPECT_TRUE(Warnings().empty());  // above low_balance
}

TEST_F(CreditWatchTest, LowCreditWarnsEachAdminWithAPhoneOncePerEpisode) {
  Make(Checks());
  Balance("3.00 EUR");
  AdvanceToReading(20s, 1);
  const auto warned = Warnings();
  EXPECT_EQ(Recipients(warned), (std::vector<std::string>{kOps, kBoss}));
  for (const std::string& w : warned) {
    EXPECT_NE(w.find("the SIM of m0 has 3.00 EUR credit left"), std::string::npos) << w;
  }
  EXPECT_EQ(outbox_changed_, 1);  // the senders are kicked
  auto low = Credit();
  ASSERT_TRUE(low);
  EXPECT_TRUE(low->low_warned_at.has_value());

  // Still low at the next check, lower even: the same episode, no new SMS.
  Balance("2.50 EUR");
  AdvanceToReading(1h, 2);
  EXPECT_EQ(Warnings().size(), 2u);
  EXPECT_EQ(outbox_changed_, 1);

  // Topped up above the threshold: the episode ends, quietly.
  Balance("20.00 EUR");
  AdvanceToReading(1h, 3);
  EXPECT_EQ(Warnings().size(), 2u);
  auto topped = Credit();
  ASSERT_TRUE(topped);
  EXPECT_FALSE(topped->low_warned_at.has_value());

  // A new drop is a new episode: warned again.
  Balance("4.00 EUR");
  AdvanceToReading(1h, 4);
  auto all = Warnings();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(Recipients({all[2], all[3]}), (std::vector<std::string>{kOps, kBoss}));
  EXPECT_NE(all[3].find("4.00 EUR credit left"), std::string::npos) << all[3];
  EXPECT_EQ(outbox_changed_, 2);
}

TEST_F(CreditWatchTest, AReadingFresherThanCheckEveryIsKeptWhenTheModemBecomesReady) {
  // The daemon restarted 10 minutes after the last reading.
  ASSERT_TRUE(store::SimCredit(*db_)
                  .RecordReading("m0", {.amount = 9, .currency = "EUR", .screen = "Your balance is 9.00 EUR."},
                                 clock_.NowSeconds() - 600)
                  .ok());
  Make(Checks());
  clock_.AdvanceAndRun(50min - 1s, io_);
  EXPECT_EQ(Asked(), 0);
  AdvanceToReading(1s, 1);
  EXPECT_EQ(Asked(), 1);
  EXPECT_DOUBLE_EQ(*Credit()->amount, 12.50);
}

TEST_F(CreditWatchTest, AModemThatWentAwayIsNotCheckedUntilItIsReadyAgain) {
  Make(Checks());
  link_->away = true;
  link_->Vanish();
  ASSERT_TRUE(RunUntil([&] { return driver_->state() != modem::ModemDriver::State::kReady; }));
  clock_.AdvanceAndRun(2h, io_);
  EXPECT_EQ(Asked(), 0);
  EXPECT_TRUE(readings_.empty());

  // Back: checked first_check_after its new ready.
  link_->away = false;
  ASSERT_TRUE(RunUntil([&] { return ready_events_ == 2 && driver_->idle(); })) << link_->written;
  clock_.AdvanceAndRun(19s, io_);
  EXPECT_EQ(Asked(), 0);
  AdvanceToReading(1s, 1);
  EXPECT_EQ(Asked(), 1);
}

TEST_F(CreditWatchTest, CheckNowRefusesAnUnknownModemOneNotReadyOneSetOffAndOneBeingChecked) {
  Make(Checks());
  watch_->AddModem("m1", *driver_, "");     // never ready
  watch_->AddModem("m2", *driver_, "off");  // ready, but not to be checked
  watch_->OnReady("m2");

  EXPECT_FALSE(watch_->CheckNow("m9"));
  EXPECT_FALSE(watch_->CheckNow("m1"));
  EXPECT_FALSE(watch_->CheckNow("m2"));
  EXPECT_TRUE(watch_->CheckNow("m0"));
  EXPECT_FALSE(watch_->CheckNow("m0"));  // its dialogue is still running
  ASSERT_TRUE(RunUntil([&] { return readings_.size() == 1; }));
  EXPECT_EQ(Asked(), 1);
  EXPECT_EQ(Credit()->checked_at, clock_.NowSeconds());  // at once, not after first_check_after

  // Finished, it may be checked again; gone, it may not.
  EXPECT_TRUE(watch_->CheckNow("m0"));
  ASSERT_TRUE(RunUntil([&] { return readings_.size() == 2; }));
  link_->away = true;
  link_->Vanish();
  ASSERT_TRUE(RunUntil([&] { return driver_->state() != modem::ModemDriver::State::kReady; }));
  EXPECT_FALSE(watch_->CheckNow("m0"));
  EXPECT_EQ(Asked(), 2);
}

}  // namespace
}  // namespace smsdesk::daemon
