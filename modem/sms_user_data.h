// TP-UDL and TP-UD (3GPP TS 23.040 §9.2.3.16, §9.2.3.24): the user data of
// any TPDU, with its optional header, in the alphabet TP-DCS names.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "modem/result.h"
#include "modem/sms_octet_reader.h"
#include "modem/sms_pdu.h"

namespace smsdesk::modem {

// TS 23.040 §9.2.3.24: at most 140 octets (160 septets) of user data.
inline constexpr int kMaxUserDataOctets = 140;
inline constexpr int kMaxUserDataSeptets = 160;

// Reads TP-UDL then TP-UD. `has_header` is TP-UDHI. Errors when the length
// runs past the PDU, the header runs past TP-UDL or an IE is malformed.
Result<UserData> DecodeUserData(OctetReader& reader, const DataCoding& coding, bool has_header);

// TP-UDL followed by TP-UD for one segment. `payload` is septet values for
// GSM-7 (escape pairs included) and octets otherwise; `header` may be empty.
std::vector<std::uint8_t> EncodeUserData(Encoding alphabet, std::span<const std::uint8_t> header,
                                         std::span<const std::uint8_t> payload);

}  // namespace smsdesk::modem
