// TP-DCS, the data coding scheme (3GPP TS 23.040 §9.2.3.10, values defined in
// TS 23.038 §4), reduced to the alphabet, the message class and the
// compression flag. DataCoding is declared in sms_pdu.h.
#pragma once

#include <cstdint>
#include <optional>

#include "modem/sms_pdu.h"

namespace smsdesk::modem {

// Never fails: reserved coding groups and alphabets decode as GSM-7, as
// TS 23.038 §4 tells a receiving entity to assume.
DataCoding DecodeDataCoding(std::uint8_t dcs);

// The general data coding group octet (TS 23.038 §4, 00xxxxxx) for `alphabet`,
// with the class bits set when `message_class` is given (class 0 = flash).
std::uint8_t EncodeDataCoding(Encoding alphabet, std::optional<int> message_class = std::nullopt);

}  // namespace smsdesk::modem
