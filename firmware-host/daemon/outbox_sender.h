// OutboxSender: moves rows of the durable outbox through one modem, one
// message at a time (docs/design.md "Durability rules"):
//   claim (queued -> sending) -> encode -> each part through ModemDriver::Send
//   -> MarkSent with the TP-MRs | MarkRetry with backoff | MarkFailed
// Pacing: at most `sends_per_minute` segments per minute per modem (docs/modem.md
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
// Outages (send_gate.h): a send that failed for the modem's reasons
// (FailureScope kNetwork/kCredit) goes back to the queue without using an
// attempt and stops this modem (degraded) until a look at its registration
// says it may work again; then one message tests it. A failure that would
// be the modem's counts against the message instead when this modem has
// sent other messages since that message last failed here or elsewhere for
// the network: the network refuses that text, not the modem's traffic.
// Runs on the daemon's io_context; owned by the Daemon, next to its driver.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "firmware-host/base/clock.h"
#include "firmware-host/daemon/send_gate.h"
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
  GateOptions gate;
};

// The gate changed (for the daemon: the outage record, the log, the
// dashboard, the admins). `started`: a new outage; `ended`: it is over.
struct GateChange {
  bool started = false;
  bool ended = false;
  const SendGate* gate = nullptr;
  std::optional<std::int64_t> ended_since;  // the start of the outage that ended
};

// What the sender did, for the daemon's log and counters (no numbers, no text).
struct SendOutcome {
  std::int64_t outbox_id = 0;
  int parts = 0;
  bool sent = false;
  bool will_retry = false;
  bool modem_fault = false;  // the modem's failure: back to the queue, no attempt used
  bool alert = false;  // the row belongs to an alert job
  std::string error;
};

class OutboxSender {
 public:
  using ReadyModems = std::function<std::vector<std::string>()>;
  using OnOutcome = std::function<void(const SendOutcome&)>;
  using OnGateChange = std::function<void(const GateChange&)>;

  // `references` is shared by every sender of the daemon and persisted in
  // the store's meta table, so a restart does not reuse recent references.
  OutboxSender(boost::asio::io_context& io, const Clock& clock, store::Database& db, modem::ModemDriver& driver,
               modem::ConcatReferenceAllocator& references, SenderOptions options, ReadyModems ready_modems,
               OnOutcome on_outcome);

  void set_on_gate_change(OnGateChange handler) { on_gate_change_ = std::move(handler); }

  // Look for work now (cheap when there is none).
  void Kick();
  // The modem's registration as its health reports it: losing it after it
  // had it stops sending (an outage of registration alone); having it back
  // ends such an outage.
  void OnRegistration(bool registered, const std::string& describe);
  // A credit reading over USSD (nullopt amount: the check failed). A known
  // balance of zero or less stops sending, unless this SIM has sent at
  // zero before (bundles); more than zero lets a credit outage try again.
  void OnCreditReading(std::optional<double> amount, const std::string& describe);
  // A stopped modem is looked at now rather than after its wait (it came
  // back after a reset, or registered again).
  void LookNow();
  // An outage on record at start: the first message tests the modem.
  void ResumeOutage(SendGate::Cause cause, const std::string& reason, std::int64_t since);
  const SendGate& gate() const { return gate_; }
  // No new claims; the message in flight finishes.
  void Stop();
  bool busy() const { return !flights_.empty(); }
  // Ready, not stopped by an outage, and not held back by its daily cap.
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
  // A send failed for the modem's reasons: the row back to the queue, the
  // gate shut, the other claimed rows back to the pool, a look armed.
  void OnModemFault(Flight& flight, const modem::SendResult& result, std::string error);
  // Whether `item`'s last failure for network reasons came before this
  // modem's last sent message (the network refuses that text).
  bool RefusedAgain(const store::OutboxItem& item) const;
  void ReleaseUnsubmitted();
  void ArmProbe();
  void Probe();
  void NotifyGate(GateChange change);
  // Writes a row's new state. One the store did not take (busy past its
  // timeout, a full disk) is tried again every kStoreRetry, in order, and
  // until they are all in this modem claims nothing new: a row must not
  // stay in `sending` until the next start, nor be sent twice.
  void Record(std::function<store::Status()> write, std::string what);
  void ArmRecordRetry();
  void RetryUnrecorded();
  // Shuts the gate (send_gate.h): the claimed rows not yet at the modem go
  // back to the pool, a look is armed, the daemon is told.
  void StopSending(SendGate::Cause cause, std::string reason);
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
  const Clock& clock_;
  store::Database& db_;
  store::Outbox outbox_;
  modem::ModemDriver& driver_;
  modem::ConcatReferenceAllocator& references_;
  SenderOptions options_;
  ReadyModems ready_modems_;
  OnOutcome on_outcome_;
  OnGateChange on_gate_change_;
  std::unique_ptr<Timer> timer_;
  std::unique_ptr<Timer> probe_timer_;
  std::unique_ptr<Timer> record_timer_;
  struct Unrecorded {
    std::function<store::Status()> write;
    std::string what;
  };
  std::deque<Unrecorded> unrecorded_;
  SendGate gate_;
  bool probing_ = false;
  std::optional<bool> registered_;  // as the health reports last said
  // Unix ms of the last message this modem sent whole.
  std::int64_t last_success_ms_ = 0;
  // This SIM sent a message while its balance read zero: zero readings
  // say nothing about it (a bundle of SMS), until a reading above zero.
  bool sends_at_zero_ = false;
  // A credit outage just ended by a send; the next reading decides the above.
  bool confirm_zero_ = false;
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
