#include "modem/io/at_channel.h"

#include <algorithm>
#include <utility>

namespace smsdesk::modem {
namespace {

// Makes control characters visible in traces: "AT+CMGS=23<CR>", "<^Z>".
std::string Printable(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    switch (c) {
      case '\r': out += "<CR>"; break;
      case '\n': out += "<LF>"; break;
      case '\x1A': out += "<^Z>"; break;
      case '\x1B': out += "<ESC>"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
          out += '.';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

AtChannel::AtChannel() = default;

void AtChannel::Attach(ByteStream* stream) {
  stream_ = stream;
  if (stream_) {
    last_heard_ = Clock::now();
    return;
  }
  engine_.CancelAll();
  // Queued commands that never reached the engine are cancelled too.
  for (auto& lane : lanes_) {
    for (auto& pending : std::exchange(lane, {})) {
      CommandDone done;
      done.command = pending.command.text;
      done.status = CommandStatus::kCancelled;
      if (pending.done) pending.done(done);
    }
  }
  Pump();
}

void AtChannel::SetDataLanesOpen(bool open) {
  data_lanes_open_ = open;
  Pump();
}

void AtChannel::Run(Lane lane, AtCommand command, DoneHandler done) {
  if (!stream_) {
    CommandDone cancelled;
    cancelled.command = command.text;
    cancelled.status = CommandStatus::kCancelled;
    if (done) done(cancelled);
    return;
  }
  lanes_[static_cast<std::size_t>(lane)].push_back(Pending{std::move(command), std::move(done)});
  Pump();
}

void AtChannel::WriteRaw(std::string_view bytes) {
  engine_.WriteRaw(bytes);
  Pump();
}

void AtChannel::Feed(std::string_view bytes) {
  last_heard_ = Clock::now();
  Trace("<--", bytes);
  engine_.Feed(bytes, Clock::now());
  Pump();
}

void AtChannel::Tick() {
  engine_.Tick(Clock::now());
  Pump();
}

bool AtChannel::idle() const {
  if (engine_.busy() || engine_.queued() > 0) return false;
  return std::all_of(lanes_.begin(), lanes_.end(), [](const auto& lane) { return lane.empty(); });
}

std::optional<AtChannel::Pending> AtChannel::NextPending() {
  auto take = [this](Lane lane) -> std::optional<Pending> {
    auto& queue = lanes_[static_cast<std::size_t>(lane)];
    if (queue.empty()) return std::nullopt;
    Pending pending = std::move(queue.front());
    queue.pop_front();
    return pending;
  };
  if (auto control = take(Lane::kControl)) return control;
  if (!data_lanes_open_) return std::nullopt;
  // Inbound before outbound: a received message or status report exists only
  // in the modem's small storage until it is read, while a message to send
  // waits safely in the outbox. Alternating would give a burst of sends (an
  // alert) one turn per read, and each report needs two (read and delete):
  // the storage would fill and the modem drop reports.
  if (auto pending = take(Lane::kInbound)) return pending;
  return take(Lane::kOutbound);
}

void AtChannel::Pump() {
  if (pumping_) return;  // the outer loop picks up what a handler queued
  pumping_ = true;
  for (bool progress = true; progress;) {
    progress = false;
    for (AtEvent& event : engine_.TakeEvents()) {
      progress = true;
      if (auto* done = std::get_if<CommandDone>(&event)) {
        if (done->status == CommandStatus::kTimedOut || done->status == CommandStatus::kPromptTimedOut) {
          ++timeouts_;
          Trace("!!", std::string(CommandStatusName(done->status)) + ": " + done->command);
        }
        auto it = handlers_.find(done->id);
        DoneHandler handler;
        if (it != handlers_.end()) {
          handler = std::move(it->second);
          handlers_.erase(it);
        }
        if (handler) handler(*done);
        if ((done->status == CommandStatus::kTimedOut || done->status == CommandStatus::kPromptTimedOut) && on_timeout_) {
          on_timeout_(*done);
        }
      } else if (auto* urc = std::get_if<Urc>(&event)) {
        if (on_urc_) on_urc_(*urc);
      } else {
        const auto& garbage = std::get<Garbage>(event);
        Trace("!!", std::string(GarbageReasonName(garbage.reason)) + ": " + Printable(garbage.line));
      }
    }
    // The next command only after every finished command's handler ran: a
    // handler queues its follow-up (a read's delete), which goes before
    // anything another lane queued meanwhile (NextPending's order).
    if (stream_ && !engine_.busy() && engine_.queued() == 0) {
      if (auto next = NextPending()) {
        const CommandId id = engine_.Submit(std::move(next->command));
        handlers_[id] = std::move(next->done);
        ++commands_;
        engine_.Tick(Clock::now());
        progress = true;  // the engine may have answered at once
      }
    }
    std::string output = engine_.TakeOutput();
    if (!output.empty()) {
      lines_written_ += static_cast<std::uint64_t>(std::count(output.begin(), output.end(), '\r'));
      Trace("-->", output);
      if (stream_) stream_->Write(output);
    }
    if (stream_ && !engine_.busy() && engine_.queued() == 0 &&
        (!lanes_[0].empty() || (data_lanes_open_ && (!lanes_[1].empty() || !lanes_[2].empty())))) {
      progress = true;
    }
  }
  pumping_ = false;
}

void AtChannel::Trace(std::string_view direction, std::string_view text) {
  if (!trace_) return;
  // The PIN in AT+CPIN="…" (and its echo), USSD strings: never in a trace.
  std::string redacted = direction == "-->"   ? to_modem_redactor_.Redact(text)
                         : direction == "<--" ? from_modem_redactor_.Redact(text)
                                              : RedactAtSecrets(text);
  trace_(direction, Printable(redacted));
}

}  // namespace smsdesk::modem
