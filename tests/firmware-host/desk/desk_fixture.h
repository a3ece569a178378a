// The fixture for the Desk tests: an in-memory store, a real matcher on a
// small FAQ (en, fr, ar), Toronto office hours, and helpers that turn texts
// into the PDUs a modem would hand over. Results are read back through the
// store classes, as the daemon and the CLI read them.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "firmware-host/desk/desk.h"
#include "firmware-host/faq/faq_csv.h"
#include "modem/sms_pdu.h"
#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::desk::test_util {

using std::chrono::sys_seconds;

inline constexpr const char* kPerson = "+16135550100";

// Entries the matcher answers confidently for the questions the tests ask
// (tests/firmware-host/faq/faq_matcher_test.cpp).
inline constexpr const char* kFaqCsv =
    "id,lang,keywords,question,answer\n"
    "library,en,library card;free wifi;library,How do I get a library card?,"
    "Library cards are free: bring ID and proof of address.\n"
    "library,fr,carte de bibliothèque;bibliothèque;wifi gratuit,Comment obtenir une carte de bibliothèque?,"
    "La carte est gratuite : apportez une pièce d'identité.\n"
    "ohip,en,health card;ohip;health insurance,How do I get an Ontario health card (OHIP)?,"
    "Apply at ServiceOntario with 3 documents.\n"
    "ohip,ar,كرت صحي;بطاقة صحية;ohip,كيف أحصل على البطاقة الصحية (OHIP)؟,قدم في ServiceOntario مع 3 وثائق.\n"
    "bus-pass,en,bus pass;presto;fare;monthly pass,How do I pay the bus fare or get a bus pass?,"
    "Use a Presto card. Low income? Ask for EquiPass.\n";

inline std::shared_ptr<const faq::FaqIndex> SmallFaqIndex() {
  const faq::FaqCsvResult csv = faq::ParseFaqCsv(kFaqCsv);
  EXPECT_TRUE(csv.ok) << csv.error.line << ": " << csv.error.message;
  return faq::FaqIndex::Build(csv.entries);
}

inline std::unique_ptr<store::Database> OpenMemoryDatabase() {
  auto db = store::Database::Open(":memory:");
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(db).value();
}

// The SMS-DELIVER PDUs (hex, SMSC included) a modem holds for `text`.
inline std::vector<std::string> DeliverHex(const std::string& from, const std::string& text,
                                           std::uint16_t reference = 7) {
  modem::ConcatReferenceAllocator references(reference);
  auto pdus = modem::EncodeDeliver(text, {.from = from, .smsc = "+15550000100"}, references);
  EXPECT_TRUE(pdus.ok());
  std::vector<std::string> hex;
  if (pdus.ok()) {
    for (const modem::EncodedPdu& pdu : *pdus) hex.push_back(pdu.Hex());
  }
  return hex;
}

// The text one PDU carries, to build what an assembled message must read.
inline std::string TextOfHex(const std::string& hex) {
  auto decoded = modem::DecodePduHex(hex);
  EXPECT_TRUE(decoded.ok());
  return decoded.ok() ? std::get<modem::DeliverPdu>(*decoded).user_data.text : std::string{};
}

class DeskTest : public ::testing::Test {
 protected:
  DeskTest()
      : db_(OpenMemoryDatabase()),
        matcher_(SmallFaqIndex()),
        desk_(*db_, &matcher_, {{.office_hours = Toronto(), .topics = SampleTopics()}}),
        inbound_(*db_),
        contacts_(*db_),
        tickets_(*db_),
        outbox_(*db_) {}

  // Friday 7 March 2025, 18:00 in Toronto: a moderator answers by Monday 17:00.
  sys_seconds Friday6pm() const { return At(desk_.config().office_hours, 2025, 3, 7, 18); }
  sys_seconds MondayDue() const { return At(desk_.config().office_hours, 2025, 3, 10, 17); }
  static std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

  desk::AcceptOutcome Accept(const std::string& hex, sys_seconds now, const std::string& modem = "m1") {
    auto outcome = desk_.AcceptPdu({.modem_id = modem, .memory = "SM", .index = 0, .pdu = hex}, now);
    EXPECT_TRUE(outcome.ok()) << outcome.status().message();
    return outcome.ok() ? *outcome : desk::AcceptOutcome::kUnreadable;
  }

  int Assemble(sys_seconds now, std::chrono::seconds incomplete_after = std::chrono::minutes(10)) {
    auto made = desk_.AssembleMessages(now, incomplete_after);
    EXPECT_TRUE(made.ok()) << made.status().message();
    return made.ok() ? *made : -1;
  }

  desk::RouteSummary RouteAll(sys_seconds now) {
    auto summary = desk_.RouteMessages(now);
    EXPECT_TRUE(summary.ok()) << summary.status().message();
    return summary.ok() ? *summary : desk::RouteSummary{};
  }

  // A text arrives on `modem` and the daemon's loop runs once.
  desk::RouteSummary Receive(const std::string& text, sys_seconds now, const std::string& from = kPerson,
                             const std::string& modem = "m1") {
    for (const std::string& hex : DeliverHex(from, text)) Accept(hex, now, modem);
    Assemble(now);
    return RouteAll(now);
  }

  // Every outbox row, oldest first.
  std::vector<store::OutboxItem> OutboxRows() {
    std::vector<store::OutboxItem> rows;
    for (std::int64_t id = 1;; ++id) {
      auto row = outbox_.Get(id);
      EXPECT_TRUE(row.ok());
      if (!row.ok() || !*row) return rows;
      rows.push_back(**row);
    }
  }

  store::ContactRecord Contact(const std::string& number = kPerson) {
    auto contact = contacts_.Find(number);
    EXPECT_TRUE(contact.ok() && contact->has_value()) << number;
    return contact.ok() && *contact ? **contact : store::ContactRecord{};
  }

  std::vector<store::MessageRecord> Thread(const std::string& number = kPerson) {
    auto thread = tickets_.Thread(Contact(number).id);
    EXPECT_TRUE(thread.ok());
    return thread.ok() ? *thread : std::vector<store::MessageRecord>{};
  }

  std::optional<store::TicketRecord> OpenTicket(const std::string& number = kPerson) {
    auto ticket = tickets_.OpenTicketFor(Contact(number).id);
    EXPECT_TRUE(ticket.ok());
    return ticket.ok() ? *ticket : std::nullopt;
  }

  std::unique_ptr<store::Database> db_;
  faq::Matcher matcher_;
  desk::Desk desk_;
  store::InboundStore inbound_;
  store::Contacts contacts_;
  store::Tickets tickets_;
  store::Outbox outbox_;
};

}  // namespace smsdesk::desk::test_util
