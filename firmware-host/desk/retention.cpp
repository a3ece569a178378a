#include "firmware-host/desk/retention.h"

#include "store/database.h"
#include "store/faq_examples.h"
#include "store/menu_sessions.h"
#include "store/tickets.h"

namespace smsdesk::desk {
namespace {

constexpr std::int64_t kDay = 86400;

}  // namespace

store::StatusOr<RetentionResult> ApplyRetention(store::Database& db, int retention_days, std::int64_t now) {
  RetentionResult result;
  auto erased = store::Tickets(db).PurgeBodiesBefore(now - std::int64_t{retention_days} * kDay);
  if (!erased.ok()) return erased.status();
  result.bodies_erased = *erased;
  // Texts proposed as examples that nobody confirmed go with the messages.
  auto examples = store::FaqExamples(db).PurgeUndecidedBefore(now - std::int64_t{retention_days} * kDay);
  if (!examples.ok()) return examples.status();
  result.examples_erased = *examples;
  // SMS menu sessions expire much sooner on their own; a day idle ends any.
  auto ended = store::MenuSessions(db).PurgeBefore(now - kDay);
  if (!ended.ok()) return ended.status();
  result.menu_sessions_ended = *ended;
  return result;
}

}  // namespace smsdesk::desk
