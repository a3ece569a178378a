// Desk, receiving side: PDUs from a modem into the store (stored once,
// unreadable ones kept aside, status reports applied to the outbox) and
// concatenated parts into one message, on time or marked incomplete.
#include <gtest/gtest.h>

#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;

// Five sentences: three SMS segments of 153 GSM-7 characters.
std::string LongText() {
  std::string text;
  for (const char* n : {"one", "two", "three", "four", "five"}) {
    text += std::string("Sentence ") + n + " of a long question about housing and the school for my kids. ";
  }
  return text;
}

class DeskInboundTest : public DeskTest {
 protected:
  std::int64_t WaitingParts() { return *inbound_.WaitingPartCount(); }
  std::int64_t UnreadableParts() { return *inbound_.UnreadablePartCount(); }
};

TEST_F(DeskInboundTest, APduReadTwiceIsStoredOnceAndBecomesOneMessage) {
  const std::string hex = DeliverHex(kPerson, "Where is the food bank?").at(0);
  const sys_seconds now = Friday6pm();
  EXPECT_EQ(Accept(hex, now), AcceptOutcome::kStored);
  EXPECT_EQ(Accept(hex, now + 5s), AcceptOutcome::kDuplicate);
  EXPECT_EQ(WaitingParts(), 1);
  EXPECT_EQ(Assemble(now), 1);
  EXPECT_EQ(Assemble(now), 0);
  EXPECT_EQ(WaitingParts(), 0);
  auto thread = Thread();
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0].direction, "in");
  EXPECT_EQ(thread[0].body, "Where is the food bank?");
  EXPECT_EQ(thread[0].modem, "m1");
  EXPECT_EQ(thread[0].at, Seconds(now));
  EXPECT_FALSE(thread[0].incomplete);
  EXPECT_EQ(Contact().last_inbound_at, Seconds(now));
}

TEST_F(DeskInboundTest, UnreadablePdusAreKeptWithTheirReasonAndNeverBecomeMessages) {
  const std::string good = DeliverHex(kPerson, "Where is the food bank?").at(0);
  modem::ConcatReferenceAllocator references;
  auto submit = modem::EncodeSubmit("a sent message", {.to = kPerson}, references);
  ASSERT_TRUE(submit.ok());
  const sys_seconds now = Friday6pm();
  EXPECT_EQ(Accept("ZZ not hex at all", now), AcceptOutcome::kUnreadable);
  EXPECT_EQ(Accept(good.substr(0, good.size() - 8), now), AcceptOutcome::kUnreadable);  // truncated
  EXPECT_EQ(Accept(submit->at(0).Hex(), now), AcceptOutcome::kUnreadable);
  EXPECT_EQ(Accept("ZZ not hex at all", now), AcceptOutcome::kDuplicate);
  EXPECT_EQ(UnreadableParts(), 3);
  EXPECT_EQ(WaitingParts(), 0);
  EXPECT_EQ(Assemble(now + 24h), 0);
  EXPECT_FALSE(desk_.NextIncompleteDeadline(10min)->has_value());
  auto reasons = db_->Prepare("SELECT error FROM inbound_parts ORDER BY id");
  std::vector<std::string> errors;
  while (*reasons.Step()) errors.push_back(reasons.Text(0));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].rfind("not hexadecimal", 0), 0u) << errors[0];
  EXPECT_FALSE(errors[1].empty());
  EXPECT_NE(errors[2].find("SMS-SUBMIT"), std::string::npos) << errors[2];
}

