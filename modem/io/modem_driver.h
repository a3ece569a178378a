// ModemDriver: one GSM modem, from finding its port to delivering its SMS.
//
//   finding -> initializing -> ready -> (port lost | hung | RDY) -> resetting
//      ^                                                              |
//      +-------------- poll for the port every reopen_poll -----------+
//
// All on one io_context, no threads, no busy polling: one steady_timer is
// re-armed at the earliest of the AT engine's deadline, the next sweep,
// probe, backoff or port poll. Many drivers may share the io_context.
//
// The application gives it a PortOpener (SystemPortOpener for real ports), a
// durable InboundSink and an EventHandler, then calls Start(). Every inbound
// PDU goes to the sink and is deleted from the modem only after the sink
// returned true. Send()/StartUssd() may be called at any time; sends wait
// while the modem is away. Events (driver_types.h): ModemReady, ModemLost,
// ModemResetting, HealthUpdate, InboundStored, StatusReport, UssdNotification.
// Callbacks and events run on the io_context; do not destroy the driver
// from inside one.
//
// Hangs: a command that times out triggers an AT+CSQ probe; probes that go
// unanswered close and reopen the port, send AT+CFUN=1,1, close it again,
// wait reset_settle and look for the port (by the same selector: a by-id
// path, USB VID:PID:interface, USB serial, or IMEI after probing), then run
// the full init again (AT+CPMS included). A read error/EOF (USB unplugged,
// re-enumeration) goes straight to looking for the port.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "modem/io/at_channel.h"
#include "modem/io/byte_stream.h"
#include "modem/io/driver_options.h"
#include "modem/io/driver_types.h"
#include "modem/io/health.h"
#include "modem/io/inbound.h"
#include "modem/io/init_sequence.h"
#include "modem/io/outbound.h"
#include "modem/io/ussd_session.h"

namespace smsdesk::modem {

class ModemDriver {
 public:
  enum class State { kStopped, kFinding, kInitializing, kReady, kResetting };

  ModemDriver(boost::asio::io_context& io, PortOpener& opener, ModemDriverOptions options, InboundSink sink,
              EventHandler events);
  ~ModemDriver();
  ModemDriver(const ModemDriver&) = delete;
  ModemDriver& operator=(const ModemDriver&) = delete;

  void Start();
  // Closes the port; queued sends fail with "driver stopped".
  void Stop();

  void Send(OutboundPdu pdu, SendCallback done);
  // Sends queued but not yet written come back, withdrawn (their callbacks
  // run now), so another modem can take them; the send at the modem ends
  // as it ends.
  void WithdrawQueuedSends(const std::string& reason) { outbound_.Withdraw(reason); }
  void StartUssd(std::string code, UssdCallback done);
  void RespondUssd(std::string text, UssdCallback done);
  void CancelUssd();
  // Registration and signal now (health.h); answered = false when the
  // modem is not ready.
  void ProbeNetwork(NetworkProbeCallback done) { health_.ProbeNetwork(std::move(done)); }
  // Lists every memory now (an operator asked, or the daemon restarted a sink).
  void SweepNow();

  State state() const { return state_; }
  const ModemInfo& info() const { return info_; }
  Health health() const;
  // True when nothing is queued, in flight or being read (for tests and
  // `smsdesk modem` one-shot commands).
  bool idle() const;
  std::uint64_t lines_written() const { return channel_.lines_written(); }
  // AT traffic for --verbose (may show numbers and PDUs: debug only).
  void set_trace(AtChannel::TraceHandler trace) { channel_.set_trace(std::move(trace)); }

 private:
  void TryOpen();
  void OnInitDone(InitOutcome outcome);
  void OnUrc(const Urc& urc);
  void OnPortClosed(const std::string& reason);
  void OnHung(const std::string& reason);
  void SendReset();
  void GoDown(const std::string& reason, bool report);
  void ClosePort();
  void Retry(std::chrono::milliseconds after);
  void EmitHealth();
  void Rearm();
  void OnTimer();

  boost::asio::io_context& io_;
  PortOpener& opener_;
  ModemDriverOptions options_;
  EventHandler events_;
  AtChannel channel_;
  InitSequence init_;
  Inbound inbound_;
  Outbound outbound_;
  UssdSession ussd_;
  HealthMonitor health_;
  boost::asio::steady_timer timer_;
  std::optional<AtChannel::TimePoint> armed_, lifecycle_at_;
  std::uint64_t timer_generation_ = 0;
  std::shared_ptr<ByteStream> stream_;
  std::string port_;
  std::set<std::string> rejected_;  // candidates that were not our modem this round
  State state_ = State::kStopped;
  ModemInfo info_{};
  bool reset_pending_ = false;
  int failures_ = 0;
  HealthCounters counters_{};
};

std::string_view ModemStateName(ModemDriver::State state);

}  // namespace smsdesk::modem
