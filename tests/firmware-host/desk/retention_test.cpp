// Retention as the daemon runs it each hour: bodies older than
// retention_days erased (rows and counts kept, unsent text kept), old
// examples nobody confirmed deleted, menu sessions idle for a day ended,
// nothing younger touched.
#include "firmware-host/desk/retention.h"

#include <gtest/gtest.h>

#include "store/contacts.h"
#include "store/database.h"
#include "store/faq_examples.h"
#include "store/menu_sessions.h"
#include "store/outbox.h"
#include "store/tickets.h"

namespace smsdesk::desk {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'768'435'200;

TEST(Retention, ErasesOldBodiesAndEndsIdleMenuSessions) {
  auto opened = store::Database::Open(":memory:");
  ASSERT_TRUE(opened.ok());
  store::Database& db = **opened;
  store::Contacts contacts(db);
  store::Tickets tickets(db);
  const auto c = contacts.GetOrCreate("+15550001", 0)->id;
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "in", .body = "old", .at = kNow - 31 * kDay}).ok());
  ASSERT_TRUE(tickets.AddMessage({.contact_id = c, .direction = "in", .body = "new", .at = kNow - 29 * kDay}).ok());
  const auto queued = *store::Outbox(db).Enqueue({.to = "+15550001", .body = "still to send"}, kNow - 40 * kDay);
  store::MenuSessions sessions(db);
  ASSERT_TRUE(sessions.BeginUssd("idle", "+15550001", "en", kNow - 2 * kDay).ok());
  ASSERT_TRUE(sessions.BeginUssd("active", "+15550002", "en", kNow - 3600).ok());
  store::FaqExamples examples(db);
  ASSERT_TRUE(examples.Propose({.faq_id = "!", .text = "old pending", .proposed_at = kNow - 31 * kDay}).ok());
  ASSERT_TRUE(examples.Propose({.faq_id = "!", .text = "new pending", .proposed_at = kNow - 29 * kDay}).ok());
  const auto confirmed = *examples.Propose({.faq_id = "!", .text = "old confirmed", .proposed_at = kNow - 31 * kDay});
  ASSERT_TRUE(examples.Decide(confirmed, true, "m", kNow - 31 * kDay).ok());

  auto kept = ApplyRetention(db, 30, kNow);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->bodies_erased, 1);
  EXPECT_EQ(kept->menu_sessions_ended, 1);
  EXPECT_EQ(kept->examples_erased, 1);  // the old pending one; a confirmed example stays
  EXPECT_EQ(examples.List("", 10)->size(), 2u);
  auto thread = *tickets.Thread(c);
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_FALSE(thread[0].body.has_value());
  EXPECT_EQ(*thread[1].body, "new");
  EXPECT_EQ((*store::Outbox(db).Get(queued))->body, "still to send");

  // An hour later nothing more is due.
  auto again = ApplyRetention(db, 30, kNow + 3600);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bodies_erased, 0);
  EXPECT_EQ(again->menu_sessions_ended, 0);
}

}  // namespace
}  // namespace smsdesk::desk
