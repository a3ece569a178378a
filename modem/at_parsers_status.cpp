#include "modem/at_parsers_status.h"

#include <cctype>

#include "modem/at_text.h"

namespace smsdesk::modem {
namespace {

// A LAC/TAC field rather than <stat>: quoted, or longer than a <stat> can be.
bool LooksLikeLocation(std::string_view field) { return IsQuoted(field) || TrimAt(field).size() > 2; }

std::optional<std::uint32_t> OptionalHex(const std::vector<std::string_view>& fields, std::size_t i) {
  if (i >= fields.size() || Unquote(fields[i]).empty()) return std::nullopt;
  return ParseHexField(fields[i]);
}

}  // namespace

Result<SignalQuality> ParseCsqResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CSQ:");
  if (!rest) return MakeError("no +CSQ line");
  const auto fields = SplitFields(*rest);
  if (fields.size() != 2) return MakeError("expected <rssi>,<ber>");
  const auto rssi = ParseDecimal(fields[0]);
  const auto ber = ParseDecimal(fields[1]);
  if (!rssi || !ber || *ber < 0 || (*ber > 7 && *ber != 99)) return MakeError("bad <rssi>,<ber>");
  SignalQuality quality;
  quality.rssi = *rssi;
  quality.ber = *ber;
  if (*rssi >= 0 && *rssi <= 31) {
    quality.dbm = -113 + 2 * *rssi;
  } else if (*rssi >= 100 && *rssi <= 191) {
    quality.dbm = *rssi - 216;  // TD-SCDMA: 100 is -116 dBm (27.007 §8.5)
  } else if (*rssi != 99 && *rssi != 199) {
    return MakeError("<rssi> out of range");
  }
  return quality;
}

bool Registration::registered() const {
  switch (state) {
    case RegistrationState::kHome:
    case RegistrationState::kRoaming:
    case RegistrationState::kHomeSmsOnly:
    case RegistrationState::kRoamingSmsOnly:
    case RegistrationState::kHomeCsfbNotPreferred:
    case RegistrationState::kRoamingCsfbNotPreferred:
      return true;
    default:
      return false;
  }
}

Result<Registration> ParseCregResponse(std::string_view line) {
  Registration reg;
  std::optional<std::string_view> rest;
  if ((rest = FindPrefixedLine(line, "+CREG:"))) {
    reg.domain = RegistrationDomain::kCs;
  } else if ((rest = FindPrefixedLine(line, "+CGREG:"))) {
    reg.domain = RegistrationDomain::kPs;
  } else if ((rest = FindPrefixedLine(line, "+CEREG:"))) {
    reg.domain = RegistrationDomain::kEps;
  } else {
    return MakeError("no +CREG/+CGREG/+CEREG line");
  }
  const auto fields = SplitFields(*rest);
  // Solicited "<n>,<stat>[,<lac>,<ci>[,<AcT>...]]" vs unsolicited
  // "<stat>[,<lac>,<ci>[,<AcT>...]]": one field or three is unsolicited
  // ("+CREG: 1,84CD,00D30156", ModemManager); otherwise a LAC-looking second
  // field means unsolicited. Telit reports the LAC even with n=0:
  // "+CREG: 0,1,"5E25","605F",2" (gammu tests/at-creg/).
  reg.solicited = !(fields.size() == 1 || fields.size() == 3 ||
                    (fields.size() >= 2 && LooksLikeLocation(fields[1])));
  std::size_t at = 0;
  if (reg.solicited) {
    reg.mode = ParseDecimal(fields[0]);
    if (!reg.mode) return MakeError("bad <n>");
    at = 1;
  }
  const auto stat = ParseDecimal(fields[at]);
  if (!stat || *stat < 0 || *stat > 10) return MakeError("bad <stat>");
  reg.state = static_cast<RegistrationState>(*stat);
  // Huawei sends LAC/CI unquoted ("+CREG: 2,1,4CA,81DE445"), Gobi with spaces
  // inside ("+CREG: 2,1,  0 5, 2715"); ParseHexField takes both.
  reg.lac = OptionalHex(fields, at + 1);
  reg.cell_id = OptionalHex(fields, at + 2);
  if (at + 1 < fields.size() && !Unquote(fields[at + 1]).empty() && !reg.lac) return MakeError("bad <lac>");
  if (at + 2 < fields.size() && !Unquote(fields[at + 2]).empty() && !reg.cell_id) return MakeError("bad <ci>");
  if (at + 3 < fields.size() && !fields[at + 3].empty()) {
    reg.act = ParseDecimal(fields[at + 3]);
    if (!reg.act) return MakeError("bad <AcT>");
  }
  return reg;
}

