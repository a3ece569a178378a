// Encoding of SMS-SUBMIT, SMS-DELIVER and SMS-STATUS-REPORT (TS 23.040 §9.2.2).
// Text goes through PlanSegments (segmenter.h), which picks the alphabet and
// splits; this file adds the UDH of every part and the TPDU fields around it.
#include <string>

#include "modem/sms_address.h"
#include "modem/sms_data_coding.h"
#include "modem/sms_first_octet.h"
#include "modem/sms_pdu.h"
#include "modem/sms_timestamp.h"
#include "modem/sms_user_data.h"
#include "modem/unicode.h"
#include "modem/user_data_header.h"
#include "modem/validity.h"

namespace smsdesk::modem {
namespace {

// TS 23.040 §9.2.3.24.1: the part counter is one octet.
constexpr std::size_t kMaxParts = 255;

struct Part {
  bool has_header = false;
  std::vector<std::uint8_t> user_data;  // TP-UDL and TP-UD
};

Result<std::optional<Address>> ResolveSmsc(const std::optional<std::string>& text) {
  if (!text) return std::optional<Address>();
  auto smsc = ParseAddress(*text);
  if (!smsc) return MakeError("SMSC: " + smsc.error().message);
  if (smsc->kind == Address::Kind::kAlphanumeric) {
    return MakeError("SMSC: \"" + *text + "\" is not a number");
  }
  return std::optional<Address>(std::move(smsc.value()));
}

// Plans `text` and builds TP-UDL/TP-UD for every part: a concatenation IE when
// there is more than one part, national shift IEs when the plan uses tables.
Result<std::vector<Part>> EncodeParts(std::string_view text, const SegmentOptions& options,
                                      ConcatReferenceAllocator& references, Encoding& alphabet) {
  auto plan = PlanSegments(text, options);
  if (!plan) return plan.error();
  const std::size_t count = plan->segments.size();
  if (count > kMaxParts) {
    return MakeError("text needs " + std::to_string(count) + " parts; at most 255 fit");
  }
  alphabet = plan->encoding;
  UserDataHeader header;
  if (plan->encoding == Encoding::kGsm7) header.tables = plan->tables;
  if (count > 1) {
    header.concat = ConcatInfo{references.Next(options.concat_16bit_reference),
                               static_cast<std::uint8_t>(count), 0,
                               options.concat_16bit_reference};
  }
  std::vector<Part> parts;
  for (std::size_t i = 0; i < count; ++i) {
    if (header.concat) header.concat->sequence = static_cast<std::uint8_t>(i + 1);
    const auto udh = BuildUserDataHeader(header);
    parts.push_back({!udh.empty(), EncodeUserData(plan->encoding, udh, plan->segments[i].payload)});
  }
  return parts;
}

EncodedPdu Finish(const std::vector<std::uint8_t>& smsc_field, std::vector<std::uint8_t> tpdu) {
  EncodedPdu pdu;
  pdu.octets = smsc_field;
  pdu.octets.insert(pdu.octets.end(), tpdu.begin(), tpdu.end());
  // TS 27.005 §3.5.1: the +CMGS length counts the TPDU only, not the SMSC.
  pdu.tpdu_length = static_cast<int>(tpdu.size());
  return pdu;
}

void Append(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> more) {
  out.insert(out.end(), more.begin(), more.end());
}

// The payload of a decoded UserData in `alphabet`, for re-encoding reports.
std::vector<std::uint8_t> PayloadOf(const UserData& ud, Encoding alphabet) {
  if (alphabet == Encoding::kEightBit) return ud.data;
  const std::u32string cps = Utf8ToCodepointsLenient(ud.text);
  if (alphabet == Encoding::kUcs2) return EncodeUtf16Be(cps);
  const Gsm7Tables tables = ud.header ? ud.header->tables : Gsm7Tables{};
  std::vector<std::uint8_t> septets;
  for (char32_t cp : cps) AppendGsm7(cp, tables, septets);  // unrepresentable: dropped
  return septets;
}

}  // namespace

std::uint16_t ConcatReferenceAllocator::Next(bool reference_16bit) {
  // TS 23.040 §9.2.3.24.1 / .8: the reference is modulo 256 or 65536.
  if (!reference_16bit) {
    const std::uint16_t reference = next_ % 256;
    next_ = static_cast<std::uint16_t>((reference + 1) % 256);
    return reference;
  }
  return next_++;
}

// TS 23.040 §9.2.2.2 SMS-SUBMIT.
Result<std::vector<EncodedPdu>> EncodeSubmit(std::string_view text, const SubmitOptions& options,
                                             ConcatReferenceAllocator& references) {
  auto destination = ParseAddress(options.to);
  if (!destination) return MakeError("TP-DA: " + destination.error().message);
  if (destination->kind == Address::Kind::kAlphanumeric) {
    return MakeError("TP-DA: \"" + options.to + "\" is not a number");
  }
  auto smsc = ResolveSmsc(options.smsc);
  if (!smsc) return smsc.error();
  Encoding alphabet = Encoding::kGsm7;
  auto parts = EncodeParts(text, options.segmenting, references, alphabet);
  if (!parts) return parts.error();

  const auto smsc_field = EncodeSmscField(*smsc);
  const auto da = EncodeAddressField(*destination);
  const auto vp = EncodeValidity(options.validity);
  std::uint8_t fo = static_cast<std::uint8_t>(MessageType::kSubmit);
  fo |= static_cast<std::uint8_t>(static_cast<int>(ValidityFormatOf(options.validity))
                                  << kFoValidityShift);
  if (options.status_report) fo |= kFoStatusReport;
  // TS 23.038 §4: class 0 is the "flash" message shown and not stored.
  const std::uint8_t dcs = EncodeDataCoding(
      alphabet, options.flash ? std::optional<int>(0) : std::nullopt);

  std::vector<EncodedPdu> out;
  for (const Part& part : *parts) {
    std::vector<std::uint8_t> tpdu{
        static_cast<std::uint8_t>(fo | (part.has_header ? kFoUserDataHeader : 0)),
        options.message_reference};
    Append(tpdu, da);
    tpdu.push_back(0x00);  // TP-PID: plain SME-to-SME (§9.2.3.9)
    tpdu.push_back(dcs);
    Append(tpdu, vp);
    Append(tpdu, part.user_data);
    out.push_back(Finish(smsc_field, std::move(tpdu)));
  }
  return out;
}

// TS 23.040 §9.2.2.1 SMS-DELIVER.
Result<std::vector<EncodedPdu>> EncodeDeliver(std::string_view text, const DeliverOptions& options,
                                              ConcatReferenceAllocator& references) {
  auto originator = ParseAddress(options.from);
  if (!originator) return MakeError("TP-OA: " + originator.error().message);
  auto smsc = ResolveSmsc(options.smsc);
  if (!smsc) return smsc.error();
  Encoding alphabet = Encoding::kGsm7;
  auto parts = EncodeParts(text, options.segmenting, references, alphabet);
  if (!parts) return parts.error();

  const auto smsc_field = EncodeSmscField(*smsc);
  const auto oa = EncodeAddressField(*originator);
  const auto scts = EncodeTimestamp(options.service_centre_time);
  std::uint8_t fo = static_cast<std::uint8_t>(MessageType::kDeliver) | kFoNoMoreMessages;
  if (options.status_report_indication) fo |= kFoStatusReport;

  std::vector<EncodedPdu> out;
  for (const Part& part : *parts) {
    std::vector<std::uint8_t> tpdu{
        static_cast<std::uint8_t>(fo | (part.has_header ? kFoUserDataHeader : 0))};
    Append(tpdu, oa);
    tpdu.push_back(0x00);  // TP-PID
    tpdu.push_back(EncodeDataCoding(alphabet));
    Append(tpdu, scts);
    Append(tpdu, part.user_data);
    out.push_back(Finish(smsc_field, std::move(tpdu)));
  }
  return out;
}

// TS 23.040 §9.2.2.3 SMS-STATUS-REPORT.
EncodedPdu EncodeStatusReport(const StatusReportPdu& report) {
  const bool has_header = report.user_data && report.user_data->header;
  std::vector<std::uint8_t> tpdu{static_cast<std::uint8_t>(
      static_cast<std::uint8_t>(MessageType::kStatusReport) | kFoNoMoreMessages |
      (has_header ? kFoUserDataHeader : 0))};
  tpdu.push_back(report.message_reference);
  Append(tpdu, EncodeAddressField(report.recipient));
  Append(tpdu, EncodeTimestamp(report.service_centre_time));
  Append(tpdu, EncodeTimestamp(report.discharge_time));
  tpdu.push_back(report.status_code);

  std::uint8_t pi = 0;
  if (report.protocol_id) pi |= kPiProtocolId;
  if (report.coding) pi |= kPiDataCoding;
  if (report.user_data) pi |= kPiUserData;
  if (pi != 0) {
    tpdu.push_back(pi);
    if (report.protocol_id) tpdu.push_back(*report.protocol_id);
    if (report.coding) tpdu.push_back(report.coding->raw);
    if (report.user_data) {
      const DataCoding coding = report.coding.value_or(DataCoding{});
      const Encoding alphabet = coding.compressed ? Encoding::kEightBit : coding.alphabet;
      const auto udh = has_header ? BuildUserDataHeader(*report.user_data->header)
                                  : std::vector<std::uint8_t>{};
      Append(tpdu, EncodeUserData(alphabet, udh, PayloadOf(*report.user_data, alphabet)));
    }
  }
  return Finish(EncodeSmscField(report.smsc), std::move(tpdu));
}

}  // namespace smsdesk::modem
