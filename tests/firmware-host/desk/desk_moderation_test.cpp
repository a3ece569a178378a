// Desk, moderators' side: an answer goes out from the modem the person last
// texted and leaves the ticket waiting for them; resolving takes it off the
// queue; notes stay inside. Every action is audited.
#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/faq_examples.h"
#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;
using store::Status;

class DeskModerationTest : public DeskTest {
 protected:
  // A question for a moderator, first on m1, then again on m2.
  std::int64_t TicketTextedOnTwoModems(sys_seconds now) {
    Receive("what is the weather tomorrow", now, kPerson, "m1");
    Receive("and will it snow on sunday in the park", now + 1min, kPerson, "m2");
    auto ticket = OpenTicket();
    EXPECT_TRUE(ticket.has_value());
    return ticket ? ticket->id : 0;
  }

  store::AuditEntry LastAudit() {
    auto recent = store::AuditLog(*db_).Recent(1);
    EXPECT_TRUE(recent.ok() && recent->size() == 1u);
    return recent.ok() && !recent->empty() ? recent->front() : store::AuditEntry{};
  }

  store::TicketRecord Ticket(std::int64_t id) { return **tickets_.Get(id); }
};

TEST_F(DeskModerationTest, AReplyGoesOutFromTheModemLastTextedAndWaitsForThePerson) {
  const sys_seconds now = Friday6pm();
  const std::int64_t ticket = TicketTextedOnTwoModems(now);
  auto queued = desk_.Reply(ticket, "Sunny, no snow.", "amira", now + 1h);
  ASSERT_TRUE(queued.ok()) << queued.status().message();

  auto row = **outbox_.Get(*queued);
  EXPECT_EQ(row.to, kPerson);
  EXPECT_EQ(row.body, "Sunny, no snow.");
  EXPECT_EQ(row.via, "m2");
  EXPECT_EQ(row.priority, store::OutboxPriority::kReply);
  EXPECT_EQ(Ticket(ticket).status, "pending");
  EXPECT_EQ(Ticket(ticket).first_answer_at, Seconds(now + 1h));

  const store::MessageRecord answer = Thread().back();
  EXPECT_EQ(answer.direction, "out");
  EXPECT_EQ(answer.kind, "reply");
  EXPECT_EQ(answer.author, "amira");
  EXPECT_EQ(answer.ticket_id, ticket);
  EXPECT_EQ(row.message_id, answer.id);

  const store::AuditEntry audit = LastAudit();
  EXPECT_EQ(audit.actor, "amira");
  EXPECT_EQ(audit.action, "ticket.reply");
  EXPECT_EQ(audit.object, "ticket:" + std::to_string(ticket));
  EXPECT_EQ(audit.detail, "outbox:" + std::to_string(*queued));
  EXPECT_EQ(audit.at, Seconds(now + 1h));
}

TEST_F(DeskModerationTest, ThePersonWritingBackReopensTheTicketWithoutASecondAck) {
  const sys_seconds now = Friday6pm();
  const std::int64_t ticket = TicketTextedOnTwoModems(now);
  ASSERT_TRUE(desk_.Reply(ticket, "Sunny, no snow.", "amira", now + 1h).ok());
  const std::size_t rows = OutboxRows().size();
  Receive("thanks, and on monday", now + 2h);
  EXPECT_EQ(Ticket(ticket).status, "open");
  EXPECT_EQ(OpenTicket()->id, ticket);
  EXPECT_EQ(OutboxRows().size(), rows);
}

TEST_F(DeskModerationTest, AnFaqAnswerMakesThePersonsTextAPendingExample) {
  const sys_seconds now = Friday6pm();
  Receive("my daughter wants to borrow kitab, where", now, kPerson, "m1");
  auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  // The French answer of the library entry, as the suggestion gave it.
  ASSERT_TRUE(desk_.Reply(ticket->id, " La carte est gratuite : apportez une pièce d'identité.", "amira", now + 1h)
                  .ok());
  // Another reply, not an FAQ answer: nothing more.
  ASSERT_TRUE(desk_.Reply(ticket->id, "Any branch will do.", "amira", now + 2h).ok());
  auto pending = store::FaqExamples(*db_).List("pending", 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].faq_id, "library");
  EXPECT_EQ((*pending)[0].text, "my daughter wants to borrow kitab, where");
  EXPECT_EQ((*pending)[0].proposed_by, "amira");
  EXPECT_EQ((*pending)[0].proposed_at, Seconds(now + 1h));
  EXPECT_TRUE((*pending)[0].message_id.has_value());
}

