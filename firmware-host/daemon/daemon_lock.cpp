#include "firmware-host/daemon/daemon_lock.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace smsdesk::daemon {
namespace {

struct flock WholeFile(short type) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  return lock;
}

}  // namespace

std::string LockPathFor(const std::string& database) { return database + ".lock"; }

modem::Result<DaemonLock> DaemonLock::Acquire(const std::string& database) {
  const std::string path = LockPathFor(database);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return modem::MakeError("cannot open " + path + ": " + std::strerror(errno));
  struct flock lock = WholeFile(F_WRLCK);
  if (::fcntl(fd, F_SETLK, &lock) != 0) {
    const int error = errno;
    ::close(fd);
    if (auto pid = RunningDaemon(database)) {
      return modem::MakeError("another smsdesk (pid " + std::to_string(*pid) + ") already serves " + database);
    }
    return modem::MakeError("cannot lock " + path + ": " + std::strerror(error));
  }
  return DaemonLock(fd);
}

DaemonLock::~DaemonLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<pid_t> RunningDaemon(const std::string& database) {
  const std::string path = LockPathFor(database);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct flock lock = WholeFile(F_WRLCK);
  const int rc = ::fcntl(fd, F_GETLK, &lock);
  ::close(fd);
  if (rc != 0 || lock.l_type == F_UNLCK || lock.l_pid <= 0) return std::nullopt;
  return lock.l_pid;
}

bool NotifyDaemon(const std::string& database, int signal) {
  const auto pid = RunningDaemon(database);
  return pid && ::kill(*pid, signal) == 0;
}

}  // namespace smsdesk::daemon
