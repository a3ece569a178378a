// PasswordWorker: password checks off the event loop. One argon2id check
// costs about 150-200 ms of CPU and 64 MiB (InteractiveCost); on the daemon's
// single io_context thread it would stall every page, event stream and modem
// for that long. One worker thread does the checks, one at a time in the
// order asked, and posts each answer back to the io_context, so the caller's
// callback runs on the loop like everything else. It never touches the
// database (not thread-safe): the caller reads the hash and hands it over.
//
// A login for a name that does not exist (or a disabled account, or one
// without a password) is checked too, against a dummy hash of the same
// cost made once on the worker: how long the answer takes must not tell
// which names exist.
//
// Owned by the console, used from the io_context's thread only.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "firmware-host/auth/auth.h"

namespace smsdesk::console {

class PasswordWorker {
 public:
  // `before_check` (tests): runs on the worker thread before each check, so
  // that a test can hold one in flight and see the loop carry on.
  PasswordWorker(boost::asio::io_context& io, HashCost cost, std::function<void()> before_check = {});
  // Waits for the check in progress; answers not yet delivered are dropped.
  ~PasswordWorker();
  PasswordWorker(const PasswordWorker&) = delete;
  PasswordWorker& operator=(const PasswordWorker&) = delete;

  // Checks `password` against the argon2id string `hash` (auth.h
  // VerifyPassword); `done(matches)` runs later on the io_context. An empty
  // `hash` (no such account) is checked against the dummy hash and never
  // matches.
  void Verify(std::string password, std::string hash, std::function<void(bool)> done);

 private:
  boost::asio::io_context& io_;
  HashCost cost_;
  std::function<void()> before_check_;
  std::string dummy_hash_;  // on the worker thread only
  // Expires when the worker goes: answers posted after that are dropped.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  boost::asio::thread_pool pool_{1};
};

}  // namespace smsdesk::console
