#include "store/outbox.h"

#include <algorithm>
#include <cctype>

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kItemColumns =
    "SELECT id, to_number, COALESCE(body, ''), priority, state, COALESCE(modem, ''), attempts, "
    "status_report, last_error, message_id, alert_id, via, network_failures, waiting_since, "
    "last_network_failure_ms FROM outbox ";

// ?3: the claiming modem; ?4: the ready modems as "\x1fa\x1fb\x1f" ("" for
// no preference). Modem ids never contain the unit separator.
constexpr const char* kViaFilter =
    "AND (?4 = '' OR via IS NULL OR via = ?3 OR instr(?4, char(31) || via || char(31)) = 0) ";

std::string ModemList(const std::vector<std::string>& modems) {
  if (modems.empty()) return "";
  std::string list = "\x1f";
  for (const std::string& m : modems) list += m + "\x1f";
  return list;
}

OutboxItem ReadItem(const Statement& row) {
  OutboxItem item;
  item.id = row.Int(0);
  item.to = row.Text(1);
  item.body = row.Text(2);
  item.priority = static_cast<OutboxPriority>(row.Int(3));
  item.state = row.Text(4);
  item.modem = row.Text(5);
  item.attempts = static_cast<int>(row.Int(6));
  item.status_report = row.Int(7) != 0;
  item.last_error = row.OptionalText(8);
  item.message_id = row.OptionalInt(9);
  item.alert_id = row.OptionalInt(10);
  item.via = row.OptionalText(11);
  item.network_failures = static_cast<int>(row.Int(12));
  item.waiting_since = row.OptionalInt(13);
  item.last_network_failure_ms = row.OptionalInt(14);
  return item;
}

std::string Digits(const std::string& number) {
  std::string d;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) d += c;
  }
  return d;
}

// A report names the recipient as the network knows it: "+15551234567",
// "15551234567" or the national "5551234567" for the same phone.
bool SameRecipient(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return true;
  const std::string x = Digits(a), y = Digits(b);
  const std::string& shorter = x.size() < y.size() ? x : y;
  const std::string& longer = x.size() < y.size() ? y : x;
  if (shorter.size() < 6) return x == y;
  return longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0;
}

}  // namespace

