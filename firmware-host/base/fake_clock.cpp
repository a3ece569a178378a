#include "firmware-host/base/fake_clock.h"

#include <algorithm>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace smsdesk {

class FakeClock::FakeTimer : public Timer {
 public:
  FakeTimer(const FakeClock& clock, boost::asio::io_context& io) : clock_(clock), io_(io) {
    clock_.timers_.push_back(this);
  }
  ~FakeTimer() override {
    ++state_->generation;
    auto& timers = clock_.timers_;
    timers.erase(std::remove(timers.begin(), timers.end(), this), timers.end());
  }

  void ArmAt(std::chrono::steady_clock::time_point at, std::function<void()> handler) override {
    ++state_->generation;
    state_->handler = std::move(handler);
    state_->armed = true;
    posted_ = false;
    at_ = at;
    if (at_ <= clock_.Steady()) Post();
  }
  void Cancel() override {
    ++state_->generation;
    state_->armed = false;
    state_->handler = nullptr;
    posted_ = false;
  }
  bool armed() const override { return state_->armed; }

  bool due(std::chrono::steady_clock::time_point now) const { return state_->armed && !posted_ && at_ <= now; }
  bool waiting() const { return state_->armed && !posted_; }
  std::chrono::steady_clock::time_point at() const { return at_; }

  // Hands the call to the io_context; it runs unless re-armed or cancelled
  // (or the timer is gone) first.
  void Post() {
    posted_ = true;
    boost::asio::post(io_, [state = state_, generation = state_->generation] {
      if (state->generation != generation || !state->armed) return;
      state->armed = false;
      std::function<void()> call = std::move(state->handler);
      call();
    });
  }

 protected:
  std::chrono::steady_clock::time_point Now() const override { return clock_.Steady(); }

 private:
  struct State {
    std::uint64_t generation = 0;
    bool armed = false;
    std::function<void()> handler;
  };
  const FakeClock& clock_;
  boost::asio::io_context& io_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
  std::chrono::steady_clock::time_point at_{};
  bool posted_ = false;
};

FakeClock::FakeClock(std::int64_t wall)
    : steady_(std::chrono::steady_clock::time_point(std::chrono::hours(1000))),
      wall_(std::chrono::system_clock::time_point(std::chrono::seconds(wall))) {}

FakeClock::~FakeClock() = default;

std::unique_ptr<Timer> FakeClock::MakeTimer(boost::asio::io_context& io) const {
  return std::make_unique<FakeTimer>(*this, io);
}

void FakeClock::PostDue() {
  // Earliest first, so handlers run in deadline order.
  std::vector<FakeTimer*> due;
  for (FakeTimer* t : timers_) {
    if (t->due(steady_)) due.push_back(t);
  }
  std::stable_sort(due.begin(), due.end(), [](const FakeTimer* a, const FakeTimer* b) { return a->at() < b->at(); });
  for (FakeTimer* t : due) t->Post();
}

void FakeClock::Advance(std::chrono::steady_clock::duration by) {
  if (by < std::chrono::steady_clock::duration::zero()) by = std::chrono::steady_clock::duration::zero();
  steady_ += by;
  wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(by);
  PostDue();
}

void FakeClock::AdvanceAndRun(std::chrono::steady_clock::duration by, boost::asio::io_context& io) {
  const auto end = steady_ + std::max(by, std::chrono::steady_clock::duration::zero());
  // Bounded: a handler that keeps re-arming for "now" cannot spin forever.
  for (int step = 0; step < 100'000; ++step) {
    if (io.stopped()) io.restart();
    io.poll();
    const auto next = next_due();
    if (!next || *next > end) break;
    Advance(std::max(*next, steady_) - steady_);
  }
  Advance(std::max(end, steady_) - steady_);
  if (io.stopped()) io.restart();
  io.poll();
}

void FakeClock::SetWall(std::int64_t unix_seconds) {
  wall_ = std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

std::optional<std::chrono::steady_clock::time_point> FakeClock::next_due() const {
  std::optional<std::chrono::steady_clock::time_point> next;
  for (const FakeTimer* t : timers_) {
    if (t->waiting() && (!next || t->at() < *next)) next = t->at();
  }
  return next;
}

int FakeClock::armed_timers() const {
  int n = 0;
  for (const FakeTimer* t : timers_) n += t->armed() ? 1 : 0;
  return n;
}

}  // namespace smsdesk
