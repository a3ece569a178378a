#include "firmware-host/alerts/alert_jobs.h"

#include <spdlog/spdlog.h>

#include "firmware-host/base/store_warn.h"
#include "store/alerts.h"
#include "store/database.h"

namespace smsdesk::alerts {
namespace {

// Finished jobs are looked for this long after the first Note: a burst of
// sends costs one store pass a second, not one per SMS.
constexpr std::chrono::seconds kCheckAfter{1};

}  // namespace

AlertJobs::AlertJobs(boost::asio::io_context& io, const Clock& clock, store::Database& db, Hooks hooks)
    : clock_(clock), db_(db), hooks_(std::move(hooks)), timer_(clock.MakeTimer(io)) {}

int AlertJobs::StartDue() {
  auto started = store::Alerts(db_).StartDue(clock_.NowSeconds());
  if (!started.ok()) {
    spdlog::warn("starting held alerts: {}", started.status().message());
    return 0;
  }
  if (*started > 0) {
    spdlog::info("{} alert(s) held for quiet hours started", *started);
    Note();
  }
  return *started;
}

void AlertJobs::Note() {
  if (stopped_ || timer_->armed()) return;
  timer_->ArmAfter(kCheckAfter, [this] { Check(); });
}

void AlertJobs::Check() {
  if (stopped_) return;
  if (auto done = store::Alerts(db_).FinishCompleted(clock_.NowSeconds()); !done.ok()) {
    spdlog::warn("finishing alert jobs: {}", done.status().message());
  } else if (*done > 0) {
    spdlog::info("{} alert job(s) finished sending", *done);
    if (hooks_.jobs_finished) hooks_.jobs_finished();
  }
  PublishPool();
  if (hooks_.changed) hooks_.changed();
}

void AlertJobs::PublishPool() {
  if (!hooks_.pool) return;
  WarnIfFailed(db_.SetMeta(kPoolMetaKey, PoolToJson(hooks_.pool(), clock_.NowSeconds())),
               "the modem pool for alert estimates");
}

void AlertJobs::Stop() {
  stopped_ = true;
  timer_->Cancel();
}

}  // namespace smsdesk::alerts
