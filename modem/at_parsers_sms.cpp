#include "modem/at_parsers_sms.h"

#include "modem/at_result.h"
#include "modem/at_text.h"

namespace smsdesk::modem {
namespace {

bool IsPduLine(std::string_view line) { return IsHexString(line) && line.size() % 2 == 0; }

// Lines that may surround an answer without being part of it.
bool IsNoise(std::string_view line) { return ClassifyFinal(line).has_value(); }

Result<StorageIndication> ParseStorageIndication(std::string_view line, std::string_view prefix) {
  const auto rest = FindPrefixedLine(line, prefix);
  if (!rest) return MakeError("not a " + std::string(prefix) + " line");
  const auto fields = SplitFields(*rest);
  if (fields.size() != 2) return MakeError("expected <mem>,<index>");
  const auto index = ParseDecimal(fields[1]);
  if (!index) return MakeError("bad index");
  StorageIndication indication;
  indication.memory = std::string(Unquote(fields[0]));
  if (*index >= 0) indication.index = *index;
  return indication;
}

// The length is the last field in "+CMT: [<alpha>],<length>" and "+CDS: [,]<length>".
Result<int> ParseLengthHeader(std::string_view line, std::string_view prefix) {
  const auto rest = FindPrefixedLine(line, prefix);
  if (!rest) return MakeError("not a " + std::string(prefix) + " line");
  const auto fields = SplitFields(*rest);
  const auto length = ParseDecimal(fields.back());
  if (!length || *length <= 0 || *length > 255) return MakeError("bad PDU length");
  return *length;
}

// Reads "(0-2)" or "(0,1,2)" or "2" into values; false on nonsense.
bool ParseIntList(std::string_view group, std::vector<int>& values) {
  group = TrimAt(group);
  if (group.size() >= 2 && group.front() == '(' && group.back() == ')') {
    group = group.substr(1, group.size() - 2);
  }
  if (TrimAt(group).empty()) return true;
  std::size_t start = 0;
  while (start <= group.size()) {
    std::size_t comma = group.find(',', start);
    if (comma == std::string_view::npos) comma = group.size();
    const std::string_view item = TrimAt(group.substr(start, comma - start));
    const std::size_t dash = item.find('-');
    const auto low = ParseDecimal(item.substr(0, dash));
    const auto high = dash == std::string_view::npos ? low : ParseDecimal(item.substr(dash + 1));
    // Bounded so that "(0-99999999)" cannot allocate without limit.
    if (!low || !high || *low > *high || *high - *low > 255) return false;
    for (int v = *low; v <= *high; ++v) values.push_back(v);
    start = comma + 1;
  }
  return true;
}

std::vector<std::string> ParseMemoryGroup(std::string_view group) {
  group = TrimAt(group);
  std::vector<std::string> memories;
  if (group.size() >= 2 && group.front() == '(' && group.back() == ')') {
    for (const auto item : SplitFields(group.substr(1, group.size() - 2))) {
      if (!Unquote(item).empty()) memories.emplace_back(Unquote(item));
    }
  } else if (!Unquote(group).empty()) {
    memories.emplace_back(Unquote(group));
  }
  return memories;
}

// "002B0034..." -> "+4..." when CSCS="UCS2" (gammu tests/at-smsc/05.dump).
std::optional<std::string> DecodeUcs2Number(std::string_view hex) {
  if (hex.size() < 8 || hex.size() % 4 != 0 || !IsHexString(hex)) return std::nullopt;
  std::string number;
  for (std::size_t i = 0; i < hex.size(); i += 4) {
    const auto unit = ParseHexField(hex.substr(i, 4));
    if (!unit || *unit > 0x7F) return std::nullopt;
    const char c = static_cast<char>(*unit);
    if (std::string_view("+0123456789*#").find(c) == std::string_view::npos) return std::nullopt;
    number.push_back(c);
  }
  return number;
}

}  // namespace

Result<CmgrMessage> ParseCmgrResponse(std::string_view response) {
  const auto lines = SplitLines(response);
  CmgrMessage message;
  std::size_t header = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (StartsWithNoCase(lines[i], "+CMGR:")) {
      header = i;
      break;
    }
  }
  if (header == lines.size()) {
    // Huawei MU509 answers AT+CMGR on an empty index with a bare OK.
    for (const auto line : lines) {
      if (!IsNoise(line)) return MakeError("no +CMGR line");
    }
    message.empty = true;
    return message;
  }
  const auto fields = SplitFields(*AfterPrefix(lines[header], "+CMGR:"));
  if (fields.size() < 2) return MakeError("expected <stat>,[<alpha>],<length>");
  if (!fields.front().empty()) {
    message.stat = ParseDecimal(fields.front());
    if (!message.stat) return MakeError("bad <stat>");
  }
  const auto length = ParseDecimal(fields.back());
  if (!length || *length < 0 || *length > 255) return MakeError("bad <length>");
  message.length = *length;
  const bool has_pdu = header + 1 < lines.size() && IsPduLine(lines[header + 1]);
  if (!has_pdu) {
    if (message.length == 0) {
      message.empty = true;
      return message;
    }
    return MakeError("no PDU line after +CMGR");
  }
  message.pdu = std::string(lines[header + 1]);
  // The PDU carries the SMSC (length octet + that many octets) on top of
  // <length> (27.005 §3.1, docs/modem.md §3 "SMSC prefix").
  const std::size_t smsc_octets = *ParseHexField(message.pdu.substr(0, 2));
  if (message.pdu.size() / 2 < 1 + smsc_octets + static_cast<std::size_t>(message.length)) {
    return MakeError("PDU shorter than <length>");
  }
  return message;
}