TEST_F(DeskInboundTest, AStatusReportMarksTheSentMessageDelivered) {
  const sys_seconds now = Friday6pm();
  const std::int64_t id = *outbox_.Enqueue({.to = kPerson, .body = "Library cards are free."}, Seconds(now));
  ASSERT_TRUE(outbox_.ClaimNext("m1", Seconds(now)).ok());
  ASSERT_TRUE(outbox_.MarkSent(id, "m1", {{.seq = 1, .mr = 42}}, 1, Seconds(now)).ok());

  modem::StatusReportPdu report;
  report.message_reference = 42;
  report.recipient = {.kind = modem::Address::Kind::kInternational, .number = kPerson, .type_of_address = 0x91};
  report.status_code = 0x00;
  modem::StatusReportPdu unknown = report;
  unknown.message_reference = 43;
  EXPECT_EQ(Accept(modem::EncodeStatusReport(unknown).Hex(), now + 5s), AcceptOutcome::kStatusReport);
  EXPECT_EQ((*outbox_.Get(id))->state, "sent");
  // Reported on another modem: another message with the same TP-MR.
  EXPECT_EQ(Accept(modem::EncodeStatusReport(report).Hex(), now + 5s, "m2"), AcceptOutcome::kStatusReport);
  EXPECT_EQ((*outbox_.Get(id))->state, "sent");
  EXPECT_EQ(Accept(modem::EncodeStatusReport(report).Hex(), now + 10s), AcceptOutcome::kStatusReport);
  EXPECT_EQ((*outbox_.Get(id))->state, "delivered");
  EXPECT_EQ(WaitingParts(), 0);  // a report is never an inbound part
  EXPECT_EQ(UnreadableParts(), 0);
}

TEST_F(DeskInboundTest, PartsArrivingOutOfOrderMakeOneMessageInOrder) {
  const std::string text = LongText();
  const auto parts = DeliverHex(kPerson, text);
  ASSERT_EQ(parts.size(), 3u);
  const sys_seconds now = Friday6pm();
  EXPECT_EQ(Accept(parts[2], now), AcceptOutcome::kStored);
  EXPECT_EQ(Accept(parts[0], now + 1s), AcceptOutcome::kStored);
  EXPECT_EQ(Assemble(now + 2s), 0);
  EXPECT_EQ(WaitingParts(), 2);
  EXPECT_EQ(**desk_.NextIncompleteDeadline(10min), now + 10min + 1s);
  EXPECT_EQ(Accept(parts[1], now + 3s, "m2"), AcceptOutcome::kStored);
  EXPECT_EQ(Assemble(now + 3s), 1);
  auto thread = Thread();
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0].body, text);
  EXPECT_FALSE(thread[0].incomplete);
  EXPECT_EQ(thread[0].at, Seconds(now));  // when the first part came
  EXPECT_EQ(WaitingParts(), 0);
  EXPECT_FALSE(desk_.NextIncompleteDeadline(10min)->has_value());
}

TEST_F(DeskInboundTest, AMissingPartIsMarkedOnceTheWaitIsOver) {
  const auto parts = DeliverHex(kPerson, LongText());
  ASSERT_EQ(parts.size(), 3u);
  const sys_seconds now = Friday6pm();
  Accept(parts[0], now);
  Accept(parts[2], now + 30s);
  EXPECT_EQ(Assemble(now + 5min, 10min), 0);
  auto deadline = desk_.NextIncompleteDeadline(10min);
  ASSERT_TRUE(deadline.ok() && deadline->has_value());
  EXPECT_EQ(**deadline, now + 10min + 1s);
  EXPECT_EQ(Assemble(**deadline - 1s, 10min), 0);
  EXPECT_EQ(Assemble(**deadline, 10min), 1);
  auto thread = Thread();
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0].body, TextOfHex(parts[0]) + " […] " + TextOfHex(parts[2]));
  EXPECT_TRUE(thread[0].incomplete);
  EXPECT_FALSE(desk_.NextIncompleteDeadline(10min)->has_value());
  // The late part has nothing left to join: after its own wait it comes
  // through alone, marked on both sides.
  EXPECT_EQ(Accept(parts[1], now + 20min), AcceptOutcome::kStored);
  EXPECT_EQ(Assemble(now + 21min, 10min), 0);
  EXPECT_EQ(Assemble(now + 31min, 10min), 1);
  EXPECT_EQ(Thread().at(1).body, " […] " + TextOfHex(parts[1]) + " […] ");
}

TEST_F(DeskInboundTest, TheSameReferenceFromTwoSendersIsTwoMessages) {
  const sys_seconds now = Friday6pm();
  for (const std::string& hex : DeliverHex(kPerson, LongText(), 9)) Accept(hex, now);
  for (const std::string& hex : DeliverHex("+16135550199", LongText(), 9)) Accept(hex, now);
  EXPECT_EQ(Assemble(now), 2);
  EXPECT_EQ(Thread(kPerson).at(0).body, LongText());
  EXPECT_EQ(Thread("+16135550199").at(0).body, LongText());
}

}  // namespace
}  // namespace smsdesk::desk::test_util
