#include "firmware-host/daemon/send_gate.h"

#include <algorithm>

namespace smsdesk::daemon {

bool SendGate::Fail(Cause cause, std::string reason, std::int64_t now_unix, Clock::time_point now) {
  const bool new_outage = !since_.has_value();
  if (new_outage) {
    since_ = now_unix;
    looks_ = failures_ = 0;
  }
  ++failures_;
  // Credit says more than a network error: keep it while the outage lasts
  // unless credit itself comes back (a probe passing clears it).
  if (new_outage || cause != Cause::kNetwork || cause_ == Cause::kRegistration) cause_ = cause;
  reason_ = std::move(reason);
  Degrade(now);
  return new_outage;
}

void SendGate::Resume(Cause cause, std::string reason, std::int64_t since_unix) {
  cause_ = cause;
  reason_ = std::move(reason);
  since_ = since_unix;
  looks_ = 0;
  failures_ = 1;
  next_probe_.reset();
  state_ = State::kTrial;
}

void SendGate::Degrade(Clock::time_point now) {
  state_ = State::kDegraded;
  const int doublings = std::min(looks_, 20);
  const auto wait = std::min<std::chrono::seconds>(options_.probe_first * (std::int64_t{1} << doublings),
                                                   options_.probe_max);
  next_probe_ = now + wait;
  ++looks_;
}

bool SendGate::ProbePassed() {
  if (!since_) return false;
  next_probe_.reset();
  if (cause_ == Cause::kRegistration) {
    state_ = State::kOpen;
    since_.reset();
    looks_ = 0;
    return true;
  }
  state_ = State::kTrial;
  return false;
}

void SendGate::ProbeFailed(std::string reason, Clock::time_point now) {
  reason_ = std::move(reason);
  ++failures_;
  Degrade(now);
}

std::optional<std::int64_t> SendGate::Sent() {
  const auto since = since_;
  state_ = State::kOpen;
  since_.reset();
  next_probe_.reset();
  looks_ = 0;
  return since;
}

const char* GateStateName(SendGate::State state) {
  switch (state) {
    case SendGate::State::kOpen: return "ready";
    case SendGate::State::kDegraded: return "degraded";
    case SendGate::State::kTrial: return "trial";
  }
  return "?";
}

const char* GateCauseName(SendGate::Cause cause) {
  switch (cause) {
    case SendGate::Cause::kNetwork: return "network";
    case SendGate::Cause::kCredit: return "credit";
    case SendGate::Cause::kRegistration: return "registration";
  }
  return "?";
}

}  // namespace smsdesk::daemon