Result<CmglList> ParseCmglResponse(std::string_view response) {
  const auto lines = SplitLines(response);
  CmglList list;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto rest = AfterPrefix(lines[i], "+CMGL:");
    if (!rest) continue;
    // "<index>,<stat>,[<alpha>],<length>"; Pantech leaves out <alpha>:
    // "+CMGL: 17,3,35" (ModemManager test-modem-helpers.c).
    const auto fields = SplitFields(*rest);
    const auto index = fields.size() >= 3 ? ParseDecimal(fields[0]) : std::nullopt;
    const auto stat = fields.size() >= 3 ? ParseDecimal(fields[1]) : std::nullopt;
    const auto length = fields.size() >= 3 ? ParseDecimal(fields.back()) : std::nullopt;
    const bool has_pdu = i + 1 < lines.size() && IsPduLine(lines[i + 1]);
    if (!index || !stat || !length || !has_pdu) {
      ++list.skipped;
      continue;
    }
    list.entries.push_back(CmglEntry{*index, *stat, *length, std::string(lines[i + 1])});
    ++i;
  }
  return list;
}

Result<StorageIndication> ParseCmtiIndication(std::string_view line) {
  return ParseStorageIndication(line, "+CMTI:");
}

Result<StorageIndication> ParseCdsiIndication(std::string_view line) {
  return ParseStorageIndication(line, "+CDSI:");
}

Result<int> ParseCmtHeader(std::string_view line) { return ParseLengthHeader(line, "+CMT:"); }

Result<int> ParseCdsHeader(std::string_view line) { return ParseLengthHeader(line, "+CDS:"); }

Result<CmgsResult> ParseCmgsResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CMGS:");
  if (!rest) return MakeError("no +CMGS line");
  const auto fields = SplitFields(*rest);
  const auto reference = ParseDecimal(fields[0]);
  if (!reference || *reference < 0 || *reference > 255) return MakeError("bad <mr>");
  CmgsResult result;
  result.message_reference = *reference;
  if (fields.size() > 1) result.scts = std::string(Unquote(fields[1]));
  return result;
}