TEST_F(DeskModerationTest, ThisWasUrgentRaisesTheTicketAndProposesADangerExample) {
  const sys_seconds now = Friday6pm();
  const std::int64_t ticket = TicketTextedOnTwoModems(now);
  ASSERT_EQ(Ticket(ticket).priority, 0);
  std::vector<store::MessageRecord> in;
  for (const store::MessageRecord& m : Thread()) {
    if (m.direction == "in") in.push_back(m);
  }
  ASSERT_EQ(in.size(), 2u);
  const std::int64_t second = in[1].id;  // "and will it snow…"
  ASSERT_TRUE(desk_.MarkDanger(ticket, second, true, "amira", now + 1h).ok());
  EXPECT_GT(Ticket(ticket).priority, 0);
  auto pending = *store::FaqExamples(*db_).List("pending", 10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].faq_id, "!");
  EXPECT_EQ(pending[0].text, "and will it snow on sunday in the park");
  EXPECT_EQ(pending[0].message_id, second);
  EXPECT_EQ(LastAudit().action, "ticket.mark_urgent");
  EXPECT_EQ(LastAudit().detail, "example:" + std::to_string(pending[0].id));

  // Not urgent after all: the ticket is ordinary again, and the other text
  // is a pending "not danger" example.
  ASSERT_TRUE(desk_.MarkDanger(ticket, in[0].id, false, "amira", now + 2h).ok());
  EXPECT_EQ(Ticket(ticket).priority, 0);
  pending = *store::FaqExamples(*db_).List("pending", 10);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].faq_id, "~");
  EXPECT_EQ(LastAudit().action, "ticket.mark_not_urgent");

  // Only an incoming text of this ticket's person.
  Receive("a question from someone else", now, "+15550009999", "m1");
  const std::int64_t other = Thread("+15550009999").back().id;
  EXPECT_EQ(desk_.MarkDanger(ticket, other, true, "amira", now).code(), Status::Code::kNotFound);
  EXPECT_EQ(desk_.MarkDanger(ticket, 0, true, "amira", now).code(), Status::Code::kNotFound);
  EXPECT_EQ(desk_.MarkDanger(ticket, INT64_MAX, true, "amira", now).code(), Status::Code::kNotFound);
  EXPECT_EQ(desk_.MarkDanger(ticket + 100, second, true, "amira", now).code(), Status::Code::kNotFound);
  ASSERT_TRUE(desk_.Reply(ticket, "Sunny.", "amira", now + 3h).ok());
  EXPECT_EQ(desk_.MarkDanger(ticket, Thread().back().id, true, "amira", now).code(), Status::Code::kNotFound);
}

TEST_F(DeskModerationTest, AReplyNeedsATicketAndText) {
  const sys_seconds now = Friday6pm();
  const std::int64_t ticket = TicketTextedOnTwoModems(now);
  const std::size_t rows = OutboxRows().size();
  EXPECT_EQ(desk_.Reply(ticket + 100, "Hello", "amira", now).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(desk_.Reply(ticket, " \n\t", "amira", now).status().code(), Status::Code::kInvalid);
  EXPECT_EQ(OutboxRows().size(), rows);
  EXPECT_EQ(Ticket(ticket).status, "new");
  EXPECT_EQ(Thread().size(), 3u);  // in, ack, in
}

TEST_F(DeskModerationTest, AResolvedTicketLeavesTheQueueAndTheNextQuestionOpensANewOne) {
  const sys_seconds now = Friday6pm();
  const std::int64_t ticket = TicketTextedOnTwoModems(now);
  ASSERT_EQ(tickets_.Queue()->size(), 1u);
  ASSERT_TRUE(desk_.Resolve(ticket, "paul", now + 1h).ok());
  EXPECT_TRUE(tickets_.Queue()->empty());
  EXPECT_EQ(Ticket(ticket).status, "resolved");
  EXPECT_EQ(Ticket(ticket).resolved_at, Seconds(now + 1h));
  EXPECT_EQ(LastAudit().action, "ticket.resolve");
  EXPECT_EQ(LastAudit().actor, "paul");
  EXPECT_TRUE(desk_.Resolve(ticket, "paul", now + 2h).ok());  // again: nothing more
  EXPECT_EQ(Ticket(ticket).resolved_at, Seconds(now + 1h));
  EXPECT_EQ(desk_.Resolve(ticket + 100, "paul", now).code(), Status::Code::kNotFound);

  const std::size_t rows = OutboxRows().size();
  EXPECT_EQ(Receive("where can i find a winter coat", now + 3h).tickets_opened, 1);
  ASSERT_TRUE(OpenTicket().has_value());
  EXPECT_NE(OpenTicket()->id, ticket);
  EXPECT_EQ(OutboxRows().size(), rows + 1);  // a new ticket, a new acknowledgement
}

TEST_F(DeskModerationTest, ANoteStaysInTheThreadAndIsNeverSent) {
  const sys_seconds now = Friday6pm();
  const std::int64_t ticket = TicketTextedOnTwoModems(now);
  const std::size_t rows = OutboxRows().size();
  ASSERT_TRUE(desk_.Note(ticket, "Called the family shelter.", "amira", now + 1h).ok());
  EXPECT_EQ(OutboxRows().size(), rows);
  const store::MessageRecord note = Thread().back();
  EXPECT_EQ(note.direction, "note");
  EXPECT_EQ(note.body, "Called the family shelter.");
  EXPECT_EQ(note.author, "amira");
  EXPECT_EQ(note.ticket_id, ticket);
  EXPECT_EQ(LastAudit().action, "ticket.note");
  EXPECT_EQ(Ticket(ticket).status, "new");  // a note is not an answer
  EXPECT_EQ(desk_.Note(ticket + 100, "x", "amira", now).code(), Status::Code::kNotFound);
  EXPECT_EQ(desk_.Note(ticket, " \n", "amira", now).code(), Status::Code::kInvalid);
}

}  // namespace
}  // namespace smsdesk::desk::test_util
