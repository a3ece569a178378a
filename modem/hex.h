// Hex text <-> octets for PDUs as AT+CMGR prints them and AT+CMGS takes them
// (3GPP TS 27.005 §3.1: "<pdu>: ... hexadecimal format, two IRA characters per
// octet"). Declared in sms_pdu.h (HexToOctets, OctetsToHex); this header adds
// the small helpers the codec shares.
#pragma once

#include <cstdint>
#include <optional>

namespace smsdesk::modem {

// Value of one hex digit (either case), or nullopt.
std::optional<std::uint8_t> HexDigitValue(char c);

}  // namespace smsdesk::modem
