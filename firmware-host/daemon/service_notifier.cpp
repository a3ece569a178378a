#include "firmware-host/daemon/service_notifier.h"

#include <cstdlib>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

namespace smsdesk::daemon {
namespace {

// Without a watchdog the status is still refreshed now and then, for
// `systemctl status`; an idle box wakes once a minute for it at most.
constexpr std::chrono::seconds kStatusEvery{60};

}  // namespace

ServiceNotifier::ServiceNotifier(boost::asio::io_context& io, std::function<std::optional<std::string>()> problem,
                                 std::function<std::string()> status)
    : timer_(io), problem_(std::move(problem)), status_(std::move(status)) {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID (if any) is us.
  if (enabled_ && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) watchdog_ = std::chrono::microseconds(usec);
}

void ServiceNotifier::Send(const std::string& state) {
  if (enabled_ && sd_notify(0, state.c_str()) < 0) spdlog::debug("sd_notify failed: {}", state);
}

void ServiceNotifier::Ready() {
  if (!enabled_) return;
  last_status_ = status_();
  Send("READY=1\nSTATUS=" + last_status_);
  if (watchdog_) Send("WATCHDOG=1");
  Arm();
}

void ServiceNotifier::Stopping() {
  if (!enabled_ || stopping_) return;
  stopping_ = true;
  timer_.cancel();
  Send("STOPPING=1\nSTATUS=stopping: finishing the sends in flight");
}

void ServiceNotifier::UpdateStatus() {
  if (!enabled_ || stopping_) return;
  std::string status = status_();
  if (status == last_status_) return;
  last_status_ = std::move(status);
  Send("STATUS=" + last_status_);
}

void ServiceNotifier::Arm() {
  if (stopping_) return;
  const auto every = watchdog_ ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(*watchdog_ / 2)
                               : std::chrono::duration_cast<std::chrono::steady_clock::duration>(kStatusEvery);
  timer_.expires_after(every);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) Tick();
  });
}

void ServiceNotifier::Tick() {
  UpdateStatus();
  if (watchdog_) {
    // The timer fired, so the loop runs; the supervisor must be well too.
    std::optional<std::string> problem = problem_();
    if (!problem) {
      Send("WATCHDOG=1");
    } else if (problem != last_problem_) {
      spdlog::error("watchdog: not telling systemd all is well: {}", *problem);
    }
    last_problem_ = std::move(problem);
  }
  Arm();
}

}  // namespace smsdesk::daemon
