// AlertJobs: what happens to alert jobs while their rows are sent, on
// the daemon's io_context. Held jobs start when their quiet hours end
// (StartDue, called by the daemon's loop turns); when something of an alert
// was sent or expired (Note), within a second (one store pass however many
// rows finished meanwhile) finished jobs are marked done, the credit is
// weighed again and the pool of modems is published for `smsdesk alert` in
// other processes (PublishPool). Time comes from the Clock.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/base/clock.h"

namespace boost::asio {
class io_context;
}
namespace smsdesk::store {
class Database;
}

namespace smsdesk::alerts {

class AlertJobs {
 public:
  struct Hooks {
    std::function<std::vector<ModemCapacity>()> pool;  // the modems as alert estimates see them now
    std::function<void()> jobs_finished;               // alerts finished sending: credit was spent
    std::function<void()> changed;                     // pages and event streams to refresh
  };
  AlertJobs(boost::asio::io_context& io, const Clock& clock, store::Database& db, Hooks hooks);

  // Held jobs whose release time has come start; the number started (0 on
  // a store error, logged; the next turn tries again).
  int StartDue();
  // A row of an alert was sent, failed or expired.
  void Note();
  // The pool in the store's meta table (alerts::kPoolMetaKey).
  void PublishPool();
  // No more checks (the daemon stops).
  void Stop();

 private:
  void Check();

  const Clock& clock_;
  store::Database& db_;
  Hooks hooks_;
  std::unique_ptr<Timer> timer_;
  bool stopped_ = false;
};

}  // namespace smsdesk::alerts
