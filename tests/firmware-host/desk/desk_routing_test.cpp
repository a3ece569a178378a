// Desk, routing side: each stored message through the real matcher and the
// router, and the decision read back from the store - answers queued from
// the modem the question came in on, tickets with honest deadlines, consent
// records, urgent replies first, machines never answered, nothing twice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;
using store::OutboxPriority;
using ::testing::ElementsAre;
using ::testing::FieldsAre;

constexpr const char* kNotInTheFaq = "what is the weather tomorrow";

class DeskRoutingTest : public DeskTest {
 protected:
  std::vector<store::ConsentChange> Consents() { return *contacts_.ConsentHistory(Contact().id); }
};

TEST_F(DeskRoutingTest, AnFaqQuestionIsAnsweredFromTheModemItCameIn) {
  const sys_seconds now = Friday6pm();
  const RouteSummary summary = Receive("how do i get a library card?", now, kPerson, "m2");
  EXPECT_EQ(summary.messages, 1);
  EXPECT_EQ(summary.replies, 1);
  EXPECT_EQ(summary.tickets_opened, 0);

  auto rows = OutboxRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].to, kPerson);
  EXPECT_EQ(rows[0].via, "m2");
  EXPECT_EQ(rows[0].body, "Library cards are free: bring ID and proof of address.");
  EXPECT_EQ(rows[0].priority, OutboxPriority::kReply);
  EXPECT_EQ(rows[0].state, "queued");

  auto thread = Thread();
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_EQ(thread[0].routed_at, Seconds(now));
  EXPECT_EQ(thread[1].direction, "out");
  EXPECT_EQ(thread[1].kind, "auto");
  EXPECT_EQ(thread[1].faq_id, "library");
  EXPECT_EQ(thread[1].lang, "en");
  EXPECT_EQ(rows[0].message_id, thread[1].id);
  EXPECT_FALSE(OpenTicket().has_value());
  EXPECT_EQ(Contact().detected_lang, "en");
}

TEST_F(DeskRoutingTest, AFrenchQuestionGetsTheFrenchAnswer) {
  const sys_seconds now = Friday6pm();
  Receive("la carte de bibliotheque est gratuite?", now);
  auto rows = OutboxRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].body, "La carte est gratuite : apportez une pièce d'identité.");
  EXPECT_EQ(rows[0].via, "m1");
  auto thread = Thread();
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_EQ(thread[1].kind, "auto");
  EXPECT_EQ(thread[1].faq_id, "library");
  EXPECT_EQ(thread[1].lang, "fr");
}

TEST_F(DeskRoutingTest, AQuestionForAModeratorOpensATicketDueMondayAndIsAcknowledgedOnce) {
  const sys_seconds now = Friday6pm();
  const RouteSummary first = Receive(kNotInTheFaq, now);
  EXPECT_EQ(first.tickets_opened, 1);
  EXPECT_EQ(first.replies, 1);
  auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  EXPECT_EQ(ticket->status, "new");
  EXPECT_EQ(ticket->priority, 0);
  EXPECT_EQ(ticket->due_at, Seconds(MondayDue()));
  EXPECT_EQ(ticket->created_at, Seconds(now));
  EXPECT_EQ(ticket->acked_at, Seconds(now));
  EXPECT_EQ(ticket->lang, "en");
  auto rows = OutboxRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].body.find("A moderator will answer"), std::string::npos) << rows[0].body;

  const RouteSummary second = Receive("and will it snow on sunday in the park", now + 10min);
  EXPECT_EQ(second.tickets_opened, 0);
  EXPECT_EQ(second.replies, 0);
  EXPECT_EQ(OutboxRows().size(), 1u);
  EXPECT_EQ(OpenTicket()->id, ticket->id);
  auto thread = Thread();
  ASSERT_EQ(thread.size(), 3u);  // in, ack, in
  EXPECT_EQ(thread[0].ticket_id, ticket->id);
  EXPECT_EQ(thread[1].kind, "ack");
  EXPECT_EQ(thread[1].ticket_id, ticket->id);
  EXPECT_EQ(thread[2].ticket_id, ticket->id);
  EXPECT_EQ(tickets_.Queue()->size(), 1u);
}

