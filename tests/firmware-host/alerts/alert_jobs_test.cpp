// AlertJobs on a real store and io_context with a FakeClock: a held job
// starts when its time comes, a burst of sends is one check a second later,
// a job with nothing left becomes done (and the credit is weighed again),
// and the pool is published for other processes.
#include "firmware-host/alerts/alert_jobs.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "firmware-host/base/fake_clock.h"
#include "store/alerts.h"
#include "store/contacts.h"
#include "store/database.h"
#include "store/outbox.h"

namespace smsdesk::alerts {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::int64_t kStart = 1'768'435'200;  // 2026-01-15 00:00 UTC

class AlertJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::Open(":memory:");
    ASSERT_TRUE(opened.ok());
    db_ = std::move(opened).value();
    store::Contacts contacts(*db_);
    for (int n = 0; n < 3; ++n) {
      auto c = contacts.GetOrCreate("+1555000" + std::to_string(n), 1);
      ASSERT_TRUE(c.ok());
      ASSERT_TRUE(contacts.Subscribe(c->id, "bus", {.action = "subscribe", .topic = "bus", .keyword = "JOIN",
                                                    .source = "sms", .at = 1})
                      .ok());
    }
    jobs_ = std::make_unique<AlertJobs>(io_, clock_, *db_,
                                        AlertJobs::Hooks{.pool =
                                                             [this] {
                                                               ++pool_reads_;
                                                               return std::vector<ModemCapacity>{
                                                                   {.id = "m0", .ready = true, .sends_per_minute = 6}};
                                                             },
                                                         .jobs_finished = [this] { ++finished_; },
                                                         .changed = [this] { ++changed_; }});
  }

  std::int64_t CreateJob(std::int64_t release_at) {
    auto id = store::Alerts(*db_).Create({.topics = {"bus"},
                                          .texts = {{"en", "No buses today"}},
                                          .fallback_lang = "en",
                                          .source = "cli",
                                          .release_at = release_at},
                                         clock_.NowSeconds());
    EXPECT_TRUE(id.ok()) << id.status().message();
    return *id;
  }
  std::string State(std::int64_t id) { return (*store::Alerts(*db_).Get(id))->state; }
  // Every queued row of the job sent.
  void SendAll() {
    store::Outbox outbox(*db_);
    while (true) {
      auto item = outbox.ClaimNext("m0", clock_.NowSeconds(), {});
      ASSERT_TRUE(item.ok());
      if (!*item) break;
      ASSERT_TRUE(outbox.MarkSent((*item)->id, "m0", {}, 1, clock_.NowSeconds()).ok());
    }
  }

  boost::asio::io_context io_;
  FakeClock clock_{kStart + 12 * 3600};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<AlertJobs> jobs_;
  int pool_reads_ = 0, finished_ = 0, changed_ = 0;
};

TEST_F(AlertJobsTest, AHeldJobStartsWhenItsTimeComes) {
  const std::int64_t id = CreateJob(clock_.NowSeconds() + 3600);
  EXPECT_EQ(State(id), "held");
  EXPECT_EQ(jobs_->StartDue(), 0);
  clock_.Advance(seconds(3599));
  EXPECT_EQ(jobs_->StartDue(), 0);
  clock_.Advance(seconds(1));
  EXPECT_EQ(jobs_->StartDue(), 1);
  EXPECT_EQ(State(id), "sending");
  EXPECT_EQ((*store::Alerts(*db_).Progress(id)).queued, 3);
}

TEST_F(AlertJobsTest, ABurstOfSendsIsOneCheckASecondLaterAndAFinishedJobIsDone) {
  const std::int64_t id = CreateJob(0);
  ASSERT_EQ(State(id), "sending");
  SendAll();
  for (int i = 0; i < 50; ++i) jobs_->Note();  // one per SMS sent
  clock_.AdvanceAndRun(milliseconds(999), io_);
  EXPECT_EQ(changed_, 0);
  EXPECT_EQ(State(id), "sending");
  clock_.AdvanceAndRun(milliseconds(1), io_);
  EXPECT_EQ(changed_, 1) << "one check for the whole burst";
  EXPECT_EQ(finished_, 1);
  EXPECT_EQ(State(id), "done");
  // The next note is a new check, which finds nothing more to finish.
  jobs_->Note();
  clock_.AdvanceAndRun(seconds(2), io_);
  EXPECT_EQ(changed_, 2);
  EXPECT_EQ(finished_, 1);
}

TEST_F(AlertJobsTest, AJobWithRowsLeftIsNotDone) {
  const std::int64_t id = CreateJob(0);
  jobs_->Note();
  clock_.AdvanceAndRun(seconds(1), io_);
  EXPECT_EQ(State(id), "sending");
  EXPECT_EQ(finished_, 0);
}

TEST_F(AlertJobsTest, ThePoolIsPublishedForOtherProcesses) {
  jobs_->PublishPool();
  auto json = db_->GetMeta(kPoolMetaKey);
  ASSERT_TRUE(json.ok() && *json);
  auto pool = PoolFromJson(**json);
  ASSERT_TRUE(pool);
  ASSERT_EQ(pool->first.size(), 1u);
  EXPECT_EQ(pool->first[0].id, "m0");
  EXPECT_EQ(pool->first[0].sends_per_minute, 6);
  EXPECT_EQ(pool->second, clock_.NowSeconds());
}

TEST_F(AlertJobsTest, NothingAfterStop) {
  CreateJob(0);
  SendAll();
  jobs_->Note();
  jobs_->Stop();
  clock_.AdvanceAndRun(seconds(5), io_);
  EXPECT_EQ(changed_, 0);
  jobs_->Note();
  clock_.AdvanceAndRun(seconds(5), io_);
  EXPECT_EQ(changed_, 0);
}

}  // namespace
}  // namespace smsdesk::alerts
