// Hostile texts through the whole Desk: the longest texts an SMS can carry on
// every path (relay, alert, one word, control characters) are stored and
// routed; a message whose routing crashed the process every time is set
// aside for a moderator instead of crashing every restart; one number's
// flood never queues another person's question behind it; an agency's SMS
// alert needs a 6-digit PIN, and every PIN is redacted whoever sends it.
#include <gtest/gtest.h>

#include "firmware-host/auth/auth.h"
#include "firmware-host/routing/sms_commands.h"
#include "store/accounts.h"
#include "store/alerts.h"
#include "store/sms_pins.h"
#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kLongest = 39'015;  // 255 parts of 153 GSM-7 characters
constexpr const char* kAgencyPhone = "+16135559000";

// Stores a message as AssembleMessages would (the fixture's PDUs would take
// 255 parts; the store is what routing reads).
class DeskHostileTest : public DeskTest {
 protected:
  std::int64_t Store(const std::string& from, const std::string& body, sys_seconds at,
                     const std::string& modem = "m1") {
    auto contact = contacts_.GetOrCreate(from, Seconds(at));
    EXPECT_TRUE(contact.ok());
    auto id = tickets_.AddMessage(
        {.contact_id = contact->id, .direction = "in", .body = body, .at = Seconds(at), .modem = modem});
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  std::vector<store::OutboxItem> To(const std::string& number) {
    std::vector<store::OutboxItem> rows;
    for (auto& row : OutboxRows()) {
      if (row.to == number) rows.push_back(row);
    }
    return rows;
  }

  std::int64_t AddAgency(const std::string& pin) {
    EXPECT_TRUE(console::InitCrypto());
    DeskSettings config = desk_.config();
    for (const Topic& t : config.topics) config.alerts.topics.push_back(t.id);
    config.alerts.languages = {"en", "fr", "ar"};
    desk_.SetConfig(config);
    store::Accounts accounts(*db_);
    auto id = accounts.CreateUser({.name = "city", .role = "agency", .phone = std::string(kAgencyPhone)});
    EXPECT_TRUE(id.ok());
    EXPECT_TRUE(accounts.SetPin(*id, console::HashPassword(pin, console::MinimumCost())).ok());
    return *id;
  }

  int Alerts() {
    auto all = store::Alerts(*db_).Recent(100);
    EXPECT_TRUE(all.ok());
    return all.ok() ? static_cast<int>(all->size()) : -1;
  }
};

TEST_F(DeskHostileTest, TheLongestTextsOnEveryPathAreRoutedAndKept) {
  const std::string filler(kLongest, 'a');
  std::string controls;
  while (controls.size() < kLongest) controls += "\x1b[2J\x07\b\r\xE2\x80\xAE\xE2\x81\xA6\xD8\xA7";
  const std::vector<std::string> bodies = {"#1 " + filler, "ALERT 1234 BUS " + filler, filler, controls,
                                           std::string(kLongest / 2, '\0') + "x"};
  std::vector<std::int64_t> ids;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    ids.push_back(Store("+1613555020" + std::to_string(i), bodies[i], Friday6pm()));
  }
  const RouteSummary summary = RouteAll(Friday6pm());
  EXPECT_EQ(summary.messages, static_cast<int>(bodies.size()));
  EXPECT_EQ(summary.quarantined, 0);
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const auto thread = Thread("+1613555020" + std::to_string(i));
    ASSERT_FALSE(thread.empty());
    EXPECT_TRUE(thread[0].routed_at.has_value());
    EXPECT_EQ(thread[0].body->size(), bodies[i].size()) << "every text is kept whole";
  }
  EXPECT_EQ(Thread("+16135550201")[0].body->substr(0, 15), "ALERT **** BUS ");
}

TEST_F(DeskHostileTest, AMessageThatCrashedEveryAttemptIsSetAsideForAModerator) {
  const std::int64_t id = Store(kPerson, "the text that crashed the desk", Friday6pm());
  // Three attempts began and none finished: the process died each time.
  for (int i = 0; i < kMaxRouteAttempts; ++i) ASSERT_TRUE(tickets_.BeginRouteAttempt(id).ok());
  Store("+16135550300", "how do i get a library card?", Friday6pm());

  const RouteSummary summary = RouteAll(Friday6pm() + 1min);
  EXPECT_EQ(summary.quarantined, 1);
  EXPECT_EQ(summary.messages, 2) << "the desk goes on with the next message";
  const auto thread = Thread();
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_TRUE(thread[0].quarantined_at.has_value());
  EXPECT_TRUE(thread[0].routed_at.has_value());
  EXPECT_EQ(thread[1].direction, "note");
  EXPECT_NE(thread[1].body->find("Could not process"), std::string::npos);
  const auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value()) << "a moderator sees it in the queue";
  EXPECT_EQ(thread[0].ticket_id, ticket->id);
  EXPECT_EQ(ticket->due_at, Seconds(MondayDue()));
  EXPECT_TRUE(To(kPerson).empty()) << "nothing automatic is said about a text nobody understood";
  EXPECT_EQ(RouteAll(Friday6pm() + 2min).messages, 0) << "never tried again";
}

