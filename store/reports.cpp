#include "store/reports.h"

#include "store/database.h"

namespace smsdesk::store {

StatusOr<std::vector<DailyCount>> Reports::DailyCounts(const std::string& first_day, const std::string& last_day) {
  auto query = db_.Prepare(
      "SELECT day, metric, value FROM daily_counts WHERE day >= ? AND day <= ? ORDER BY day, metric");
  query.Bind(1, first_day).Bind(2, last_day);
  return ReadRows<DailyCount>(query, [](const Statement& row) {
    return DailyCount{.day = row.Text(0), .metric = row.Text(1), .value = row.Int(2)};
  });
}

StatusOr<std::vector<std::int64_t>> Reports::FirstAnswerDelays(std::int64_t since) {
  auto query = db_.Prepare(
      "SELECT first_answer_at - created_at FROM tickets WHERE created_at >= ? AND first_answer_at IS NOT NULL "
      "ORDER BY 1");
  query.Bind(1, since);
  return ReadRows<std::int64_t>(query, [](const Statement& row) { return row.Int(0); });
}

StatusOr<std::vector<TicketReportRow>> Reports::Tickets(std::int64_t since) {
  auto query = db_.Prepare(
      "SELECT t.id, t.status, t.priority, t.lang, t.created_at, t.due_at, t.acked_at, t.first_answer_at, "
      "  t.resolved_at, "
      "  (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'in'), "
      "  (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'out') "
      "FROM tickets t WHERE t.created_at >= ? ORDER BY t.id");
  query.Bind(1, since);
  return ReadRows<TicketReportRow>(query, [](const Statement& row) {
    return TicketReportRow{.id = row.Int(0),
                           .status = row.Text(1),
                           .priority = static_cast<int>(row.Int(2)),
                           .lang = row.OptionalText(3),
                           .created_at = row.Int(4),
                           .due_at = row.Int(5),
                           .acked_at = row.OptionalInt(6),
                           .first_answer_at = row.OptionalInt(7),
                           .resolved_at = row.OptionalInt(8),
                           .messages_in = static_cast<int>(row.Int(9)),
                           .messages_out = static_cast<int>(row.Int(10))};
  });
}

StatusOr<std::pair<int, int>> Reports::QueueDepth() {
  auto query = db_.Prepare("SELECT COUNT(*), COALESCE(SUM(priority > 0), 0) FROM tickets WHERE status != 'resolved'");
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return std::make_pair(static_cast<int>(query.Int(0)), static_cast<int>(query.Int(1)));
}

}  // namespace smsdesk::store
