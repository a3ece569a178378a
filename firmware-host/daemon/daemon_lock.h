// One daemon per database. `smsdesk run` holds an fcntl write lock on
// "<database>.lock" for as long as it runs; the kernel drops it when the
// process dies (even by kill -9), so a stale file never blocks a restart.
// Other commands find the running daemon through the lock (F_GETLK names the
// holder's pid) and poke it with SIGUSR1 — "the store changed, look again" —
// e.g. after `smsdesk queue reply` queued an answer. Never a pid file: a
// stale pid could name an unrelated process.
#pragma once

#include <sys/types.h>

#include <csignal>
#include <optional>
#include <string>

#include "modem/result.h"

namespace smsdesk::daemon {

std::string LockPathFor(const std::string& database);

class DaemonLock {
 public:
  // Fails when another daemon holds the lock (the message names its pid).
  static modem::Result<DaemonLock> Acquire(const std::string& database);
  DaemonLock(DaemonLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DaemonLock& operator=(DaemonLock&&) = delete;
  DaemonLock(const DaemonLock&) = delete;
  ~DaemonLock();

 private:
  explicit DaemonLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// The pid of the daemon serving `database`, if one runs.
std::optional<pid_t> RunningDaemon(const std::string& database);

// Sends `signal` to the running daemon; false when none runs (the change
// waits in the store until one starts). SIGUSR1: look at the store again;
// SIGHUP: reload the config and the FAQ.
bool NotifyDaemon(const std::string& database, int signal = SIGUSR1);

}  // namespace smsdesk::daemon
