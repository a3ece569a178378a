// smsdesk pdu decode|encode|count: the PDU codec for operators and tests.
// Output is JSON (decode, count) or "<tpdu length> <hex>" lines (encode, ready
// for AT+CMGS=<length>). Bad input: one line on stderr, exit code 2.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "firmware-host/base/duration.h"
#include "firmware-host/cli/cli.h"
#include "modem/segmenter.h"
#include "modem/sms_pdu.h"

namespace smsdesk {
namespace {

using nlohmann::ordered_json;
namespace m = modem;

ordered_json AddressJson(const std::optional<m::Address>& a) {
  if (!a) return nullptr;
  return a->number;
}

ordered_json ConcatJson(const m::UserData& ud) {
  if (!ud.header || !ud.header->concat) return nullptr;
  const auto& c = *ud.header->concat;
  return {{"ref", c.reference}, {"total", c.total}, {"seq", c.sequence}, {"ref_bits", c.reference_16bit ? 16 : 8}};
}

const char* LanguageName(m::NationalLanguage l) {
  switch (l) {
    case m::NationalLanguage::kTurkish: return "turkish";
    case m::NationalLanguage::kSpanish: return "spanish";
    case m::NationalLanguage::kPortuguese: return "portuguese";
    case m::NationalLanguage::kNone: break;
  }
  return nullptr;
}

void AddUserData(ordered_json& j, const m::DataCoding& coding, const m::UserData& ud) {
  j["encoding"] = m::EncodingName(coding.alphabet);
  j["text"] = ud.text;
  if (!ud.data.empty()) j["data"] = m::OctetsToHex(ud.data);
  j["concat"] = ConcatJson(ud);
  j["class"] = coding.message_class ? ordered_json(*coding.message_class) : ordered_json(nullptr);
  j["dcs"] = coding.raw;
  if (ud.header) {
    if (const char* s = LanguageName(ud.header->tables.single)) j["single_shift"] = s;
    if (const char* s = LanguageName(ud.header->tables.locking)) j["locking_shift"] = s;
    if (!ud.header->others.empty()) {
      ordered_json ies = ordered_json::array();
      for (const auto& ie : ud.header->others) ies.push_back({{"iei", ie.iei}, {"data", m::OctetsToHex(ie.data)}});
      j["udh_other"] = ies;
    }
  }
}

ordered_json ToJson(const m::DeliverPdu& p) {
  ordered_json j;
  j["type"] = "deliver";
  j["smsc"] = AddressJson(p.smsc);
  j["from"] = p.originator.number;
  j["from_type"] = p.originator.type_of_address;
  j["timestamp"] = p.service_centre_time.ToIso8601();
  AddUserData(j, p.coding, p.user_data);
  j["more_messages"] = p.more_messages_to_send;
  j["reply_path"] = p.reply_path;
  j["status_report_indication"] = p.status_report_indication;
  j["pid"] = p.protocol_id;
  return j;
}

ordered_json ValidityJson(const m::Validity& v) {
  if (const auto* r = std::get_if<m::RelativeValidity>(&v)) {
    return {{"relative_minutes", m::RelativeValidityMinutes(r->value)}};
  }
  if (const auto* a = std::get_if<m::AbsoluteValidity>(&v)) return {{"absolute", a->time.ToIso8601()}};
  return nullptr;
}

ordered_json ToJson(const m::SubmitPdu& p) {
  ordered_json j;
  j["type"] = "submit";
  j["smsc"] = AddressJson(p.smsc);
  j["to"] = p.destination.number;
  j["to_type"] = p.destination.type_of_address;
  j["timestamp"] = nullptr;
  AddUserData(j, p.coding, p.user_data);
  j["mr"] = p.message_reference;
  j["status_report_request"] = p.status_report_request;
  j["reject_duplicates"] = p.reject_duplicates;
  j["validity"] = ValidityJson(p.validity);
  j["pid"] = p.protocol_id;
  return j;
}

ordered_json ToJson(const m::StatusReportPdu& p) {
  ordered_json j;
  j["type"] = "status-report";
  j["smsc"] = AddressJson(p.smsc);
  j["recipient"] = p.recipient.number;
  j["mr"] = p.message_reference;
  j["timestamp"] = p.service_centre_time.ToIso8601();
  j["discharge_time"] = p.discharge_time.ToIso8601();
  j["status"] = m::DeliveryStatusName(p.status);
  j["status_code"] = p.status_code;
  return j;
}

int Fail(const std::string& what, const std::string& message) {
  std::fprintf(stderr, "smsdesk: pdu %s: %s\n", what.c_str(), message.c_str());
  return kExitBadInput;
}

struct PduArgs {
  std::vector<std::string> hex;
  bool no_smsc = false;
  std::string to, smsc, validity, text;
  bool status_report = false, flash = false, ucs2 = false, transliterate = false, ref16 = false;
  bool no_national = false;
  bool from_stdin = false;
  int ref = 0, mr = 0;
};

// With --stdin the text is all of standard input (without its final newline),
// so that a text of "-" is still a text.
std::string TextArgument(const PduArgs& a) {
  if (!a.from_stdin) return a.text;
  std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (!all.empty() && all.back() == '\n') all.pop_back();
  return all;
}

// Decodes one PDU and prints its JSON. A line number (standard input) is
// named in the error, and the error also goes to standard output as JSON so
// that a reader of the output can tell which line failed.
int DecodeOne(const std::string& hex, bool has_smsc, int line = 0) {
  auto pdu = m::DecodePduHex(hex, has_smsc);
  if (!pdu) {
    if (line == 0) return Fail("decode", pdu.error().message);
    std::fprintf(stderr, "smsdesk: pdu decode: line %d: %s\n", line, pdu.error().message.c_str());
    std::cout << ordered_json{{"line", line}, {"error", pdu.error().message}}.dump() << '\n';
    return kExitBadInput;
  }
  std::cout << std::visit([](const auto& p) { return ToJson(p); }, *pdu).dump() << '\n';
  return kExitOk;
}

// With no HEX argument, one PDU per line of standard input; a bad line is
// reported (with its number) and the others are still decoded.
int RunDecode(const PduArgs& a) {
  int rc = kExitOk;
  if (!a.hex.empty()) {
    for (const auto& hex : a.hex) rc = std::max(rc, DecodeOne(hex, !a.no_smsc));
    return rc;
  }
  std::string line;
  for (int n = 1; std::getline(std::cin, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) rc = std::max(rc, DecodeOne(line, !a.no_smsc, n));
  }
  return rc;
}

m::SegmentOptions Segmenting(const PduArgs& a) {
  m::SegmentOptions o;
  o.force_ucs2 = a.ucs2;
  o.transliterate = a.transliterate;
  o.concat_16bit_reference = a.ref16;
  o.allow_national_shift = !a.no_national;
  return o;
}

int RunEncode(const PduArgs& a) {
  m::SubmitOptions o;
  o.to = a.to;
  if (!a.smsc.empty()) o.smsc = a.smsc;
  o.status_report = a.status_report;
  o.flash = a.flash;
  o.message_reference = static_cast<std::uint8_t>(a.mr);
  o.segmenting = Segmenting(a);
  if (!a.validity.empty()) {
    auto duration = ParseDuration(a.validity);
    if (!duration) return Fail("encode", "--validity: " + duration.error().message);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(*duration).count();
    if (minutes < 5) return Fail("encode", "--validity: the shortest validity is 5m");
    o.validity = m::RelativeValidity{m::RelativeValidityForMinutes(static_cast<int>(minutes))};
  }
  m::ConcatReferenceAllocator refs(static_cast<std::uint16_t>(a.ref));
  auto pdus = m::EncodeSubmit(TextArgument(a), o, refs);
  if (!pdus) return Fail("encode", pdus.error().message);
  for (const auto& p : *pdus) std::cout << p.tpdu_length << ' ' << p.Hex() << '\n';
  return kExitOk;
}

int RunCount(const PduArgs& a) {
  auto plan = m::PlanSegments(TextArgument(a), Segmenting(a));
  if (!plan) return Fail("count", plan.error().message);
  ordered_json j;
  j["encoding"] = m::EncodingName(plan->encoding);
  j["segments"] = plan->segments.size();
  j["characters"] = plan->characters;
  j["characters_left"] = plan->characters_left;
  j["units_left"] = plan->units_left;
  j["transliterated"] = plan->transliterated;
  if (const char* s = LanguageName(plan->tables.single)) j["single_shift"] = s;
  if (const char* s = LanguageName(plan->tables.locking)) j["locking_shift"] = s;
  std::cout << j.dump() << '\n';
  return kExitOk;
}

void AddSegmentingFlags(CLI::App* c, PduArgs& a) {
  c->add_flag("--ucs2", a.ucs2, "Always use UCS-2");
  c->add_flag("--transliterate", a.transliterate, "Replace accents GSM-7 lacks (ê→e) to stay in GSM-7");
  c->add_flag("--no-national", a.no_national, "Never use national language shift tables");
  c->add_flag("--ref16", a.ref16, "16-bit concatenation reference");
  c->add_flag("--stdin", a.from_stdin, "Read the text from standard input instead of TEXT");
}

}  // namespace

void AddPduCommands(CLI::App& app, CliStatus& status) {
  auto* pdu = app.add_subcommand("pdu", "Decode, encode and count SMS PDUs (3GPP TS 23.040)");
  pdu->require_subcommand(1);
  auto args = std::make_shared<PduArgs>();

  auto* decode = pdu->add_subcommand("decode", "Decode a PDU as AT+CMGR/+CMGL print it; prints JSON");
  decode->add_option("HEX", args->hex, "PDUs in hex (none: one per line from standard input)");
  decode->add_flag("--no-smsc", args->no_smsc, "The PDU has no SMSC field in front");
  decode->callback([args, &status] { status.exit_code = RunDecode(*args); });

  auto* encode = pdu->add_subcommand("encode", "Encode SMS-SUBMIT PDUs; prints '<tpdu length> <hex>' per segment");
  encode->add_option("--to", args->to, "Destination number")->required();
  encode->add_option("--smsc", args->smsc, "SMSC number (default: 00, the modem's +CSCA)");
  encode->add_flag("--status-report", args->status_report, "Request a delivery report");
  encode->add_option("--validity", args->validity, "Relative validity, e.g. 30m, 16h, 3d, 5w");
  encode->add_flag("--flash", args->flash, "Class 0 (flash) message");
  encode->add_option("--mr", args->mr, "TP-MR (default 0: the modem assigns one)")->check(CLI::Range(0, 255));
  encode->add_option("--ref", args->ref, "First concatenation reference")->check(CLI::Range(0, 65535));
  AddSegmentingFlags(encode, *args);
  encode->add_option("TEXT", args->text, "The text (UTF-8)");
  encode->callback([args, &status] { status.exit_code = RunEncode(*args); });

  auto* count = pdu->add_subcommand("count", "Encoding, segments and characters left for a text; prints JSON");
  AddSegmentingFlags(count, *args);
  count->add_option("TEXT", args->text, "The text (UTF-8)");
  count->callback([args, &status] { status.exit_code = RunCount(*args); });
}

}  // namespace smsdesk
