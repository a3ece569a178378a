#include "firmware-host/daemon/service_notifier.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "firmware-host/base/log.h"

namespace smsdesk::daemon {
namespace {

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A datagram socket bound where NOTIFY_SOCKET points: systemd's side.
class FakeSystemd {
 public:
  explicit FakeSystemd(const std::string& name) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.data(), name.size());
    if (name[0] == '@') address.sun_path[0] = '\0';
    if (name[0] == '/') ::unlink(name.c_str());
    const auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    bound_ = ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), size) == 0;
    timeval timeout{.tv_sec = 2, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~FakeSystemd() { ::close(fd_); }
  bool bound() const { return bound_; }
  std::string Receive() {
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n < 0 ? std::string("<nothing>") : std::string(buffer, static_cast<std::size_t>(n));
  }

 private:
  int fd_ = -1;
  bool bound_ = false;
};

TEST(NotifySystemd, SendsOneDatagramToAPathSocket) {
  const std::string path = "/tmp/smsdesk-notify-" + std::to_string(::getpid());
  FakeSystemd systemd(path);
  ASSERT_TRUE(systemd.bound());
  ScopedEnv env("NOTIFY_SOCKET", path.c_str());
  EXPECT_TRUE(NotifySystemd("READY=1\nSTATUS=1/1 modems ready"));
  EXPECT_EQ(systemd.Receive(), "READY=1\nSTATUS=1/1 modems ready");
  ::unlink(path.c_str());
}

TEST(NotifySystemd, SendsToAnAbstractSocket) {
  const std::string name = "@smsdesk-notify-" + std::to_string(::getpid());
  FakeSystemd systemd(name);
  ASSERT_TRUE(systemd.bound());
  ScopedEnv env("NOTIFY_SOCKET", name.c_str());
  EXPECT_TRUE(NotifySystemd("WATCHDOG=1"));
  EXPECT_EQ(systemd.Receive(), "WATCHDOG=1");
}

TEST(NotifySystemd, FalseWithoutOrWithABadSocket) {
  {
    ScopedEnv env("NOTIFY_SOCKET", nullptr);
    EXPECT_FALSE(NotifySystemd("READY=1"));
  }
  {
    ScopedEnv env("NOTIFY_SOCKET", "relative/path");
    EXPECT_FALSE(NotifySystemd("READY=1"));
  }
  {
    ScopedEnv env("NOTIFY_SOCKET", "/nonexistent/smsdesk/notify");
    EXPECT_FALSE(NotifySystemd("READY=1"));
  }
  {
    const std::string too_long = "/" + std::string(200, 'x');
    ScopedEnv env("NOTIFY_SOCKET", too_long.c_str());
    EXPECT_FALSE(NotifySystemd("READY=1"));
  }
}

TEST(WatchdogInterval, FromWatchdogUsecForThisProcessOnly) {
  const std::string me = std::to_string(::getpid());
  {
    ScopedEnv usec("WATCHDOG_USEC", "2000000");
    ScopedEnv pid("WATCHDOG_PID", nullptr);
    EXPECT_EQ(WatchdogInterval(), std::chrono::microseconds(2'000'000));
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", "2000000");
    ScopedEnv pid("WATCHDOG_PID", me.c_str());
    EXPECT_EQ(WatchdogInterval(), std::chrono::microseconds(2'000'000));
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", "2000000");
    ScopedEnv pid("WATCHDOG_PID", "1");  // another process's
    EXPECT_FALSE(WatchdogInterval().has_value());
  }
  for (const char* bad : {"", "0", "-5", "2s", "99999999999999999999999"}) {
    ScopedEnv usec("WATCHDOG_USEC", bad);
    ScopedEnv pid("WATCHDOG_PID", nullptr);
    EXPECT_FALSE(WatchdogInterval().has_value()) << bad;
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", nullptr);
    EXPECT_FALSE(WatchdogInterval().has_value());
  }
}

TEST(JournalLog, LinesCarryTheirSyslogPriorityWhenStderrIsTheJournal) {
  // stderr redirected to a file whose device and inode JOURNAL_STREAM names,
  // as systemd does for a service.
  const std::string path = "/tmp/smsdesk-journal-" + std::to_string(::getpid());
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  ASSERT_NE(std::freopen(path.c_str(), "w", stderr), nullptr);
  struct stat st {};
  ASSERT_EQ(::fstat(STDERR_FILENO, &st), 0);
  const std::string stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  {
    ScopedEnv env("JOURNAL_STREAM", stream.c_str());
    spdlog::drop("smsdesk");
    SetUpLogging("debug");
    spdlog::info("m0: ready");
    spdlog::warn("m0: signal weak");
    spdlog::error("store: disk full");
    spdlog::debug("AT+CSQ");
    spdlog::default_logger()->flush();
  }
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  spdlog::drop("smsdesk");
  SetUpLogging("info");  // the plain logger again, for the other tests

  std::FILE* f = std::fopen(path.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::string text(4096, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), f));
  std::fclose(f);
  ::unlink(path.c_str());
  EXPECT_EQ(text, "<6>m0: ready\n<4>m0: signal weak\n<3>store: disk full\n<7>AT+CSQ\n");
}

}  // namespace
}  // namespace smsdesk::daemon