StatusOr<std::int64_t> Outbox::Enqueue(const OutboxRequest& r, std::int64_t now) {
  auto insert = db_.Prepare(
      "INSERT INTO outbox(to_number, body, priority, state, next_attempt_at, created_at, status_report, "
      "message_id, alert_id, via, expires_at) VALUES(?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, r.to).Bind(2, r.body).Bind(3, static_cast<std::int64_t>(r.priority));
  insert.Bind(4, std::max(r.not_before, now)).Bind(5, now).Bind(6, std::int64_t{r.status_report ? 1 : 0});
  insert.Bind(7, r.message_id).Bind(8, r.alert_id).Bind(9, r.via).Bind(10, r.expires_at);
  if (Status s = insert.Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

StatusOr<RecoveredSends> Outbox::RecoverInterrupted(std::int64_t now) {
  Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  RecoveredSends recovered;
  // Only a row the modem had counts the crash against it; a row claimed
  // ahead and never handed over goes back with its attempt, like Release.
  auto fail = db_.Prepare(
      "UPDATE outbox SET state = 'failed', done_at = ?, interrupted = interrupted + 1, at_modem = 0, "
      "last_error = 'interrupted by a crash ' || (interrupted + 1) || ' times while sending; not resent again' "
      "WHERE state = 'sending' AND at_modem = 1 AND interrupted + 1 >= ?");
  if (Status s = fail.Bind(1, now).Bind(2, std::int64_t{kMaxInterruptions}).Run(); !s.ok()) return s;
  recovered.failed = db_.Changes();
  auto requeue = db_.Prepare(
      "UPDATE outbox SET state = 'queued', interrupted = interrupted + at_modem, "
      "attempts = CASE WHEN at_modem = 1 THEN attempts ELSE MAX(attempts - 1, 0) END, at_modem = 0, "
      "next_attempt_at = ? WHERE state = 'sending'");
  if (Status s = requeue.Bind(1, now).Run(); !s.ok()) return s;
  recovered.requeued = db_.Changes();
  if (Status s = tx.Commit(); !s.ok()) return s;
  return recovered;
}

StatusOr<std::optional<OutboxItem>> Outbox::ClaimNext(const std::string& modem, std::int64_t now,
                                                      const ClaimScope& scope) {
  Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  // The oldest ready row of the most urgent class, in creation order per
  // recipient: a row waits while the same number has a row in flight or an
  // older row (of the same or a more urgent class) still queued — backing off
  // after a temporary error — so a person's messages arrive in order and one
  // bad number never blocks the others.
  // The plan matters with an alert's 100,000 rows queued: walk the ready
  // index in (priority, id) order and stop at the first row that qualifies;
  // the per-recipient check reads only that number's rows (outbox_recipient,
  // whose condition the `state IN` term repeats so the planner may use it).
  auto pick = db_.Prepare(std::string(kItemColumns) +
                          "INDEXED BY outbox_ready "
                          "WHERE state = 'queued' AND next_attempt_at <= ?1 AND priority <= ?2 " +
                          std::string(kViaFilter) + (scope.fresh_only ? "AND network_failures = 0 " : "") +
                          "AND NOT EXISTS (SELECT 1 FROM outbox o2 INDEXED BY outbox_recipient "
                          "  WHERE o2.to_number = outbox.to_number AND o2.state IN ('queued', 'sending') "
                          "  AND (o2.state = 'sending' OR (o2.id < outbox.id AND o2.priority <= outbox.priority))) "
                          "ORDER BY priority, id LIMIT 1");
  pick.Bind(1, now).Bind(2, static_cast<std::int64_t>(scope.max_priority));
  pick.Bind(3, modem).Bind(4, ModemList(scope.ready_modems));
  auto row = pick.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OutboxItem>{};
  OutboxItem item = ReadItem(pick);
  auto claim = db_.Prepare(
      "UPDATE outbox SET state = 'sending', modem = ?, attempts = attempts + 1, at_modem = 0 "
      "WHERE id = ? AND state = 'queued'");
  if (Status s = claim.Bind(1, modem).Bind(2, item.id).Run(); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  item.state = "sending";
  item.modem = modem;
  item.attempts += 1;
  return std::optional<OutboxItem>(std::move(item));
}

Status Outbox::MarkAtModem(std::int64_t id) {
  return db_.WithoutSync([&] {
    auto mark = db_.Prepare("UPDATE outbox SET at_modem = 1 WHERE id = ? AND state = 'sending'");
    return mark.Bind(1, id).Run();
  });
}

Status Outbox::MarkSent(std::int64_t id, const std::string& modem, const std::vector<SentPart>& parts,
                        int segments, std::int64_t now) {
  Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto update = db_.Prepare(
      "UPDATE outbox SET state = 'sent', modem = ?, sent_at = ?, segments = ?, last_error = NULL, "
      "  waiting_since = NULL "
      "WHERE id = ? AND state = 'sending'");
  if (Status s = update.Bind(1, modem).Bind(2, now).Bind(3, std::int64_t{segments}).Bind(4, id).Run(); !s.ok()) {
    return s;
  }
  if (db_.Changes() != 1) {
    return Status::Error(Status::Code::kNotFound, "outbox row " + std::to_string(id) + " is not being sent");
  }
  for (const SentPart& part : parts) {
    auto insert = db_.Prepare(
        "INSERT OR REPLACE INTO outbox_parts(outbox_id, seq, modem, mr, sent_at) VALUES(?, ?, ?, ?, ?)");
    insert.Bind(1, id).Bind(2, std::int64_t{part.seq}).Bind(3, modem).Bind(4, std::int64_t{part.mr}).Bind(5, now);
    if (Status s = insert.Run(); !s.ok()) return s;
  }
  return tx.Commit();
}

Status Outbox::MarkRetry(std::int64_t id, const std::string& error, std::int64_t retry_at, int max_attempts,
                         std::int64_t now) {
  auto update = db_.Prepare(
      "UPDATE outbox SET state = CASE WHEN attempts >= ?1 THEN 'failed' ELSE 'queued' END, "
      "  done_at = CASE WHEN attempts >= ?1 THEN ?2 ELSE NULL END, "
      "  next_attempt_at = ?3, last_error = ?4 WHERE id = ?5 AND state = 'sending'");
  update.Bind(1, std::int64_t{max_attempts}).Bind(2, now).Bind(3, retry_at).Bind(4, error).Bind(5, id);
  return update.Run();
}

Status Outbox::MarkFailed(std::int64_t id, const std::string& error, std::int64_t now) {
  auto update = db_.Prepare(
      "UPDATE outbox SET state = 'failed', done_at = ?, last_error = ? WHERE id = ? AND state IN ('queued', 'sending')");
  return update.Bind(1, now).Bind(2, error).Bind(3, id).Run();
}

Status Outbox::MarkNetworkWait(std::int64_t id, const std::string& error, std::int64_t now, std::int64_t now_ms) {
  auto update = db_.Prepare(
      "UPDATE outbox SET state = 'queued', attempts = MAX(attempts - 1, 0), network_failures = network_failures + 1, "
      "  waiting_since = COALESCE(waiting_since, ?1), last_network_failure_ms = ?2, last_error = ?3 "
      "WHERE id = ?4 AND state = 'sending'");
  return update.Bind(1, now).Bind(2, now_ms).Bind(3, error).Bind(4, id).Run();
}

Status Outbox::Release(std::int64_t id) {
  auto update = db_.Prepare(
      "UPDATE outbox SET state = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'sending'");
  return update.Bind(1, id).Run();
}

Status Outbox::Cancel(std::int64_t id, std::int64_t now) {
  auto update = db_.Prepare("UPDATE outbox SET state = 'cancelled', done_at = ? WHERE id = ? AND state = 'queued'");
  return update.Bind(1, now).Bind(2, id).Run();
}

StatusOr<std::optional<StatusReportMatch>> Outbox::ApplyStatusReport(const std::string& modem, int mr,
                                                                     const std::string& recipient,
                                                                     const std::string& status, int status_code,
                                                                     std::int64_t now) {
  Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  // TP-MR wraps at 256, so the newest unreported part with this MR on this
  // modem whose recipient matches is the one (python-gsmmodem does the same).
  auto find = db_.Prepare(
      "SELECT p.outbox_id, p.seq, o.to_number FROM outbox_parts p JOIN outbox o ON o.id = p.outbox_id "
      "WHERE p.modem = ? AND p.mr = ? AND p.reported_at IS NULL ORDER BY p.sent_at DESC, p.outbox_id DESC");
  find.Bind(1, modem).Bind(2, std::int64_t{mr});
  std::optional<std::pair<std::int64_t, std::int64_t>> hit;
  for (;;) {
    auto row = find.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (SameRecipient(find.Text(2), recipient)) {
      hit = {find.Int(0), find.Int(1)};
      break;
    }
  }
  if (!hit) return std::optional<StatusReportMatch>{};
  // A temporary status ("SC still trying") is not final for the part.
  const bool final_status = status != "temporary";
  auto mark = db_.Prepare(
      "UPDATE outbox_parts SET status = ?, status_code = ?, reported_at = ? WHERE outbox_id = ? AND seq = ?");
  mark.Bind(1, status).Bind(2, std::int64_t{status_code});
  mark.Bind(3, final_status ? std::optional<std::int64_t>(now) : std::nullopt);
  if (Status s = mark.Bind(4, hit->first).Bind(5, hit->second).Run(); !s.ok()) return s;

  StatusReportMatch match{.outbox_id = hit->first};
  auto tally = db_.Prepare(
      "SELECT SUM(status = 'delivered'), SUM(status = 'permanent'), COUNT(*), o.segments FROM outbox_parts p "
      "JOIN outbox o ON o.id = p.outbox_id WHERE p.outbox_id = ?");
  tally.Bind(1, hit->first);
  if (auto row = tally.Step(); row.ok() && *row) {
    const auto delivered = tally.Int(0), permanent = tally.Int(1), segments = tally.Int(3);
    if (permanent > 0) {
      match.final_state = "failed";
    } else if (delivered >= std::max<std::int64_t>(segments, tally.Int(2))) {
      match.final_state = "delivered";
    }
  }
  if (!match.final_state.empty()) {
    auto done = db_.Prepare(
        "UPDATE outbox SET state = ?, done_at = ?, last_error = CASE WHEN ? = 'failed' "
        "THEN 'delivery failed: TP-ST ' || ? ELSE last_error END WHERE id = ? AND state = 'sent'");
    done.Bind(1, match.final_state).Bind(2, now).Bind(3, match.final_state).Bind(4, std::int64_t{status_code});
    if (Status s = done.Bind(5, hit->first).Run(); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return std::optional<StatusReportMatch>(match);
}

StatusOr<int> Outbox::ExpireQueued(std::int64_t created_before, std::int64_t now) {
  auto update = db_.Prepare(
      "UPDATE outbox SET state = 'expired', done_at = ?1 WHERE state = 'queued' "
      "AND CASE WHEN expires_at IS NULL THEN created_at < ?2 ELSE expires_at <= ?1 END");
  if (Status s = update.Bind(1, now).Bind(2, created_before).Run(); !s.ok()) return s;
  return db_.Changes();
}

StatusOr<Outbox::NetworkWait> Outbox::WaitingForNetwork() {
  auto query = db_.Prepare(
      "SELECT COUNT(*), MIN(waiting_since) FROM outbox INDEXED BY outbox_due "
      "WHERE state = 'queued' AND waiting_since IS NOT NULL");
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return NetworkWait{.rows = query.Int(0), .since = query.OptionalInt(1)};
}

StatusOr<std::optional<OutboxItem>> Outbox::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kItemColumns) + "WHERE id = ?");
  query.Bind(1, id);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OutboxItem>{};
  return std::optional<OutboxItem>(ReadItem(query));
}

StatusOr<std::int64_t> Outbox::CountInState(const std::string& state) {
  auto query = db_.Prepare("SELECT COUNT(*) FROM outbox WHERE state = ?");
  query.Bind(1, state);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.Int(0);
}

StatusOr<std::int64_t> Outbox::SegmentsSentBy(const std::string& modem, std::int64_t since) {
  auto query = db_.Prepare("SELECT COUNT(*) FROM outbox_parts WHERE modem = ? AND sent_at >= ?");
  query.Bind(1, modem).Bind(2, since);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.Int(0);
}

StatusOr<std::optional<std::int64_t>> Outbox::NextReadyAt(const std::string& modem, const ClaimScope& scope) {
  auto query = db_.Prepare("SELECT next_attempt_at FROM outbox INDEXED BY outbox_due "
                           "WHERE state = 'queued' AND priority <= ?2 " +
                           std::string(kViaFilter) + "ORDER BY next_attempt_at LIMIT 1");
  query.Bind(2, static_cast<std::int64_t>(scope.max_priority)).Bind(3, modem).Bind(4, ModemList(scope.ready_modems));
  return ReadOptionalRow<std::int64_t>(query, [](const Statement& row) { return row.Int(0); });
}

StatusOr<std::optional<std::int64_t>> Outbox::NextReadyAt() {
  auto query = db_.Prepare(
      "SELECT next_attempt_at FROM outbox INDEXED BY outbox_due WHERE state = 'queued' "
      "ORDER BY next_attempt_at LIMIT 1");
  return ReadOptionalRow<std::int64_t>(query, [](const Statement& row) { return row.Int(0); });
}

}  // namespace smsdesk::store
