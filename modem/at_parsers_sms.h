// Pure parsers for the SMS-related AT responses (3GPP TS 27.005), one per
// command, ModemManager style: text in, struct or Error out. Each takes the
// command's response (CommandDone::Response(): lines joined by CR LF, or a raw
// transcript) and ignores lines it does not know, such as OK or echo. The
// *Indication and *Header parsers take the URC line. docs/modem.md §2 lists the
// shapes; the comments name the modem behind each quirk.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace smsdesk::modem {

// AT+CMGR=<index> in PDU mode: "+CMGR: <stat>,[<alpha>],<length>" + PDU line.
struct CmgrMessage {
  // An empty slot: Huawei MU509 answers a bare OK; others "+CMGR: 0,,0".
  bool empty = false;
  std::optional<int> stat{};  // nullopt when ZTE leaves it out ("+CMGR: ,,27")
  int length = 0;             // TPDU octets, without the SMSC (27.005 §3.1)
  std::string pdu{};          // hex, SMSC included
};
Result<CmgrMessage> ParseCmgrResponse(std::string_view response);

// AT+CMGL=<stat>: "+CMGL: <index>,<stat>,[<alpha>],<length>" + PDU line each.
struct CmglEntry {
  int index = 0;  // Huawei starts at 0 (gammu F_SMS_LOCATION_0)
  int stat = 0;
  int length = 0;
  std::string pdu{};
  friend bool operator==(const CmglEntry&, const CmglEntry&) = default;
};
struct CmglList {
  std::vector<CmglEntry> entries{};
  int skipped = 0;  // malformed records left out, so one bad record blocks none
};
Result<CmglList> ParseCmglResponse(std::string_view response);

// +CMTI: "SM",3 and +CDSI: "SM",3 (27.005 §3.4.1).
struct StorageIndication {
  std::string memory{};       // read from this memory, not the CPMS one (chan-dongle #31)
  std::optional<int> index{};  // nullopt for SIM7000G "+CMTI: ,-1": list all (T-SIM7600X #63)
};
Result<StorageIndication> ParseCmtiIndication(std::string_view line);
Result<StorageIndication> ParseCdsiIndication(std::string_view line);

// The TPDU length in "+CMT: [<alpha>],<length>" ("+CMT: ,23", gammu) and in
// "+CDS: <length>" ("+CDS: 24"; "+CDS:25", gammu; ZTE "+CDS: ,25", oFono).
Result<int> ParseCmtHeader(std::string_view line);
Result<int> ParseCdsHeader(std::string_view line);

// AT+CMGS: "+CMGS: <mr>[,<scts>]".
struct CmgsResult {
  int message_reference = 0;  // TP-MR, matched against status reports
  std::string scts{};         // service centre time stamp, when given
};
Result<CmgsResult> ParseCmgsResponse(std::string_view response);

// AT+CPMS? ("+CPMS: "ME",5,100,"ME",5,100,"SM",0,10") and the reply to
// AT+CPMS=... ("+CPMS: 5,100,5,100,0,10", no names).
struct StorageUsage {
  std::string memory{};  // empty in the reply to a set command
  int used = 0;
  int total = 0;
  friend bool operator==(const StorageUsage&, const StorageUsage&) = default;
};
Result<std::vector<StorageUsage>> ParseCpmsResponse(std::string_view response);

// AT+CPMS=?: the memories each of mem1, mem2, mem3 accepts.
struct CpmsSupport {
  std::vector<std::string> mem1{}, mem2{}, mem3{};
};
Result<CpmsSupport> ParseCpmsTest(std::string_view response);

// AT+CSCA?: "+CSCA: "+31624000000",145".
struct SmscAddress {
  std::string number{};
  int type = 145;  // 145 international, 129 unknown
};
Result<SmscAddress> ParseCscaResponse(std::string_view response);

// AT+CNMI=?: "+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)".
struct CnmiSupport {
  std::vector<int> mode{}, mt{}, bm{}, ds{}, bfr{};
};
Result<CnmiSupport> ParseCnmiTest(std::string_view response);

// AT+CMMS?: "+CMMS: 1" (27.005 §3.5.6; keeps the RP link open between sends).
Result<int> ParseCmmsResponse(std::string_view response);

}  // namespace smsdesk::modem
