// OutboxSender on a real store, with a real ModemDriver talking to the
// virtual modem in process (tests/firmware-host/modem_link.h), wired as the
// daemon wires them (Daemon::StartModem, Daemon::OnEvent). The driver and
// the modem exchange their AT lines on real time (RunUntil); the sender's
// own waits (pacing, the daily cap's day, backoff, the outage's looks) run
// on a FakeClock that only the test moves, so no test sleeps through them.
// Shown: pacing start to start, the daily cap across the desk's midnight,
// backoff that doubles up to the last attempt, rows given back when the
// modem goes away, and an outage of the network from the first refused send
// to the message that ends it.
#include "firmware-host/daemon/outbox_sender.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <date/date.h>

#include "firmware-host/base/fake_clock.h"
#include "firmware-host/routing/office_hours.h"
#include "modem/io/modem_driver.h"
#include "modem/sim/virtual_modem.h"
#include "store/database.h"
#include "store/outbox.h"
#include "tests/firmware-host/modem_link.h"

namespace smsdesk::daemon {
namespace {

using namespace std::chrono_literals;
using test_util::FastDriver;
using test_util::FastModem;
using test_util::LinkOpener;
using test_util::VirtualModemLink;

constexpr const char* kAlice = "+16135550101";
constexpr const char* kBob = "+16135550102";
constexpr const char* kCarol = "+16135550103";
// The network refuses every message to this number (see RefuseDan).
constexpr const char* kDan = "+16135550199";

// 2026-01-15 23:50 in Toronto (EST, UTC-5): 04:50 UTC on the 16th, so the
// desk's midnight is 10 minutes away and UTC's more than 19 hours.
constexpr std::int64_t kTorontoTenToMidnight = 1'768'539'000;
constexpr std::int64_t kTorontoMidnight = kTorontoTenToMidnight + 600;

// "+CMS ERROR: 27" (destination out of service): the message's own failure
// (FailureScope kMessage) that may pass later (kBackOff), so it is retried
// with backoff and counts against the message's attempts.
sim::VirtualModem::Hooks RefuseDan() {
  return {.destination_refused = [](const std::string& destination) -> std::optional<int> {
    if (destination.find("6135550199") != std::string::npos) return 27;
    return std::nullopt;
  }};
}

class OutboxSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }

  void TearDown() override {
    // The daemon's order at shutdown.
    if (sender_) sender_->Stop();
    if (driver_) driver_->Stop();
  }

  // The modem "m0" ready, its sender idle, as Daemon::StartModem builds them.
  void Make(SenderOptions options, sim::ModemTiming timing = FastModem(), sim::VirtualModem::Hooks hooks = {}) {
    link_ = std::make_unique<VirtualModemLink>(io_, "generic", timing, std::move(hooks));
    opener_ = std::make_unique<LinkOpener>(*link_);
    driver_ = std::make_unique<modem::ModemDriver>(
        io_, *opener_, FastDriver(), [](const modem::InboundPdu&) { return true; },
        [this](const modem::DriverEvent& event) { OnEvent(event); });
    options.modem_id = "m0";
    sender_ = std::make_unique<OutboxSender>(
        io_, clock_, *db_, *driver_, references_, std::move(options),
        [this] { return sender_->can_send() ? std::vector<std::string>{"m0"} : std::vector<std::string>{}; },
        [this](const SendOutcome& outcome) { outcomes_.push_back(outcome); });
    sender_->set_on_gate_change([this](const GateChange& change) { gate_changes_.push_back(change); });
    driver_->Start();
    ASSERT_TRUE(RunUntil([&] { return driver_->idle(); })) << link_->written;
  }

  // Daemon::OnEvent for one modem. Registration from the health reports is
  // left out: these tests are about what sends say (an outage of
  // registration alone has a path of its own, OnRegistration).
  void OnEvent(const modem::DriverEvent& event) {
    if (std::holds_alternative<modem::ModemReady>(event)) {
      sender_->LookNow();
      sender_->Kick();
    } else if (std::holds_alternative<modem::ModemLost>(event)) {
      driver_->WithdrawQueuedSends("withdrawn: m0 went away");
      sender_->Kick();
    }
  }

