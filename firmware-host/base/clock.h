// Time as the program reads it: steady time for timers, pacing and backoff;
// wall time for what the store records (Unix seconds) and for days in the
// desk's time zone. The daemon, the outbox senders, the credit and outage
// watches and the console are given a Clock and arm their timers through
// it; the program passes SystemClock(), tests a FakeClock (fake_clock.h)
// whose time moves only when the test says. Pure code (routing, the FAQ,
// alert plans) takes time as a parameter instead.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace smsdesk {

// One pending callback on an io_context, at a steady time point.
class Timer {
 public:
  virtual ~Timer() = default;
  // Calls `handler` on the io_context once the clock reaches `at` (at once,
  // but never from inside ArmAt, when `at` has passed). Arming again
  // replaces the pending call; Cancel drops it. Destroying the timer drops
  // it too.
  virtual void ArmAt(std::chrono::steady_clock::time_point at, std::function<void()> handler) = 0;
  void ArmAfter(std::chrono::steady_clock::duration delay, std::function<void()> handler);
  virtual void Cancel() = 0;
  // Armed and not yet called or cancelled.
  virtual bool armed() const = 0;

 protected:
  virtual std::chrono::steady_clock::time_point Now() const = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::steady_clock::time_point Steady() const = 0;
  virtual std::chrono::system_clock::time_point Wall() const = 0;
  virtual std::unique_ptr<Timer> MakeTimer(boost::asio::io_context& io) const = 0;

  std::int64_t NowSeconds() const;  // wall, Unix seconds
  std::int64_t NowMs() const;       // wall, Unix milliseconds
};

// The real clocks (std::chrono::steady_clock and system_clock) and Asio's
// steady timers. One for the whole program.
const Clock& SystemClock();

}  // namespace smsdesk
