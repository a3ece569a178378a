// Test harness for AtEngine: replays reads against a fake time that only the
// test advances, and renders events as one-line strings so that transcript
// tables can state exactly what must happen.
#pragma once

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "modem/at_engine.h"

namespace smsdesk::modem {

struct TranscriptCase {
  std::string name;
  std::vector<AtCommand> commands;  // submitted up front, in order
  std::vector<std::string> reads;   // bytes from the port, one entry per read
  std::string written;              // everything the engine must write
  std::vector<std::string> events;  // Describe() of each event, in order
};

// "done AT+CSQ OK | +CSQ: 9,0", "urc +CMT +CMT: ,23 | 0791...",
// "garbage unexpected line: what".
inline std::string Describe(const AtEvent& event) {
  if (const auto* done = std::get_if<CommandDone>(&event)) {
    std::string out = "done " + done->command + " ";
    out += done->status == CommandStatus::kCompleted ? DescribeFinal(done->final)
                                                     : std::string(CommandStatusName(done->status));
    for (const auto& line : done->lines) out += " | " + line;
    return out;
  }
  if (const auto* urc = std::get_if<Urc>(&event)) {
    std::string out = "urc " + std::string(UrcKindName(urc->kind)) + " " + urc->line;
    if (!urc->pdu.empty()) out += " | " + urc->pdu;
    if (!urc->complete) out += " (incomplete)";
    return out;
  }
  const auto& garbage = std::get<Garbage>(event);
  return "garbage " + std::string(GarbageReasonName(garbage.reason)) + ": " + garbage.line;
}

struct Harness {
  AtEngine engine;
  AtEngine::TimePoint now = AtEngine::TimePoint{} + std::chrono::hours{1};
  std::string written;
  std::vector<std::string> events;
  std::vector<AtEvent> raw_events;

  void Drain() {
    written += engine.TakeOutput();
    for (auto& event : engine.TakeEvents()) {
      events.push_back(Describe(event));
      raw_events.push_back(std::move(event));
    }
  }
  void Advance(std::chrono::milliseconds by) {
    now += by;
    engine.Tick(now);
    Drain();
  }
  void Read(std::string_view bytes) {
    engine.Feed(bytes, now);
    Drain();
  }
  std::vector<std::string> Replay(const TranscriptCase& c, bool byte_by_byte) {
    for (const AtCommand& command : c.commands) engine.Submit(command);
    Advance(std::chrono::milliseconds{0});
    for (const std::string& read : c.reads) {
      now += std::chrono::milliseconds{15};
      if (byte_by_byte) {
        for (const char byte : read) Read(std::string_view(&byte, 1));
      } else {
        Read(read);
      }
    }
    return events;
  }
};

}  // namespace smsdesk::modem
