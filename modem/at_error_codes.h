// +CMS ERROR and +CME ERROR codes with readable names, and what a driver should
// do about each one (ErrorVerdict).
//
// Sources: 3GPP TS 27.005 §3.2.5 (+CMS 300-500), TS 24.011 Table 8.4 (RP causes,
// +CMS 0-127), TS 23.040 §9.2.3.22 (TP-FCS, +CMS 128-255), TS 27.007 §9.2 (+CME),
// gammu atgen.c and ModemManager mm-error-helpers.c, docs/modem.md §2 "Errors".
// Any int converts to these enums; codes without a name print as "CMS 777".
#pragma once

#include <optional>
#include <string_view>

namespace smsdesk::modem {

enum class CmsError : int {
  // RP causes, TS 24.011 Table 8.4.
  kUnassignedNumber = 1, kOperatorDeterminedBarring = 8, kCallBarred = 10,
  kTransferRejected = 21, kMemoryCapacityExceeded = 22, kDestinationOutOfService = 27,
  kUnidentifiedSubscriber = 28, kFacilityRejected = 29, kUnknownSubscriber = 30,
  kNetworkOutOfOrder = 38, kTemporaryFailure = 41, kCongestion = 42,
  kResourcesUnavailable = 47, kFacilityNotSubscribed = 50, kFacilityNotImplemented = 69,
  kInvalidTransferReference = 81, kInvalidMessage = 95, kInvalidMandatoryInformation = 96,
  kMessageTypeNonExistent = 97, kMessageNotCompatible = 98, kInformationElementNonExistent = 99,
  kProtocolError = 111, kInterworking = 127,
  // TP-FCS, TS 23.040 §9.2.3.22.
  kTelematicInterworkingNotSupported = 0x80, kShortMessageType0NotSupported = 0x81,
  kCannotReplaceShortMessage = 0x82, kUnspecifiedTpPidError = 0x8F,
  kDcsNotSupported = 0x90, kMessageClassNotSupported = 0x91, kUnspecifiedTpDcsError = 0x9F,
  kCommandCannotBeActioned = 0xA0, kCommandUnsupported = 0xA1, kUnspecifiedTpCommandError = 0xAF,
  kTpduNotSupported = 0xB0, kScBusy = 0xC0, kNoScSubscription = 0xC1, kScSystemFailure = 0xC2,
  kInvalidSmeAddress = 0xC3, kDestinationSmeBarred = 0xC4, kDuplicateRejected = 0xC5,
  kVpfNotSupported = 0xC6, kVpNotSupported = 0xC7, kSimStorageFull = 0xD0,
  kNoSimStorage = 0xD1, kErrorInMs = 0xD2, kMemoryCapacityExceededInMs = 0xD3,
  kSimToolkitBusy = 0xD4, kSimDataDownloadError = 0xD5, kUnspecifiedFcs = 0xFF,
  // ME/TA errors, TS 27.005 §3.2.5.
  kMeFailure = 300, kSmsServiceReserved = 301, kOperationNotAllowed = 302,
  kOperationNotSupported = 303, kInvalidPduParameter = 304, kInvalidTextParameter = 305,
  kSimNotInserted = 310, kSimPinRequired = 311, kPhSimPinRequired = 312, kSimFailure = 313,
  kSimBusy = 314, kSimWrong = 315, kSimPukRequired = 316, kSimPin2Required = 317,
  kSimPuk2Required = 318, kMemoryFailure = 320, kInvalidMemoryIndex = 321, kMemoryFull = 322,
  kSmscAddressUnknown = 330, kNoNetworkService = 331, kNetworkTimeout = 332,
  kNoCnmaExpected = 340, kUnknownError = 500,
};

enum class CmeError : int {
  kSamsungEmptyLocation = -1,  // Samsung: "+CME ERROR: -1" for an empty slot (gammu)
  kPhoneFailure = 0, kNoConnection = 1, kLinkReserved = 2, kOperationNotAllowed = 3,
  kOperationNotSupported = 4, kPhSimPinRequired = 5, kPhFsimPinRequired = 6,
  kPhFsimPukRequired = 7, kSimNotInserted = 10, kSimPinRequired = 11, kSimPukRequired = 12,
  kSimFailure = 13, kSimBusy = 14, kSimWrong = 15, kIncorrectPassword = 16,
  kSimPin2Required = 17, kSimPuk2Required = 18, kMemoryFull = 20, kInvalidIndex = 21,
  kNotFound = 22, kMemoryFailure = 23, kTextTooLong = 24, kInvalidCharactersInText = 25,
  kDialStringTooLong = 26, kInvalidCharactersInDialString = 27, kNoNetworkService = 30,
  kNetworkTimeout = 31, kEmergencyCallsOnly = 32, kNetworkPersonalizationPin = 40,
  kNetworkPersonalizationPuk = 41, kIncorrectParameters = 50, kUnknown = 100,
  kIllegalMs = 103, kIllegalMe = 106, kGprsNotAllowed = 107, kPlmnNotAllowed = 111,
  kLocationAreaNotAllowed = 112, kRoamingNotAllowed = 113, kServiceOptionNotSupported = 132,
  kServiceOptionNotSubscribed = 133, kServiceOptionOutOfOrder = 134, kUnspecifiedGprsError = 148,
  kWavecomInitInProgress = 515,  // Wavecom: "please wait, init or command processing in progress"
};

// What the driver does about a failed command (docs/modem.md §2 "Errors").
enum class ErrorVerdict {
  kNone,             // not an error
  kRetry,            // transient: retry soon, a bounded number of times
  kBackOff,          // SIM busy, network congestion: retry with growing delays
  kRetryThenReset,   // ME failure (300/500): retry once, then reset the modem
  kReinit,           // SIM/PIN/mode lost or CSCA missing: re-run the init sequence
  kSweepStorage,     // memory full (CMS 322, CME 20): read, store and delete, then retry
  kPermanent,        // retrying cannot help (our bad PDU 304, bad number 0xC3, ...)
  kIgnore,           // harmless (CMS 340 "no +CNMA expected", empty Samsung slot)
};

// Readable names ("SIM busy", "invalid PDU mode parameter"); empty for
// codes without a name.
std::string_view CmsErrorName(CmsError code);
std::string_view CmeErrorName(CmeError code);

// Verbose (AT+CMEE=2) texts back to codes: "SIM busy" -> 314. Case-insensitive.
std::optional<CmsError> CmsErrorFromText(std::string_view text);
std::optional<CmeError> CmeErrorFromText(std::string_view text);

ErrorVerdict CmsVerdict(CmsError code);
ErrorVerdict CmeVerdict(CmeError code);

std::string_view ErrorVerdictName(ErrorVerdict verdict);

// Whom a failed SMS submission (AT+CMGS) says something about. Only kMessage
// uses up the message's attempts; the others count against the modem, which
// stops taking messages until it can send again, so an outage of the
// network, the SMSC or the SIM's credit never fails the replies written
// meanwhile. A code that could be either (500 "unknown error", an RP cause
// the spec leaves open) counts against the modem first: the daemon turns it
// into the message's own failure once the same modem has sent other
// messages since (one text the network keeps refusing cannot hold a modem).
enum class FailureScope {
  kMessage,  // this message: an unknown or barred number, a PDU the network refuses
  kNetwork,  // the way out: registration, radio, SMSC, the modem itself
  kCredit,   // the SIM may not send: out of credit, barred or not subscribed
};

FailureScope CmsFailureScope(CmsError code);
FailureScope CmeFailureScope(CmeError code);
std::string_view FailureScopeName(FailureScope scope);  // "message", "network", "credit"

}  // namespace smsdesk::modem
