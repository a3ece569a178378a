// Pure parsers for status, identity and USSD responses (3GPP TS 27.007):
// signal, registration, SIM state, operator, IMEI, +CUSD. Same conventions as
// at_parsers_sms.h: text in, struct or Error out, unknown lines ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace smsdesk::modem {

// AT+CSQ: "+CSQ: 17,99". rssi 0-31 is -113 + 2·rssi dBm, 99 unknown
// (27.007 §8.5); 100-191 is the TD-SCDMA range, rssi - 216 dBm.
struct SignalQuality {
  int rssi = 99;
  int ber = 99;
  std::optional<int> dbm{};  // nullopt when unknown
};
Result<SignalQuality> ParseCsqResponse(std::string_view response);

// +CREG/+CGREG/+CEREG <stat> (27.007 §7.2, §10.1.20, §10.1.22).
enum class RegistrationState {
  kNotRegistered = 0, kHome = 1, kSearching = 2, kDenied = 3, kUnknown = 4, kRoaming = 5,
  kHomeSmsOnly = 6, kRoamingSmsOnly = 7, kEmergencyOnly = 8,
  kHomeCsfbNotPreferred = 9, kRoamingCsfbNotPreferred = 10,
};
enum class RegistrationDomain { kCs, kPs, kEps };  // +CREG, +CGREG, +CEREG

struct Registration {
  RegistrationDomain domain = RegistrationDomain::kCs;
  // True for the reply to AT+CREG? ("+CREG: <n>,<stat>..."), false for the URC
  // ("+CREG: <stat>..."). The two are told apart by field count and by whether
  // the second field looks like a LAC (ModemManager mm_3gpp_parse_creg_response).
  bool solicited = false;
  std::optional<int> mode{};  // <n>, solicited only
  RegistrationState state = RegistrationState::kUnknown;
  std::optional<std::uint32_t> lac{};      // LAC or TAC
  std::optional<std::uint32_t> cell_id{};
  std::optional<int> act{};                // access technology (0 GSM, 2 UTRAN, 7 E-UTRAN)
  bool registered() const;                 // home or roaming, SMS-only included
};
Result<Registration> ParseCregResponse(std::string_view line);

// AT+CPIN?: "+CPIN: READY" and friends.
enum class SimStatus {
  kReady, kSimPin, kSimPuk, kSimPin2, kSimPuk2, kPhSimPin, kPhNetPin, kPhNetPuk,
  kNotInserted,  // SIMCom "+CPIN: NOT INSERTED"
  kNotReady,     // Quectel "+CPIN: NOT READY"
};
Result<SimStatus> ParseCpinResponse(std::string_view response);

// AT+COPS?: "+COPS: <mode>[,<format>,<oper>[,<AcT>]]".
struct OperatorInfo {
  int mode = 0;
  std::optional<int> format{};  // 0 long name, 1 short name, 2 numeric
  std::string name{};
  std::optional<int> act{};
};
Result<OperatorInfo> ParseCopsResponse(std::string_view response);

// AT+CGSN: the IMEI, bare or as "+CGSN: ..."; 14-17 digits.
Result<std::string> ParseCgsnResponse(std::string_view response);

// +CUSD: <m>[,<str>[,<dcs>]] (27.007 §7.15; docs/modem.md §2 table).
struct UssdIndication {
  int status = 0;  // 0 done, 1 further action required, 2 terminated by network,
                   // 3 other client answered, 4 not supported, 5 timeout
  std::optional<std::string> text{};  // as sent: GSM text, hex GSM-7 or UCS-2 hex
  std::optional<int> dcs{};
};
Result<UssdIndication> ParseCusdIndication(std::string_view line);

}  // namespace smsdesk::modem