Result<SimStatus> ParseCpinResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CPIN:");
  if (!rest) {
    // smstools3 accepts a bare OK as READY; Wavecom omits the OK instead.
    for (const auto line : SplitLines(response)) {
      if (!EqualsNoCase(line, "OK")) return MakeError("no +CPIN line");
    }
    return SimStatus::kReady;
  }
  // smstools3 tolerates "READY" in quotes and a missing space after the colon.
  const std::string_view code = Unquote(*rest);
  struct Known {
    std::string_view text;
    SimStatus status;
  };
  static constexpr Known kKnown[] = {
      {"READY", SimStatus::kReady},         {"SIM PIN", SimStatus::kSimPin},
      {"SIM PUK", SimStatus::kSimPuk},      {"SIM PIN2", SimStatus::kSimPin2},
      {"SIM PUK2", SimStatus::kSimPuk2},    {"PH-SIM PIN", SimStatus::kPhSimPin},
      {"PH-NET PIN", SimStatus::kPhNetPin}, {"PH-NET PUK", SimStatus::kPhNetPuk},
      {"NOT INSERTED", SimStatus::kNotInserted}, {"SIM NOT INSERTED", SimStatus::kNotInserted},
      {"NOT READY", SimStatus::kNotReady},
  };
  for (const Known& known : kKnown) {
    if (EqualsNoCase(code, known.text)) return known.status;
  }
  return MakeError("unknown +CPIN code: " + std::string(code));
}

Result<OperatorInfo> ParseCopsResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+COPS:");
  if (!rest) return MakeError("no +COPS line");
  const auto fields = SplitFields(*rest);
  OperatorInfo info;
  const auto mode = ParseDecimal(fields[0]);
  if (!mode || *mode < 0 || *mode > 4) return MakeError("bad <mode>");
  info.mode = *mode;
  if (fields.size() == 1) return info;  // not registered: "+COPS: 0"
  if (fields.size() < 3) return MakeError("expected <mode>,<format>,<oper>");
  info.format = ParseDecimal(fields[1]);
  if (!info.format || *info.format < 0 || *info.format > 2) return MakeError("bad <format>");
  info.name = std::string(Unquote(fields[2]));
  if (fields.size() > 3 && !fields[3].empty()) {
    info.act = ParseDecimal(fields[3]);
    if (!info.act) return MakeError("bad <AcT>");
  }
  return info;
}

Result<std::string> ParseCgsnResponse(std::string_view response) {
  for (std::string_view line : SplitLines(response)) {
    if (const auto rest = AfterPrefix(line, "+CGSN:")) line = *rest;
    line = Unquote(line);
    // "356936001568843,NL2A62Z0N5": IMEI then serial (ModemManager tests).
    std::size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    const bool ends = digits == line.size() || line[digits] == ',';
    if (digits >= 14 && digits <= 17 && ends) return std::string(line.substr(0, digits));
  }
  return MakeError("no IMEI in the response");
}

Result<UssdIndication> ParseCusdIndication(std::string_view line) {
  line = TrimAt(line);
  const std::size_t at = line.find("+CUSD:");
  if (at == std::string_view::npos) return MakeError("no +CUSD line");
  std::string_view rest = TrimAt(line.substr(at + 6));
  const std::size_t comma = rest.find(',');
  const auto status = ParseDecimal(rest.substr(0, comma));
  if (!status || *status < 0 || *status > 5) return MakeError("bad <m>");
  UssdIndication ussd;
  ussd.status = *status;
  if (comma == std::string_view::npos) return ussd;
  rest = TrimAt(rest.substr(comma + 1));
  std::string_view tail;
  if (!rest.empty() && rest.front() == '"') {
    // The string may contain CR LF (python-gsmmodem); it ends at the last quote.
    const std::size_t close = rest.rfind('"');
    if (close == 0) return MakeError("unterminated <str>");
    ussd.text = std::string(rest.substr(1, close - 1));
    tail = TrimAt(rest.substr(close + 1));
    if (!tail.empty() && tail.front() != ',') return MakeError("junk after <str>");
    if (!tail.empty()) tail = TrimAt(tail.substr(1));
  } else {
    // Older Huawei E160: "+CUSD: 0, 49B41C…" without quotes (gammu tests/at-ussd/).
    const std::size_t last = rest.rfind(',');
    if (last != std::string_view::npos && ParseDecimal(rest.substr(last + 1))) {
      tail = TrimAt(rest.substr(last + 1));
      rest = TrimAt(rest.substr(0, last));
    }
    ussd.text = std::string(rest);
  }
  if (!tail.empty()) {
    ussd.dcs = ParseDecimal(tail);
    if (!ussd.dcs || *ussd.dcs < 0 || *ussd.dcs > 255) return MakeError("bad <dcs>");
  }
  return ussd;
}

}  // namespace smsdesk::modem
