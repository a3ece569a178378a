#include "modem/at_engine.h"

#include <algorithm>
#include <utility>

#include "modem/at_text.h"

namespace smsdesk::modem {
namespace {

constexpr char kCtrlZ = '\x1A';  // ends the PDU after "> " (27.005 §3.5.1)
constexpr char kEsc = '\x1B';    // cancels a pending "> " (27.005 §3.5.1)

}  // namespace

std::string CommandDone::Response() const {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += "\r\n";
    text += line;
  }
  return text;
}

AtEngine::AtEngine(AtEngineOptions options)
    : options_(options), reader_(options.max_line_length) {}

CommandId AtEngine::Submit(AtCommand command) {
  const CommandId id = next_id_++;
  queue_.push_back(QueuedCommand{id, std::move(command)});
  return id;
}

void AtEngine::Feed(std::string_view bytes, TimePoint now) {
  Feed(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
       now);
}

void AtEngine::Feed(std::span<const std::uint8_t> bytes, TimePoint now) {
  lines_.clear();
  reader_.Feed(bytes, lines_);
  for (const AtLine& line : lines_) {
    switch (line.kind) {
      case AtLine::Kind::kLine: OnLine(line.text, now); break;
      case AtLine::Kind::kPrompt: OnPrompt(now); break;
      case AtLine::Kind::kGarbage: AddGarbage(GarbageReason::kOverlong, line.text); break;
    }
  }
  // Some firmware ends the prompt without the space; accept a bare ">" at the
  // start of a line, but only while a command waits for the prompt.
  if (in_flight_ && in_flight_->phase == Phase::kAwaitPrompt && reader_.partial() == ">") {
    reader_.ClearPartial();
    OnPrompt(now);
  }
  Tick(now);
}

void AtEngine::Tick(TimePoint now) {
  if (pending_urc_ && now >= pending_urc_->deadline) FinishUrc(false);
  if (in_flight_ && now >= in_flight_->deadline) {
    if (in_flight_->phase == Phase::kAwaitPrompt) {
      // Leave the modem's text-entry mode, or it swallows the next commands.
      output_ += kEsc;
      Complete(CommandStatus::kPromptTimedOut, FinalResult{});
    } else {
      Complete(CommandStatus::kTimedOut, FinalResult{});
    }
  }
  StartNext(now);
}

std::string AtEngine::TakeOutput() { return std::exchange(output_, {}); }

std::vector<AtEvent> AtEngine::TakeEvents() { return std::exchange(events_, {}); }

std::optional<AtEngine::TimePoint> AtEngine::NextDeadline() const {
  if (!in_flight_ && !queue_.empty()) return TimePoint::min();
  std::optional<TimePoint> deadline;
  if (in_flight_) deadline = in_flight_->deadline;
  if (pending_urc_) {
    deadline = deadline ? std::min(*deadline, pending_urc_->deadline) : pending_urc_->deadline;
  }
  return deadline;
}

void AtEngine::CancelAll() {
  if (pending_urc_) FinishUrc(false);
  if (in_flight_) Complete(CommandStatus::kCancelled, FinalResult{});
  while (!queue_.empty()) {
    QueuedCommand queued = std::move(queue_.front());
    queue_.pop_front();
    CommandDone done;
    done.id = queued.id;
    done.command = std::move(queued.command.text);
    done.status = CommandStatus::kCancelled;
    events_.emplace_back(std::move(done));
  }
  reader_.ClearPartial();
}

void AtEngine::WriteRaw(std::string_view bytes) { output_ += bytes; }

void AtEngine::OnLine(std::string_view raw, TimePoint now) {
  const std::string_view line = TrimAt(raw);
  if (line.empty()) return;
  if (pending_urc_ && ContinueUrc(raw)) return;
  if (in_flight_ && IsEcho(line)) return;
  if (auto final = ClassifyFinal(line)) {
    if (in_flight_) {
      Complete(CommandStatus::kCompleted, std::move(*final));
    } else {
      AddGarbage(GarbageReason::kStrayFinal, line);
    }
    return;
  }
  if (in_flight_) {
    InFlight& command = *in_flight_;
    const bool pdu_line = command.expect_pdu_line && IsHexString(line);
    command.expect_pdu_line = false;
    if (pdu_line) {
      AddResponseLine(line);
      return;
    }
    const std::string& prefix = command.command.options.response_prefix;
    if (!prefix.empty() && StartsWithNoCase(line, prefix) && !StartsWithNoCase(line, "+CUSD:")) {
      AddResponseLine(line);
      command.expect_pdu_line = command.command.options.pdu_lines;
      return;
    }
  }
  if (const auto kind = ClassifyUrc(line)) {
    StartUrc(*kind, line, now);
    return;
  }
  if (in_flight_ && in_flight_->command.options.free_form) {
    AddResponseLine(line);
    return;
  }
  AddGarbage(in_flight_ ? GarbageReason::kUnexpectedLine : GarbageReason::kNoCommand, line);
}

