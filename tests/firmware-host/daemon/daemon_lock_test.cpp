#include "firmware-host/daemon/daemon_lock.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "firmware-host/base/log.h"

namespace smsdesk::daemon {
namespace {

std::string TempDatabase() {
  char pattern[] = "/tmp/smsdesk-lock-XXXXXX";
  const char* dir = ::mkdtemp(pattern);
  EXPECT_NE(dir, nullptr);
  return std::string(dir) + "/desk.db";
}

TEST(DaemonLock, NoDaemonNoHolder) {
  const std::string db = TempDatabase();
  EXPECT_FALSE(RunningDaemon(db).has_value());
  EXPECT_FALSE(NotifyDaemon(db));
}

TEST(DaemonLock, AnotherProcessSeesTheHolderAndCannotTakeIt) {
  const std::string db = TempDatabase();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto lock = DaemonLock::Acquire(db);
    const char byte = lock.ok() ? '1' : '0';
    (void)!::write(ready[1], &byte, 1);
    ::pause();  // hold the lock until killed
    std::_Exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ASSERT_EQ(byte, '1');
  EXPECT_EQ(RunningDaemon(db), child);
  auto second = DaemonLock::Acquire(db);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find(std::to_string(child)), std::string::npos) << second.error().message;

  // kill -9 frees the lock: a restarted daemon is never blocked by a stale file.
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_FALSE(RunningDaemon(db).has_value());
  EXPECT_TRUE(DaemonLock::Acquire(db).ok());
  std::filesystem::remove_all(std::filesystem::path(db).parent_path());
}

TEST(Log, MaskNumberKeepsOnlyTheLastDigits) {
  EXPECT_EQ(MaskNumber("+15551234567"), "…4567");
  EXPECT_EQ(MaskNumber("1234"), "1234");
  EXPECT_EQ(MaskNumber(""), "");
}

}  // namespace
}  // namespace smsdesk::daemon
