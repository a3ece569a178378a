// SendGate: whether one modem may take messages from the outbox, after
// sends that failed for the modem's reasons rather than the message's
// (its network, its SMSC, its SIM's credit; modem/at_error_codes.h
// FailureScope). A circuit breaker with a probe:
//
//   open --failure--> degraded --probe passed--> trial --sent--> open
//                     ^   |   ^                    |
//                     +---+   +--------------------+
//               probe failed:     failure: degraded,
//               next look 2x      next look 2x later
//
// Degraded, it claims nothing and its messages wait for another modem or
// for it; it is looked at (registration and signal) probe_first after the
// failure, then after twice as long each time, up to probe_max. In trial
// it claims one message, one no modem failed on if there is one
// (store::ClaimScope::fresh_only), and only a message that leaves the
// modem ends the outage: with nothing to send it stays on trial, and the
// other modems do not wait for it. An outage of registration alone ends
// when the modem registers again.
//
// Pure: the caller passes the times in (steady for waits, Unix seconds for
// what people read), so the tests drive it without a clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace smsdesk::daemon {

struct GateOptions {
  std::chrono::seconds probe_first{30};
  std::chrono::seconds probe_max{300};
};

class SendGate {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { kOpen, kDegraded, kTrial };
  // Why the modem stopped: its sends failed for network reasons, the
  // network or the operator refused for credit, or it lost registration.
  enum class Cause { kNetwork, kCredit, kRegistration };

  explicit SendGate(GateOptions options = {}) : options_(options) {}

  // The modem could not send (or cannot: unregistered, no credit). Returns
  // true when this starts a new outage rather than continuing one.
  bool Fail(Cause cause, std::string reason, std::int64_t now_unix, Clock::time_point now);
  // Resumes an outage that was on record when the daemon started: trial at
  // once (the first message tests it), with its start and reason.
  void Resume(Cause cause, std::string reason, std::int64_t since_unix);
  // The look at the modem says it may work again. Registration back after
  // an outage of registration alone ends it (returns true); else trial.
  bool ProbePassed();
  // The look says it still cannot: degraded, next look twice as late.
  void ProbeFailed(std::string reason, Clock::time_point now);
  // A message left the modem: the outage, if any, is over. Returns its
  // start (Unix seconds) when one ended.
  std::optional<std::int64_t> Sent();

  State state() const { return state_; }
  bool in_outage() const { return since_.has_value(); }
  // Failures in this outage (sends, probes, readings): one may be a fluke,
  // a second one after a look is not.
  int failures() const { return failures_; }
  bool may_claim() const { return state_ != State::kDegraded; }
  Cause cause() const { return cause_; }
  const std::string& reason() const { return reason_; }
  std::optional<std::int64_t> since() const { return since_; }
  std::optional<Clock::time_point> next_probe() const { return next_probe_; }
  int looks() const { return looks_; }

 private:
  void Degrade(Clock::time_point now);

  GateOptions options_;
  State state_ = State::kOpen;
  Cause cause_ = Cause::kNetwork;
  std::string reason_;
  std::optional<std::int64_t> since_;
  std::optional<Clock::time_point> next_probe_;
  int looks_ = 0;  // waits so far in this outage: the next is probe_first * 2^looks
  int failures_ = 0;
};

const char* GateStateName(SendGate::State state);   // "ready", "degraded", "trial"
const char* GateCauseName(SendGate::Cause cause);   // "network", "credit", "registration"

}  // namespace smsdesk::daemon
