#include "firmware-host/daemon/outbox_sender.h"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "firmware-host/wall_clock.h"

namespace smsdesk::daemon {
namespace {

// After a store error (busy beyond the timeout, disk full): try again soon,
// not in a loop.
constexpr std::chrono::seconds kStoreRetry{2};
// Weight of the newest send in the measured time per segment.
constexpr double kRateSmoothing = 0.2;

std::int64_t UtcDayStart(std::int64_t now) { return now - ((now % 86400) + 86400) % 86400; }

}  // namespace

OutboxSender::OutboxSender(boost::asio::io_context& io, store::Database& db, modem::ModemDriver& driver,
                           modem::ConcatReferenceAllocator& references, SenderOptions options,
                           ReadyModems ready_modems, OnOutcome on_outcome)
    : io_(io),
      db_(db),
      outbox_(db),
      driver_(driver),
      references_(references),
      options_(std::move(options)),
      ready_modems_(std::move(ready_modems)),
      on_outcome_(std::move(on_outcome)),
      timer_(io) {}

void OutboxSender::Kick() {
  if (stopped_ || in_flight_ || driver_.state() != modem::ModemDriver::State::kReady) return;
  const auto now = std::chrono::steady_clock::now();
  if (now < next_allowed_) return ArmAt(next_allowed_);
  if (!UnderDailyCap(NowSeconds())) return;
  Claim();
}

bool OutboxSender::can_send() const {
  if (driver_.state() != modem::ModemDriver::State::kReady) return false;
  if (options_.daily_cap <= 0 || day_ < 0) return true;
  const std::int64_t today = options_.day_start ? options_.day_start(NowSeconds()) : UtcDayStart(NowSeconds());
  return today != day_ || sent_today_ < options_.daily_cap;
}

bool OutboxSender::UnderDailyCap(std::int64_t now) {
  if (options_.daily_cap <= 0) return true;
  const std::int64_t today = options_.day_start ? options_.day_start(now) : UtcDayStart(now);
  if (today != day_) {
    auto sent = outbox_.SegmentsSentBy(options_.modem_id, today);
    if (!sent.ok()) {
      ArmAt(std::chrono::steady_clock::now() + kStoreRetry);
      return false;
    }
    day_ = today;
    sent_today_ = *sent;
  }
  if (sent_today_ < options_.daily_cap) return true;
  // Look again when the next day starts (25 h covers a DST change).
  const std::int64_t tomorrow = options_.day_start ? options_.day_start(today + 25 * 3600) : today + 86400;
  ArmAt(std::chrono::steady_clock::now() + std::chrono::seconds(std::max<std::int64_t>(1, tomorrow - now)));
  return false;
}

void OutboxSender::Stop() {
  stopped_ = true;
  timer_.cancel();
  armed_.reset();
}

void OutboxSender::ArmAt(std::chrono::steady_clock::time_point when) {
  if (armed_ && *armed_ <= when) return;  // an earlier wake-up is already set
  armed_ = when;
  timer_.expires_at(when);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;  // cancelled: re-armed or stopped
    armed_.reset();
    Kick();
  });
}

std::chrono::seconds OutboxSender::Backoff(int attempts) const {
  const int doublings = std::clamp(attempts - 1, 0, 10);
  return std::min(options_.first_backoff * (1 << doublings), options_.max_backoff);
}

