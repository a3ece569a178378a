// AtChannel: the AtEngine wired to a ByteStream, with one completion handler
// per command and three lanes: control (init, probes, USSD) goes first, then
// inbound (reads, deletes, sweeps), then outbound (sends). What the modem
// stores must be read before its storage fills, and reads end when the
// network stops delivering; a burst of sends (an alert) never starves them.
// One command is in the engine at a time (docs/modem.md §4: CMGS blocks the port).
//
// Owned by ModemDriver; used on its io_context only. Handlers may call Run().
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "modem/at_engine.h"
#include "modem/io/at_redactor.h"
#include "modem/io/byte_stream.h"

namespace smsdesk::modem {

enum class Lane { kControl, kInbound, kOutbound };

class AtChannel {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;
  using DoneHandler = std::function<void(const CommandDone&)>;
  using UrcHandler = std::function<void(const Urc&)>;
  // Direction ("-->", "<--", "!!") and text, for --verbose traces; PINs and
  // USSD strings are already hidden (at_redactor.h).
  using TraceHandler = std::function<void(std::string_view, std::string_view)>;

  AtChannel();

  void set_urc_handler(UrcHandler handler) { on_urc_ = std::move(handler); }
  void set_trace(TraceHandler trace) { trace_ = std::move(trace); }
  // Every command that timed out (also waiting for "> "), for hang detection.
  void set_timeout_handler(DoneHandler handler) { on_timeout_ = std::move(handler); }

  // Connects the stream (not owned) or, with nullptr, disconnects it: every
  // queued and in-flight command completes as kCancelled.
  void Attach(ByteStream* stream);
  // Closed lanes keep their commands queued until reopened (inbound and
  // outbound wait while the modem initializes).
  void SetDataLanesOpen(bool open);

  void Run(Lane lane, AtCommand command, DoneHandler done);
  // Bytes as they are (ESC CR before init).
  void WriteRaw(std::string_view bytes);

  void Feed(std::string_view bytes);  // from the stream
  void Tick();                        // at NextDeadline()
  std::optional<TimePoint> NextDeadline() const { return engine_.NextDeadline(); }

  TimePoint last_heard() const { return last_heard_; }
  bool idle() const;
  std::uint64_t lines_written() const { return lines_written_; }
  std::uint64_t garbage() const { return engine_.garbage_count(); }
  std::uint64_t commands() const { return commands_; }
  std::uint64_t timeouts() const { return timeouts_; }

 private:
  struct Pending {
    AtCommand command;
    DoneHandler done;
  };
  void Pump();
  std::optional<Pending> NextPending();
  void Trace(std::string_view direction, std::string_view text);

  AtEngine engine_;
  ByteStream* stream_ = nullptr;
  std::array<std::deque<Pending>, 3> lanes_;
  std::map<CommandId, DoneHandler> handlers_;
  bool data_lanes_open_ = false;
  bool pumping_ = false;
  UrcHandler on_urc_;
  TraceHandler trace_;
  AtRedactor to_modem_redactor_, from_modem_redactor_;  // each direction's lines, split across reads
  DoneHandler on_timeout_;
  TimePoint last_heard_ = Clock::now();
  std::uint64_t lines_written_ = 0, commands_ = 0, timeouts_ = 0;
};

}  // namespace smsdesk::modem
