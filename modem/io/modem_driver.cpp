#include "modem/io/modem_driver.h"

#include <algorithm>

#include <boost/asio/post.hpp>

namespace smsdesk::modem {

using Clock = std::chrono::steady_clock;

ModemDriver::ModemDriver(boost::asio::io_context& io, PortOpener& opener, ModemDriverOptions options,
                         InboundSink sink, EventHandler events)
    : io_(io),
      opener_(opener),
      options_(std::move(options)),
      events_(std::move(events)),
      init_(channel_, options_),
      inbound_(channel_, options_, std::move(sink), [this](const DriverEvent& e) { events_(e); }),
      outbound_(channel_, options_),
      ussd_(channel_, options_, [this](const DriverEvent& e) { events_(e); }),
      health_(channel_, options_, [this] { EmitHealth(); }, [this](std::string why) { OnHung(why); }),
      timer_(io) {
  if (!events_) events_ = [](const DriverEvent&) {};
  channel_.set_urc_handler([this](const Urc& urc) { OnUrc(urc); });
  channel_.set_timeout_handler([this](const CommandDone& done) { health_.OnCommandTimeout(done); });
  outbound_.set_error_handler([this](const SendResult& result) {
    health_.set_last_error(result.error);
    if (result.verdict == ErrorVerdict::kSweepStorage) inbound_.RequestSweep(true);
    if (result.verdict == ErrorVerdict::kRetryThenReset) health_.CheckRegistration();
  });
}

ModemDriver::~ModemDriver() {
  ++timer_generation_;
  ClosePort();
}

void ModemDriver::Start() {
  if (state_ != State::kStopped) return;
  state_ = State::kFinding;
  TryOpen();
  Rearm();
}

void ModemDriver::Stop() {
  GoDown("stopped", false);
  state_ = State::kStopped;
  ClosePort();
  outbound_.FailAll("driver stopped");
  lifecycle_at_.reset();
  ++timer_generation_;
  timer_.cancel();
  armed_.reset();
}

void ModemDriver::Send(OutboundPdu pdu, SendCallback done) {
  outbound_.Send(std::move(pdu), std::move(done));
  Rearm();
}

void ModemDriver::StartUssd(std::string code, UssdCallback done) {
  if (state_ != State::kReady) {
    if (done) done(UssdReply{false, -1, {}, "modem not ready"});
    return;
  }
  ussd_.Start(std::move(code), std::move(done));
  Rearm();
}

void ModemDriver::RespondUssd(std::string text, UssdCallback done) { StartUssd(std::move(text), std::move(done)); }

void ModemDriver::CancelUssd() {
  ussd_.Cancel();
  Rearm();
}

void ModemDriver::SweepNow() {
  inbound_.RequestSweep(true);
  Rearm();
}

Health ModemDriver::health() const {
  Health h = health_.health();
  for (const auto& [memory, usage] : inbound_.storage()) h.storage.push_back(usage);
  h.counters = counters_;
  h.counters.commands = channel_.commands();
  h.counters.timeouts = channel_.timeouts();
  h.counters.garbage = channel_.garbage();
  h.counters.received = inbound_.received();
  h.counters.store_failures = inbound_.store_failures();
  h.counters.sent = outbound_.sent();
  h.counters.send_errors = outbound_.errors();
  return h;
}

bool ModemDriver::idle() const {
  return state_ == State::kReady && channel_.idle() && !inbound_.busy() && outbound_.queued() == 0;
}

void ModemDriver::TryOpen() {
  if (state_ == State::kStopped) return;
  state_ = reset_pending_ ? State::kResetting : State::kFinding;
  std::vector<std::string> candidates = opener_.Candidates(options_.selector);
  std::erase_if(candidates, [this](const std::string& c) { return rejected_.count(c) > 0; });
  if (candidates.empty()) {
    // Nothing (left) to try: the port is away or every candidate said no.
    const bool tried_all = !rejected_.empty();
    rejected_.clear();
    return Retry(tried_all ? std::min(options_.retry_max, options_.reopen_poll * (1 << std::min(failures_, 6)))
                           : options_.reopen_poll);
  }
  auto opened = opener_.Open(candidates.front());
  if (!opened) {
    health_.set_last_error(opened.error().message);
    return Retry(options_.reopen_poll);
  }
  port_ = candidates.front();
  stream_ = std::shared_ptr<ByteStream>(std::move(*opened));
  ++counters_.reopens;
  stream_->Start(
      [this](std::string_view bytes) {
        channel_.Feed(bytes);
        Rearm();
      },
      [this](const std::string& reason) {
        OnPortClosed(reason);
        Rearm();
      });
  channel_.Attach(stream_.get());
  if (reset_pending_) return SendReset();
  state_ = State::kInitializing;
  init_.Start(port_, [this](InitOutcome outcome) { OnInitDone(std::move(outcome)); });
}

void ModemDriver::OnInitDone(InitOutcome outcome) {
  switch (outcome.failure) {
    case InitFailure::kNone:
      state_ = State::kReady;
      failures_ = 0;
      rejected_.clear();
      info_ = outcome.info;
      channel_.SetDataLanesOpen(true);
      inbound_.OnReady(info_);
      outbound_.OnReady();
      ussd_.Configure(outcome.ussd_packed_first, outcome.charset);
      health_.OnReady(outcome.csq_query_form);
      events_(ModemReady{info_});
      return;
    case InitFailure::kCancelled: return;  // OnPortClosed handles it
    case InitFailure::kWrongDevice:
      rejected_.insert(port_);
      ClosePort();
      return TryOpen();
    case InitFailure::kSim:
      ++failures_;
      health_.set_last_error(outcome.reason);
      events_(ModemLost{outcome.reason});
      ClosePort();
      return Retry(options_.permanent_retry);
    case InitFailure::kNoAnswer:
      ++failures_;
      health_.set_last_error(outcome.reason);
      if (opener_.Candidates(options_.selector).size() > rejected_.size() + 1) {
        rejected_.insert(port_);  // maybe the diagnostics interface (EC25 if0 QCDM)
        ClosePort();
        return TryOpen();
      }
      return OnHung(outcome.reason);
  }
}

void ModemDriver::OnUrc(const Urc& urc) {
  if (state_ == State::kInitializing) init_.OnUrc(urc);
  if (urc.kind == UrcKind::kReady && state_ == State::kReady) {
    // Quectel/SIMCom rebooted on their own: settings are gone (docs/modem.md §4).
    GoDown("modem restarted (RDY)", true);
    state_ = State::kInitializing;
    init_.Start(port_, [this](InitOutcome outcome) { OnInitDone(std::move(outcome)); });
    init_.OnUrc(urc);
    return;
  }
  if (state_ != State::kReady) return;
  inbound_.OnUrc(urc);
  ussd_.OnUrc(urc);
  health_.OnUrc(urc);
}

void ModemDriver::OnPortClosed(const std::string& reason) {
  GoDown("port closed: " + reason, state_ == State::kReady);
  ClosePort();
  if (state_ == State::kStopped) return;
  if (reset_pending_) return;  // the reset's own port drop; its timer goes on
  state_ = State::kFinding;
  Retry(options_.reopen_poll);
}

void ModemDriver::OnHung(const std::string& reason) {
  GoDown(reason, state_ == State::kReady);
  ++failures_;
  ++counters_.resets;
  events_(ModemResetting{reason, failures_});
  ClosePort();
  reset_pending_ = true;
  state_ = State::kResetting;
  TryOpen();  // reopen the same port for AT+CFUN=1,1
}

void ModemDriver::SendReset() {
  channel_.WriteRaw("\x1B\r");
  AtCommand reset{"AT+CFUN=1,1", {}};
  reset.options.timeout = options_.probe_timeout;
  channel_.Run(Lane::kControl, std::move(reset), [this](const CommandDone&) {
    // Answered or not, the modem reboots (or is beyond help until someone
    // power-cycles it): close, give it time, then look for the port.
    boost::asio::post(io_, [this] {
      if (!reset_pending_) return;
      ClosePort();
      reset_pending_ = false;
      state_ = State::kFinding;
      const auto backoff = options_.reset_settle * (1 << std::min(failures_ - 1, 5));
      Retry(std::min(std::max(backoff, options_.reset_settle), options_.retry_max));
      Rearm();
    });
  });
}

void ModemDriver::GoDown(const std::string& reason, bool report) {
  init_.Abort();
  channel_.SetDataLanesOpen(false);
  inbound_.OnLost();
  outbound_.OnLost();
  ussd_.OnLost();
  health_.OnLost();
  if (report) {
    health_.set_last_error(reason);
    events_(ModemLost{reason});
  }
}

void ModemDriver::ClosePort() {
  if (!stream_) return;
  std::shared_ptr<ByteStream> stream = std::move(stream_);
  stream->Close();
  channel_.Attach(nullptr);  // cancels queued and in-flight commands
  // We may be inside the stream's own handler: let it unwind first.
  boost::asio::post(io_, [stream] {});
}

void ModemDriver::Retry(std::chrono::milliseconds after) { lifecycle_at_ = Clock::now() + after; }

void ModemDriver::EmitHealth() { events_(HealthUpdate{health()}); }

void ModemDriver::Rearm() {
  if (state_ == State::kStopped) return;
  std::optional<AtChannel::TimePoint> next = lifecycle_at_;
  auto consider = [&next](std::optional<AtChannel::TimePoint> t) {
    if (t && (!next || *t < *next)) next = t;
  };
  consider(channel_.NextDeadline());
  consider(init_.NextDeadline());
  consider(inbound_.NextDeadline());
  consider(ussd_.NextDeadline());
  consider(health_.NextDeadline());
  if (next == armed_) return;
  armed_ = next;
  ++timer_generation_;
  if (!next) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(std::max(*next, Clock::now()));
  const std::uint64_t generation = timer_generation_;
  timer_.async_wait([this, generation](const boost::system::error_code& ec) {
    if (ec || generation != timer_generation_) return;
    armed_.reset();
    OnTimer();
  });
}

void ModemDriver::OnTimer() {
  const auto now = Clock::now();
  if (lifecycle_at_ && now >= *lifecycle_at_) {
    lifecycle_at_.reset();
    if (!stream_ && state_ != State::kStopped) TryOpen();
  }
  channel_.Tick();
  init_.Tick(now);
  inbound_.Tick(now);
  ussd_.Tick(now);
  health_.Tick(now);
  Rearm();
}

std::string_view ModemStateName(ModemDriver::State state) {
  switch (state) {
    case ModemDriver::State::kStopped: return "stopped";
    case ModemDriver::State::kFinding: return "finding";
    case ModemDriver::State::kInitializing: return "initializing";
    case ModemDriver::State::kReady: return "ready";
    case ModemDriver::State::kResetting: return "resetting";
  }
  return "?";
}

}  // namespace smsdesk::modem