  // SenderOptions::day_start as the daemon builds it: days in the desk's
  // time zone.
  static std::function<std::int64_t(std::int64_t)> TorontoDays() {
    auto hours = desk::OfficeHours::Create(desk::WeekdaysNineToFive("America/Toronto"));
    EXPECT_TRUE(hours.ok());
    return [hours = *hours](std::int64_t now) {
      const std::chrono::sys_seconds at{std::chrono::seconds(now)};
      const date::local_days day = date::floor<date::days>(hours.ToLocal(at));
      return hours.ToSys(date::local_seconds(day)).time_since_epoch().count();
    };
  }

  bool RunUntil(const std::function<bool()>& done) { return test_util::RunUntil(io_, done); }

  // Queues a reply and tells the sender, as the desk and the daemon do.
  std::int64_t Queue(const std::string& to, const std::string& body) {
    auto id = store::Outbox(*db_).Enqueue({.to = to, .body = body}, clock_.NowSeconds());
    EXPECT_TRUE(id.ok()) << id.status().message();
    sender_->Kick();
    return id.ok() ? *id : 0;
  }
  store::OutboxItem Row(std::int64_t id) {
    auto row = store::Outbox(*db_).Get(id);
    EXPECT_TRUE(row.ok() && *row);
    return row.ok() && *row ? **row : store::OutboxItem{};
  }
  std::string State(std::int64_t id) { return Row(id).state; }
  std::int64_t Column(std::int64_t id, const std::string& column) {
    auto q = db_->Prepare("SELECT COALESCE(" + column + ", -1) FROM outbox WHERE id = ?");
    q.Bind(1, id);
    auto row = q.Step();
    EXPECT_TRUE(row.ok() && *row);
    return q.Int(0);
  }
  std::int64_t NotBefore(std::int64_t id) { return Column(id, "next_attempt_at"); }
  std::int64_t SentAt(std::int64_t id) { return Column(id, "sent_at"); }
  std::int64_t InState(const std::string& state) { return *store::Outbox(*db_).CountInState(state); }
  // Sends that reached the modem (AT+CMGS written).
  int Submits() const { return link_->Count("AT+CMGS="); }

  boost::asio::io_context io_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_;
  modem::ConcatReferenceAllocator references_;
  std::unique_ptr<VirtualModemLink> link_;  // outlives the driver that reads it
  std::unique_ptr<LinkOpener> opener_;
  std::unique_ptr<modem::ModemDriver> driver_;
  std::unique_ptr<OutboxSender> sender_;
  std::vector<SendOutcome> outcomes_;
  std::vector<GateChange> gate_changes_;
};

TEST_F(OutboxSenderTest, PacingLetsTheSecondReplyLeaveOnlyTenSecondsAfterTheFirstAtSixPerMinute) {
  Make({.sends_per_minute = 6});
  const std::int64_t start = clock_.NowSeconds();
  const std::int64_t first = Queue(kAlice, "first");
  const std::int64_t second = Queue(kBob, "second");

  ASSERT_TRUE(RunUntil([&] { return State(first) == "sent"; }));
  EXPECT_EQ(SentAt(first), start);  // at once
  EXPECT_EQ(State(second), "queued");

  clock_.AdvanceAndRun(9s, io_);
  EXPECT_EQ(State(second), "queued") << "left before its slot";
  EXPECT_EQ(Submits(), 1);

  clock_.AdvanceAndRun(1s, io_);
  EXPECT_EQ(State(second), "sending");  // claimed the moment its slot came
  ASSERT_TRUE(RunUntil([&] { return State(second) == "sent"; }));
  EXPECT_EQ(SentAt(second), start + 10);
  EXPECT_EQ(Submits(), 2);
}

