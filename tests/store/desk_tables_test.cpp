// Contacts, consent, tickets, the thread, retention and the audit log.
#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/contacts.h"
#include "store/database.h"
#include "store/outbox.h"
#include "store/tickets.h"

namespace smsdesk::store {
namespace {

class DeskTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    db_ = std::move(opened).value();
  }
  ConsentChange Consent(const char* action, std::int64_t at, std::optional<std::string> topic = std::nullopt) {
    return {action, std::move(topic), "KEYWORD", "sms", at};
  }
  std::unique_ptr<Database> db_;
};

TEST_F(DeskTablesTest, ContactsAreCreatedOnceAndKeepTheirLanguage) {
  Contacts contacts(*db_);
  auto a = contacts.GetOrCreate("+16135550123", 100);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(contacts.SetLanguage(a->id, "ar").ok());
  auto b = contacts.GetOrCreate("+16135550123", 200);
  EXPECT_EQ(b->id, a->id);
  EXPECT_EQ(b->created_at, 100);
  EXPECT_EQ(*b->lang, "ar");
  EXPECT_FALSE(contacts.Find("+1999")->has_value());
}

TEST_F(DeskTablesTest, StopEndsEverySubscriptionAndEveryChangeIsRecorded) {
  Contacts contacts(*db_);
  const auto id = contacts.GetOrCreate("+1555", 100)->id;
  ASSERT_TRUE(contacts.Subscribe(id, "bus", Consent("subscribe", 101, "bus")).ok());
  ASSERT_TRUE(contacts.Subscribe(id, "storm", Consent("subscribe", 102, "storm")).ok());
  EXPECT_EQ(*contacts.Subscriptions(id), (std::vector<std::string>{"bus", "storm"}));
  EXPECT_EQ(contacts.SubscribersOf("bus")->size(), 1u);
  ASSERT_TRUE(contacts.OptOut(id, Consent("stop", 103)).ok());
  EXPECT_TRUE(contacts.Subscriptions(id)->empty());
  EXPECT_TRUE(contacts.SubscribersOf("bus")->empty());
  EXPECT_TRUE((*contacts.Get(id))->opted_out);
  auto history = contacts.ConsentHistory(id);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[2].action, "stop");
  EXPECT_EQ((*history)[0].topic, "bus");
  // JOIN after STOP is an explicit opt-in again.
  ASSERT_TRUE(contacts.Subscribe(id, "bus", Consent("subscribe", 104, "bus")).ok());
  EXPECT_FALSE((*contacts.Get(id))->opted_out);
}

TEST_F(DeskTablesTest, OneOpenTicketPerNumberUrgentFirstInTheQueue) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  const auto a = contacts.GetOrCreate("+1001", 0)->id;
  const auto b = contacts.GetOrCreate("+1002", 0)->id;
  const auto ta = *tickets.Create({.contact_id = a, .created_at = 10, .due_at = 1000});
  EXPECT_EQ(tickets.Create({.contact_id = a, .created_at = 11, .due_at = 1000}).status().code(),
            Status::Code::kConstraint);
  const auto tb = *tickets.Create({.contact_id = b, .created_at = 12, .due_at = 2000});
  ASSERT_TRUE(tickets.Escalate(tb, 1).ok());
  auto queue = tickets.Queue();
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].id, tb);
  EXPECT_EQ((*queue)[1].id, ta);
  EXPECT_EQ((*queue)[0].number, "+1002");
  ASSERT_TRUE(tickets.Resolve(ta, 50).ok());
  EXPECT_FALSE((*tickets.OpenTicketFor(a)).has_value());
  EXPECT_TRUE(tickets.Create({.contact_id = a, .created_at = 60, .due_at = 1000}).ok());  // a new thread
}

TEST_F(DeskTablesTest, ClaimsKeepTwoModeratorsApart) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  const auto t = *tickets.Create({.contact_id = contacts.GetOrCreate("+1", 0)->id, .due_at = 1});
  ASSERT_TRUE(tickets.Claim(t, "amira").ok());
  EXPECT_TRUE(tickets.Claim(t, "amira").ok());
  EXPECT_EQ(tickets.Claim(t, "paul").code(), Status::Code::kConstraint);
  ASSERT_TRUE(tickets.Unclaim(t, "amira").ok());
  EXPECT_TRUE(tickets.Claim(t, "paul").ok());
}

TEST_F(DeskTablesTest, TheThreadCountsAutoRepliesAndFindsTheLastText) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  const auto c = contacts.GetOrCreate("+1", 0)->id;
  const auto t = *tickets.Create({.contact_id = c, .due_at = 1});
  const auto m1 = *tickets.AddMessage({.contact_id = c, .direction = "in", .body = "hello?", .at = 100, .ticket_id = t});
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "out", .body = "ack", .at = 101, .kind = "ack"}).ok());
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "out", .body = "hi", .at = 102, .kind = "reply"}).ok());
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "out", .body = "a", .at = 103, .kind = "auto"}).ok());
  const auto m2 = *tickets.AddMessage({.contact_id = c, .direction = "in", .body = "hello?", .at = 104});
  EXPECT_EQ(*tickets.AutoRepliesSince(c, 0), 2);      // moderator replies do not count
  EXPECT_EQ(*tickets.AutoRepliesSince(c, 102), 1);
  EXPECT_EQ(**tickets.LastInboundText(t, m2), "hello?");
  EXPECT_FALSE(tickets.LastInboundText(t, m1)->has_value());
  auto unrouted = tickets.Unrouted();
  ASSERT_EQ(unrouted->size(), 2u);
  ASSERT_TRUE(tickets.MarkRouted(m2, 105, t).ok());
  EXPECT_EQ(tickets.Unrouted()->size(), 1u);
  EXPECT_EQ(tickets.Thread(c)->size(), 5u);
}

TEST_F(DeskTablesTest, RetentionErasesBodiesAndKeepsCounts) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  Outbox outbox(*db_);
  const auto c = contacts.GetOrCreate("+1", 0)->id;
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "in", .body = "old", .at = 100}).ok());
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "in", .body = "new", .at = 900}).ok());
  ASSERT_TRUE(tickets.BumpDailyCount("2026-11-27", "inbound").ok());
  ASSERT_TRUE(tickets.BumpDailyCount("2026-11-27", "inbound", 2).ok());
  const auto queued = *outbox.Enqueue({.to = "+1", .body = "still to send"}, 50);
  EXPECT_EQ(*tickets.PurgeBodiesBefore(500), 1);
  auto thread = *tickets.Thread(c);
  EXPECT_FALSE(thread[0].body.has_value());
  EXPECT_EQ(*thread[1].body, "new");
  EXPECT_EQ((*outbox.Get(queued))->body, "still to send");  // never purge what is not sent
  auto count = db_->Prepare("SELECT value FROM daily_counts WHERE metric = 'inbound'");
  ASSERT_TRUE(*count.Step());
  EXPECT_EQ(count.Int(0), 3);
}

TEST_F(DeskTablesTest, TheAuditLogKeepsEveryAction) {
  AuditLog audit(*db_);
  ASSERT_TRUE(audit.Record({.at = 1, .actor = "amira", .action = "ticket.reply", .object = "ticket:1"}).ok());
  ASSERT_TRUE(audit.Record({.at = 2, .actor = "desk", .action = "config.reload"}).ok());
  auto recent = audit.Recent();
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].action, "config.reload");
  EXPECT_EQ(*(*recent)[1].object, "ticket:1");
}

}  // namespace
}  // namespace smsdesk::store