Result<std::vector<StorageUsage>> ParseCpmsResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CPMS:");
  if (!rest) return MakeError("no +CPMS line");
  const auto fields = SplitFields(*rest);
  const bool named = !fields.empty() && !ParseDecimal(fields[0]).has_value();
  const std::size_t stride = named ? 3 : 2;
  if (fields.size() % stride != 0 || fields.size() > 3 * stride) {
    return MakeError("expected [<mem>,]<used>,<total> per storage");
  }
  std::vector<StorageUsage> storages;
  for (std::size_t i = 0; i < fields.size(); i += stride) {
    const std::size_t at = named ? i + 1 : i;
    const auto used = ParseDecimal(fields[at]);
    const auto total = ParseDecimal(fields[at + 1]);
    if (!used || !total || *used < 0 || *total < 0) return MakeError("bad <used>,<total>");
    storages.push_back(StorageUsage{named ? std::string(Unquote(fields[i])) : std::string(), *used, *total});
  }
  return storages;
}

Result<CpmsSupport> ParseCpmsTest(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CPMS:");
  if (!rest) return MakeError("no +CPMS line");
  CpmsSupport support;
  if (rest->empty()) return support;  // Samsung J700: "+CPMS: " (gammu tests/at-cpms/)
  auto groups = SplitFields(*rest);
  // Wavecom nests all groups in one: (("SM","BM","SR"),("SM")).
  if (groups.size() == 1 && groups[0].size() >= 2 && groups[0].front() == '(' &&
      groups[0].substr(1).find('(') != std::string_view::npos) {
    groups = SplitFields(groups[0].substr(1, groups[0].size() - 2));
  }
  if (groups.size() > 3) return MakeError("more than three memory groups");
  // MU609 sends one bare name per group: "ME","MT","SM" (ModemManager tests).
  std::vector<std::string>* targets[] = {&support.mem1, &support.mem2, &support.mem3};
  for (std::size_t i = 0; i < groups.size(); ++i) *targets[i] = ParseMemoryGroup(groups[i]);
  return support;
}

Result<SmscAddress> ParseCscaResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CSCA:");
  if (!rest) return MakeError("no +CSCA line");
  const auto fields = SplitFields(*rest);
  SmscAddress address;
  const std::string_view number = Unquote(fields[0]);
  if (const auto decoded = DecodeUcs2Number(number)) {
    address.number = *decoded;
  } else {
    address.number = std::string(number);
  }
  // "+CSCA: "",129" means no SMSC is set (gammu tests/at-smsc-failing/04.dump).
  if (address.number.empty() || address.number == "+") return MakeError("no SMSC address set");
  if (address.number.find_first_not_of("+0123456789*#") != std::string::npos) {
    return MakeError("SMSC address is not a number");
  }
  if (fields.size() > 1) {
    const auto type = ParseDecimal(fields[1]);
    if (!type || *type < 128 || *type > 255) return MakeError("bad <tosca>");
    address.type = *type;
  } else {
    address.type = address.number.front() == '+' ? 145 : 129;
  }
  return address;
}

Result<CnmiSupport> ParseCnmiTest(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CNMI:");
  if (!rest) return MakeError("no +CNMI line");
  const auto groups = SplitFields(*rest);
  CnmiSupport support;
  std::vector<int>* targets[] = {&support.mode, &support.mt, &support.bm, &support.ds, &support.bfr};
  if (groups.size() > 5) return MakeError("more than five groups");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (!ParseIntList(groups[i], *targets[i])) return MakeError("bad value list");
  }
  return support;
}

Result<int> ParseCmmsResponse(std::string_view response) {
  const auto rest = FindPrefixedLine(response, "+CMMS:");
  if (!rest) return MakeError("no +CMMS line");
  const auto value = ParseDecimal(*rest);
  if (!value || *value < 0 || *value > 2) return MakeError("bad <n>");
  return *value;
}

}  // namespace smsdesk::modem
