// Fault injection for the virtual modem (docs/modem.md §6): lost responses,
// garbage, a hung firmware, a reset with the port dropping, a busy SIM at
// boot, +CMS errors on a chosen send and network outages. Faults are parsed
// from the command line ("--fault 0:send-error:500:2") and from the control
// socket.
#pragma once

#include <chrono>
#include <optional>
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
  kOutage,     // the SMSC fails: registered, every AT+CMGS answers +CMS ERROR: `code`
  kNoNetwork,  // no network at all (OutageMode::kUnregistered), sends refused with `code`
};

// How the network around a modem fails during an outage. The network is
// outside the modem: an outage outlives the modem's resets.
enum class OutageMode {
  kSmsc,          // still registered with signal, but the SMSC refuses every send
  kUnregistered,  // not registered (searching), no signal, no network service
};
std::optional<OutageMode> ParseOutageMode(std::string_view name);  // "smsc", "unregistered"
const char* OutageModeName(OutageMode mode);
// What AT+CMGS answers in an outage unless told otherwise: 500 (unknown
// error, what a failing SMSC's RP-ERROR usually becomes) or 331 (no network
// service, 27.005 §3.2.5).
int DefaultOutageError(OutageMode mode);
// Outages end by themselves after at most this long (keeps clock arithmetic far from overflow).
constexpr std::chrono::milliseconds kMaxOutage = std::chrono::hours(24 * 365);

struct FaultSpec {
  FaultKind kind = FaultKind::kDrop;
  int count = 1;
  int code = 500;
  int nth = 1;
  std::chrono::milliseconds delay{1000};
  // kOutage, kNoNetwork: the network comes back by itself after this long;
  // none: when the control socket says "up".
  std::optional<std::chrono::milliseconds> duration;
};

// Kinds: "drop [N]", "garbage [N]", "hang", "reset [DELAY]", "sim-busy [N]",
// "send-error [CODE [NTH]]", "outage [CODE [DURATION]]" (CODE 1..999, default
// 500), "no-network [DURATION]". DELAY and DURATION like "1500ms", "2s",
// "10m" or bare milliseconds.
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

  // kReset is carried out by the host (the port), kOutage and kNoNetwork by
  // the modem's network state (VirtualModem::NetworkDown); Apply ignores them.
  void Apply(const FaultSpec& spec);
};

}  // namespace smsdesk::sim
