// What the modem driver hands to the application and takes from it: inbound
// PDUs for the durable sink, outbound PDUs with their results, USSD screens,
// the modem's identity and health, and the events of its life (a small
// variant). See modem_driver.h for the driver itself.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "modem/at_error_codes.h"
#include "modem/at_parsers.h"

namespace smsdesk::modem {

enum class InboundVia { kCmti, kCmt, kSweep, kCdsi, kCds };
std::string_view InboundViaName(InboundVia via);  // "cmti", "cmt", "sweep", "cdsi", "cds"

// One PDU read from the modem: an SMS-DELIVER part or a status report.
struct InboundPdu {
  std::string modem_id{};
  std::string memory{};  // "SM", "ME"…; empty for +CMT/+CDS (never stored)
  int index = -1;        // -1 for +CMT/+CDS
  std::string pdu{};     // hex as the modem printed it, SMSC included
  InboundVia via = InboundVia::kSweep;
};

// Hash of the TPDU (the PDU without its SMSC field), the key that tells a
// part read twice (restart, +CMT plus stored copy) from a new one. FNV-1a 64
// over the upper-case hex; stable across versions (docs/design.md durability).
std::uint64_t PduFingerprint(std::string_view pdu_hex);

// Returns only once the PDU is durably stored (committed), true on success.
// The driver deletes the modem's copy only after true; after false it keeps
// the copy and offers it again on a later sweep.
using InboundSink = std::function<bool(const InboundPdu&)>;

struct OutboundPdu {
  std::string hex{};        // SMSC field ("00") + TPDU, as EncodedPdu::Hex()
  int tpdu_length = 0;      // AT+CMGS=<length>: octets without the SMSC
};

struct SendResult {
  bool ok = false;
  int message_reference = -1;   // TP-MR from +CMGS, matched by status reports
  std::optional<CmsError> cms{};
  ErrorVerdict verdict = ErrorVerdict::kNone;
  // Whom the failure is about (at_error_codes.h): only kMessage uses the
  // message's attempts. Timeouts, a missing prompt and a port that closed
  // mid-send are the modem's.
  FailureScope scope = FailureScope::kNetwork;
  // True when the modem may have sent it anyway: the command timed out or
  // the port went away after the PDU was written. The daemon resends at most
  // once (docs/design.md: at most one duplicate per in-flight message).
  bool maybe_sent = false;
  // Never written to the modem: taken back from the driver's queue
  // (ModemDriver::WithdrawQueuedSends), e.g. because the modem went away,
  // or cancelled by a closing port before its PDU was written.
  bool withdrawn = false;
  std::string error{};          // "+CMS ERROR: 500 (unknown error)", "prompt timed out"…
};
using SendCallback = std::function<void(const SendResult&)>;

// One look at whether the modem could send now (ModemDriver::ProbeNetwork):
// registration in the circuit-switched (+CREG) or LTE (+CEREG) domain, SMS
// going over either, and the signal.
struct NetworkProbe {
  bool answered = false;  // false: the modem is away or did not answer
  std::optional<RegistrationState> cs{}, eps{};
  std::optional<int> signal_dbm{};
  bool registered() const;
  // "registered (home)", "not registered (searching)", "no answer"…
  std::string Describe() const;
};
using NetworkProbeCallback = std::function<void(const NetworkProbe&)>;
// Home or roaming, SMS-only and CSFB variants included: the modem can send.
bool IsRegistered(RegistrationState state);

struct UssdReply {
  bool ok = false;
  int status = -1;           // +CUSD <m>: 0 done, 1 more input wanted, 2 ended by network…
  std::string text{};        // UTF-8
  std::string error{};       // "timed out", "+CME ERROR: …", "not supported"
  bool session_open() const { return ok && status == 1; }
};
using UssdCallback = std::function<void(const UssdReply&)>;

struct ModemInfo {
  std::string modem_id{}, port{};
  std::string manufacturer{}, model{}, revision{}, imei{}, imsi{};
  std::string smsc{};                 // empty: AT+CSCA? unset ("",129) or failed
  std::vector<std::string> storages{};  // swept at start (AT+CPMS=? mem1)
  std::string storage{};              // preferred mem1/mem2/mem3
  std::string cnmi{};                 // the AT+CNMI the modem took; empty: sweeps only
  bool cmee = false;
};

struct HealthCounters {
  std::uint64_t commands = 0, timeouts = 0, garbage = 0, resets = 0, reopens = 0;
  std::uint64_t received = 0, sent = 0, send_errors = 0, store_failures = 0;
};

struct Health {
  std::optional<RegistrationState> registration{};
  std::optional<std::uint32_t> lac{}, cell_id{};
  std::string operator_name{};
  std::optional<int> signal_dbm{};
  std::vector<StorageUsage> storage{};
  std::string last_error{};
  HealthCounters counters{};
};

struct ModemReady { ModemInfo info; };
struct ModemLost { std::string reason; };  // port gone, not answering, SIM missing…
struct ModemResetting { std::string reason; int attempt = 0; };
struct HealthUpdate { Health health; };
struct InboundStored { InboundPdu pdu; };
struct StatusReport {
  int message_reference = 0;
  std::string recipient{};
  std::uint8_t status_code = 0;  // TP-ST
  bool delivered = false, permanent_failure = false;
  std::string discharge_time{};  // ISO 8601
};
struct UssdNotification { UssdReply reply; };  // network-initiated +CUSD

using DriverEvent = std::variant<ModemReady, ModemLost, ModemResetting, HealthUpdate, InboundStored,
                                 StatusReport, UssdNotification>;
using EventHandler = std::function<void(const DriverEvent&)>;

}  // namespace smsdesk::modem