TEST_F(OutboxSenderTest, TheDailyCapHoldsTheThirdMessageUntilMidnightInTheDesksTimeZone) {
  clock_.SetWall(kTorontoTenToMidnight);
  Make({.sends_per_minute = 0, .daily_cap = 2, .day_start = TorontoDays()});
  const std::int64_t a = Queue(kAlice, "one");
  const std::int64_t b = Queue(kBob, "two");
  const std::int64_t c = Queue(kCarol, "three");

  ASSERT_TRUE(RunUntil([&] { return State(a) == "sent" && State(b) == "sent"; }));
  EXPECT_EQ(State(c), "queued");
  EXPECT_EQ(sender_->sent_today(), 2);
  EXPECT_FALSE(sender_->can_send());  // the other modems carry the traffic

  // One second before the desk's midnight: still today, still capped.
  clock_.AdvanceAndRun(599s, io_);
  EXPECT_EQ(clock_.NowSeconds(), kTorontoMidnight - 1);
  EXPECT_EQ(State(c), "queued");
  EXPECT_FALSE(sender_->can_send());
  EXPECT_EQ(Submits(), 2);

  clock_.AdvanceAndRun(1s, io_);
  EXPECT_TRUE(sender_->can_send());
  ASSERT_TRUE(RunUntil([&] { return State(c) == "sent"; }));
  EXPECT_EQ(SentAt(c), kTorontoMidnight);
  EXPECT_EQ(sender_->sent_today(), 1);  // a new day counts afresh
  EXPECT_TRUE(sender_->can_send());
}

TEST_F(OutboxSenderTest, AMessageTheNetworkRefusesIsRetriedAfterADoublingBackoffThenFails) {
  Make({.sends_per_minute = 0, .max_attempts = 3, .first_backoff = 30s}, FastModem(), RefuseDan());
  const std::int64_t id = Queue(kDan, "are you there?");

  // Attempt 1 refused: back to the queue for 30 s.
  ASSERT_TRUE(RunUntil([&] { return outcomes_.size() == 1; }));
  const std::int64_t first_failure = clock_.NowSeconds();
  EXPECT_EQ(State(id), "queued");
  EXPECT_EQ(Row(id).attempts, 1);
  EXPECT_EQ(NotBefore(id), first_failure + 30);
  EXPECT_TRUE(outcomes_[0].will_retry);
  EXPECT_FALSE(outcomes_[0].modem_fault);
  EXPECT_NE(outcomes_[0].error.find("27"), std::string::npos) << outcomes_[0].error;
  EXPECT_EQ(sender_->gate().state(), SendGate::State::kOpen);  // the message's fault, not the modem's

  clock_.AdvanceAndRun(29s, io_);
  EXPECT_EQ(State(id), "queued");
  EXPECT_EQ(Submits(), 1);

  // Attempt 2 after 30 s, refused again: the wait doubles to 60 s.
  clock_.AdvanceAndRun(1s, io_);
  EXPECT_EQ(State(id), "sending");
  ASSERT_TRUE(RunUntil([&] { return outcomes_.size() == 2; }));
  const std::int64_t second_failure = clock_.NowSeconds();
  EXPECT_EQ(second_failure, first_failure + 30);
  EXPECT_EQ(Row(id).attempts, 2);
  EXPECT_EQ(NotBefore(id), second_failure + 60);
  EXPECT_TRUE(outcomes_[1].will_retry);

  clock_.AdvanceAndRun(59s, io_);
  EXPECT_EQ(State(id), "queued");
  EXPECT_EQ(Submits(), 2);

  // Attempt 3 is the last (max_attempts = 3): refused, the row fails.
  clock_.AdvanceAndRun(1s, io_);
  ASSERT_TRUE(RunUntil([&] { return outcomes_.size() == 3; }));
  EXPECT_EQ(State(id), "failed");
  EXPECT_EQ(Row(id).attempts, 3);
  EXPECT_FALSE(outcomes_[2].will_retry);
  ASSERT_TRUE(Row(id).last_error.has_value());
  EXPECT_NE(Row(id).last_error->find("27"), std::string::npos) << *Row(id).last_error;

  // Nothing tries it again.
  clock_.AdvanceAndRun(1h, io_);
  EXPECT_EQ(Submits(), 3);
  EXPECT_EQ(State(id), "failed");
}

