#include "modem/at_result.h"

#include "modem/at_text.h"

namespace smsdesk::modem {
namespace {

struct PlainFinal {
  std::string_view text;
  FinalKind kind;
};

constexpr PlainFinal kPlainFinals[] = {
    {"OK", FinalKind::kOk},
    {"ERROR", FinalKind::kError},
    {"COMMAND NOT SUPPORT", FinalKind::kNotSupported},  // Huawei (gammu atgen.c)
    {"NA", FinalKind::kNotAvailable},                   // Samsung (gammu atgen.c)
    {"NO CARRIER", FinalKind::kNoCarrier},
    {"BUSY", FinalKind::kBusy},
    {"NO ANSWER", FinalKind::kNoAnswer},
    {"NO DIALTONE", FinalKind::kNoDialtone},
    {"NO DIAL TONE", FinalKind::kNoDialtone},
};

FinalResult CodedError(FinalKind kind, std::string_view rest) {
  FinalResult result{kind, std::nullopt, {}};
  if (const auto number = ParseDecimal(rest)) {
    result.code = *number;
    return result;
  }
  result.text = std::string(Unquote(rest));
  if (kind == FinalKind::kCmsError) {
    if (const auto code = CmsErrorFromText(result.text)) result.code = static_cast<int>(*code);
  } else if (kind == FinalKind::kCmeError) {
    if (const auto code = CmeErrorFromText(result.text)) result.code = static_cast<int>(*code);
  }
  return result;
}

}  // namespace

std::optional<CmsError> FinalResult::cms() const {
  if (kind != FinalKind::kCmsError || !code) return std::nullopt;
  return static_cast<CmsError>(*code);
}

std::optional<CmeError> FinalResult::cme() const {
  if (kind != FinalKind::kCmeError || !code) return std::nullopt;
  return static_cast<CmeError>(*code);
}

std::optional<FinalResult> ClassifyFinal(std::string_view line) {
  line = TrimAt(line);
  for (const PlainFinal& plain : kPlainFinals) {
    if (EqualsNoCase(line, plain.text)) return FinalResult{plain.kind, std::nullopt, {}};
  }
  if (const auto rest = AfterPrefix(line, "+CMS ERROR:")) return CodedError(FinalKind::kCmsError, *rest);
  if (const auto rest = AfterPrefix(line, "+CME ERROR:")) return CodedError(FinalKind::kCmeError, *rest);
  // Motorola (gammu motorola.c): "MODEM ERROR: 0".
  if (const auto rest = AfterPrefix(line, "MODEM ERROR:")) return CodedError(FinalKind::kModemError, *rest);
  return std::nullopt;
}

ErrorVerdict VerdictFor(const FinalResult& result) {
  switch (result.kind) {
    case FinalKind::kOk:
      return ErrorVerdict::kNone;
    case FinalKind::kCmsError:
      return result.code ? CmsVerdict(static_cast<CmsError>(*result.code)) : ErrorVerdict::kRetry;
    case FinalKind::kCmeError:
      return result.code ? CmeVerdict(static_cast<CmeError>(*result.code)) : ErrorVerdict::kRetry;
    case FinalKind::kNotSupported:
    case FinalKind::kNotAvailable:
      return ErrorVerdict::kPermanent;
    case FinalKind::kError:
    case FinalKind::kModemError:
    case FinalKind::kNoCarrier:
    case FinalKind::kBusy:
    case FinalKind::kNoAnswer:
    case FinalKind::kNoDialtone:
      return ErrorVerdict::kRetry;
  }
  return ErrorVerdict::kRetry;
}

FailureScope SubmitFailureScope(const FinalResult& result) {
  if (result.code && result.kind == FinalKind::kCmsError) return CmsFailureScope(static_cast<CmsError>(*result.code));
  if (result.code && result.kind == FinalKind::kCmeError) return CmeFailureScope(static_cast<CmeError>(*result.code));
  for (std::string_view word : {"credit", "balance", "insufficient", "solde", "saldo"}) {
    if (ContainsNoCase(result.text, word)) return FailureScope::kCredit;
  }
  return FailureScope::kNetwork;
}

std::string DescribeFinal(const FinalResult& result) {
  std::string out;
  switch (result.kind) {
    case FinalKind::kOk: return "OK";
    case FinalKind::kError: return "ERROR";
    case FinalKind::kNotSupported: return "COMMAND NOT SUPPORT";
    case FinalKind::kNotAvailable: return "NA";
    case FinalKind::kNoCarrier: return "NO CARRIER";
    case FinalKind::kBusy: return "BUSY";
    case FinalKind::kNoAnswer: return "NO ANSWER";
    case FinalKind::kNoDialtone: return "NO DIALTONE";
    case FinalKind::kCmsError: out = "+CMS ERROR: "; break;
    case FinalKind::kCmeError: out = "+CME ERROR: "; break;
    case FinalKind::kModemError: out = "MODEM ERROR: "; break;
  }
  std::string_view name;
  if (result.kind == FinalKind::kCmsError && result.code) name = CmsErrorName(*result.cms());
  if (result.kind == FinalKind::kCmeError && result.code) name = CmeErrorName(*result.cme());
  if (result.code) {
    out += std::to_string(*result.code);
    if (!name.empty()) out += " (" + std::string(name) + ")";
  } else {
    out += result.text;
  }
  return out;
}

}  // namespace smsdesk::modem
