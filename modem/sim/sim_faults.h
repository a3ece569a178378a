// Fault injection for the virtual modem (MODEM.md §6): lost responses,
// garbage, a hung firmware, a reset with the port dropping, a busy SIM at
// boot and +CMS errors on a chosen send. Faults are parsed from the command
// line ("--fault 0:send-error:500:2") and from the control socket.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace smsdesk::sim {

enum class FaultKind {
  kDrop,       // no response at all to the next `count` command lines
  kGarbage,    // random bytes instead of the next `count` responses
  kHang,       // stop answering until a reset
  kReset,      // the port disappears and comes back after `delay`
  kSimBusy,    // AT+CPIN? answers +CME ERROR: 14 for the next `count` tries
  kSendError,  // the `nth` AT+CMGS from now answers +CMS ERROR: `code`
};

struct FaultSpec {
  FaultKind kind = FaultKind::kDrop;
  int count = 1;
  int code = 500;
  int nth = 1;
  std::chrono::milliseconds delay{1000};
};

// Kinds: "drop [N]", "garbage [N]", "hang", "reset [DELAY]", "sim-busy [N]",
// "send-error [CODE [NTH]]". DELAY like "1500ms", "2s" or bare milliseconds.
modem::Result<FaultSpec> ParseFault(std::string_view kind, const std::vector<std::string>& args);

// "KIND:ARG:ARG" as one string, the command-line form.
modem::Result<FaultSpec> ParseFaultString(std::string_view text);

const char* FaultKindName(FaultKind kind);

// "50ms", "3s", "1.5s", "2m", "250" (milliseconds).
modem::Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

// What the modem still has to do wrong; owned by one VirtualModem.
struct FaultState {
  int drop_next = 0;
  int garbage_next = 0;
  bool hung = false;
  int sim_busy_left = 0;
  int send_error_code = 0;
  int send_error_countdown = 0;  // 0: none armed; 1: the next send fails

  // kReset is carried out by the host (the port); Apply ignores it.
  void Apply(const FaultSpec& spec);
};

}  // namespace smsdesk::sim