TEST_F(DeskRoutingTest, StopOptsOutWithAConsentRecordAndIsConfirmedOnce) {
  const sys_seconds now = Friday6pm();
  EXPECT_EQ(Receive("STOP", now).replies, 1);
  EXPECT_TRUE(Contact().opted_out);
  // action, topic, keyword as typed, source, when.
  EXPECT_THAT(Consents(), ElementsAre(FieldsAre("stop", std::nullopt, "STOP", "sms", Seconds(now))));
  auto rows = OutboxRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(Thread().at(1).kind, "keyword");

  EXPECT_EQ(Receive("STOP", now + 1min).replies, 0);
  EXPECT_EQ(OutboxRows().size(), 1u);
  EXPECT_EQ(Consents().size(), 1u);
  EXPECT_FALSE(OpenTicket().has_value());  // keywords never open tickets
}

TEST_F(DeskRoutingTest, AnOptedOutPersonsQuestionReachesAModeratorSilently) {
  const sys_seconds now = Friday6pm();
  Receive("STOP", now);
  Receive(kNotInTheFaq, now + 1min);
  auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  EXPECT_FALSE(ticket->acked_at.has_value());
  EXPECT_EQ(OutboxRows().size(), 1u);  // the STOP confirmation only
}

TEST_F(DeskRoutingTest, DangerOpensAnUrgentTicketAndTheNumbersGoOutFirst) {
  const sys_seconds now = Friday6pm();
  const RouteSummary summary = Receive("my husband is hitting me, i am scared", now);
  EXPECT_EQ(summary.urgent, 1);
  EXPECT_EQ(summary.tickets_opened, 1);
  auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  EXPECT_EQ(ticket->priority, 1);
  EXPECT_EQ(ticket->due_at, Seconds(now));
  EXPECT_EQ(ticket->acked_at, Seconds(now));
  auto rows = OutboxRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].priority, OutboxPriority::kEmergency);
  EXPECT_NE(rows[0].body.find("911"), std::string::npos) << rows[0].body;
  EXPECT_EQ(Thread().at(1).kind, "urgent");
  // Queued behind ordinary answers, it still leaves first.
  ASSERT_TRUE(outbox_.Enqueue({.to = "+16135550111", .body = "earlier"}, Seconds(now) - 60).ok());
  auto first = outbox_.ClaimNext("m1", Seconds(now));
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->id, rows[0].id);
}

TEST_F(DeskRoutingTest, AMachineIsNeverAnswered) {
  const sys_seconds now = Friday6pm();
  const RouteSummary summary = Receive("Your bill is ready. How do I get a library card?", now, "InfoSMS");
  EXPECT_EQ(summary.messages, 1);
  EXPECT_EQ(summary.replies, 0);
  EXPECT_TRUE(OutboxRows().empty());
  EXPECT_FALSE(OpenTicket("InfoSMS").has_value());
  auto thread = Thread("InfoSMS");
  ASSERT_EQ(thread.size(), 1u);  // kept, and routed
  EXPECT_EQ(thread[0].routed_at, Seconds(now));
}

TEST_F(DeskRoutingTest, AMessageIsRoutedOnce) {
  const sys_seconds now = Friday6pm();
  Receive(kNotInTheFaq, now);
  EXPECT_EQ(RouteAll(now + 1min).messages, 0);
  EXPECT_EQ(Assemble(now + 1h), 0);
  EXPECT_EQ(RouteAll(now + 1h).messages, 0);
  EXPECT_TRUE(tickets_.Unrouted()->empty());
  EXPECT_EQ(OutboxRows().size(), 1u);
  EXPECT_EQ(Thread().size(), 2u);
}

}  // namespace
}  // namespace smsdesk::desk::test_util