void OutboxSender::Claim() {
  const std::int64_t now = NowSeconds();
  const store::ClaimScope scope{.ready_modems = ready_modems_()};
  auto item = outbox_.ClaimNext(options_.modem_id, now, scope);
  if (!item.ok()) return ArmAt(std::chrono::steady_clock::now() + kStoreRetry);
  if (!*item) {
    // Nothing ready now. Rows that become ready later (backoff) get a timer;
    // rows waiting behind another in flight come with the Kick that ends it.
    auto next = outbox_.NextReadyAt(options_.modem_id, scope);
    if (next.ok() && *next && **next > now) {
      ArmAt(std::chrono::steady_clock::now() + std::chrono::seconds(**next - now));
    }
    return;
  }
  in_flight_ = std::move(**item);
  claimed_at_ = std::chrono::steady_clock::now();
  sent_.clear();
  modem::SubmitOptions submit{.to = in_flight_->to, .status_report = in_flight_->status_report};
  // National shift tables save segments but some handsets still show them
  // as garbage; UCS-2 reads everywhere. Newcomers' phones are often old.
  submit.segmenting.allow_national_shift = false;
  auto encoded = modem::EncodeSubmit(in_flight_->body, submit, references_);
  if (!encoded) {
    // A number that cannot be dialled, a text that cannot be encoded: no
    // retry can help. The row keeps the reason.
    const std::string error = "cannot encode: " + encoded.error().message;
    (void)outbox_.MarkFailed(in_flight_->id, error, now);
    return Finish({.outbox_id = in_flight_->id, .error = error});
  }
  parts_ = std::move(*encoded);
  if (parts_.size() > 1) (void)db_.SetMeta("concat_ref_next", std::to_string(references_.peek()));
  SendPart();
}

void OutboxSender::SendPart() {
  const std::size_t index = sent_.size();
  const modem::EncodedPdu& part = parts_[index];
  // An alert's rows come one after another: keep the link up (AT+CMMS=2).
  const bool more = index + 1 < parts_.size() || in_flight_->alert_id.has_value();
  driver_.Send({.hex = part.Hex(), .tpdu_length = part.tpdu_length, .more_to_follow = more},
               [this](const modem::SendResult& result) {
                 // The driver may answer from inside Send(); finish on a fresh stack.
                 boost::asio::post(io_, [this, result] { OnPartSent(result); });
               });
}

void OutboxSender::OnPartSent(const modem::SendResult& result) {
  if (!in_flight_) return;
  const std::int64_t now = NowSeconds();
  const std::int64_t id = in_flight_->id;
  const int parts = static_cast<int>(parts_.size());
  if (result.ok) {
    sent_.push_back({.seq = static_cast<int>(sent_.size()) + 1, .mr = result.message_reference});
    if (static_cast<int>(sent_.size()) < parts) return SendPart();
    auto marked = outbox_.MarkSent(id, options_.modem_id, sent_, parts, now);
    // Not recorded (store error): the row stays in `sending` and the next
    // start resends it once — the one duplicate the durability rule allows.
    return Finish({.outbox_id = id, .parts = parts, .sent = true, .error = marked.ok() ? "" : marked.message()});
  }
  // Parts already out stay out; a retry sends the whole message again (a
  // phone cannot join parts from two references anyway).
  std::string error = result.error.empty() ? "send failed" : result.error;
  if (result.maybe_sent) error += " (may have been sent)";
  if (result.verdict == modem::ErrorVerdict::kPermanent) {
    (void)outbox_.MarkFailed(id, error, now);
    return Finish({.outbox_id = id, .parts = parts, .error = error});
  }
  const std::int64_t retry_at = now + Backoff(in_flight_->attempts).count();
  (void)outbox_.MarkRetry(id, error, retry_at, options_.max_attempts, now);
  Finish({.outbox_id = id, .parts = parts, .will_retry = in_flight_->attempts < options_.max_attempts,
          .error = error});
}

void OutboxSender::Finish(SendOutcome outcome) {
  const int segments = std::max<int>(1, static_cast<int>(sent_.size()));
  if (!sent_.empty()) {
    sent_today_ += static_cast<std::int64_t>(sent_.size());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - claimed_at_).count() / segments;
    seconds_per_segment_ = seconds_per_segment_ == 0
                               ? seconds
                               : (1 - kRateSmoothing) * seconds_per_segment_ + kRateSmoothing * seconds;
  }
  outcome.alert = in_flight_ && in_flight_->alert_id.has_value();
  in_flight_.reset();
  parts_.clear();
  sent_.clear();
  if (options_.sends_per_minute > 0) {
    // Start to start: a send that took 3 s of a 10 s slot waits 7 s more.
    next_allowed_ = claimed_at_ + std::chrono::milliseconds(60'000 * segments / options_.sends_per_minute);
  }
  if (on_outcome_) on_outcome_(outcome);
  boost::asio::post(io_, [this] { Kick(); });
}

}  // namespace smsdesk::daemon
