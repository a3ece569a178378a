// OutboxSender: moves rows of the durable outbox through one modem, one
// message at a time (DESIGN.md "Durability rules"):
//   claim (queued -> sending) -> encode -> each part through ModemDriver::Send
//   -> MarkSent with the TP-MRs | MarkRetry with backoff | MarkFailed
// Pacing: at most `sends_per_minute` segments per minute per modem (MODEM.md
// §5: operators block SIMs that send faster), spaced start to start; at most
// `daily_cap` segments per day (the SIM's plan), after which the other modems
// carry the traffic. Alert rows are sent as a burst (AT+CMMS=2 keeps the
// radio link up between them). The time each segment takes is measured, for
// the alert pool's estimates.
// Pipeline: up to `depth` messages are claimed and encoded at once, so the
// next one is ready the moment the last is recorded as sent (the claim and
// the encoding happen while the radio works). It goes to the driver only
// after that record is committed: the modem never holds more than one
// message whose fate the store does not know, so a crash still costs at
// most one duplicate per modem. Sends the driver withdraws unsent (the
// modem went away) go straight back to the pool (Outbox::Release). No polling: it looks for work
// when Kick()ed (a row was queued, a send finished, the modem came back) and
// arms one timer for the next row that is not ready yet.
// Runs on the daemon's io_context; owned by the Daemon, next to its driver.
#pragma once

#include <chrono>
#include <deque>
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
  int depth = 2;               // messages claimed at once (1: strictly one at a time)
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
  bool busy() const { return !flights_.empty(); }
  // Ready, and not held back by its daily cap.
  bool can_send() const;
  // Measured seconds per segment (moving average of recent sends); 0 until
  // something was sent.
  double seconds_per_segment() const { return seconds_per_segment_; }
  // The last run's measure, until this run has its own.
  void set_seconds_per_segment(double seconds) { seconds_per_segment_ = seconds; }
  std::int64_t sent_today() const { return sent_today_; }
  const SenderOptions& options() const { return options_; }
  const std::string& modem_id() const { return options_.modem_id; }

 private:
  // One claimed message on its way through the driver.
  struct Flight {
    store::OutboxItem item;
    std::vector<modem::EncodedPdu> parts;
    std::vector<store::SentPart> sent;
    bool submitted = false;  // handed to the driver
  };

  // Claims one row; false when there was nothing to claim (a timer may be
  // armed for the next one).
  bool Claim();
  void SendPart(Flight& flight);
  void OnPartSent(std::int64_t outbox_id, const modem::SendResult& result);
  void Finish(std::int64_t outbox_id, SendOutcome outcome);
  void ArmAt(std::chrono::steady_clock::time_point when);
  std::chrono::seconds Backoff(int attempts) const;
  // Counts today's segments (from the store at start and at each new day);
  // false when the cap is reached (a timer for the next day is armed).
  bool UnderDailyCap(std::int64_t now);
  Flight* FindFlight(std::int64_t outbox_id);
  Flight* NextUnsubmitted();  // the first claimed message not yet given to the modem

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
  // When the modem last finished a part: a part's service time runs from
  // the later of this and its own hand-over to the driver.
  std::chrono::steady_clock::time_point last_part_done_{};
  std::chrono::steady_clock::time_point part_submitted_{};
  double seconds_per_segment_ = 0;
  std::int64_t day_ = -1;  // start of the day sent_today_ counts
  std::int64_t sent_today_ = 0;
  bool stopped_ = false;

  std::deque<Flight> flights_;  // in claim order; the driver sends in that order
};

}  // namespace smsdesk::daemon
