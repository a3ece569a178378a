// A modem that stopped sending (its network, SMSC or credit) on the
// dashboard: why and since when, and how many messages wait; and an answer
// that waits for the network says so, with the time, in its ticket.
#include "store/outbox.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

// 2026-12-07 14:02 UTC, when the outage started.
constexpr std::int64_t kSince = 1796652120;

class ConsoleOutageTest : public ConsoleTest {};

TEST_F(ConsoleOutageTest, TheDashboardShowsAModemThatStoppedSendingWithItsReasonAndSince) {
  AddUser("mona", "moderator", "correct horse battery");
  modems_ = [] {
    return std::vector<ModemStatus>{{.id = "modem0",
                                     .state = "degraded",
                                     .outage_reason = "+CMS ERROR: 500 (unknown error)",
                                     .outage_since = kSince},
                                    {.id = "modem1", .state = "ready"}};
  };
  OnLoop([&] {
    store::Outbox outbox(*db_);
    for (const char* to : {"+16135550101", "+16135550102"}) {
      EXPECT_TRUE(outbox.Enqueue({.to = to, .body = "answer"}, kSince).ok());
    }
    // Each tried once and given back: the first is claimed again if not
    // taken first, so claim both before giving them back.
    auto first = *outbox.ClaimNext("modem0", kSince);
    auto second = *outbox.ClaimNext("modem0", kSince);
    for (const auto& row : {first, second}) {
      EXPECT_TRUE(row.has_value());
      EXPECT_TRUE(outbox.MarkNetworkWait(row->id, "+CMS ERROR: 500", kSince, kSince * 1000).ok());
    }
    return 0;
  });
  Start();
  const std::string page = Get("/dashboard", Login("mona", "correct horse battery")).body();
  const auto at = page.find("id=\"outage-modem0\"");
  ASSERT_NE(at, std::string::npos) << page;
  const std::string banner = page.substr(at, page.find("</p>", at) - at);
  EXPECT_NE(banner.find("not sending since"), std::string::npos) << banner;
  EXPECT_NE(banner.find("+CMS ERROR: 500 (unknown error)"), std::string::npos) << banner;
  EXPECT_NE(banner.find("2 message(s) wait for the network"), std::string::npos) << banner;
  // The desk's time zone (the fixture's): a minute, not a raw timestamp.
  EXPECT_EQ(banner.find(std::to_string(kSince)), std::string::npos) << banner;
  EXPECT_NE(page.find("<td>degraded</td>"), std::string::npos);
  EXPECT_EQ(page.find("id=\"outage-modem1\""), std::string::npos);
}

TEST_F(ConsoleOutageTest, AnAnswerWaitingForTheNetworkSaysSinceWhenInItsTicket) {
  AddUser("mona", "moderator", "correct horse battery");
  Start();
  const Session mona = Login("mona", "correct horse battery");
  std::int64_t ticket = 0;
  OnLoop([&] {
    const auto contact = store::Contacts(*db_).GetOrCreate("+16135550100", 100)->id;
    store::Tickets tickets(*db_);
    ticket = *tickets.Create({.contact_id = contact, .lang = "en", .created_at = 100, .due_at = 200});
    (void)tickets.AddMessage({.contact_id = contact, .direction = "in", .body = "When is the clinic open?",
                              .at = 100, .ticket_id = ticket});
    EXPECT_TRUE(desk_->Reply(ticket, "Tuesdays 9-12.", "mona", std::chrono::sys_seconds{std::chrono::seconds{150}}).ok());
    store::Outbox outbox(*db_);
    auto row = *outbox.ClaimNext("modem0", kSince);
    EXPECT_TRUE(row.has_value());
    EXPECT_TRUE(outbox.MarkNetworkWait(row->id, "+CMS ERROR: 331", kSince, kSince * 1000).ok());
    return 0;
  });
  const std::string page = Get("/tickets/" + std::to_string(ticket), mona).body();
  EXPECT_NE(page.find("waiting for the network since 2026-12-07 14:02 UTC"), std::string::npos) << page;
  // Once sent, it says nothing more.
  OnLoop([&] {
    store::Outbox outbox(*db_);
    auto row = *outbox.ClaimNext("modem0", kSince + 60);
    EXPECT_TRUE(row.has_value());
    EXPECT_TRUE(outbox.MarkSent(row->id, "modem0", {{.seq = 1, .mr = 3}}, 1, kSince + 61).ok());
    return 0;
  });
  EXPECT_EQ(Get("/tickets/" + std::to_string(ticket), mona).body().find("waiting for the network"),
            std::string::npos);
}

}  // namespace
}  // namespace smsdesk::console::test_util
