#include "firmware-host/daemon/service_notifier.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <spdlog/spdlog.h>

namespace smsdesk::daemon {
namespace {

// Without a watchdog the status is still refreshed now and then, for
// `systemctl status`; an idle box wakes once a minute for it at most.
constexpr std::chrono::seconds kStatusEvery{60};

std::optional<std::uint64_t> EnvNumber(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr) return std::nullopt;
  std::string_view s(text);
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

bool NotifySystemd(const std::string& state) {
  // sd_notify(3)'s protocol without libsystemd (and the six libraries it
  // loads): one datagram to the AF_UNIX socket in NOTIFY_SOCKET, a path or,
  // with a leading '@', a name in the abstract namespace.
  const char* path = std::getenv("NOTIFY_SOCKET");
  if (path == nullptr || (path[0] != '/' && path[0] != '@')) return false;
  sockaddr_un address{};
  const std::size_t length = std::strlen(path);
  if (length >= sizeof(address.sun_path)) return false;
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path, length);
  if (path[0] == '@') address.sun_path[0] = '\0';
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length);
  const ssize_t sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), size);
  ::close(fd);
  return sent == static_cast<ssize_t>(state.size());
}

std::optional<std::chrono::microseconds> WatchdogInterval() {
  // sd_watchdog_enabled(3): WATCHDOG_USEC, for us only if WATCHDOG_PID is
  // unset or our pid.
  auto usec = EnvNumber("WATCHDOG_USEC");
  if (!usec || *usec == 0) return std::nullopt;
  if (std::getenv("WATCHDOG_PID") != nullptr) {
    auto pid = EnvNumber("WATCHDOG_PID");
    if (!pid || *pid != static_cast<std::uint64_t>(::getpid())) return std::nullopt;
  }
  return std::chrono::microseconds(*usec);
}

ServiceNotifier::ServiceNotifier(boost::asio::io_context& io, std::function<std::optional<std::string>()> problem,
                                 std::function<std::string()> status)
    : timer_(io), problem_(std::move(problem)), status_(std::move(status)) {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  if (enabled_) watchdog_ = WatchdogInterval();
}

void ServiceNotifier::Send(const std::string& state) {
  if (enabled_ && !NotifySystemd(state)) spdlog::debug("sd_notify failed: {}", state);
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
