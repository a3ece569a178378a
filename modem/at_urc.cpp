#include "modem/at_urc.h"

#include "modem/at_text.h"

namespace smsdesk::modem {
namespace {

struct UrcPrefix {
  std::string_view prefix;
  UrcKind kind;
  bool exact;  // the whole line must equal the prefix ("RING", "RDY")
};

constexpr UrcPrefix kUrcPrefixes[] = {
    {"+CMTI:", UrcKind::kCmti, false},
    {"+CMT:", UrcKind::kCmt, false},
    {"+CDSI:", UrcKind::kCdsi, false},
    {"+CDS:", UrcKind::kCds, false},
    {"+CBM:", UrcKind::kCbm, false},
    {"+CUSD:", UrcKind::kCusd, false},
    {"+CREG:", UrcKind::kCreg, false},
    {"+CGREG:", UrcKind::kCgreg, false},
    {"+CEREG:", UrcKind::kCereg, false},
    {"+CPIN:", UrcKind::kCpin, false},
    {"+CFUN:", UrcKind::kCfun, false},
    {"RING", UrcKind::kRing, true},
    {"+CRING:", UrcKind::kRing, false},
    {"+CLIP:", UrcKind::kClip, false},
    {"RDY", UrcKind::kReady, true},            // Quectel EC25/EG25 after reset
    {"SMS Ready", UrcKind::kSmsReady, true},  // SIMCom SIM800/SIM900
    {"Call Ready", UrcKind::kCallReady, true},
    {"^SMMEMFULL", UrcKind::kSmsMemoryFull, false},  // Huawei E1750
    {"^RSSI:", UrcKind::kHuaweiRssi, false},
    {"^MODE:", UrcKind::kHuaweiMode, false},
    {"^BOOT:", UrcKind::kHuaweiBoot, false},
    {"^DSFLOWRPT:", UrcKind::kHuaweiDsflowrpt, false},
    {"^SRVST:", UrcKind::kHuaweiSrvst, false},
    {"^SIMST:", UrcKind::kHuaweiSimst, false},
    {"^HCSQ:", UrcKind::kHuaweiHcsq, false},
    {"+ZDONR:", UrcKind::kZteDonr, false},  // ZTE MF-series (python-gsmmodem fakemodems)
    {"+ZPASR:", UrcKind::kZtePasr, false},
    {"#STN:", UrcKind::kTelitStn, false},   // Telit (gammu #355)
    // Vendor noise that must never be taken for a command's answer.
    {"^CEND:", UrcKind::kOther, false},     // Huawei call end
    {"^ORIG:", UrcKind::kOther, false},
    {"^CONF:", UrcKind::kOther, false},
    {"^CONN:", UrcKind::kOther, false},
    {"^STIN:", UrcKind::kOther, false},
    {"^NDISSTAT:", UrcKind::kOther, false},
    {"^EARST:", UrcKind::kOther, false},
    {"^SYSSTART", UrcKind::kOther, false},  // Cinterion
    {"+QIND:", UrcKind::kOther, false},     // Quectel
    {"+QUSIM:", UrcKind::kOther, false},
    {"*PSUTTZ:", UrcKind::kOther, false},   // SIMCom network time
    {"DST:", UrcKind::kOther, false},
    {"+CTZV:", UrcKind::kOther, false},
    {"+CTZE:", UrcKind::kOther, false},
    {"+CIEV:", UrcKind::kOther, false},
    {"+CGEV:", UrcKind::kOther, false},
    {"+PACSP", UrcKind::kOther, false},     // Quectel/SIMCom at boot
    {"+STIN:", UrcKind::kOther, false},
    {"+CUSATP:", UrcKind::kOther, false},
};

}  // namespace

std::optional<UrcKind> ClassifyUrc(std::string_view line) {
  line = TrimAt(line);
  for (const UrcPrefix& entry : kUrcPrefixes) {
    const bool match = entry.exact ? EqualsNoCase(line, entry.prefix) : StartsWithNoCase(line, entry.prefix);
    if (match) return entry.kind;
  }
  return std::nullopt;
}

UrcContinuation ContinuationOf(UrcKind kind) {
  switch (kind) {
    case UrcKind::kCmt:
    case UrcKind::kCds:
    case UrcKind::kCbm:
      return UrcContinuation::kPduLine;
    case UrcKind::kCusd:
      return UrcContinuation::kQuotedText;
    default:
      return UrcContinuation::kNone;
  }
}

bool CusdNeedsMore(std::string_view text) {
  std::size_t quotes = 0;
  for (const char c : text) quotes += c == '"' ? 1 : 0;
  if (quotes % 2 == 1) return true;
  text = TrimAt(text);
  return !text.empty() && text.back() == ',';
}

std::string_view UrcKindName(UrcKind kind) {
  switch (kind) {
    case UrcKind::kCmti: return "+CMTI";
    case UrcKind::kCmt: return "+CMT";
    case UrcKind::kCds: return "+CDS";
    case UrcKind::kCdsi: return "+CDSI";
    case UrcKind::kCbm: return "+CBM";
    case UrcKind::kCusd: return "+CUSD";
    case UrcKind::kCreg: return "+CREG";
    case UrcKind::kCgreg: return "+CGREG";
    case UrcKind::kCereg: return "+CEREG";
    case UrcKind::kCpin: return "+CPIN";
    case UrcKind::kCfun: return "+CFUN";
    case UrcKind::kRing: return "RING";
    case UrcKind::kClip: return "+CLIP";
    case UrcKind::kReady: return "RDY";
    case UrcKind::kSmsReady: return "SMS Ready";
    case UrcKind::kCallReady: return "Call Ready";
    case UrcKind::kSmsMemoryFull: return "^SMMEMFULL";
    case UrcKind::kHuaweiRssi: return "^RSSI";
    case UrcKind::kHuaweiMode: return "^MODE";
    case UrcKind::kHuaweiBoot: return "^BOOT";
    case UrcKind::kHuaweiDsflowrpt: return "^DSFLOWRPT";
    case UrcKind::kHuaweiSrvst: return "^SRVST";
    case UrcKind::kHuaweiSimst: return "^SIMST";
    case UrcKind::kHuaweiHcsq: return "^HCSQ";
    case UrcKind::kZteDonr: return "+ZDONR";
    case UrcKind::kZtePasr: return "+ZPASR";
    case UrcKind::kTelitStn: return "#STN";
    case UrcKind::kOther: return "other";
  }
  return "?";
}

}  // namespace smsdesk::modem
