// SMS TPDUs as AT+CMGR/+CMGL print them and AT+CMGS takes them
// (3GPP TS 23.040 §9.2): SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT,
// decoded from and encoded to octets. Pure: no I/O, no clock.
//
// Decoding never reads out of bounds and never crashes: a malformed PDU is an
// Error naming the field that is wrong. Text is UTF-8 everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "modem/gsm_alphabet.h"
#include "modem/result.h"
#include "modem/segmenter.h"

namespace smsdesk::modem {

// TS 23.040 §9.1.2.5. `number` is "+<digits>" for international numbers,
// the digits for other numeric types, the decoded text for alphanumeric.
struct Address {
  enum class Kind : std::uint8_t { kInternational, kNational, kAlphanumeric, kOther };
  Kind kind = Kind::kOther;
  std::string number;
  std::uint8_t type_of_address = 0x81;  // the raw TOA octet
  bool operator==(const Address&) const = default;
};

// Parses "+4412345", "0612345" or "12345" for encoding; alphanumeric when the
// text is not a dialable number.
Result<Address> ParseAddress(std::string_view text);

// TS 23.040 §9.2.3.11: local time plus the zone in quarter-hours (may be negative).
struct Timestamp {
  int year = 2000, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int tz_quarter_hours = 0;
  std::string ToIso8601() const;  // "2002-08-26T19:37:41-01:00"
  bool operator==(const Timestamp&) const = default;
};

// TS 23.038 §4 data coding scheme, reduced to what the desk needs.
struct DataCoding {
  Encoding alphabet = Encoding::kGsm7;
  std::optional<int> message_class;  // 0..3
  bool compressed = false;           // compressed text is kept as raw data
  std::uint8_t raw = 0;
};

// TS 23.040 §9.2.3.24.1 / .8: concatenation with an 8- or 16-bit reference.
struct ConcatInfo {
  std::uint16_t reference = 0;
  std::uint8_t total = 0;
  std::uint8_t sequence = 0;
  bool reference_16bit = false;
  bool operator==(const ConcatInfo&) const = default;
};

struct InformationElement {
  std::uint8_t iei = 0;
  std::vector<std::uint8_t> data;
};

struct UserDataHeader {
  std::optional<ConcatInfo> concat;  // absent when seq is 0 or > total
  Gsm7Tables tables;                 // from IEI 0x24 (single) / 0x25 (locking)
  std::vector<InformationElement> others;  // unknown IEIs, kept, never fatal
};

// The decoded user data of any TPDU.
struct UserData {
  std::optional<UserDataHeader> header;
  std::string text;                 // UTF-8; empty for 8-bit data
  std::vector<std::uint8_t> data;   // the raw payload for 8-bit / compressed data
  // TP-UDL as on the wire: septets for GSM-7 (header and fill included,
  // TS 23.040 §9.2.3.16), octets otherwise. Set by the decoder only.
  int length = 0;
};

struct DeliverPdu {
  std::optional<Address> smsc;   // absent when the SMSC octet was 00 / not given
  Address originator;
  bool more_messages_to_send = false;  // TP-MMS inverted on the wire (bit set = no more)
  bool reply_path = false;
  bool status_report_indication = false;
  std::uint8_t protocol_id = 0;
  DataCoding coding;
  Timestamp service_centre_time;
  UserData user_data;
};

// TS 23.040 §9.2.3.12 validity period.
struct RelativeValidity { std::uint8_t value = 0; };  // encoded TP-VP octet
struct AbsoluteValidity { Timestamp time; };
using Validity = std::variant<std::monostate, RelativeValidity, AbsoluteValidity>;

// Minutes that a relative TP-VP octet stands for (5 -> 30, 151 -> 960, …).
int RelativeValidityMinutes(std::uint8_t value);
// The smallest TP-VP octet covering at least `minutes` (clamped to 63 weeks).
std::uint8_t RelativeValidityForMinutes(int minutes);

struct SubmitPdu {
  std::optional<Address> smsc;
  std::uint8_t message_reference = 0;
  Address destination;
  bool reject_duplicates = false;
  bool status_report_request = false;
  bool reply_path = false;
  std::uint8_t protocol_id = 0;
  DataCoding coding;
  Validity validity;
  UserData user_data;
};

enum class DeliveryStatus : std::uint8_t { kDelivered, kTemporary, kPermanent };
const char* DeliveryStatusName(DeliveryStatus s);  // "delivered", "temporary", "permanent"
// TS 23.040 §9.2.3.15 TP-ST: 0x00-0x1F delivered, 0x20-0x3F and 0x60-0x7F
// temporary, 0x40-0x5F permanent, reserved/SC-specific values by their range.
DeliveryStatus ClassifyStatus(std::uint8_t tp_st);

struct StatusReportPdu {
  std::optional<Address> smsc;
  std::uint8_t message_reference = 0;
  Address recipient;
  Timestamp service_centre_time;
  Timestamp discharge_time;
  std::uint8_t status_code = 0;
  DeliveryStatus status = DeliveryStatus::kDelivered;
  // Optional trailer announced by TP-PI (TS 23.040 §9.2.2.3, §9.2.3.27).
  std::optional<std::uint8_t> protocol_id;
  std::optional<DataCoding> coding;
  std::optional<UserData> user_data;
};

using Pdu = std::variant<DeliverPdu, SubmitPdu, StatusReportPdu>;

// Decodes octets. `has_smsc`: the PDU starts with the SMSC field (as
// +CMGR/+CMGL/+CMT/+CDS print it); false when it starts at the first octet.
Result<Pdu> DecodePdu(std::span<const std::uint8_t> octets, bool has_smsc = true);
Result<Pdu> DecodePduHex(std::string_view hex, bool has_smsc = true);

// ---- Encoding ------------------------------------------------------------

// One encoded segment: the full PDU (with the SMSC field) and the TPDU
// length to give AT+CMGS= (SMSC octets excluded).
struct EncodedPdu {
  std::vector<std::uint8_t> octets;
  int tpdu_length = 0;
  std::string Hex() const;  // upper-case hex
};

// Allocates concatenation references; the desk persists `next` so that
// references do not repeat soon after a restart.
class ConcatReferenceAllocator {
 public:
  explicit ConcatReferenceAllocator(std::uint16_t next = 0) : next_(next) {}
  std::uint16_t Next(bool reference_16bit);
  std::uint16_t peek() const { return next_; }
 private:
  std::uint16_t next_;
};

struct SubmitOptions {
  std::string to;                   // destination number
  std::optional<std::string> smsc;  // absent: "00", the modem uses +CSCA
  bool status_report = false;
  Validity validity;                // monostate: no TP-VP
  bool flash = false;               // class 0
  std::uint8_t message_reference = 0;
  SegmentOptions segmenting;
};

// Encodes `text` as one or more SMS-SUBMIT PDUs (concatenated when needed).
Result<std::vector<EncodedPdu>> EncodeSubmit(std::string_view text, const SubmitOptions& options,
                                             ConcatReferenceAllocator& references);

// Encoders for the other direction, used by the virtual modem and by tests.
struct DeliverOptions {
  std::string from;                 // number or alphanumeric sender
  std::optional<std::string> smsc;
  Timestamp service_centre_time;
  bool status_report_indication = false;
  SegmentOptions segmenting;
};
Result<std::vector<EncodedPdu>> EncodeDeliver(std::string_view text, const DeliverOptions& options,
                                              ConcatReferenceAllocator& references);
EncodedPdu EncodeStatusReport(const StatusReportPdu& report);

// Hex helpers (case-insensitive; whitespace is an error).
Result<std::vector<std::uint8_t>> HexToOctets(std::string_view hex);
std::string OctetsToHex(std::span<const std::uint8_t> octets);

}  // namespace smsdesk::modem
