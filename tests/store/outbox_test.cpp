#include "store/outbox.h"

#include <gtest/gtest.h>

#include "store/database.h"

namespace smsdesk::store {
namespace {

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
    outbox_ = std::make_unique<Outbox>(*db_);
  }

  std::int64_t Enqueue(const std::string& to, OutboxPriority priority = OutboxPriority::kReply,
                       std::int64_t now = 100) {
    auto id = outbox_->Enqueue({.to = to, .body = "hello " + to, .priority = priority}, now);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  std::optional<OutboxItem> Claim(std::int64_t now = 100, const std::string& modem = "m0") {
    auto item = outbox_->ClaimNext(modem, now);
    EXPECT_TRUE(item.ok()) << item.status().message();
    return *item;
  }

  std::string State(std::int64_t id) { return (*outbox_->Get(id))->state; }

  std::int64_t EnqueueVia(const std::string& to, std::optional<std::string> via, std::int64_t not_before = 0) {
    auto id = outbox_->Enqueue({.to = to, .body = "hi", .not_before = not_before, .via = std::move(via)}, 100);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  // What `modem` claims at 100 while `ready` are the modems able to send.
  std::optional<std::int64_t> ClaimedBy(const std::string& modem, std::vector<std::string> ready) {
    auto item = outbox_->ClaimNext(modem, 100, {.ready_modems = std::move(ready)});
    EXPECT_TRUE(item.ok()) << item.status().message();
    if (!item.ok() || !*item) return std::nullopt;
    return (*item)->id;
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<Outbox> outbox_;
};

TEST_F(OutboxTest, ClaimsByPriorityThenAge) {
  const auto info = Enqueue("+1001", OutboxPriority::kInfo);
  const auto reply = Enqueue("+1002", OutboxPriority::kReply);
  const auto emergency = Enqueue("+1003", OutboxPriority::kEmergency);
  EXPECT_EQ(Claim()->id, emergency);
  EXPECT_EQ(Claim()->id, reply);
  EXPECT_EQ(Claim()->id, info);
  EXPECT_FALSE(Claim().has_value());
}

TEST_F(OutboxTest, OneRecipientAtATimeAndInOrder) {
  const auto first = Enqueue("+1001");
  const auto second = Enqueue("+1001");
  const auto other = Enqueue("+1002");
  EXPECT_EQ(Claim()->id, first);
  EXPECT_EQ(Claim()->id, other);  // +1001 has a message in flight
  EXPECT_FALSE(Claim().has_value());
  ASSERT_TRUE(outbox_->MarkSent(first, "m0", {{1, 7}}, 1, 101).ok());
  EXPECT_EQ(Claim(101)->id, second);
}

TEST_F(OutboxTest, ABadRecipientBacksOffWithoutBlockingOthers) {
  const auto bad = Enqueue("+1001");
  const auto bad_next = Enqueue("+1001");
  const auto good = Enqueue("+1002");
  ASSERT_EQ(Claim()->id, bad);
  ASSERT_TRUE(outbox_->MarkRetry(bad, "+CMS ERROR: 38", 160, 3, 100).ok());
  EXPECT_EQ(Claim()->id, good);              // not bad_next: +1001 is backing off
  EXPECT_FALSE(Claim(150).has_value());
  EXPECT_EQ(Claim(160)->id, bad);            // its turn again
  ASSERT_TRUE(outbox_->MarkRetry(bad, "+CMS ERROR: 38", 200, 3, 160).ok());
  EXPECT_EQ(Claim(200)->id, bad);
  ASSERT_TRUE(outbox_->MarkRetry(bad, "+CMS ERROR: 38", 300, 3, 200).ok());
  EXPECT_EQ(State(bad), "failed");           // bounded retries, error kept
  EXPECT_EQ(*(*outbox_->Get(bad))->last_error, "+CMS ERROR: 38");
  EXPECT_EQ(Claim(200)->id, bad_next);
}

TEST_F(OutboxTest, EachCrashResendsOnceUntilTheRowLooksGuilty) {
  const auto id = Enqueue("+1001");
  for (int crash = 1; crash < kMaxInterruptions; ++crash) {
    ASSERT_TRUE(Claim(100 * crash).has_value());
    ASSERT_TRUE(outbox_->MarkAtModem(id).ok());
    auto recovered = outbox_->RecoverInterrupted(100 * crash + 10);  // a crash while sending
    EXPECT_EQ(recovered->requeued, 1);
    EXPECT_EQ(recovered->failed, 0);
    EXPECT_EQ(State(id), "queued") << "crash " << crash << " must not lose the message";
  }
  ASSERT_TRUE(Claim(1000).has_value());
  ASSERT_TRUE(outbox_->MarkAtModem(id).ok());
  auto recovered = outbox_->RecoverInterrupted(1010);
  EXPECT_EQ(recovered->requeued, 0);
  EXPECT_EQ(recovered->failed, 1);
  EXPECT_EQ(State(id), "failed");
  EXPECT_NE(outbox_->Get(id)->value().last_error->find("3 times"), std::string::npos);
  EXPECT_FALSE(Claim(1020).has_value());
}

TEST_F(OutboxTest, ACrashCountsOnlyAgainstTheRowsTheModemHad) {
  // The sender claims the next row while one is at the modem. Crashes that
  // always catch a row claimed but not handed over never fail it, and give
  // its attempt back.
  const auto at_modem = Enqueue("+1001");
  const auto claimed_ahead = Enqueue("+1002");
  for (int crash = 1; crash <= kMaxInterruptions; ++crash) {
    ASSERT_EQ(Claim(100 * crash)->id, at_modem);
    ASSERT_EQ(Claim(100 * crash)->id, claimed_ahead);
    ASSERT_TRUE(outbox_->MarkAtModem(at_modem).ok());
    auto recovered = outbox_->RecoverInterrupted(100 * crash + 10);
    ASSERT_TRUE(recovered.ok());
    EXPECT_EQ(recovered->failed, crash == kMaxInterruptions ? 1 : 0) << "crash " << crash;
  }
  EXPECT_EQ(State(at_modem), "failed");
  EXPECT_EQ(State(claimed_ahead), "queued");
  const auto ahead = outbox_->Get(claimed_ahead)->value();
  EXPECT_EQ(ahead.attempts, 0);
  EXPECT_EQ(Claim(1000)->id, claimed_ahead);
  // A claim starts a new hand-over: the mark of an earlier claim is gone.
  auto recovered = outbox_->RecoverInterrupted(1010);
  EXPECT_EQ(recovered->requeued, 1);
  EXPECT_EQ(State(claimed_ahead), "queued");
}

TEST_F(OutboxTest, TheModemMarkLeavesTheConnectionsSyncModeAsItWas) {
  ASSERT_EQ(*db_->SynchronousMode(), 2);  // FULL, the store's default
  const auto id = Enqueue("+1001");
  ASSERT_TRUE(Claim().has_value());
  ASSERT_TRUE(outbox_->MarkAtModem(id).ok());
  EXPECT_EQ(*db_->SynchronousMode(), 2);
  // A row not in `sending` is left alone.
  ASSERT_TRUE(outbox_->MarkSent(id, "m0", {{1, 7}}, 1, 100).ok());
  ASSERT_TRUE(outbox_->MarkAtModem(id).ok());
  EXPECT_EQ(State(id), "sent");
}

TEST_F(OutboxTest, DeliveryReportsCompleteAMultipartMessage) {
  const auto id = Enqueue("+15551234567");
  ASSERT_TRUE(Claim().has_value());
  ASSERT_TRUE(outbox_->MarkSent(id, "m0", {{1, 40}, {2, 41}}, 2, 100).ok());
  EXPECT_EQ(State(id), "sent");
  // National form of the same number, as some networks report it.
  auto first = outbox_->ApplyStatusReport("m0", 40, "5551234567", "delivered", 0, 110);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->final_state, "");
  EXPECT_EQ(State(id), "sent");
  auto second = outbox_->ApplyStatusReport("m0", 41, "+15551234567", "delivered", 0, 111);
  EXPECT_EQ((*second)->final_state, "delivered");
  EXPECT_EQ(State(id), "delivered");
}

TEST_F(OutboxTest, ReportsMatchOnModemMrAndRecipient) {
  const auto a = Enqueue("+1111111111");
  ASSERT_TRUE(Claim().has_value());
  ASSERT_TRUE(outbox_->MarkSent(a, "m0", {{1, 5}}, 1, 100).ok());
  const auto b = Enqueue("+2222222222");
  ASSERT_TRUE(Claim().has_value());
  ASSERT_TRUE(outbox_->MarkSent(b, "m1", {{1, 5}}, 1, 100).ok());
  EXPECT_FALSE(outbox_->ApplyStatusReport("m0", 5, "+2222222222", "delivered", 0, 110)->has_value());
  auto r = outbox_->ApplyStatusReport("m1", 5, "+2222222222", "permanent", 0x41, 110);
  EXPECT_EQ((*r)->outbox_id, b);
  EXPECT_EQ((*r)->final_state, "failed");
  EXPECT_EQ(State(b), "failed");
  EXPECT_EQ(State(a), "sent");
  // A temporary report leaves the part open for the final one.
  auto t = outbox_->ApplyStatusReport("m0", 5, "+1111111111", "temporary", 0x20, 111);
  EXPECT_EQ((*t)->final_state, "");
  auto d = outbox_->ApplyStatusReport("m0", 5, "+1111111111", "delivered", 0, 112);
  EXPECT_EQ((*d)->final_state, "delivered");
}

TEST_F(OutboxTest, ReleaseAndExpireAndCancel) {
  const auto a = Enqueue("+1001", OutboxPriority::kReply, 100);
  const auto b = Enqueue("+1002", OutboxPriority::kReply, 100);
  const auto c = Enqueue("+1003", OutboxPriority::kReply, 500);
  ASSERT_EQ(Claim(500)->id, a);
  ASSERT_TRUE(outbox_->Release(a).ok());  // its modem died: back to the pool
  EXPECT_EQ(State(a), "queued");
  EXPECT_EQ((*outbox_->Get(a))->attempts, 0);
  ASSERT_TRUE(outbox_->Cancel(c, 500).ok());
  EXPECT_EQ(*outbox_->ExpireQueued(200, 600), 2);
  EXPECT_EQ(State(b), "expired");
  EXPECT_EQ(State(c), "cancelled");
  EXPECT_EQ(*outbox_->CountInState("expired"), 2);
}

TEST_F(OutboxTest, NextReadyAtDrivesTheSendersTimer) {
  EXPECT_FALSE(outbox_->NextReadyAt()->has_value());
  auto id = outbox_->Enqueue({.to = "+1001", .body = "later", .not_before = 900}, 100);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(**outbox_->NextReadyAt(), 900);
  EXPECT_FALSE(Claim(899).has_value());
  EXPECT_EQ(Claim(900)->id, *id);
}

TEST_F(OutboxTest, ARowMeantForAnotherReadyModemWaitsForIt) {
  const auto for_m1 = EnqueueVia("+1001", "m1");
  EXPECT_EQ((*outbox_->Get(for_m1))->via, "m1");
  EXPECT_FALSE(ClaimedBy("m0", {"m0", "m1"}).has_value());
  EXPECT_EQ(State(for_m1), "queued");
  EXPECT_EQ(ClaimedBy("m1", {"m0", "m1"}), for_m1);
  EXPECT_EQ((*outbox_->Get(for_m1))->modem, "m1");
}

TEST_F(OutboxTest, ARowMeantForAModemThatIsAwayGoesThroughAnyOther) {
  const auto away = EnqueueVia("+1001", "m1");
  const auto unknown = EnqueueVia("+1002", "m9");
  const auto anyone = EnqueueVia("+1003", std::nullopt);
  EXPECT_EQ(ClaimedBy("m0", {"m0"}), away);
  EXPECT_EQ(ClaimedBy("m0", {"m0", "m1"}), unknown);
  EXPECT_EQ(ClaimedBy("m0", {"m0", "m1"}), anyone);
  EXPECT_EQ((*outbox_->Get(anyone))->via, std::nullopt);
}

TEST_F(OutboxTest, NoReadyModemsMeansNoPreference) {
  const auto for_m1 = EnqueueVia("+1001", "m1");
  EXPECT_EQ(ClaimedBy("m0", {}), for_m1);
}

TEST_F(OutboxTest, AnotherModemsRowDoesNotOvertakeThePersonsOlderOne) {
  const auto first = EnqueueVia("+1001", "m1");
  const auto second = EnqueueVia("+1001", std::nullopt);
  EXPECT_FALSE(ClaimedBy("m0", {"m0", "m1"}).has_value());  // +1001's first text is m1's
  EXPECT_EQ(ClaimedBy("m1", {"m0", "m1"}), first);
  ASSERT_TRUE(outbox_->MarkSent(first, "m1", {{1, 3}}, 1, 100).ok());
  EXPECT_EQ(ClaimedBy("m0", {"m0", "m1"}), second);
}

TEST_F(OutboxTest, NextReadyAtForAModemSeesOnlyWhatItMayClaim) {
  EnqueueVia("+1001", "m1", 500);
  EnqueueVia("+1002", std::nullopt, 900);
  const ClaimScope both{.ready_modems = {"m0", "m1"}};
  EXPECT_EQ(**outbox_->NextReadyAt("m0", both), 900);
  EXPECT_EQ(**outbox_->NextReadyAt("m1", both), 500);
  EXPECT_EQ(**outbox_->NextReadyAt("m0", {.ready_modems = {"m0"}}), 500);  // m1 is away
  EXPECT_EQ(**outbox_->NextReadyAt("m0", {}), 500);
  EXPECT_FALSE(outbox_->NextReadyAt("m0", {.max_priority = OutboxPriority::kUrgent})->has_value());
  EXPECT_EQ(**outbox_->NextReadyAt(), 500);
}

TEST_F(OutboxTest, ANetworkFailureGivesTheAttemptBackAndKeepsSinceWhenItWaits) {
  const auto id = Enqueue("+1001");
  ASSERT_EQ(Claim(100)->attempts, 1);
  ASSERT_TRUE(outbox_->MarkNetworkWait(id, "+CMS ERROR: 500", 110, 110'500).ok());
  auto row = *outbox_->Get(id);
  EXPECT_EQ(row->state, "queued");
  EXPECT_EQ(row->attempts, 0);
  EXPECT_EQ(row->network_failures, 1);
  EXPECT_EQ(row->waiting_since, 110);
  EXPECT_EQ(row->last_network_failure_ms, 110'500);
  EXPECT_EQ(row->last_error, "+CMS ERROR: 500");
  // Ready at once for any modem; a second failure keeps the first time.
  auto again = Claim(111, "m1");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, id);
  EXPECT_EQ(again->network_failures, 1);
  ASSERT_TRUE(outbox_->MarkNetworkWait(id, "+CMS ERROR: 331", 140, 140'000).ok());
  row = *outbox_->Get(id);
  EXPECT_EQ(row->waiting_since, 110);
  EXPECT_EQ(row->network_failures, 2);
  EXPECT_EQ(row->attempts, 0);
  auto waiting = outbox_->WaitingForNetwork();
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(waiting->rows, 1);
  EXPECT_EQ(waiting->since, 110);
  // Sent at last: no longer waiting.
  ASSERT_TRUE(Claim(150).has_value());
  ASSERT_TRUE(outbox_->MarkSent(id, "m0", {{.seq = 1, .mr = 7}}, 1, 151).ok());
  EXPECT_EQ((*outbox_->Get(id))->waiting_since, std::nullopt);
  EXPECT_EQ(outbox_->WaitingForNetwork()->rows, 0);
  // Only a row in `sending` can be given back.
  EXPECT_TRUE(outbox_->MarkNetworkWait(id, "late", 160, 160'000).ok());
  EXPECT_EQ(State(id), "sent");
}

TEST_F(OutboxTest, ATrialClaimPrefersARowNoModemFailedOn) {
  const auto refused = Enqueue("+1001");
  ASSERT_TRUE(Claim(100).has_value());
  ASSERT_TRUE(outbox_->MarkNetworkWait(refused, "+CMS ERROR: 500", 101, 101'000).ok());
  const auto fresh = Enqueue("+1002", OutboxPriority::kReply, 102);
  auto trial = outbox_->ClaimNext("m0", 103, {.fresh_only = true});
  ASSERT_TRUE(trial.ok() && *trial);
  EXPECT_EQ((*trial)->id, fresh);
  // With only refused rows left, a fresh-only claim finds nothing.
  auto none = outbox_->ClaimNext("m0", 103, {.fresh_only = true});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(Claim(103)->id, refused);
}

TEST_F(OutboxTest, ARowWithItsOwnExpiryExpiresThenAndOthersAfterTheDesksWindow) {
  auto own = outbox_->Enqueue({.to = "+1001", .body = "storm", .expires_at = 500}, 100);
  ASSERT_TRUE(own.ok());
  const auto reply = Enqueue("+1002", OutboxPriority::kReply, 100);
  // At 499 with a 1,000 s window: nothing is due.
  EXPECT_EQ(*outbox_->ExpireQueued(499 - 1000, 499), 0);
  // At 500 the alert's row expires; the reply (created at 100) waits on.
  EXPECT_EQ(*outbox_->ExpireQueued(500 - 1000, 500), 1);
  EXPECT_EQ(State(*own), "expired");
  EXPECT_EQ(State(reply), "queued");
  EXPECT_EQ(*outbox_->ExpireQueued(1101 - 1000, 1101), 1);
  EXPECT_EQ(State(reply), "expired");
}

}  // namespace
}  // namespace smsdesk::store
