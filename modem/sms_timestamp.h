// TP-SCTS / TP-DT / absolute TP-VP: seven octets of swapped BCD with the time
// zone in quarter-hours (3GPP TS 23.040 §9.2.3.11). The Timestamp type and its
// ToIso8601 are declared in sms_pdu.h.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "modem/sms_pdu.h"

namespace smsdesk::modem {

inline constexpr std::size_t kTimestampOctets = 7;

// Decodes 7 octets. Never fails: non-BCD nibbles (seen in the wild, e.g. a
// zone octet C2 read as +32 quarter-hours, babca/python-gsmmodem#15) are
// taken at face value rather than rejected.
Timestamp DecodeTimestamp(std::span<const std::uint8_t, kTimestampOctets> octets);

// Encodes; the year is taken modulo 100 and the zone clamped to ±79 quarters.
std::array<std::uint8_t, kTimestampOctets> EncodeTimestamp(const Timestamp& time);

}  // namespace smsdesk::modem
