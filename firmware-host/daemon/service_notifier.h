// ServiceNotifier: what systemd learns from `smsdesk run` under Type=notify
// (sd_notify(3)): READY=1 once the store is open and the modems started,
// STATUS= lines (modems ready, queue, open tickets), STOPPING=1 on the way
// out, and WATCHDOG=1 every WatchdogSec/2 from a timer on the daemon's loop,
// sent only while the loop runs (the timer fires) and `healthy()` says the
// modem supervisor makes progress, so a hung loop or a stuck driver gets the
// service restarted. Without NOTIFY_SOCKET (a terminal, the tests) it does
// nothing and arms no timer. Lives on the daemon's io_context.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace smsdesk::daemon {

// Sends `state` ("READY=1\nSTATUS=…") to $NOTIFY_SOCKET; false without one
// or when the datagram could not be sent.
bool NotifySystemd(const std::string& state);
// WatchdogSec= as systemd passes it (WATCHDOG_USEC, WATCHDOG_PID), when it is
// meant for this process.
std::optional<std::chrono::microseconds> WatchdogInterval();

class ServiceNotifier {
 public:
  // `problem`: nullopt while healthy, else why not (logged once, no ping).
  // `status`: the STATUS= line.
  ServiceNotifier(boost::asio::io_context& io, std::function<std::optional<std::string>()> problem,
                  std::function<std::string()> status);

  bool enabled() const { return enabled_; }
  std::optional<std::chrono::microseconds> watchdog() const { return watchdog_; }

  void Ready();
  void Stopping();
  // Sends the status line now if it changed.
  void UpdateStatus();

 private:
  void Arm();
  void Tick();
  void Send(const std::string& state);

  boost::asio::steady_timer timer_;
  std::function<std::optional<std::string>()> problem_;
  std::function<std::string()> status_;
  bool enabled_ = false;
  bool stopping_ = false;
  std::optional<std::chrono::microseconds> watchdog_;
  std::string last_status_;
  std::optional<std::string> last_problem_;
};

}  // namespace smsdesk::daemon
