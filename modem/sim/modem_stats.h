// What a virtual modem counts for benchmarks: AT command lines received (in
// total and per command name) and a log of timed events on the simulator's
// own monotonic clock (std::chrono::steady_clock), e.g. each +CMTI emitted and
// each +CMGS answered, so that a benchmark can measure +CMTI -> reply +CMGS.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace smsdesk::sim {

struct ModemEvent {
  std::chrono::steady_clock::time_point time;
  std::string kind;        // "cmti", "cmt", "cmgs", "cms_error", "cds", "cdsi", "boot", "cusd",
                           // "network_down", "network_up"
  std::string message_id;  // the network's id of the SMS ("m12"), when known
  std::string memory;      // +CMTI/+CDSI memory
  int index = -1;          // +CMTI/+CDSI index
  std::string destination; // +CMGS: the SUBMIT's TP-DA
  std::string from;        // +CMTI/+CMT: the DELIVER's TP-OA
  std::string text_hash;   // +CMGS: FNV-1a of the part's text, 16 hex digits
  int mr = -1;             // +CMGS / +CDS: TP-MR
  int part = 0, parts = 0; // concatenation (0 when not concatenated)
  int code = 0;            // cms_error: the error code; network_down: what sends get
  std::string mode;        // network_down: "smsc" or "unregistered"

  ModemEvent& WithMessageId(std::string id) { message_id = std::move(id); return *this; }
  ModemEvent& WithMemory(std::string m) { memory = std::move(m); return *this; }
  ModemEvent& WithIndex(int i) { index = i; return *this; }
  ModemEvent& WithDestination(std::string d) { destination = std::move(d); return *this; }
  ModemEvent& WithFrom(std::string f) { from = std::move(f); return *this; }
  ModemEvent& WithMr(int m) { mr = m; return *this; }
  ModemEvent& WithCode(int c) { code = c; return *this; }
  ModemEvent& WithMode(std::string m) { mode = std::move(m); return *this; }
};

inline ModemEvent MakeEvent(std::chrono::steady_clock::time_point time, std::string kind) {
  ModemEvent e;
  e.time = time;
  e.kind = std::move(kind);
  return e;
}

struct ModemStats {
  static constexpr std::size_t kMaxEvents = 100'000;

  std::uint64_t command_lines = 0;
  std::map<std::string, std::uint64_t> commands;  // "+CMGS" -> 12
  std::deque<ModemEvent> events;
  std::uint64_t parts_sent = 0;
  std::uint64_t parts_received = 0;

  void Record(ModemEvent event) {
    if (events.size() >= kMaxEvents) events.pop_front();
    events.push_back(std::move(event));
  }
};

// 64-bit FNV-1a of `text` as 16 hex digits: a stable id for a message body.
std::string TextHash(std::string_view text);

}  // namespace smsdesk::sim
