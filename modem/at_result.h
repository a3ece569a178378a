// Final result codes: the lines that end an AT command's response.
//
// ClassifyFinal() recognises the V.250 finals (OK, ERROR, NO CARRIER, BUSY,
// NO ANSWER, NO DIALTONE), +CME ERROR / +CMS ERROR in numeric (AT+CMEE=1) and
// verbose (AT+CMEE=2) form, and the non-standard finals seen in the field
// (docs/modem.md §4): Huawei "COMMAND NOT SUPPORT", Motorola "MODEM ERROR: n",
// Samsung "NA" and "+CME ERROR: -1". The SMS prompt "> " is not a line; the
// line reader reports it separately (AtLine::Kind::kPrompt).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "modem/at_error_codes.h"

namespace smsdesk::modem {

enum class FinalKind {
  kOk,
  kError,          // bare "ERROR" (AT+CMEE=0, or a command the modem rejects)
  kCmeError,       // "+CME ERROR: <n>|<text>"
  kCmsError,       // "+CMS ERROR: <n>|<text>"
  kNotSupported,   // Huawei "COMMAND NOT SUPPORT"
  kModemError,     // Motorola "MODEM ERROR: <n>"
  kNotAvailable,   // Samsung "NA"
  kNoCarrier,      // "NO CARRIER"
  kBusy,           // "BUSY"
  kNoAnswer,       // "NO ANSWER"
  kNoDialtone,     // "NO DIALTONE" / "NO DIAL TONE"
};

struct FinalResult {
  FinalKind kind = FinalKind::kOk;
  // The numeric code of +CME/+CMS/MODEM ERROR, also when it was given as
  // verbose text that we recognise ("SIM busy" -> 314).
  std::optional<int> code{};
  // The verbose text as sent, when the modem sent text instead of a number.
  std::string text{};

  bool ok() const { return kind == FinalKind::kOk; }
  std::optional<CmsError> cms() const;
  std::optional<CmeError> cme() const;
  friend bool operator==(const FinalResult&, const FinalResult&) = default;
};

// The final result this line is, or nullopt if it is not a final result.
std::optional<FinalResult> ClassifyFinal(std::string_view line);

// What the driver should do about this final result; kNone for OK.
ErrorVerdict VerdictFor(const FinalResult& result);

// Whom a failed AT+CMGS says something about (at_error_codes.h). A bare
// ERROR or a final without a code counts against the modem; an unknown
// verbose text that speaks of credit or balance is a credit refusal.
FailureScope SubmitFailureScope(const FinalResult& result);

// "OK", "+CMS ERROR: 314 (SIM busy)", "ERROR"... for logs and error messages.
std::string DescribeFinal(const FinalResult& result);

}  // namespace smsdesk::modem