TEST_F(OutboxSenderTest, ALostModemGivesItsClaimedRowsBackForAnotherModem) {
  // The first message stays at the modem (no +CMGS for an hour) while the
  // second waits claimed behind it, not yet handed to the driver.
  sim::ModemTiming slow = FastModem();
  slow.send_latency = 1h;
  Make({.sends_per_minute = 0, .depth = 2}, slow);
  const std::int64_t at_modem = Queue(kAlice, "at the modem");
  const std::int64_t claimed = Queue(kBob, "claimed behind it");
  ASSERT_TRUE(RunUntil([&] { return link_->Count("\x1a") == 1; })) << link_->written;  // the PDU is out
  EXPECT_EQ(State(at_modem), "sending");
  EXPECT_EQ(State(claimed), "sending");
  EXPECT_TRUE(sender_->busy());

  // The USB cable pulled, and the port does not come back.
  link_->away = true;
  link_->Vanish();
  ASSERT_TRUE(RunUntil([&] { return InState("sending") == 0; }));
  EXPECT_FALSE(sender_->busy());
  EXPECT_EQ(State(at_modem), "queued");
  EXPECT_EQ(State(claimed), "queued");
  // Neither used an attempt: the modem failed, not the messages.
  EXPECT_EQ(Row(at_modem).attempts, 0);
  EXPECT_EQ(Row(claimed).attempts, 0);
  EXPECT_EQ(driver_->state(), modem::ModemDriver::State::kFinding);
  EXPECT_FALSE(sender_->can_send());

  // Another modem takes both at once.
  store::Outbox outbox(*db_);
  std::vector<std::int64_t> taken;
  for (int i = 0; i < 2; ++i) {
    auto row = outbox.ClaimNext("m1", clock_.NowSeconds(), {.ready_modems = {"m1"}});
    ASSERT_TRUE(row.ok() && *row);
    taken.push_back((*row)->id);
  }
  EXPECT_EQ(taken, (std::vector<std::int64_t>{at_modem, claimed}));
}

// The first send after the modem becomes ready waits for AT+CMMS=2
// (modem/io/outbound.cpp). A modem lost while that command is pending
// (unanswered here; in the field, queued behind the first sweep's AT+CMGL or
// the health refresh) reports ModemLost before the port is closed; the
// daemon's WithdrawQueuedSends must hand back that send too, or the row at
// the driver and the one claimed behind it stay in `sending` (holding back
// every later message to both numbers) for as long as the modem is away.
TEST_F(OutboxSenderTest, AModemLostWhileItsFirstSendWaitsForTheLinkSettingLeavesNoRowInSending) {
  Make({.sends_per_minute = 0, .depth = 2});
  link_->hang_on = "AT+CMMS=2";  // the modem hears nothing from there on
  const std::int64_t first = Queue(kAlice, "handed to the driver");
  const std::int64_t second = Queue(kBob, "claimed behind it");
  ASSERT_TRUE(RunUntil([&] { return link_->Count("AT+CMMS=2") == 1; })) << link_->written;
  ASSERT_EQ(State(second), "sending");

  link_->away = true;
  link_->Vanish();
  ASSERT_TRUE(RunUntil([&] { return driver_->state() == modem::ModemDriver::State::kFinding; }));
  EXPECT_TRUE(RunUntil([&] { return InState("sending") == 0; }));
  EXPECT_EQ(State(first), "queued");
  EXPECT_EQ(State(second), "queued");
  EXPECT_FALSE(sender_->busy());
  EXPECT_EQ(Submits(), 0);
}

TEST_F(OutboxSenderTest, StoppingGivesBackAtOnceTheClaimedRowsTheModemNeverHad) {
  sim::ModemTiming slow = FastModem();
  slow.send_latency = 200ms;
  Make({.sends_per_minute = 0, .depth = 2}, slow);
  const std::int64_t at_modem = Queue(kAlice, "at the modem");
  const std::int64_t claimed = Queue(kBob, "claimed behind it");
  ASSERT_TRUE(RunUntil([&] { return link_->Count("\x1a") == 1; })) << link_->written;
  ASSERT_EQ(State(claimed), "sending");

  sender_->Stop();
  EXPECT_EQ(State(claimed), "queued");  // at once: the next run, or another modem, sends it
  EXPECT_EQ(Row(claimed).attempts, 0);
  // The message at the modem finishes and is recorded; nothing new is claimed.
  ASSERT_TRUE(RunUntil([&] { return State(at_modem) == "sent"; }));
  clock_.AdvanceAndRun(1min, io_);
  EXPECT_EQ(State(claimed), "queued");
  EXPECT_EQ(Submits(), 1);
}

