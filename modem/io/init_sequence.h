// InitSequence: docs/modem.md §1 as data. A table of steps, each an AT command (or
// a wait) plus a handler that says what comes next: the next step, the same
// step again (a fallback form such as AT+CMEE=2 or the next AT+CNMI
// candidate), the same step after a delay (SIM busy backoff, AT+CMGF retry),
// or failure. Runs on the channel's control lane.
//
// Owned by ModemDriver; used on its io_context only.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modem/io/at_channel.h"
#include "modem/io/driver_options.h"
#include "modem/io/driver_types.h"
#include "modem/ussd_codec.h"

namespace smsdesk::modem {

enum class InitFailure {
  kNone,
  kNoAnswer,     // the port is silent or talks garbage: wrong interface, hung modem
  kWrongDevice,  // answered, but the IMEI is not the one the selector names
  kSim,          // SIM missing, PIN needed without a configured PIN, PUK: an operator must act
  kCancelled,    // the port went away
};

struct InitOutcome {
  InitFailure failure = InitFailure::kNone;
  std::string reason{};
  ModemInfo info{};
  TeCharset charset = TeCharset::kGsm;
  bool csq_query_form = false;    // AT+CSQ failed, AT+CSQ? works (ModemManager)
  bool ussd_packed_first = false;  // Huawei: packed GSM-7 hex for AT+CUSD
  bool ok() const { return failure == InitFailure::kNone; }
};

class InitSequence {
 public:
  using TimePoint = AtChannel::TimePoint;
  using DoneHandler = std::function<void(InitOutcome)>;

  InitSequence(AtChannel& channel, const ModemDriverOptions& options);
  ~InitSequence();

  // Writes ESC CR, then runs the steps. `port` goes into ModemInfo.
  void Start(const std::string& port, DoneHandler done);
  void Abort();
  bool running() const { return running_; }

  // RDY / SMS Ready / +CPIN: READY while initializing (SIMCom, Quectel).
  void OnUrc(const Urc& urc);
  std::optional<TimePoint> NextDeadline() const { return wake_at_; }
  void Tick(TimePoint now);

  struct State;  // the steps' shared scratch (init_sequence.cpp)

 private:
  void RunStep();
  void OnDone(const CommandDone& done);
  void Finish(InitFailure failure, std::string reason);

  AtChannel& channel_;
  const ModemDriverOptions& options_;
  std::unique_ptr<State> state_;
  std::size_t step_ = 0;
  bool running_ = false;
  std::uint64_t generation_ = 0;  // drops handlers of an aborted run
  std::optional<TimePoint> wake_at_;
  DoneHandler done_;
};

}  // namespace smsdesk::modem
