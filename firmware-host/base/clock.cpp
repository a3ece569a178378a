#include "firmware-host/base/clock.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace smsdesk {
namespace {

class AsioTimer : public Timer {
 public:
  explicit AsioTimer(boost::asio::io_context& io) : timer_(io) {}
  ~AsioTimer() override { ++state_->generation; }

  void ArmAt(std::chrono::steady_clock::time_point at, std::function<void()> handler) override {
    const std::uint64_t generation = ++state_->generation;
    state_->handler = std::move(handler);
    state_->armed = true;
    timer_.expires_at(at);
    // The state outlives the timer: a wait cancelled by re-arming or by the
    // timer's end completes later and finds its generation gone.
    timer_.async_wait([state = state_, generation](const boost::system::error_code& ec) {
      if (ec || state->generation != generation) return;
      state->armed = false;
      std::function<void()> call = std::move(state->handler);
      call();
    });
  }
  void Cancel() override {
    ++state_->generation;
    state_->armed = false;
    state_->handler = nullptr;
    timer_.cancel();
  }
  bool armed() const override { return state_->armed; }

 protected:
  std::chrono::steady_clock::time_point Now() const override { return std::chrono::steady_clock::now(); }

 private:
  struct State {
    std::uint64_t generation = 0;
    bool armed = false;
    std::function<void()> handler;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
  boost::asio::steady_timer timer_;
};

class RealClock : public Clock {
 public:
  std::chrono::steady_clock::time_point Steady() const override { return std::chrono::steady_clock::now(); }
  std::chrono::system_clock::time_point Wall() const override { return std::chrono::system_clock::now(); }
  std::unique_ptr<Timer> MakeTimer(boost::asio::io_context& io) const override {
    return std::make_unique<AsioTimer>(io);
  }
};

}  // namespace

void Timer::ArmAfter(std::chrono::steady_clock::duration delay, std::function<void()> handler) {
  ArmAt(Now() + delay, std::move(handler));
}

std::int64_t Clock::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(Wall().time_since_epoch()).count();
}

std::int64_t Clock::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Wall().time_since_epoch()).count();
}

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

}  // namespace smsdesk