TEST_F(OutboxSenderTest, ANetworkOutageStopsTheModemUntilALookPassesAndOneTrialMessageLeaves) {
  Make({.sends_per_minute = 0, .depth = 2, .gate = {.probe_first = 30s, .probe_max = 300s}});
  // No network: the modem loses registration and AT+CMGS answers
  // +CMS ERROR: 331 (no network service), a failure of the modem's.
  link_->modem.NetworkDown(sim::OutageMode::kUnregistered, 331, std::nullopt);
  const std::int64_t refused = Queue(kAlice, "sent into the outage");
  const std::int64_t behind = Queue(kBob, "claimed behind it");
  const std::int64_t outage_start = clock_.NowSeconds();

  ASSERT_TRUE(RunUntil([&] { return !outcomes_.empty(); }));
  ASSERT_TRUE(RunUntil([&] { return InState("sending") == 0; }));
  EXPECT_TRUE(outcomes_[0].modem_fault);
  EXPECT_NE(outcomes_[0].error.find("331"), std::string::npos) << outcomes_[0].error;
  // The modem stopped; both rows wait for a modem that can send, and the
  // refused one got its attempt back.
  EXPECT_EQ(sender_->gate().state(), SendGate::State::kDegraded);
  EXPECT_EQ(sender_->gate().cause(), SendGate::Cause::kNetwork);
  EXPECT_FALSE(sender_->can_send());
  EXPECT_EQ(State(refused), "queued");
  EXPECT_EQ(Row(refused).attempts, 0);
  EXPECT_EQ(Row(refused).network_failures, 1);
  EXPECT_EQ(State(behind), "queued");
  EXPECT_EQ(Row(behind).attempts, 0);
  ASSERT_EQ(gate_changes_.size(), 1u);
  EXPECT_TRUE(gate_changes_[0].started);
  EXPECT_EQ(sender_->gate().since(), outage_start);
  EXPECT_EQ(sender_->gate().next_probe(), clock_.Steady() + 30s);

  // No look before probe_first; the look at 30 s finds no registration:
  // still stopped, the next look 60 s later.
  clock_.AdvanceAndRun(29s, io_);
  EXPECT_EQ(gate_changes_.size(), 1u);
  EXPECT_EQ(sender_->gate().looks(), 1);
  clock_.AdvanceAndRun(1s, io_);
  ASSERT_TRUE(RunUntil([&] { return gate_changes_.size() == 2; }));
  EXPECT_EQ(sender_->gate().state(), SendGate::State::kDegraded);
  EXPECT_EQ(sender_->gate().next_probe(), clock_.Steady() + 60s);
  EXPECT_EQ(Submits(), 1);

  // The network comes back; the next look, 60 s on, passes and one message
  // tests the modem: the one no modem failed on.
  link_->modem.NetworkUp();
  clock_.AdvanceAndRun(59s, io_);
  EXPECT_EQ(gate_changes_.size(), 2u);
  EXPECT_EQ(State(behind), "queued");
  clock_.AdvanceAndRun(1s, io_);
  ASSERT_TRUE(RunUntil([&] { return State(behind) == "sent" && State(refused) == "sent"; }));
  ASSERT_EQ(outcomes_.size(), 3u);
  EXPECT_EQ(outcomes_[1].outbox_id, behind);  // the trial
  EXPECT_EQ(outcomes_[2].outbox_id, refused);
  EXPECT_EQ(sender_->gate().state(), SendGate::State::kOpen);
  EXPECT_FALSE(sender_->gate().in_outage());
  EXPECT_TRUE(sender_->can_send());
  // Ended once, by the trial message, with the outage's start.
  int started = 0, ended = 0;
  for (const GateChange& change : gate_changes_) {
    started += change.started;
    ended += change.ended;
  }
  EXPECT_EQ(started, 1);
  EXPECT_EQ(ended, 1);
  EXPECT_TRUE(gate_changes_.back().ended);
  EXPECT_EQ(gate_changes_.back().ended_since, outage_start);
  EXPECT_EQ(Submits(), 3);  // refused, trial, then the refused one again
}

}  // namespace
}  // namespace smsdesk::daemon
