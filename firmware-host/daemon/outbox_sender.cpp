#include "firmware-host/daemon/outbox_sender.h"

#include <algorithm>
#include <utility>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "modem/bidi_marks.h"


namespace smsdesk::daemon {
namespace {

// After a store error (busy beyond the timeout, disk full): try again soon,
// not in a loop.
constexpr std::chrono::seconds kStoreRetry{2};
// Weight of the newest send in the measured time per segment.
constexpr double kRateSmoothing = 0.2;

std::int64_t UtcDayStart(std::int64_t now) { return now - ((now % 86400) + 86400) % 86400; }

}  // namespace

OutboxSender::OutboxSender(boost::asio::io_context& io, const Clock& clock, store::Database& db, modem::ModemDriver& driver,
                           modem::ConcatReferenceAllocator& references, SenderOptions options,
                           ReadyModems ready_modems, OnOutcome on_outcome)
    : io_(io),
      clock_(clock),
      db_(db),
      outbox_(db),
      driver_(driver),
      references_(references),
      options_(std::move(options)),
      ready_modems_(std::move(ready_modems)),
      on_outcome_(std::move(on_outcome)),
      timer_(clock.MakeTimer(io)),
      probe_timer_(clock.MakeTimer(io)),
      record_timer_(clock.MakeTimer(io)),
      gate_(options_.gate) {}

void OutboxSender::Kick() {
  // A modem on trial sends one message, and only that one, to test itself.
  const int depth = gate_.state() == SendGate::State::kTrial ? 1 : std::max(1, options_.depth);
  while (!stopped_ && unrecorded_.empty() && static_cast<int>(flights_.size()) < depth && gate_.may_claim() &&
         driver_.state() == modem::ModemDriver::State::kReady) {
    const auto now = clock_.Steady();
    if (now < next_allowed_) return ArmAt(next_allowed_);
    if (!UnderDailyCap(clock_.NowSeconds())) return;
    if (!Claim()) return;
  }
}

bool OutboxSender::can_send() const {
  if (driver_.state() != modem::ModemDriver::State::kReady) return false;
  if (gate_.state() != SendGate::State::kOpen) return false;
  if (options_.daily_cap <= 0 || day_ < 0) return true;
  const std::int64_t today = options_.day_start ? options_.day_start(clock_.NowSeconds()) : UtcDayStart(clock_.NowSeconds());
  return today != day_ || sent_today_ < options_.daily_cap;
}

bool OutboxSender::UnderDailyCap(std::int64_t now) {
  if (options_.daily_cap <= 0) return true;
  const std::int64_t today = options_.day_start ? options_.day_start(now) : UtcDayStart(now);
  if (today != day_) {
    auto sent = outbox_.SegmentsSentBy(options_.modem_id, today);
    if (!sent.ok()) {
      ArmAt(clock_.Steady() + kStoreRetry);
      return false;
    }
    day_ = today;
    sent_today_ = *sent;
  }
  std::int64_t claimed = 0;  // segments claimed and not finished yet
  for (const Flight& f : flights_) claimed += static_cast<std::int64_t>(f.parts.size() - f.sent.size());
  if (sent_today_ + claimed < options_.daily_cap) return true;
  if (!flights_.empty()) return false;  // the Kick after they finish looks again
  // Look again when the next day starts (25 h covers a DST change).
  const std::int64_t tomorrow = options_.day_start ? options_.day_start(today + 25 * 3600) : today + 86400;
  ArmAt(clock_.Steady() + std::chrono::seconds(std::max<std::int64_t>(1, tomorrow - now)));
  return false;
}

void OutboxSender::Stop() {
  stopped_ = true;
  timer_->Cancel();
  probe_timer_->Cancel();
  armed_.reset();
  // Writes still not taken stay undone: the rows are in `sending`, and the
  // next start puts them back (at most one duplicate, as after a crash).
  record_timer_->Cancel();
  // Claimed but never handed to the driver: back to the queue for the next run.
  ReleaseUnsubmitted();
}

void OutboxSender::ArmAt(std::chrono::steady_clock::time_point when) {
  if (armed_ && *armed_ <= when) return;  // an earlier wake-up is already set
  armed_ = when;
  timer_->ArmAt(when, [this] {
    armed_.reset();
    Kick();
  });
}

std::chrono::seconds OutboxSender::Backoff(int attempts) const {
  const int doublings = std::clamp(attempts - 1, 0, 10);
  return std::min(options_.first_backoff * (1 << doublings), options_.max_backoff);
}

OutboxSender::Flight* OutboxSender::FindFlight(std::int64_t outbox_id) {
  for (Flight& f : flights_) {
    if (f.item.id == outbox_id) return &f;
  }
  return nullptr;
}

bool OutboxSender::Claim() {
  const std::int64_t now = clock_.NowSeconds();
  store::ClaimScope scope{.ready_modems = ready_modems_()};
  const bool trial = gate_.state() == SendGate::State::kTrial;
  auto item = outbox_.ClaimNext(options_.modem_id, now, {.ready_modems = scope.ready_modems, .fresh_only = trial});
  if (item.ok() && !*item && trial) item = outbox_.ClaimNext(options_.modem_id, now, scope);
  if (!item.ok()) {
    ArmAt(clock_.Steady() + kStoreRetry);
    return false;
  }
  if (!*item) {
    // Nothing ready now. Rows that become ready later (backoff) get a timer;
    // rows waiting behind another in flight come with the Kick that ends it.
    auto next = outbox_.NextReadyAt(options_.modem_id, scope);
    if (next.ok() && *next && **next > now) {
      ArmAt(clock_.Steady() + std::chrono::seconds(**next - now));
    }
    return false;
  }
  Flight flight{.item = std::move(**item)};
  modem::SubmitOptions submit{.to = flight.item.to, .status_report = flight.item.status_report};
  // National shift tables save segments but some handsets still show them
  // as garbage; UCS-2 reads everywhere. Newcomers' phones are often old.
  submit.segmenting.allow_national_shift = false;
  // Every text leaves with its numbers marked left to right when it is
  // written right to left: the one place all of them pass (replies, FAQ
  // answers, the desk's own texts, moderators' answers, alerts, menus).
  auto encoded = modem::EncodeSubmit(modem::MarkNumbersLeftToRight(flight.item.body), submit, references_);
  if (!encoded) {
    // A number that cannot be dialled, a text that cannot be encoded: no
    // retry can help. The row keeps the reason.
    const std::string error = "cannot encode: " + encoded.error().message;
    Record([this, id = flight.item.id, error, now] { return outbox_.MarkFailed(id, error, now); },
           "outbox #" + std::to_string(flight.item.id) + " failed");
    if (on_outcome_) on_outcome_({.outbox_id = flight.item.id, .alert = flight.item.alert_id.has_value(), .error = error});
    return true;
  }
  flight.parts = std::move(*encoded);
  if (flight.parts.size() > 1) {
    // Not kept, the next start may reuse a recent reference: a phone could
    // join two messages' parts. Worth a line in the journal, not a stop.
    if (auto kept = db_.SetMeta("concat_ref_next", std::to_string(references_.peek())); !kept.ok()) {
      spdlog::warn("{}: could not keep the next concatenation reference: {}", options_.modem_id, kept.message());
    }
  }
  if (options_.sends_per_minute > 0) {
    // Claim to claim, which is start to start while the modem keeps up: a
    // send that took 3 s of a 10 s slot waits 7 s more.
    next_allowed_ = clock_.Steady() +
                    std::chrono::milliseconds(60'000 * static_cast<int>(flight.parts.size()) / options_.sends_per_minute);
  }
  flights_.push_back(std::move(flight));
  if (flights_.size() == 1) SendPart(flights_.back());  // else after the one before it is recorded
  return true;
}

void OutboxSender::SendPart(Flight& flight) {
  const std::size_t index = flight.sent.size();
  const modem::EncodedPdu& part = flight.parts[index];
  const std::int64_t id = flight.item.id;
  if (!flight.submitted) {
    // From here a crash counts against this row (store/outbox.h); failing
    // to note it only weakens that guard for this one send.
    if (auto marked = outbox_.MarkAtModem(id); !marked.ok()) {
      spdlog::warn("{}: outbox #{} could not be marked as at the modem: {}", options_.modem_id, id, marked.message());
    }
  }
  flight.submitted = true;
  part_submitted_ = clock_.Steady();
  driver_.Send({.hex = part.Hex(), .tpdu_length = part.tpdu_length},
               [this, id](const modem::SendResult& result) {
                 // The driver may answer from inside Send(); finish on a fresh stack.
                 boost::asio::post(io_, [this, id, result] { OnPartSent(id, result); });
               });
}

void OutboxSender::OnPartSent(std::int64_t id, const modem::SendResult& result) {
  Flight* flight = FindFlight(id);
  if (!flight) return;
  const auto done_at = clock_.Steady();
  const std::int64_t now = clock_.NowSeconds();
  const int parts = static_cast<int>(flight->parts.size());
  if (result.ok) {
    const double seconds = std::chrono::duration<double>(done_at - std::max(last_part_done_, part_submitted_)).count();
    last_part_done_ = done_at;
    seconds_per_segment_ = seconds_per_segment_ == 0
                               ? seconds
                               : (1 - kRateSmoothing) * seconds_per_segment_ + kRateSmoothing * seconds;
    flight->sent.push_back({.seq = static_cast<int>(flight->sent.size()) + 1, .mr = result.message_reference});
    if (static_cast<int>(flight->sent.size()) < parts) return SendPart(*flight);
    // The next claimed message goes to the modem before this one is recorded:
    // the store's fsync overlaps the next send instead of delaying it (3% of
    // an alert's rate at 200 ms per SMS). A crash in between leaves both rows
    // in `sending`, each resent at most once (docs/design.md).
    if (Flight* next = NextUnsubmitted(); next && !stopped_ && driver_.state() == modem::ModemDriver::State::kReady) {
      SendPart(*next);
    }
    Record([this, id, sent = flight->sent, parts,
            now] { return outbox_.MarkSent(id, options_.modem_id, sent, parts, now); },
           "outbox #" + std::to_string(id) + " sent");
    last_success_ms_ = clock_.NowMs();
    if (gate_.in_outage() || gate_.state() != SendGate::State::kOpen) {
      // A credit outage ended by a send: the next reading tells a top-up
      // (above zero) from a bundle that sends at zero (OnCreditReading).
      confirm_zero_ = gate_.cause() == SendGate::Cause::kCredit;
      const auto since = gate_.Sent();
      probe_timer_->Cancel();
      NotifyGate({.ended = since.has_value(), .ended_since = since});
    }
    return Finish(id, {.outbox_id = id, .parts = parts, .sent = true});
  }
  if (result.withdrawn) {
    // Never handed to the modem: back to the pool at once, for any modem.
    Record([this, id] { return outbox_.Release(id); }, "outbox #" + std::to_string(id) + " given back");
    return Finish(id, {.outbox_id = id, .will_retry = true, .error = result.error});
  }
  // Parts already out stay out; a retry sends the whole message again (a
  // phone cannot join parts from two references anyway).
  std::string error = result.error.empty() ? "send failed" : result.error;
  if (result.maybe_sent) error += " (may have been sent)";
  if (result.scope != modem::FailureScope::kMessage) {
    if (!RefusedAgain(flight->item)) return OnModemFault(*flight, result, std::move(error));
    error += " (this modem sends other messages: counted against this one)";
  }
  if (result.verdict == modem::ErrorVerdict::kPermanent) {
    Record([this, id, error, now] { return outbox_.MarkFailed(id, error, now); },
           "outbox #" + std::to_string(id) + " failed");
    return Finish(id, {.outbox_id = id, .parts = parts, .error = error});
  }
  const std::int64_t retry_at = now + Backoff(flight->item.attempts).count();
  Record([this, id, error, retry_at, now, max = options_.max_attempts] {
    return outbox_.MarkRetry(id, error, retry_at, max, now);
  }, "outbox #" + std::to_string(id) + " to retry");
  Finish(id, {.outbox_id = id, .parts = parts, .will_retry = flight->item.attempts < options_.max_attempts,
              .error = error});
}

bool OutboxSender::RefusedAgain(const store::OutboxItem& item) const {
  return item.last_network_failure_ms && last_success_ms_ > *item.last_network_failure_ms;
}

void OutboxSender::OnModemFault(Flight& flight, const modem::SendResult& result, std::string error) {
  const std::int64_t id = flight.item.id;
  const std::int64_t now = clock_.NowSeconds();
  const int parts = static_cast<int>(flight.parts.size());
  Record([this, id, error, now, ms = clock_.NowMs()] { return outbox_.MarkNetworkWait(id, error, now, ms); },
         "outbox #" + std::to_string(id) + " back to the queue");
  StopSending(result.scope == modem::FailureScope::kCredit ? SendGate::Cause::kCredit : SendGate::Cause::kNetwork,
              error);
  Finish(id, {.outbox_id = id, .parts = parts, .will_retry = true, .modem_fault = true, .error = error});
}

void OutboxSender::ReleaseUnsubmitted() {
  for (auto it = flights_.begin(); it != flights_.end();) {
    if (it->submitted) {
      ++it;
      continue;
    }
    Record([this, id = it->item.id] { return outbox_.Release(id); },
           "outbox #" + std::to_string(it->item.id) + " given back");
    it = flights_.erase(it);
  }
}

void OutboxSender::Record(std::function<store::Status()> write, std::string what) {
  // Behind an earlier write still waiting: keep the order.
  if (unrecorded_.empty()) {
    const store::Status status = write();
    if (status.ok()) return;
    spdlog::warn("{}: could not record {}: {}; trying again every {} s, no new sends meanwhile", options_.modem_id,
                 what, status.message(), kStoreRetry.count());
  }
  unrecorded_.push_back({std::move(write), std::move(what)});
  if (unrecorded_.size() == 1) ArmRecordRetry();
}

void OutboxSender::ArmRecordRetry() {
  record_timer_->ArmAfter(kStoreRetry, [this] { RetryUnrecorded(); });
}

void OutboxSender::RetryUnrecorded() {
  while (!unrecorded_.empty()) {
    const store::Status status = unrecorded_.front().write();
    if (!status.ok()) return ArmRecordRetry();
    spdlog::info("{}: recorded {} after all", options_.modem_id, unrecorded_.front().what);
    unrecorded_.pop_front();
  }
  Kick();
}

void OutboxSender::ArmProbe() {
  const auto at = gate_.next_probe();
  if (!at || stopped_) return;
  probe_timer_->ArmAt(*at, [this] { Probe(); });
}

void OutboxSender::Probe() {
  if (probing_ || stopped_ || gate_.state() != SendGate::State::kDegraded) return;
  probing_ = true;
  driver_.ProbeNetwork([this](const modem::NetworkProbe& probe) {
    // The driver may answer from inside ProbeNetwork(); go on from a fresh stack.
    boost::asio::post(io_, [this, probe] {
      probing_ = false;
      if (stopped_ || gate_.state() != SendGate::State::kDegraded) return;
      if (!probe.registered()) {
        gate_.ProbeFailed(probe.Describe(), clock_.Steady());
        ArmProbe();
        return NotifyGate({});
      }
      // Registered. Out of credit by the last reading, one message tests it
      // all the same (a top-up is not read until the next check); refused
      // again, the next look waits twice as long.
      const auto since = gate_.since();
      const bool ended = gate_.ProbePassed();
      NotifyGate({.ended = ended, .ended_since = ended ? since : std::nullopt});
      Kick();
    });
  });
}

void OutboxSender::OnRegistration(bool registered, const std::string& describe) {
  if (stopped_) return;
  const bool regained = registered && registered_ == false;
  registered_ = registered;
  if (!registered) {
    if (gate_.in_outage()) return;  // already stopped, for a reason of its own
    return StopSending(SendGate::Cause::kRegistration, describe);
  }
  if (gate_.in_outage() && gate_.cause() == SendGate::Cause::kRegistration) {
    probe_timer_->Cancel();
    const auto since = gate_.since();
    const bool ended = gate_.ProbePassed();
    NotifyGate({.ended = ended, .ended_since = ended ? since : std::nullopt});
    Kick();
  } else if (regained && gate_.cause() != SendGate::Cause::kCredit) {
    LookNow();  // the network is back: the best moment to look, whatever the wait left
  }
}

void OutboxSender::LookNow() {
  if (gate_.state() != SendGate::State::kDegraded) return;
  probe_timer_->Cancel();
  Probe();
}

void OutboxSender::OnCreditReading(std::optional<double> amount, const std::string& describe) {
  if (stopped_ || !amount) return;
  const bool confirming = std::exchange(confirm_zero_, false);
  if (*amount > 0) {
    sends_at_zero_ = false;
    if (gate_.state() == SendGate::State::kDegraded && gate_.cause() == SendGate::Cause::kCredit) {
      probe_timer_->Cancel();
      gate_.ProbePassed();
      NotifyGate({});
      Kick();
    }
    return;
  }
  if (confirming) sends_at_zero_ = true;  // it sent with this balance: a bundle
  if (sends_at_zero_) return;
  // On trial, the message being sent decides (a top-up may not show yet).
  if (gate_.state() == SendGate::State::kTrial) return;
  StopSending(SendGate::Cause::kCredit, "out of credit: " + describe);
}

void OutboxSender::StopSending(SendGate::Cause cause, std::string reason) {
  const bool started = gate_.Fail(cause, std::move(reason), clock_.NowSeconds(), clock_.Steady());
  ReleaseUnsubmitted();
  ArmProbe();
  NotifyGate({.started = started});
}

void OutboxSender::ResumeOutage(SendGate::Cause cause, const std::string& reason, std::int64_t since) {
  gate_.Resume(cause, reason, since);
}

void OutboxSender::NotifyGate(GateChange change) {
  change.gate = &gate_;
  if (on_gate_change_) on_gate_change_(change);
}

OutboxSender::Flight* OutboxSender::NextUnsubmitted() {
  for (Flight& f : flights_) {
    if (!f.submitted) return &f;
  }
  return nullptr;
}

void OutboxSender::Finish(std::int64_t id, SendOutcome outcome) {
  for (auto it = flights_.begin(); it != flights_.end(); ++it) {
    if (it->item.id != id) continue;
    sent_today_ += static_cast<std::int64_t>(it->sent.size());
    outcome.alert = it->item.alert_id.has_value();
    flights_.erase(it);
    break;
  }
  // The next claimed message goes to the modem now that this one's fate is
  // in the store; a modem that went away holds none: back to the pool.
  if (!flights_.empty() && !flights_.front().submitted && !stopped_) {
    if (driver_.state() == modem::ModemDriver::State::kReady) {
      SendPart(flights_.front());
    } else {
      for (const Flight& f : flights_) {
        Record([this, id = f.item.id] { return outbox_.Release(id); },
               "outbox #" + std::to_string(f.item.id) + " given back");
      }
      flights_.clear();
    }
  }
  if (on_outcome_) on_outcome_(outcome);
  boost::asio::post(io_, [this] { Kick(); });
}

}  // namespace smsdesk::daemon
