#include "modem/at_error_codes.h"

#include <array>
#include <utility>

#include "modem/at_text.h"

namespace smsdesk::modem {
namespace {

struct NamedCode {
  int code;
  std::string_view name;
};

// Names follow the spec wording, which is also what AT+CMEE=2 prints.
constexpr NamedCode kCmsNames[] = {
    {1, "unassigned (unallocated) number"}, {8, "operator determined barring"},
    {10, "call barred"}, {21, "short message transfer rejected"},
    {22, "memory capacity exceeded"}, {27, "destination out of service"},
    {28, "unidentified subscriber"}, {29, "facility rejected"}, {30, "unknown subscriber"},
    {38, "network out of order"}, {41, "temporary failure"}, {42, "congestion"},
    {47, "resources unavailable, unspecified"}, {50, "requested facility not subscribed"},
    {69, "requested facility not implemented"},
    {81, "invalid short message transfer reference value"},
    {95, "invalid message, unspecified"}, {96, "invalid mandatory information"},
    {97, "message type non-existent or not implemented"},
    {98, "message not compatible with short message protocol state"},
    {99, "information element non-existent or not implemented"},
    {111, "protocol error, unspecified"}, {127, "interworking, unspecified"},
    {0x80, "telematic interworking not supported"}, {0x81, "short message type 0 not supported"},
    {0x82, "cannot replace short message"}, {0x8F, "unspecified TP-PID error"},
    {0x90, "data coding scheme (alphabet) not supported"}, {0x91, "message class not supported"},
    {0x9F, "unspecified TP-DCS error"}, {0xA0, "command cannot be actioned"},
    {0xA1, "command unsupported"}, {0xAF, "unspecified TP-Command error"},
    {0xB0, "TPDU not supported"}, {0xC0, "SC busy"}, {0xC1, "no SC subscription"},
    {0xC2, "SC system failure"}, {0xC3, "invalid SME address"}, {0xC4, "destination SME barred"},
    {0xC5, "SM rejected-duplicate SM"}, {0xC6, "TP-VPF not supported"},
    {0xC7, "TP-VP not supported"}, {0xD0, "(U)SIM SMS storage full"},
    {0xD1, "no SMS storage capability in (U)SIM"}, {0xD2, "error in MS"},
    {0xD3, "memory capacity exceeded"}, {0xD4, "(U)SIM application toolkit busy"},
    {0xD5, "(U)SIM data download error"}, {0xFF, "unspecified error cause"},
    {300, "ME failure"}, {301, "SMS service of ME reserved"}, {302, "operation not allowed"},
    {303, "operation not supported"}, {304, "invalid PDU mode parameter"},
    {305, "invalid text mode parameter"}, {310, "SIM not inserted"}, {311, "SIM PIN required"},
    {312, "PH-SIM PIN required"}, {313, "SIM failure"}, {314, "SIM busy"}, {315, "SIM wrong"},
    {316, "SIM PUK required"}, {317, "SIM PIN2 required"}, {318, "SIM PUK2 required"},
    {320, "memory failure"}, {321, "invalid memory index"}, {322, "memory full"},
    {330, "SMSC address unknown"}, {331, "no network service"}, {332, "network timeout"},
    {340, "no +CNMA acknowledgement expected"}, {500, "unknown error"},
};

constexpr NamedCode kCmeNames[] = {
    {-1, "empty location (Samsung)"}, {0, "phone failure"}, {1, "no connection to phone"},
    {2, "phone-adaptor link reserved"}, {3, "operation not allowed"},
    {4, "operation not supported"}, {5, "PH-SIM PIN required"}, {6, "PH-FSIM PIN required"},
    {7, "PH-FSIM PUK required"}, {10, "SIM not inserted"}, {11, "SIM PIN required"},
    {12, "SIM PUK required"}, {13, "SIM failure"}, {14, "SIM busy"}, {15, "SIM wrong"},
    {16, "incorrect password"}, {17, "SIM PIN2 required"}, {18, "SIM PUK2 required"},
    {20, "memory full"}, {21, "invalid index"}, {22, "not found"}, {23, "memory failure"},
    {24, "text string too long"}, {25, "invalid characters in text string"},
    {26, "dial string too long"}, {27, "invalid characters in dial string"},
    {30, "no network service"}, {31, "network timeout"},
    {32, "network not allowed - emergency calls only"},
    {40, "network personalization PIN required"}, {41, "network personalization PUK required"},
    {50, "incorrect parameters"}, {100, "unknown"}, {103, "illegal MS"}, {106, "illegal ME"},
    {107, "GPRS services not allowed"}, {111, "PLMN not allowed"},
    {112, "location area not allowed"}, {113, "roaming not allowed in this location area"},
    {132, "service option not supported"}, {133, "requested service option not subscribed"},
    {134, "service option temporarily out of order"}, {148, "unspecified GPRS error"},
    {515, "please wait, init or command processing in progress"},
};

template <std::size_t N>
std::string_view NameOf(const NamedCode (&table)[N], int code) {
  for (const NamedCode& entry : table) {
    if (entry.code == code) return entry.name;
  }
  return {};
}

// Verbose texts differ slightly between vendors ("SIM not inserted" vs
// "(U)SIM not inserted"), so a few aliases are accepted besides the names.
template <std::size_t N>
std::optional<int> CodeOf(const NamedCode (&table)[N], std::string_view text) {
  text = TrimAt(text);
  if (StartsWithNoCase(text, "(U)")) text.remove_prefix(3);
  for (const NamedCode& entry : table) {
    std::string_view name = entry.name;
    if (StartsWithNoCase(name, "(U)")) name.remove_prefix(3);
    if (EqualsNoCase(name, text)) return entry.code;
  }
  return std::nullopt;
}

}  // namespace

std::string_view CmsErrorName(CmsError code) { return NameOf(kCmsNames, static_cast<int>(code)); }
std::string_view CmeErrorName(CmeError code) { return NameOf(kCmeNames, static_cast<int>(code)); }

std::optional<CmsError> CmsErrorFromText(std::string_view text) {
  const auto code = CodeOf(kCmsNames, text);
  if (!code) return std::nullopt;
  return static_cast<CmsError>(*code);
}

std::optional<CmeError> CmeErrorFromText(std::string_view text) {
  const auto code = CodeOf(kCmeNames, text);
  if (!code) return std::nullopt;
  return static_cast<CmeError>(*code);
}

ErrorVerdict CmsVerdict(CmsError code) {
  using enum CmsError;
  switch (code) {
    // RP causes that say "the network is busy or broken right now".
    case kNetworkOutOfOrder: case kTemporaryFailure: case kCongestion:
    case kResourcesUnavailable: case kDestinationOutOfService: case kMemoryCapacityExceeded:
    case kScBusy: case kSimToolkitBusy:
    case kSimBusy: case kSmsServiceReserved: case kNoNetworkService: case kNetworkTimeout:
      return ErrorVerdict::kBackOff;
    // Huawei E169 answered 500 while it had no network (gammu #216).
    case kMeFailure: case kUnknownError: case kMemoryFailure:
      return ErrorVerdict::kRetryThenReset;
    // 302/303: CMGF or CSMS got lost (e.g. after a silent reset); 330: no SMSC.
    case kOperationNotAllowed: case kOperationNotSupported:
    case kSimNotInserted: case kSimPinRequired: case kPhSimPinRequired: case kSimFailure:
    case kSimWrong: case kSimPukRequired: case kSimPin2Required: case kSimPuk2Required:
    case kSmscAddressUnknown:
      return ErrorVerdict::kReinit;
    case kMemoryFull:
      return ErrorVerdict::kSweepStorage;
    case kNoCnmaExpected:
      return ErrorVerdict::kIgnore;
    default:
      break;
  }
  const int value = static_cast<int>(code);
  // 304/305 (our PDU is wrong), other RP causes (bad number, barring), TP-FCS
  // such as 0xD0 SIM full at the recipient or 0xC3 bad address: retrying the
  // same PDU cannot succeed. Unknown vendor codes above 500 get one retry.
  if (value > 500) return ErrorVerdict::kRetryThenReset;
  return ErrorVerdict::kPermanent;
}

ErrorVerdict CmeVerdict(CmeError code) {
  using enum CmeError;
  switch (code) {
    case kSimBusy: case kNoNetworkService: case kNetworkTimeout: case kWavecomInitInProgress:
      return ErrorVerdict::kBackOff;
    case kPhoneFailure: case kUnknown: case kMemoryFailure: case kNoConnection:
      return ErrorVerdict::kRetryThenReset;
    case kSimNotInserted: case kSimPinRequired: case kSimPukRequired: case kSimFailure:
    case kSimWrong: case kSimPin2Required: case kSimPuk2Required: case kPhSimPinRequired:
      return ErrorVerdict::kReinit;
    case kMemoryFull:
      return ErrorVerdict::kSweepStorage;
    case kSamsungEmptyLocation:
      return ErrorVerdict::kIgnore;
    default:
      return ErrorVerdict::kPermanent;
  }
}

FailureScope CmsFailureScope(CmsError code) {
  using enum CmsError;
  switch (code) {
    // The recipient: a number that does not exist, is barred or is away
    // (TS 24.011 Table 8.4), or our PDU (TS 23.040 TP-FCS, TS 27.005 304/305).
    case kUnassignedNumber: case kCallBarred: case kDestinationOutOfService:
    case kUnidentifiedSubscriber: case kUnknownSubscriber:
    case kInvalidMessage: case kInvalidMandatoryInformation: case kMessageTypeNonExistent:
    case kMessageNotCompatible: case kInformationElementNonExistent:
    case kInvalidSmeAddress: case kDestinationSmeBarred: case kDuplicateRejected:
    case kVpfNotSupported: case kVpNotSupported:
    case kInvalidPduParameter: case kInvalidTextParameter:
      return FailureScope::kMessage;
    // What charging and subscription refusals come back as: operator
    // determined barring (a prepaid SIM at zero), "transfer rejected" (the
    // usual answer of an online charging system), facility rejected or not
    // subscribed, no SMSC subscription. 21 can also mean a barred
    // destination: the daemon's rule for ambiguous codes covers that.
    case kOperatorDeterminedBarring: case kTransferRejected: case kFacilityRejected:
    case kFacilityNotSubscribed: case kNoScSubscription:
      return FailureScope::kCredit;
    default:
      break;
  }
  const int value = static_cast<int>(code);
  // The rest of TP-FCS 0x80-0xBF concerns the PDU's own fields.
  if (value >= 0x80 && value <= 0xBF) return FailureScope::kMessage;
  // Network causes (38 out of order, 41 temporary failure, 42 congestion,
  // 47 resources unavailable, 0xC0 SC busy, 0xC2 SC system failure), the
  // ME and SIM (300-340, 500, vendor codes) and causes the spec leaves open.
  return FailureScope::kNetwork;
}

FailureScope CmeFailureScope(CmeError code) {
  using enum CmeError;
  switch (code) {
    case kTextTooLong: case kInvalidCharactersInText: case kDialStringTooLong:
    case kInvalidCharactersInDialString:
      return FailureScope::kMessage;
    default:
      return FailureScope::kNetwork;  // no network, SIM, phone failure…
  }
}

std::string_view FailureScopeName(FailureScope scope) {
  switch (scope) {
    case FailureScope::kMessage: return "message";
    case FailureScope::kNetwork: return "network";
    case FailureScope::kCredit: return "credit";
  }
  return "?";
}

std::string_view ErrorVerdictName(ErrorVerdict verdict) {
  switch (verdict) {
    case ErrorVerdict::kNone: return "none";
    case ErrorVerdict::kRetry: return "retry";
    case ErrorVerdict::kBackOff: return "back off";
    case ErrorVerdict::kRetryThenReset: return "retry then reset";
    case ErrorVerdict::kReinit: return "re-init";
    case ErrorVerdict::kSweepStorage: return "sweep storage";
    case ErrorVerdict::kPermanent: return "permanent";
    case ErrorVerdict::kIgnore: return "ignore";
  }
  return "?";
}

}  // namespace smsdesk::modem