TEST_F(DeskHostileTest, AnAttemptThatDidNotCrashIsNotCountedAgainstTheMessage) {
  const std::int64_t id = Store(kPerson, "how do i get a library card?", Friday6pm());
  ASSERT_TRUE(tickets_.BeginRouteAttempt(id).ok());  // one crash
  const RouteSummary summary = RouteAll(Friday6pm());
  EXPECT_EQ(summary.quarantined, 0);
  EXPECT_EQ(summary.replies, 1);
  EXPECT_EQ(Thread()[0].route_attempts, 2);
}

TEST_F(DeskHostileTest, OneNumbersFloodNeverQueuesAnotherPersonBehindIt) {
  for (int i = 0; i < 300; ++i) Store("+16135550999", "spam " + std::to_string(i), Friday6pm());
  Store(kPerson, "how do i get a library card?", Friday6pm() + 1s);
  auto first = desk_.RouteMessages(Friday6pm() + 2s, 10);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(To(kPerson).size(), 1u) << "answered in the first slice";
  // The flood's own messages stay in order.
  while (RouteAll(Friday6pm() + 3s).messages > 0) {
  }
  std::int64_t previous = 0;
  for (const auto& m : Thread("+16135550999")) {
    if (m.direction != "in") continue;
    EXPECT_TRUE(m.routed_at.has_value());
    EXPECT_GT(m.id, previous);
    previous = m.id;
  }
}

TEST_F(DeskHostileTest, AnAgencyAlertNeedsASixDigitPin) {
  AddAgency("4821");  // set before PINs needed 6 digits
  Store(kAgencyPhone, "ALERT 4821 ALL Storm tonight.", Friday6pm());
  RouteAll(Friday6pm());
  EXPECT_EQ(Alerts(), 0);
  ASSERT_FALSE(To(kAgencyPhone).empty());
  EXPECT_NE(To(kAgencyPhone).back().body.find("6 digits"), std::string::npos) << To(kAgencyPhone).back().body;
  EXPECT_EQ(Thread(kAgencyPhone)[0].body, "ALERT **** ALL Storm tonight.");
}

TEST_F(DeskHostileTest, AnAgencyAlertWithItsPinGoesOutAndWrongPinsAreThrottledPerNumber) {
  AddAgency("482193");
  for (int i = 0; i < 3; ++i) Store(kAgencyPhone, "ALERT 11111" + std::to_string(i) + " ALL guess", Friday6pm());
  RouteAll(Friday6pm());
  EXPECT_EQ(Alerts(), 0);
  auto lock = store::SmsPins(*db_).Get(kAgencyPhone);
  ASSERT_TRUE(lock.ok() && *lock);
  EXPECT_GT((*lock)->locked_until, Seconds(Friday6pm()));
  // Another phone is not locked by this one's guesses (and is no agency).
  EXPECT_FALSE(*store::SmsPins(*db_).Get("+16135550100"));
  Store(kAgencyPhone, "ALERT 482193 ALL Storm tonight.", Friday6pm() + 2min);
  RouteAll(Friday6pm() + 2min);
  EXPECT_EQ(Alerts(), 1);
  for (const auto& m : Thread(kAgencyPhone)) {
    EXPECT_EQ(m.body->find("482193"), std::string::npos) << *m.body;
    EXPECT_EQ(m.body->find("111110"), std::string::npos) << *m.body;
  }
}

TEST_F(DeskHostileTest, UssdTextAndTurnedOffAlertsAreNeverAlerts) {
  AddAgency("482193");
  Store(kAgencyPhone, "ALERT 482193 ALL from a USSD session", Friday6pm(), kUssdChannel);
  RouteAll(Friday6pm());
  EXPECT_EQ(Alerts(), 0);
  DeskSettings config = desk_.config();
  config.alerts_by_sms = false;
  desk_.SetConfig(config);
  Store(kAgencyPhone, "ALERT 482193 ALL alerts by SMS are off", Friday6pm() + 1min);
  RouteAll(Friday6pm() + 1min);
  EXPECT_EQ(Alerts(), 0);
  for (const auto& m : Thread(kAgencyPhone)) EXPECT_EQ(m.body->find("482193"), std::string::npos) << *m.body;
}

}  // namespace
}  // namespace smsdesk::desk::test_util
