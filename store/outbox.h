// Outbox: the durable outbound queue (DESIGN.md "Durability rules").
//
// Every message to send is a row before it touches a modem:
//   queued -> sending -> sent (TP-MR per part) -> delivered | failed | expired
// A row left in `sending` by a crash goes back to `queued`, so a crash costs at
// most one duplicate per message in flight and never a lost one. A row caught
// in `sending` by kMaxInterruptions crashes is suspected of causing them (a
// PDU that hangs the modem's firmware, say): it fails with that reason
// instead of taking the box down forever. A temporary error backs off that recipient only
// (no other row to the same number is claimed meanwhile); a recipient never
// blocks the queue for the others.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

// Lower sends first.
enum class OutboxPriority : int { kEmergency = 0, kUrgent = 1, kReply = 2, kInfo = 3 };

struct OutboxRequest {
  std::string to;
  std::string body;
  OutboxPriority priority = OutboxPriority::kReply;
  std::int64_t not_before = 0;  // Unix seconds; 0: now
  bool status_report = true;
  std::optional<std::int64_t> message_id;
  std::optional<std::int64_t> alert_id;
  // The modem to send from (the one the person texted); empty: any.
  std::optional<std::string> via;
};

// Which rows a modem may claim. `ready_modems` lists the modems able to send
// now: a row meant for another one of them waits for it; a row meant for a
// modem that is away (or unknown) goes out through whoever claims it.
// Empty: no preference applies.
struct ClaimScope {
  OutboxPriority max_priority = OutboxPriority::kInfo;
  std::vector<std::string> ready_modems;
};

struct OutboxItem {
  std::int64_t id = 0;
  std::string to;
  std::string body;
  OutboxPriority priority = OutboxPriority::kReply;
  std::string state;
  std::string modem;
  int attempts = 0;
  bool status_report = true;
  std::optional<std::string> last_error;
  std::optional<std::int64_t> message_id;
  std::optional<std::int64_t> alert_id;
  std::optional<std::string> via;
};

inline constexpr int kMaxInterruptions = 3;

struct RecoveredSends {
  int requeued = 0;
  int failed = 0;  // interrupted kMaxInterruptions times
};

struct SentPart {
  int seq = 1;
  int mr = 0;
};

struct StatusReportMatch {
  std::int64_t outbox_id = 0;
  std::string final_state;  // "", "delivered" or "failed" when the row finished
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  StatusOr<std::int64_t> Enqueue(const OutboxRequest& request, std::int64_t now);

  // At start: rows left in `sending` by a crash.
  StatusOr<RecoveredSends> RecoverInterrupted(std::int64_t now);

  // Claims the next row ready at `now` for `modem` (state -> sending).
  // `scope.max_priority` limits the classes this modem may take (alerts
  // spread over all modems, replies too).
  StatusOr<std::optional<OutboxItem>> ClaimNext(const std::string& modem, std::int64_t now,
                                                const ClaimScope& scope = {});

  Status MarkSent(std::int64_t id, const std::string& modem, const std::vector<SentPart>& parts,
                  int segments, std::int64_t now);
  // Temporary failure: back to queued at `retry_at`, or failed after `max_attempts`.
  Status MarkRetry(std::int64_t id, const std::string& error, std::int64_t retry_at, int max_attempts,
                   std::int64_t now);
  Status MarkFailed(std::int64_t id, const std::string& error, std::int64_t now);
  // A claimed row handed back untouched (its modem died before sending).
  Status Release(std::int64_t id);
  Status Cancel(std::int64_t id, std::int64_t now);

  // Matches a delivery report on (modem, TP-MR) and the recipient's number,
  // newest send first. `status` is "delivered", "temporary" or "permanent".
  StatusOr<std::optional<StatusReportMatch>> ApplyStatusReport(const std::string& modem, int mr,
                                                               const std::string& recipient,
                                                               const std::string& status, int status_code,
                                                               std::int64_t now);

  // Queued rows created before `created_before` become expired.
  StatusOr<int> ExpireQueued(std::int64_t created_before, std::int64_t now);

  StatusOr<std::optional<OutboxItem>> Get(std::int64_t id);
  StatusOr<std::int64_t> CountInState(const std::string& state);
  // Segments `modem` handed to the network since `since` (its daily cap).
  StatusOr<std::int64_t> SegmentsSentBy(const std::string& modem, std::int64_t since);
  // When the next queued row becomes ready (for the sender's timer), if any;
  // with a modem, only rows that modem could claim (ClaimScope).
  StatusOr<std::optional<std::int64_t>> NextReadyAt();
  StatusOr<std::optional<std::int64_t>> NextReadyAt(const std::string& modem, const ClaimScope& scope);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
