// Reports: what the service did, for the dashboard and for the agencies that
// evaluate it — counts per day (they outlive the retention purge), how long
// people waited for a moderator's first answer, and one row per ticket.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct DailyCount {
  std::string day;  // YYYY-MM-DD in the desk's time zone
  std::string metric;
  std::int64_t value = 0;
};

struct TicketReportRow {
  std::int64_t id = 0;
  std::string status;
  int priority = 0;
  std::optional<std::string> lang;
  std::int64_t created_at = 0;
  std::int64_t due_at = 0;
  std::optional<std::int64_t> acked_at;
  std::optional<std::int64_t> first_answer_at;
  std::optional<std::int64_t> resolved_at;
  int messages_in = 0;
  int messages_out = 0;
};

class Reports {
 public:
  explicit Reports(Database& db) : db_(db) {}

  // Days from `first_day` to `last_day` inclusive (string order is date order).
  StatusOr<std::vector<DailyCount>> DailyCounts(const std::string& first_day, const std::string& last_day);
  // Seconds from a ticket's creation to its first moderator answer, for
  // tickets created at or after `since` that have one.
  StatusOr<std::vector<std::int64_t>> FirstAnswerDelays(std::int64_t since);
  // Tickets created at or after `since`, oldest first (no numbers, no text).
  StatusOr<std::vector<TicketReportRow>> Tickets(std::int64_t since);
  // Unresolved tickets and how many are urgent.
  StatusOr<std::pair<int, int>> QueueDepth();

 private:
  Database& db_;
};

}  // namespace smsdesk::store
