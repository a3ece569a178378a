#include "firmware-host/console/password_worker.h"

#include <boost/asio/post.hpp>

#include "firmware-host/auth/auth.h"

namespace smsdesk::console {

PasswordWorker::PasswordWorker(boost::asio::io_context& io, HashCost cost, std::function<void()> before_check)
    : io_(io), cost_(cost), before_check_(std::move(before_check)) {}

PasswordWorker::~PasswordWorker() {
  alive_.reset();
  pool_.stop();  // checks not started are dropped
  pool_.join();  // the one in progress ends (its answer is dropped)
}

void PasswordWorker::Verify(std::string password, std::string hash, std::function<void(bool)> done) {
  boost::asio::post(pool_, [this, password = std::move(password), hash = std::move(hash), done = std::move(done),
                            alive = std::weak_ptr<int>(alive_)]() mutable {
    if (before_check_) before_check_();
    // Made at the first check, whatever its name, so that only the first
    // login after a start costs a hash more, and a daemon nobody logs in to
    // never spends the memory.
    if (dummy_hash_.empty()) dummy_hash_ = HashPassword(NewToken(), cost_);
    bool matches = false;
    if (hash.empty()) {
      (void)VerifyPassword(password, dummy_hash_);
    } else {
      matches = VerifyPassword(password, hash);
    }
    // Back on the loop; `alive` is looked at there, where the worker is
    // destroyed, so the answer either runs before that or not at all.
    boost::asio::post(io_, [matches, done = std::move(done), alive = std::move(alive)] {
      if (!alive.expired()) done(matches);
    });
  });
}

}  // namespace smsdesk::console
