// What the desk keeps and for how long (docs/design.md, "Safety and
// privacy"): message bodies older than desk.retention_days are erased (the
// rows stay, for the counts), so are the texts proposed as FAQ or danger
// examples that no moderator confirmed, and menu sessions idle for a day
// are over.
// Run by the daemon's hourly housekeeping; the time is a parameter.
#pragma once

#include <cstdint>

#include "store/status.h"

namespace smsdesk::store {
class Database;
}

namespace smsdesk::desk {

struct RetentionResult {
  std::int64_t bodies_erased = 0;
  std::int64_t examples_erased = 0;
  std::int64_t menu_sessions_ended = 0;
};

// `now` in Unix seconds. An error leaves everything for the next run.
store::StatusOr<RetentionResult> ApplyRetention(store::Database& db, int retention_days, std::int64_t now);

}  // namespace smsdesk::desk
