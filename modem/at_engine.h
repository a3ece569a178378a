// AtEngine: the AT protocol state machine, with no I/O and no clock.
//
// The driver feeds it what the port read and the current time; it answers
// with bytes to write, events and its next deadline. One command is in flight
// at a time (a modem blocks during AT+CMGS, docs/modem.md §4); the rest wait in a
// FIFO queue. A driver loop is:
//
//   engine.Submit(AtCommand{"AT+CSQ", {.timeout = 10s, .response_prefix = "+CSQ:"}});
//   engine.Tick(now);                   // starts the command (Submit only queues)
//   on read:  engine.Feed(bytes, now);
//   on timer: engine.Tick(now);
//   after either: write engine.TakeOutput(); handle engine.TakeEvents();
//                 re-arm the timer at engine.NextDeadline().
//
// Line routing, in order (docs/modem.md §4 "route lines by prefix"):
//  1. a URC waiting for its continuation (+CMT/+CDS PDU line, multi-line
//     +CUSD) takes the line;
//  2. the echo of the command in flight — also duplicated (gammu #1069), and
//     the echoed PDU after "> " (gammu #355) — is dropped;
//  3. a final result (at_result.h) completes the command in flight;
//  4. a line with the command's response_prefix, and the PDU line after it when
//     pdu_lines is set, is a response line;
//  5. a line with a known URC prefix is a URC, even mid-command and between
//     "> " and "+CMGS:" (ZTE +ZDONR); "+CUSD:" is always a URC;
//  6. any other line is a response line of a free_form command, else Garbage.
// A command's lines are never taken from bytes that arrived in the same Feed
// as the final result of the previous command, because the next command is
// only written once the whole read has been processed.
//
// Not thread-safe: one engine per port, used from the port's strand.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "modem/at_command.h"
#include "modem/at_events.h"
#include "modem/at_line_reader.h"
#include "modem/at_result.h"
#include "modem/at_urc.h"

namespace smsdesk::modem {

struct AtEngineOptions {
  // How long a URC may wait for its continuation line(s) before it is reported
  // incomplete (+CMT header without PDU, unterminated +CUSD string).
  std::chrono::milliseconds urc_continuation_timeout = std::chrono::seconds{2};
  std::size_t max_response_lines = 4096;  // AT+CMGL of 255 messages needs 511
  std::size_t max_line_length = AtLineReader::kDefaultMaxLineLength;
  std::size_t max_urc_lines = 16;         // a multi-line +CUSD
};

class AtEngine {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit AtEngine(AtEngineOptions options = {});

  // Queues a command; it is written by the next Tick() or Feed().
  CommandId Submit(AtCommand command);
  // Bytes read from the port at `now`.
  void Feed(std::span<const std::uint8_t> bytes, TimePoint now);
  void Feed(std::string_view bytes, TimePoint now);
  // Handles deadlines that passed by `now` and starts a queued command.
  void Tick(TimePoint now);

  // Bytes to write to the port (commands + CR, PDU + Ctrl-Z, ESC), then cleared.
  std::string TakeOutput();
  // Events since the last call, in order.
  std::vector<AtEvent> TakeEvents();
  // When Tick() must be called next; TimePoint::min() means "now" (a command
  // is queued and nothing is in flight); nullopt means no deadline.
  std::optional<TimePoint> NextDeadline() const;

  // Fails the command in flight and all queued ones with kCancelled, reports a
  // half-assembled URC as incomplete and forgets any partial line. For a port
  // that closed or re-enumerated (Quectel "RDY", docs/modem.md §4).
  void CancelAll();
  // Bytes to write as they are, e.g. ESC CR before the init sequence (docs/modem.md §1).
  void WriteRaw(std::string_view bytes);

  bool busy() const { return in_flight_.has_value(); }
  std::size_t queued() const { return queue_.size(); }
  std::uint64_t garbage_count() const { return garbage_count_; }

 private:
  enum class Phase { kAwaitPrompt, kAwaitFinal };
  struct InFlight {
    CommandId id;
    AtCommand command;
    Phase phase;
    TimePoint deadline;
    std::vector<std::string> lines;
    bool expect_pdu_line = false;
  };
  struct QueuedCommand {
    CommandId id;
    AtCommand command;
  };
  struct PendingUrc {
    Urc urc;
    UrcContinuation continuation;
    TimePoint deadline;
    std::size_t lines = 1;
  };

  void OnLine(std::string_view raw, TimePoint now);
  void OnPrompt(TimePoint now);
  bool ContinueUrc(std::string_view raw);
  void StartUrc(UrcKind kind, std::string_view line, TimePoint now);
  void FinishUrc(bool complete);
  bool IsEcho(std::string_view line) const;
  void AddResponseLine(std::string_view line);
  void Complete(CommandStatus status, FinalResult final);
  void StartNext(TimePoint now);
  void AddGarbage(GarbageReason reason, std::string_view line);

  AtEngineOptions options_;
  AtLineReader reader_;
  std::deque<QueuedCommand> queue_;
  std::optional<InFlight> in_flight_;
  std::optional<PendingUrc> pending_urc_;
  std::string output_;
  std::vector<AtEvent> events_;
  std::vector<AtLine> lines_;  // scratch, reused across Feed calls
  CommandId next_id_ = 1;
  std::uint64_t garbage_count_ = 0;
};

}  // namespace smsdesk::modem
