// What AtEngine reports: a finished command, a URC, or a line it could not
// place (Garbage, counted, never fatal). See at_engine.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "modem/at_result.h"
#include "modem/at_urc.h"

namespace smsdesk::modem {

using CommandId = std::uint64_t;

enum class CommandStatus {
  kCompleted,       // a final result arrived (OK or an error): see `final`
  kTimedOut,        // no final result before the timeout
  kPromptTimedOut,  // no "> " before prompt_timeout; ESC was written
  kCancelled,       // CancelAll() (port closed or reopened)
};

struct CommandDone {
  CommandId id = 0;
  std::string command{};  // the command text as submitted
  CommandStatus status = CommandStatus::kCompleted;
  FinalResult final{};  // meaningful when status == kCompleted
  // Response lines in arrival order, PDU lines included. Kept on timeout too:
  // Wavecom answers AT+CPIN? without OK (docs/modem.md §1).
  std::vector<std::string> lines{};
  // The command was written, and for a two-step command (AT+CMGS) its
  // payload too: false for one cancelled in the queue or while it waited for
  // the "> " prompt, which therefore cannot have acted.
  bool payload_written = false;

  bool ok() const { return status == CommandStatus::kCompleted && final.ok(); }
  // The lines joined with CR LF, the input of the Parse*Response functions.
  std::string Response() const;
};

enum class GarbageReason {
  kNoCommand,        // a line that is not a URC while no command is in flight
  kUnexpectedLine,   // a line the command in flight does not expect
  kStrayFinal,       // a final result with no command in flight (late OK)
  kStrayPrompt,      // "> " that no command asked for; ESC was written
  kOverlong,         // a line longer than the reader's bound, cut
  kTooManyLines,     // a response beyond max_response_lines
};

struct Garbage {
  GarbageReason reason = GarbageReason::kNoCommand;
  std::string line{};
};

using AtEvent = std::variant<CommandDone, Urc, Garbage>;

std::string_view CommandStatusName(CommandStatus status);
std::string_view GarbageReasonName(GarbageReason reason);

}  // namespace smsdesk::modem
