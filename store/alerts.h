// Alerts: an agency's message to the subscribers of one or more topics, sent
// as a durable job (docs/design.md "Durability rules", issue 7).
//
//   held (quiet hours) -> sending (one outbox row per recipient) -> done
//                      \-> cancelled (queued rows cancelled; sent ones stay)
//
// Starting a job inserts every recipient's row in one statement, inside the
// caller's transaction, with the recipient's text (their language, else the
// fallback). A unique index on (alert, number) keeps each subscriber to one
// copy; the outbox's crash recovery bounds duplicates to the rows in flight.
// Progress and delivery tallies are counted from the outbox rows.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

enum class AlertClass { kEmergency, kInfo };

const char* AlertClassName(AlertClass c);
std::optional<AlertClass> ParseAlertClass(const std::string& name);

struct NewAlert {
  std::vector<std::string> topics;            // subscribers of any of them, once each
  AlertClass alert_class = AlertClass::kInfo;
  std::map<std::string, std::string> texts;   // lang -> body; must hold fallback_lang
  std::string fallback_lang;
  std::string source;                         // console, api, cli, sms
  std::optional<std::int64_t> created_by;     // user id
  std::int64_t release_at = 0;                // held until then; <= now: starts at once
  // Seconds from its start after which rows still unsent expire (a storm
  // warning is no use the next week); 0: desk.send_expire_after.
  std::int64_t expire_after = 0;
};

struct AlertRecord {
  std::int64_t id = 0;
  std::vector<std::string> topics;
  AlertClass alert_class = AlertClass::kInfo;
  std::string state;  // held, sending, done, cancelled
  std::string fallback_lang;
  std::string source;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t release_at = 0;
  std::optional<std::int64_t> started_at;
  std::optional<std::int64_t> finished_at;
  std::int64_t recipients = 0;
  std::optional<std::int64_t> expire_after;  // seconds from the start
  std::map<std::string, std::string> texts;
};

// Where each recipient's row is: queued/sending are still to go; sent waits
// for its delivery report.
struct AlertProgress {
  std::int64_t recipients = 0;
  std::int64_t queued = 0, sending = 0, sent = 0, delivered = 0, failed = 0, expired = 0, cancelled = 0;
  std::int64_t segments = 0;  // segments sent so far
  std::int64_t to_go() const { return queued + sending; }
  std::int64_t left_the_box() const { return sent + delivered; }
};

// Subscribers an alert would reach, by the language their text will be in.
struct AlertAudience {
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> by_text_lang;  // lang of the text they get -> count
};

class Alerts {
 public:
  explicit Alerts(Database& db) : db_(db) {}

  // Inside the caller's transaction (with its audit row). Starts the job at
  // once when release_at <= now (or is 0). kInvalid: no topic, no text in
  // the fallback language, a topic id with a comma.
  StatusOr<std::int64_t> Create(const NewAlert& alert, std::int64_t now);
  // Held jobs whose time has come get their rows (own transaction). Returns
  // how many started.
  StatusOr<int> StartDue(std::int64_t now);
  // Jobs with nothing left queued or sending become done (own transaction).
  StatusOr<int> FinishCompleted(std::int64_t now);
  // Cancels the job's queued rows (rows sent stay sent). kNotFound: no such
  // alert; kInvalid: already done or cancelled. Own transaction.
  StatusOr<std::int64_t> Cancel(std::int64_t id, std::int64_t now);

  StatusOr<AlertAudience> Audience(const std::vector<std::string>& topics, const std::vector<std::string>& text_langs,
                                   const std::string& fallback_lang);
  StatusOr<std::optional<AlertRecord>> Get(std::int64_t id);
  StatusOr<std::vector<AlertRecord>> Recent(int limit = 50);
  StatusOr<AlertProgress> Progress(std::int64_t id);
  // The earliest release of a held job, for the daemon's timer.
  StatusOr<std::optional<std::int64_t>> NextRelease();

 private:
  Status StartInTransaction(std::int64_t id, std::int64_t now);
  Database& db_;
};

}  // namespace smsdesk::store
