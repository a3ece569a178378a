// Unsolicited result codes (URCs): recognising them by prefix.
//
// URCs arrive at any time: between commands, inside a command's response,
// between "> " and "+CMGS:", after OK (docs/modem.md §4). AtEngine routes every
// line through ClassifyUrc() unless it belongs to the command in flight.
// Some URCs continue on the next line(s); AtEngine assembles them:
//  - +CMT, +CDS, +CBM: the header line is followed by one PDU line (27.005 §3.4.1);
//  - +CUSD: the quoted string may contain CR LF (python-gsmmodem), or the modem
//    may break the line after the comma (obsy/sms_tool).
// Lines such as "+CMGS: 12" are command responses and are never URCs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smsdesk::modem {

enum class UrcKind {
  kCmti,        // +CMTI: "SM",3 — a message was stored (SIM7000G: "+CMTI: ,-1")
  kCmt,         // +CMT: ,23 + PDU line — a message delivered directly
  kCds,         // +CDS: 24 + PDU line — a status report (also "+CDS:25", ZTE "+CDS: ,25")
  kCdsi,        // +CDSI: "SM",3 — a status report was stored
  kCbm,         // +CBM: 88 + PDU line — cell broadcast
  kCusd,        // +CUSD: 0,"...",15 — USSD answer or network-initiated USSD
  kCreg,        // +CREG: 1,"84CD","00D30156"
  kCgreg,       // +CGREG: ...
  kCereg,       // +CEREG: ...
  kCpin,        // +CPIN: READY (printed at boot by SIMCom/Quectel)
  kCfun,        // +CFUN: 1 (printed at boot by SIMCom/Quectel)
  kRing,        // RING / +CRING: VOICE
  kClip,        // +CLIP: "+3161234",145
  kReady,       // RDY — Quectel after a reset: the modem rebooted (re-run init)
  kSmsReady,    // SMS Ready — SIM800, also mid-session (TinyGSM #537)
  kCallReady,   // Call Ready — SIM800
  kSmsMemoryFull,  // Huawei ^SMMEMFULL — +CMTI stops until storage is swept (chan-dongle #47)
  kHuaweiRssi,  // ^RSSI:
  kHuaweiMode,  // ^MODE:
  kHuaweiBoot,  // ^BOOT:
  kHuaweiDsflowrpt,  // ^DSFLOWRPT:
  kHuaweiSrvst,      // ^SRVST:
  kHuaweiSimst,      // ^SIMST:
  kHuaweiHcsq,       // ^HCSQ:
  kZteDonr,     // +ZDONR: (ZTE, also in the middle of AT+CMGS)
  kZtePasr,     // +ZPASR: (ZTE)
  kTelitStn,    // #STN: (Telit SIM toolkit)
  kOther,       // known vendor noise: ^CEND, +QIND, *PSUTTZ, +CIEV, +CTZV, ^SYSSTART...
};

// How a URC continues after its first line.
enum class UrcContinuation {
  kNone,
  kPduLine,     // exactly one more line: the PDU in hex
  kQuotedText,  // more lines until the quoted string closes (+CUSD)
};

// The URC kind of this line, or nullopt if it is not a known URC.
std::optional<UrcKind> ClassifyUrc(std::string_view line);

UrcContinuation ContinuationOf(UrcKind kind);

// For +CUSD: true while `text` is unfinished: an odd number of double quotes
// (the string goes on after a CR LF) or a trailing comma (line broken after
// the comma).
bool CusdNeedsMore(std::string_view text);

std::string_view UrcKindName(UrcKind kind);

// A complete URC as AtEngine reports it.
struct Urc {
  UrcKind kind = UrcKind::kOther;
  // The URC line; for a multi-line +CUSD, all lines joined (CR LF kept inside
  // the quoted string, nothing inserted after a broken comma).
  std::string line{};
  // The PDU line that followed +CMT/+CDS/+CBM, empty otherwise.
  std::string pdu{};
  // False when the continuation never came (timeout, or a final result or
  // another URC arrived first). The driver should then re-read storage.
  bool complete = true;

  friend bool operator==(const Urc&, const Urc&) = default;
};

}  // namespace smsdesk::modem
