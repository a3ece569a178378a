// Decoding of SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT (TS 23.040 §9.2.2).
#include <string>

#include "modem/sms_address.h"
#include "modem/sms_data_coding.h"
#include "modem/sms_first_octet.h"
#include "modem/sms_octet_reader.h"
#include "modem/sms_pdu.h"
#include "modem/sms_timestamp.h"
#include "modem/sms_user_data.h"
#include "modem/validity.h"

namespace smsdesk::modem {
namespace {

Result<Timestamp> ReadTimestamp(OctetReader& reader, std::string_view field) {
  auto octets = reader.Take(kTimestampOctets, field);
  if (!octets) return octets.error();
  return DecodeTimestamp(octets->first<kTimestampOctets>());
}

// TS 23.040 §9.2.2.1 SMS-DELIVER.
Result<Pdu> DecodeDeliver(OctetReader& reader, std::uint8_t fo, std::optional<Address> smsc) {
  DeliverPdu pdu;
  pdu.smsc = std::move(smsc);
  pdu.more_messages_to_send = (fo & kFoNoMoreMessages) == 0;  // §9.2.3.2: inverted
  pdu.status_report_indication = (fo & kFoStatusReport) != 0;
  pdu.reply_path = (fo & kFoReplyPath) != 0;
  auto originator = DecodeAddressField(reader, "TP-OA");
  if (!originator) return originator.error();
  pdu.originator = std::move(originator.value());
  auto pid = reader.Byte("TP-PID");
  if (!pid) return pid.error();
  pdu.protocol_id = *pid;
  auto dcs = reader.Byte("TP-DCS");
  if (!dcs) return dcs.error();
  pdu.coding = DecodeDataCoding(*dcs);
  auto scts = ReadTimestamp(reader, "TP-SCTS");
  if (!scts) return scts.error();
  pdu.service_centre_time = *scts;
  auto ud = DecodeUserData(reader, pdu.coding, (fo & kFoUserDataHeader) != 0);
  if (!ud) return ud.error();
  pdu.user_data = std::move(ud.value());
  return Pdu{std::move(pdu)};
}

// TS 23.040 §9.2.2.2 SMS-SUBMIT.
Result<Pdu> DecodeSubmit(OctetReader& reader, std::uint8_t fo, std::optional<Address> smsc) {
  SubmitPdu pdu;
  pdu.smsc = std::move(smsc);
  pdu.reject_duplicates = (fo & kFoRejectDuplicates) != 0;
  pdu.status_report_request = (fo & kFoStatusReport) != 0;
  pdu.reply_path = (fo & kFoReplyPath) != 0;
  auto mr = reader.Byte("TP-MR");
  if (!mr) return mr.error();
  pdu.message_reference = *mr;
  auto destination = DecodeAddressField(reader, "TP-DA");
  if (!destination) return destination.error();
  pdu.destination = std::move(destination.value());
  auto pid = reader.Byte("TP-PID");
  if (!pid) return pid.error();
  pdu.protocol_id = *pid;
  auto dcs = reader.Byte("TP-DCS");
  if (!dcs) return dcs.error();
  pdu.coding = DecodeDataCoding(*dcs);
  const auto vpf = static_cast<ValidityFormat>((fo >> kFoValidityShift) & 0x03);
  auto validity = DecodeValidity(reader, vpf);
  if (!validity) return validity.error();
  pdu.validity = *validity;
  auto ud = DecodeUserData(reader, pdu.coding, (fo & kFoUserDataHeader) != 0);
  if (!ud) return ud.error();
  pdu.user_data = std::move(ud.value());
  return Pdu{std::move(pdu)};
}

// TS 23.040 §9.2.2.3: TP-PI and the optional TP-PID, TP-DCS, TP-UDL/UD after
// TP-ST. No TP-PI at all is the common case; an error when a field TP-PI
// announces is missing or malformed.
Result<bool> DecodeReportTrailer(OctetReader& reader, std::uint8_t fo, StatusReportPdu& pdu) {
  if (reader.AtEnd()) return true;
  auto pi = reader.Byte("TP-PI");
  if (!pi) return pi.error();
  // §9.2.3.27: extension octets follow while bit 7 is set; none is defined.
  for (std::uint8_t more = *pi; more & kPiExtension;) {
    auto next = reader.Byte("TP-PI extension");
    if (!next) return next.error();
    more = *next;
  }
  if (*pi & kPiProtocolId) {
    auto pid = reader.Byte("TP-PID");
    if (!pid) return pid.error();
    pdu.protocol_id = *pid;
  }
  if (*pi & kPiDataCoding) {
    auto dcs = reader.Byte("TP-DCS");
    if (!dcs) return dcs.error();
    pdu.coding = DecodeDataCoding(*dcs);
  }
  if (*pi & kPiUserData) {
    auto ud = DecodeUserData(reader, pdu.coding.value_or(DataCoding{}),
                             (fo & kFoUserDataHeader) != 0);
    if (!ud) return ud.error();
    pdu.user_data = std::move(ud.value());
  }
  return true;
}

// TS 23.040 §9.2.2.3 SMS-STATUS-REPORT.
Result<Pdu> DecodeStatusReport(OctetReader& reader, std::uint8_t fo,
                               std::optional<Address> smsc) {
  StatusReportPdu pdu;
  pdu.smsc = std::move(smsc);
  auto mr = reader.Byte("TP-MR");
  if (!mr) return mr.error();
  pdu.message_reference = *mr;
  auto recipient = DecodeAddressField(reader, "TP-RA");
  if (!recipient) return recipient.error();
  pdu.recipient = std::move(recipient.value());
  auto scts = ReadTimestamp(reader, "TP-SCTS");
  if (!scts) return scts.error();
  pdu.service_centre_time = *scts;
  auto dt = ReadTimestamp(reader, "TP-DT");
  if (!dt) return dt.error();
  pdu.discharge_time = *dt;
  auto st = reader.Byte("TP-ST");
  if (!st) return st.error();
  pdu.status_code = *st;
  pdu.status = ClassifyStatus(*st);
  // The trailer is optional and only decoration for the desk: a malformed one
  // (FF padding, a TP-PI announcing fields that are not there) is dropped
  // rather than losing the delivery status in front of it.
  StatusReportPdu with_trailer = pdu;
  if (DecodeReportTrailer(reader, fo, with_trailer)) return Pdu{std::move(with_trailer)};
  return Pdu{std::move(pdu)};
}

}  // namespace

Result<Pdu> DecodePdu(std::span<const std::uint8_t> octets, bool has_smsc) {
  OctetReader reader(octets);
  std::optional<Address> smsc;
  if (has_smsc) {
    auto field = DecodeSmscField(reader);
    if (!field) return field.error();
    smsc = std::move(field.value());
  }
  auto fo = reader.Byte("first octet");
  if (!fo) return fo.error();
  switch (MessageTypeOf(*fo)) {
    case MessageType::kDeliver: return DecodeDeliver(reader, *fo, std::move(smsc));
    case MessageType::kSubmit: return DecodeSubmit(reader, *fo, std::move(smsc));
    case MessageType::kStatusReport: return DecodeStatusReport(reader, *fo, std::move(smsc));
    case MessageType::kReserved: break;
  }
  return MakeError("TP-MTI: reserved message type 3");
}

Result<Pdu> DecodePduHex(std::string_view hex, bool has_smsc) {
  auto octets = HexToOctets(hex);
  if (!octets) return octets.error();
  return DecodePdu(*octets, has_smsc);
}

}  // namespace smsdesk::modem
