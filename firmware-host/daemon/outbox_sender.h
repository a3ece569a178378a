// OutboxSender: moves rows of the durable outbox through one modem, one
// message at a time (DESIGN.md "Durability rules"):
//   claim (queued -> sending) -> encode -> each part through ModemDriver::Send
//   -> MarkSent with the TP-MRs | MarkRetry with backoff | MarkFailed
// Pacing: at most `sends_per_minute` segments per minute per modem (MODEM.md
// §5: operators block SIMs that send faster), spaced start to start; at most
// `daily_cap` segments per day (the SIM's plan), after which the other modems
// carry the traffic. Alert rows are sent as a burst (AT+CMMS=2 keeps the
// radio link up between them). The time each segment takes is measured, for
// the alert pool's estimates. No polling: it looks for work
// when Kick()ed (a row was queued, a send finished, the modem came back) and
// arms one timer for the next row that is not ready yet.
// Runs on the daemon's io_context; owned by the Daemon, next to its driver.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "modem/io/modem_driver.h"
#include "modem/sms_pdu.h"
#include "store/database.h"
#include "store/outbox.h"

namespace smsdesk::daemon {

struct SenderOptions {
  std::string modem_id;
  int sends_per_minute = 6;  // 0: no pacing (virtual modems)
  int max_attempts = 5;
  std::int64_t daily_cap = 0;  // segments per day; 0: none
  // The start of the day `now` (Unix seconds) is in, for the daily cap
  // (the desk's time zone); default: UTC days.
  std::function<std::int64_t(std::int64_t)> day_start;
  std::chrono::seconds first_backoff{30};  // doubles per attempt
  std::chrono::seconds max_backoff{std::chrono::minutes{30}};
};

// What the sender did, for the daemon's log and counters (no numbers, no text).
struct SendOutcome {
  std::int64_t outbox_id = 0;
  int parts = 0;
  bool sent = false;
  bool will_retry = false;
  bool alert = false;  // the row belongs to an alert job
  std::string error;
};

class OutboxSender {
 public:
  using ReadyModems = std::function<std::vector<std::string>()>;
  using OnOutcome = std::function<void(const SendOutcome&)>;

  // `references` is shared by every sender of the daemon and persisted in
  // the store's meta table, so a restart does not reuse recent references.
  OutboxSender(boost::asio::io_context& io, store::Database& db, modem::ModemDriver& driver,
               modem::ConcatReferenceAllocator& references, SenderOptions options, ReadyModems ready_modems,
               OnOutcome on_outcome);

  // Look for work now (cheap when there is none).
  void Kick();
  // No new claims; the message in flight finishes.
  void Stop();
  bool busy() const { return in_flight_.has_value(); }
  // Ready, and not held back by its daily cap.
  bool can_send() const;
  // Measured seconds per segment (moving average of recent sends); 0 until
  // something was sent.
  double seconds_per_segment() const { return seconds_per_segment_; }
  std::int64_t sent_today() const { return sent_today_; }
  const SenderOptions& options() const { return options_; }
  const std::string& modem_id() const { return options_.modem_id; }

 private:
  void Claim();
  void SendPart();
  void OnPartSent(const modem::SendResult& result);
  void Finish(SendOutcome outcome);
  void ArmAt(std::chrono::steady_clock::time_point when);
  std::chrono::seconds Backoff(int attempts) const;
  // Counts today's segments (from the store at start and at each new day);
  // false when the cap is reached (a timer for the next day is armed).
  bool UnderDailyCap(std::int64_t now);

  boost::asio::io_context& io_;
  store::Database& db_;
  store::Outbox outbox_;
  modem::ModemDriver& driver_;
  modem::ConcatReferenceAllocator& references_;
  SenderOptions options_;
  ReadyModems ready_modems_;
  OnOutcome on_outcome_;
  boost::asio::steady_timer timer_;
  std::optional<std::chrono::steady_clock::time_point> armed_;
  std::chrono::steady_clock::time_point next_allowed_{};
  std::chrono::steady_clock::time_point claimed_at_{};
  double seconds_per_segment_ = 0;
  std::int64_t day_ = -1;  // start of the day sent_today_ counts
  std::int64_t sent_today_ = 0;
  bool stopped_ = false;

  // The message in flight.
  std::optional<store::OutboxItem> in_flight_;
  std::vector<modem::EncodedPdu> parts_;
  std::vector<store::SentPart> sent_;
};

}  // namespace smsdesk::daemon
