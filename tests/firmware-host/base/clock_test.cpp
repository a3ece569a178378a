// The clocks: FakeClock's timers fire only when a test moves time, in
// deadline order, re-armed or cancelled as asked; SystemClock's fire on
// their own on the io_context.
#include "firmware-host/base/fake_clock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace smsdesk {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(FakeClock, StandsStillUntilMovedAndMovesBothClocks) {
  FakeClock clock(1'000'000);
  EXPECT_EQ(clock.NowSeconds(), 1'000'000);
  EXPECT_EQ(clock.NowMs(), 1'000'000'000);
  const auto steady = clock.Steady();
  clock.Advance(seconds(90));
  EXPECT_EQ(clock.NowSeconds(), 1'000'090);
  EXPECT_EQ(clock.Steady() - steady, seconds(90));
  clock.SetWall(2'000'000);  // a clock step: steady time does not move
  EXPECT_EQ(clock.NowSeconds(), 2'000'000);
  EXPECT_EQ(clock.Steady() - steady, seconds(90));
}

TEST(FakeClock, ATimerFiresOnlyOnceItsTimeHasCome) {
  boost::asio::io_context io;
  FakeClock clock;
  auto timer = clock.MakeTimer(io);
  int calls = 0;
  timer->ArmAfter(seconds(30), [&] { ++calls; });
  EXPECT_TRUE(timer->armed());
  clock.AdvanceAndRun(seconds(29), io);
  EXPECT_EQ(calls, 0);
  clock.AdvanceAndRun(seconds(1), io);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(timer->armed());
  clock.AdvanceAndRun(seconds(60), io);
  EXPECT_EQ(calls, 1) << "once";
}

TEST(FakeClock, ArmingAgainReplacesAndCancelDrops) {
  boost::asio::io_context io;
  FakeClock clock;
  auto timer = clock.MakeTimer(io);
  std::vector<std::string> calls;
  timer->ArmAfter(seconds(10), [&] { calls.push_back("first"); });
  timer->ArmAfter(seconds(20), [&] { calls.push_back("second"); });
  clock.AdvanceAndRun(seconds(15), io);
  EXPECT_TRUE(calls.empty()) << "the first arming was replaced";
  clock.AdvanceAndRun(seconds(5), io);
  EXPECT_EQ(calls, std::vector<std::string>{"second"});

  timer->ArmAfter(seconds(5), [&] { calls.push_back("cancelled"); });
  timer->Cancel();
  EXPECT_FALSE(timer->armed());
  clock.AdvanceAndRun(seconds(10), io);
  EXPECT_EQ(calls.size(), 1u);
}

TEST(FakeClock, ADueCallIsDroppedWhenCancelledBeforeTheLoopRunsIt) {
  boost::asio::io_context io;
  FakeClock clock;
  auto timer = clock.MakeTimer(io);
  int calls = 0;
  timer->ArmAfter(seconds(1), [&] { ++calls; });
  clock.Advance(seconds(1));  // posted, not run yet
  timer->Cancel();
  io.poll();
  EXPECT_EQ(calls, 0);
  timer->ArmAfter(seconds(1), [&] { ++calls; });
  clock.Advance(seconds(1));
  timer.reset();  // the owner is gone
  io.restart();
  io.poll();
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(clock.armed_timers(), 0);
}

TEST(FakeClock, AdvanceAndRunCallsEachTimerInDeadlineOrderIncludingOnesArmedOnTheWay) {
  boost::asio::io_context io;
  FakeClock clock;
  auto a = clock.MakeTimer(io);
  auto b = clock.MakeTimer(io);
  std::vector<std::string> calls;
  const auto start = clock.Steady();
  auto at = [&] { return std::to_string(std::chrono::duration_cast<seconds>(clock.Steady() - start).count()); };
  b->ArmAfter(seconds(20), [&] { calls.push_back("b@" + at()); });
  a->ArmAfter(seconds(10), [&] {
    calls.push_back("a@" + at());
    a->ArmAfter(seconds(5), [&] { calls.push_back("a again@" + at()); });
  });
  clock.AdvanceAndRun(seconds(60), io);
  EXPECT_EQ(calls, (std::vector<std::string>{"a@10", "a again@15", "b@20"}));
  EXPECT_EQ(clock.Steady() - start, seconds(60));
  EXPECT_FALSE(clock.next_due());
}

TEST(FakeClock, ATimerArmedForThePastIsCalledByTheLoopNotByArm) {
  boost::asio::io_context io;
  FakeClock clock;
  auto timer = clock.MakeTimer(io);
  int calls = 0;
  timer->ArmAt(clock.Steady() - seconds(5), [&] { ++calls; });
  EXPECT_EQ(calls, 0);
  io.poll();
  EXPECT_EQ(calls, 1);
}

TEST(SystemClock, ItsTimersFireOnTheIoContext) {
  boost::asio::io_context io;
  auto timer = SystemClock().MakeTimer(io);
  int calls = 0;
  timer->ArmAfter(milliseconds(1), [&] { ++calls; });
  EXPECT_TRUE(timer->armed());
  io.run_for(seconds(10));  // returns as soon as the timer has fired
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(timer->armed());

  auto cancelled = SystemClock().MakeTimer(io);
  cancelled->ArmAfter(milliseconds(1), [&] { ++calls; });
  cancelled->Cancel();
  io.restart();
  io.run_for(seconds(10));
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace smsdesk
