// A Clock for tests: steady and wall time stand still until Advance() moves
// them together. A timer that comes due is posted to its io_context, so a
// test advances the clock, then runs the io_context's ready handlers
// (io.poll()) — or calls AdvanceAndRun, which does both, timer by timer, in
// deadline order.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "firmware-host/base/clock.h"

namespace boost::asio {
class io_context;
}

namespace smsdesk {

class FakeClock : public Clock {
 public:
  // Wall time starts at `wall` (Unix seconds); steady time at an arbitrary
  // point far from zero.
  explicit FakeClock(std::int64_t wall = 1'767'225'600);  // 2026-01-01 00:00 UTC
  ~FakeClock() override;
  FakeClock(const FakeClock&) = delete;
  FakeClock& operator=(const FakeClock&) = delete;

  std::chrono::steady_clock::time_point Steady() const override { return steady_; }
  std::chrono::system_clock::time_point Wall() const override { return wall_; }
  std::unique_ptr<Timer> MakeTimer(boost::asio::io_context& io) const override;

  // Moves both clocks forward and posts each timer that came due.
  void Advance(std::chrono::steady_clock::duration by);
  // Moves forward in steps, stopping at each timer that comes due on the
  // way, posting it and running `io`'s ready handlers before going on (so
  // a handler that arms a timer within the span is called too).
  void AdvanceAndRun(std::chrono::steady_clock::duration by, boost::asio::io_context& io);
  // Sets the wall clock alone (a clock step; steady time does not move).
  void SetWall(std::int64_t unix_seconds);
  // The earliest armed timer's time, if any.
  std::optional<std::chrono::steady_clock::time_point> next_due() const;
  int armed_timers() const;

 private:
  class FakeTimer;
  void PostDue();

  std::chrono::steady_clock::time_point steady_;
  std::chrono::system_clock::time_point wall_;
  mutable std::vector<FakeTimer*> timers_;
};

}  // namespace smsdesk
