// Contacts, consent, tickets, the thread, retention and the audit log.
#include <gtest/gtest.h>

#include <cstdint>

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
  ASSERT_TRUE(tickets.Resolve(tb, 70).ok());
  auto resolved = tickets.Resolved();
  ASSERT_EQ(resolved->size(), 2u);
  EXPECT_EQ((*resolved)[0].id, tb) << "the most recently resolved first";
  EXPECT_EQ((*resolved)[1].resolved_at, 50);
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

TEST_F(DeskTablesTest, AnAnswerWaitsForTheNewcomerAndTheirTextReopensIt) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  const auto t = *tickets.Create({.contact_id = contacts.GetOrCreate("+1", 0)->id, .due_at = 500});
  EXPECT_EQ((*tickets.Get(t))->status, "new");
  ASSERT_TRUE(tickets.MarkInbound(t).ok());
  EXPECT_EQ((*tickets.Get(t))->status, "new");  // only a pending ticket reopens
  ASSERT_TRUE(tickets.MarkAnswered(t, 100).ok());
  ASSERT_TRUE(tickets.MarkAnswered(t, 200).ok());
  auto answered = **tickets.Get(t);
  EXPECT_EQ(answered.status, "pending");
  EXPECT_EQ(answered.first_answer_at, 100);
  ASSERT_TRUE(tickets.MarkInbound(t).ok());
  EXPECT_EQ((*tickets.Get(t))->status, "open");
  ASSERT_TRUE(tickets.SetDue(t, 900).ok());
  EXPECT_EQ((*tickets.Get(t))->due_at, 900);
  ASSERT_TRUE(tickets.Resolve(t, 300).ok());
  ASSERT_TRUE(tickets.MarkAnswered(t, 400).ok());
  EXPECT_EQ((*tickets.Get(t))->status, "resolved");  // an answer never reopens it
}

TEST_F(DeskTablesTest, TheQueuePutsTicketsWaitingForAModeratorFirst) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  auto ticket = [&](const char* number, std::int64_t due) {
    return *tickets.Create({.contact_id = contacts.GetOrCreate(number, 0)->id, .due_at = due});
  };
  const auto answered_urgent = ticket("+1001", 100);
  const auto late = ticket("+1002", 900);
  const auto soon = ticket("+1003", 200);
  ASSERT_TRUE(tickets.Escalate(answered_urgent, 1).ok());
  ASSERT_TRUE(tickets.MarkAnswered(answered_urgent, 50).ok());
  auto queue = *tickets.Queue();
  ASSERT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue[0].id, soon);
  EXPECT_EQ(queue[1].id, late);
  EXPECT_EQ(queue[2].id, answered_urgent);
  EXPECT_EQ(tickets.Queue(1)->size(), 1u);
}

TEST_F(DeskTablesTest, PreviousInboundIsTheContactsLastTextBeforeAMessage) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  const auto c = contacts.GetOrCreate("+1", 0)->id;
  const auto other = contacts.GetOrCreate("+2", 0)->id;
  const auto first = *tickets.AddMessage({.contact_id = c, .direction = "in", .body = "one", .at = 10, .modem = "m1"});
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "out", .body = "reply", .at = 11}).ok());
  ASSERT_TRUE(tickets.AddMessage({.contact_id = other, .direction = "in", .body = "theirs", .at = 12}).ok());
  const auto second = *tickets.AddMessage({.contact_id = c, .direction = "in", .body = "two", .at = 13, .modem = "m2"});
  EXPECT_FALSE(tickets.PreviousInbound(c, first)->has_value());
  auto before_second = *tickets.PreviousInbound(c, second);
  ASSERT_TRUE(before_second.has_value());
  EXPECT_EQ(before_second->id, first);
  EXPECT_EQ(before_second->body, "one");
  auto latest = *tickets.PreviousInbound(c, INT64_MAX);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->modem, "m2");
}

TEST_F(DeskTablesTest, AnAnswerKeepsTheFaqEntryItCameFrom) {
  Contacts contacts(*db_);
  Tickets tickets(*db_);
  const auto c = contacts.GetOrCreate("+1", 0)->id;
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "out", .body = "a", .at = 1, .kind = "auto",
                                  .faq_id = "library"}).ok());
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "out", .body = "b", .at = 2, .kind = "ack"}).ok());
  auto thread = *tickets.Thread(c);
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_EQ(thread[0].faq_id, "library");
  EXPECT_EQ(thread[1].faq_id, std::nullopt);
}

}  // namespace
}  // namespace smsdesk::store
