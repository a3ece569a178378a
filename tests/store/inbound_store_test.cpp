#include "store/inbound_store.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "store/database.h"

namespace smsdesk::store {
namespace {

class InboundStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
    store_ = std::make_unique<InboundStore>(*db_);
  }

  static InboundPartRecord Part(std::uint8_t fp, const std::string& sender, std::int64_t at,
                                std::optional<int> ref = std::nullopt, int total = 0, int seq = 0) {
    InboundPartRecord r;
    r.fingerprint = {fp, 0xAA};
    r.modem = "modem0";
    r.sender = sender;
    r.pdu = {0x00, fp};
    r.received_at = at;
    if (ref) {
      r.concat_ref = ref;
      r.concat_total = total;
      r.concat_seq = seq;
    }
    return r;
  }

  // Turns a group into a message row, as the desk will.
  std::int64_t MakeMessage(const PartGroup& group) {
    auto parts = store_->PartsOf(group);
    EXPECT_TRUE(parts.ok());
    EXPECT_TRUE(db_->Prepare("INSERT OR IGNORE INTO contacts(number, created_at) VALUES(?, 0)").Bind(1, group.sender).Run().ok());
    EXPECT_TRUE(db_->Prepare("INSERT INTO messages(contact_id, direction, at) "
                             "SELECT id, 'in', 0 FROM contacts WHERE number = ?").Bind(1, group.sender).Run().ok());
    const std::int64_t message = db_->LastInsertId();
    std::vector<std::int64_t> ids;
    for (const auto& p : *parts) ids.push_back(p.id);
    EXPECT_TRUE(store_->AssignParts(ids, message).ok());
    return message;
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<InboundStore> store_;
};

TEST_F(InboundStoreTest, StoresAPartReadTwiceOnce) {
  EXPECT_EQ(*store_->AddPart(Part(1, "+1555", 100)), AddPartOutcome::kStored);
  EXPECT_EQ(*store_->AddPart(Part(1, "+1555", 105)), AddPartOutcome::kDuplicate);
  EXPECT_EQ(*store_->WaitingPartCount(), 1);
}

TEST_F(InboundStoreTest, ASinglePartIsReadyAtOnce) {
  ASSERT_TRUE(store_->AddPart(Part(1, "+1555", 100)).ok());
  ASSERT_TRUE(store_->AddPart(Part(2, "+1555", 100)).ok());
  auto groups = store_->ReadyGroups(std::nullopt);
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 2u);
  auto parts = store_->PartsOf((*groups)[1]);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].record.pdu, (std::vector<std::uint8_t>{0x00, 2}));
}

TEST_F(InboundStoreTest, WaitsForEveryPartOutOfOrder) {
  ASSERT_TRUE(store_->AddPart(Part(3, "+1555", 100, 7, 3, 3)).ok());
  ASSERT_TRUE(store_->AddPart(Part(1, "+1555", 101, 7, 3, 1)).ok());
  EXPECT_TRUE(store_->ReadyGroups(std::nullopt)->empty());
  // The same reference from another sender is another message.
  ASSERT_TRUE(store_->AddPart(Part(9, "+1666", 101, 7, 3, 2)).ok());
  EXPECT_TRUE(store_->ReadyGroups(std::nullopt)->empty());
  ASSERT_TRUE(store_->AddPart(Part(2, "+1555", 102, 7, 3, 2)).ok());
  auto groups = store_->ReadyGroups(std::nullopt);
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].sender, "+1555");
  EXPECT_EQ((*groups)[0].parts, 3);
  auto parts = store_->PartsOf((*groups)[0]);
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].record.concat_seq, 1);
  EXPECT_EQ((*parts)[2].record.concat_seq, 3);
  MakeMessage((*groups)[0]);
  EXPECT_TRUE(store_->ReadyGroups(std::nullopt)->empty());
  EXPECT_EQ(*store_->WaitingPartCount(), 1);  // +1666's lone part still waits
}

TEST_F(InboundStoreTest, DeliversAnIncompleteGroupAfterItsTimeout) {
  ASSERT_TRUE(store_->AddPart(Part(1, "+1555", 100, 9, 2, 1)).ok());
  EXPECT_TRUE(store_->ReadyGroups(100)->empty());
  auto groups = store_->ReadyGroups(101);
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].parts, 1);
  EXPECT_EQ((*groups)[0].concat_total, 2);
}

TEST_F(InboundStoreTest, APartCannotJoinTwoMessages) {
  ASSERT_TRUE(store_->AddPart(Part(1, "+1555", 100)).ok());
  auto groups = store_->ReadyGroups(std::nullopt);
  auto parts = store_->PartsOf((*groups)[0]);
  const std::int64_t message = MakeMessage((*groups)[0]);
  Status again = store_->AssignParts({(*parts)[0].id}, message);
  EXPECT_EQ(again.code(), Status::Code::kConstraint);
}

TEST_F(InboundStoreTest, AnUnreadablePartIsKeptWithItsReasonAndNeverGrouped) {
  InboundPartRecord bad = Part(5, "", 100);
  bad.error = "user data shorter than TP-UDL";
  EXPECT_EQ(*store_->AddPart(bad), AddPartOutcome::kStored);
  EXPECT_EQ(*store_->AddPart(bad), AddPartOutcome::kDuplicate);
  ASSERT_TRUE(store_->AddPart(Part(6, "+1555", 100)).ok());
  EXPECT_EQ(*store_->UnreadablePartCount(), 1);
  // Not even once every timeout has passed: it never becomes a message.
  auto groups = store_->ReadyGroups(INT64_MAX);
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].sender, "+1555");
  EXPECT_EQ(*store_->WaitingPartCount(), 1);  // the readable one
  auto reason = db_->Prepare("SELECT error, hex(pdu) FROM inbound_parts WHERE error IS NOT NULL");
  ASSERT_TRUE(*reason.Step());
  EXPECT_EQ(reason.Text(0), "user data shorter than TP-UDL");
  EXPECT_EQ(reason.Text(1), "0005");  // the bytes as read
}

TEST_F(InboundStoreTest, OldestWaitingPartIsThatOfAnIncompleteGroup) {
  EXPECT_FALSE(store_->OldestWaitingPartAt()->has_value());
  ASSERT_TRUE(store_->AddPart(Part(1, "+1555", 50)).ok());  // single parts never wait
  InboundPartRecord bad = Part(2, "+1555", 60, 3, 2, 1);
  bad.error = "bad";
  ASSERT_TRUE(store_->AddPart(bad).ok());  // nor do unreadable ones
  EXPECT_FALSE(store_->OldestWaitingPartAt()->has_value());
  ASSERT_TRUE(store_->AddPart(Part(3, "+1666", 200, 4, 2, 2)).ok());
  ASSERT_TRUE(store_->AddPart(Part(4, "+1777", 150, 8, 3, 1)).ok());
  EXPECT_EQ(**store_->OldestWaitingPartAt(), 150);
  auto stale = store_->ReadyGroups(151);
  ASSERT_EQ(stale->size(), 2u);  // +1555's single part and +1777's stale group
  MakeMessage((*stale)[1]);
  EXPECT_EQ(**store_->OldestWaitingPartAt(), 200);
}

}  // namespace
}  // namespace smsdesk::store
