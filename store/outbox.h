// Outbox: the durable outbound queue (docs/design.md "Durability rules").
//
// Every message to send is a row before it touches a modem:
//   queued -> sending -> sent (TP-MR per part) -> delivered | failed | expired
// A row left in `sending` by a crash goes back to `queued`, so a crash costs at
// most one duplicate per message in flight and never a lost one. A row caught
// at the modem by kMaxInterruptions crashes is suspected of causing them (a
// PDU that hangs the modem's firmware, say): it fails with that reason
// instead of taking the box down forever. A row claimed but not yet handed
// to the modem goes back without counting (MarkAtModem tells them apart). A temporary error backs off that recipient only
// (no other row to the same number is claimed meanwhile); a recipient never
// blocks the queue for the others. A failure that is the modem's (its
// network, SMSC or credit) puts the row back without using an attempt
// (MarkNetworkWait): it waits for a modem that can send, until it expires.
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
  // Unsent by then, the row expires; nullopt: desk.send_expire_after after
  // its creation (ExpireQueued).
  std::optional<std::int64_t> expires_at;
};

// Which rows a modem may claim. `ready_modems` lists the modems able to send
// now: a row meant for another one of them waits for it; a row meant for a
// modem that is away (or unknown) goes out through whoever claims it.
// Empty: no preference applies.
struct ClaimScope {
  OutboxPriority max_priority = OutboxPriority::kInfo;
  std::vector<std::string> ready_modems;
  // Only rows no modem failed to send for network reasons: a modem trying
  // again after an outage tests itself on one of those first, so one text
  // the network keeps refusing cannot keep it out of service.
  bool fresh_only = false;
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
  int network_failures = 0;  // sends that failed for the modem's reasons
  std::optional<std::int64_t> waiting_since;             // first of those, while unsent
  std::optional<std::int64_t> last_network_failure_ms;  // Unix ms of the last one
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

  // The row's first part goes to the modem now: from here a crash counts
  // against it (kMaxInterruptions). Safe from a crash of the process, not
  // from a power cut (no fsync: a power cut says nothing about the row).
  Status MarkAtModem(std::int64_t id);
  Status MarkSent(std::int64_t id, const std::string& modem, const std::vector<SentPart>& parts,
                  int segments, std::int64_t now);
  // Temporary failure: back to queued at `retry_at`, or failed after `max_attempts`.
  Status MarkRetry(std::int64_t id, const std::string& error, std::int64_t retry_at, int max_attempts,
                   std::int64_t now);
  Status MarkFailed(std::int64_t id, const std::string& error, std::int64_t now);
  // The modem could not send it for reasons that are not the message's
  // (network, SMSC, credit): back to queued, ready at once for any modem,
  // the attempt given back; counts the failure and keeps since when the
  // row waits. `now_ms`: Unix milliseconds.
  Status MarkNetworkWait(std::int64_t id, const std::string& error, std::int64_t now, std::int64_t now_ms);
  // A claimed row handed back untouched (its modem died before sending).
  Status Release(std::int64_t id);
  Status Cancel(std::int64_t id, std::int64_t now);

  // Matches a delivery report on (modem, TP-MR) and the recipient's number,
  // newest send first. `status` is "delivered", "temporary" or "permanent".
  StatusOr<std::optional<StatusReportMatch>> ApplyStatusReport(const std::string& modem, int mr,
                                                               const std::string& recipient,
                                                               const std::string& status, int status_code,
                                                               std::int64_t now);

  // Queued rows become expired at their own expires_at, or, without one,
  // when created before `created_before`.
  StatusOr<int> ExpireQueued(std::int64_t created_before, std::int64_t now);
  // Queued rows waiting for the network (waiting_since set), and the
  // earliest of those times, for the dashboard and the status line.
  struct NetworkWait {
    std::int64_t rows = 0;
    std::optional<std::int64_t> since;
  };
  StatusOr<NetworkWait> WaitingForNetwork();

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