void AtEngine::OnPrompt(TimePoint now) {
  if (pending_urc_) FinishUrc(false);
  if (in_flight_ && in_flight_->phase == Phase::kAwaitPrompt) {
    output_ += in_flight_->command.options.pdu;
    output_ += kCtrlZ;
    in_flight_->phase = Phase::kAwaitFinal;
    in_flight_->deadline = now + in_flight_->command.options.timeout;
    return;
  }
  // Nobody asked for a PDU: cancel, or the modem takes our next command as one.
  output_ += kEsc;
  AddGarbage(GarbageReason::kStrayPrompt, "> ");
}

bool AtEngine::IsEcho(std::string_view line) const {
  const AtCommand& command = in_flight_->command;
  if (EqualsNoCase(line, TrimAt(command.text))) return true;
  return in_flight_->phase == Phase::kAwaitFinal && !command.options.pdu.empty() &&
         EqualsNoCase(line, TrimAt(command.options.pdu));
}

void AtEngine::AddResponseLine(std::string_view line) {
  if (in_flight_->lines.size() >= options_.max_response_lines) {
    AddGarbage(GarbageReason::kTooManyLines, line);
    return;
  }
  in_flight_->lines.emplace_back(line);
}

void AtEngine::StartUrc(UrcKind kind, std::string_view line, TimePoint now) {
  Urc urc{kind, std::string(line), {}, true};
  const UrcContinuation continuation = ContinuationOf(kind);
  const bool more = continuation == UrcContinuation::kPduLine ||
                    (continuation == UrcContinuation::kQuotedText && CusdNeedsMore(line));
  if (!more) {
    events_.emplace_back(std::move(urc));
    return;
  }
  pending_urc_ = PendingUrc{std::move(urc), continuation, now + options_.urc_continuation_timeout, 1};
}

// Returns true when the line was taken by the pending URC.
bool AtEngine::ContinueUrc(std::string_view raw) {
  PendingUrc& pending = *pending_urc_;
  const std::string_view line = TrimAt(raw);
  if (pending.continuation == UrcContinuation::kPduLine) {
    if (!IsHexString(line)) {
      FinishUrc(false);
      return false;
    }
    pending.urc.pdu = std::string(line);
    FinishUrc(true);
    return true;
  }
  // A final result or another URC means the string never closed; don't let a
  // stray quote swallow the rest of the session.
  if (ClassifyFinal(line) || ClassifyUrc(line)) {
    FinishUrc(false);
    return false;
  }
  std::string& text = pending.urc.line;
  // Inside an open quote the CR LF is part of the USSD text; after a broken
  // comma (obsy/sms_tool) it is not.
  std::size_t quotes = std::count(text.begin(), text.end(), '"');
  if (quotes % 2 == 1) {
    text += "\r\n";
    text += raw;
  } else {
    text += line;
  }
  ++pending.lines;
  if (!CusdNeedsMore(text)) {
    FinishUrc(true);
  } else if (pending.lines >= options_.max_urc_lines || text.size() >= options_.max_line_length) {
    FinishUrc(false);
  }
  return true;
}

void AtEngine::FinishUrc(bool complete) {
  Urc urc = std::move(pending_urc_->urc);
  pending_urc_.reset();
  urc.complete = complete;
  events_.emplace_back(std::move(urc));
}

void AtEngine::Complete(CommandStatus status, FinalResult final) {
  CommandDone done;
  done.id = in_flight_->id;
  done.command = std::move(in_flight_->command.text);
  done.status = status;
  done.final = std::move(final);
  done.lines = std::move(in_flight_->lines);
  done.payload_written = in_flight_->phase == Phase::kAwaitFinal;
  in_flight_.reset();
  events_.emplace_back(std::move(done));
}

void AtEngine::StartNext(TimePoint now) {
  if (in_flight_ || queue_.empty()) return;
  QueuedCommand next = std::move(queue_.front());
  queue_.pop_front();
  output_ += next.command.text;
  output_ += '\r';
  const bool wants_prompt = !next.command.options.pdu.empty();
  const auto wait = wants_prompt ? next.command.options.prompt_timeout : next.command.options.timeout;
  in_flight_ = InFlight{next.id, std::move(next.command),
                        wants_prompt ? Phase::kAwaitPrompt : Phase::kAwaitFinal, now + wait, {}, false};
}

void AtEngine::AddGarbage(GarbageReason reason, std::string_view line) {
  ++garbage_count_;
  events_.emplace_back(Garbage{reason, std::string(line)});
}

std::string_view CommandStatusName(CommandStatus status) {
  switch (status) {
    case CommandStatus::kCompleted: return "completed";
    case CommandStatus::kTimedOut: return "timed out";
    case CommandStatus::kPromptTimedOut: return "prompt timed out";
    case CommandStatus::kCancelled: return "cancelled";
  }
  return "?";
}

std::string_view GarbageReasonName(GarbageReason reason) {
  switch (reason) {
    case GarbageReason::kNoCommand: return "no command in flight";
    case GarbageReason::kUnexpectedLine: return "unexpected line";
    case GarbageReason::kStrayFinal: return "stray final result";
    case GarbageReason::kStrayPrompt: return "stray prompt";
    case GarbageReason::kOverlong: return "overlong line";
    case GarbageReason::kTooManyLines: return "too many response lines";
  }
  return "?";
}

}  // namespace smsdesk::modem
