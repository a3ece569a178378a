// The User Data Header (3GPP TS 23.040 §9.2.3.24): a list of information
// elements in front of the user data when TP-UDHI is set. The desk reads the
// concatenation IEs (§9.2.3.24.1 8-bit, §9.2.3.24.8 16-bit reference) and the
// national language shifts (§9.2.3.24.15 single, §9.2.3.24.16 locking); any
// other IE is kept as it came. The UserDataHeader type is in sms_pdu.h.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "modem/result.h"
#include "modem/sms_pdu.h"

namespace smsdesk::modem {

// TS 23.040 §9.2.3.24 information element identifiers.
inline constexpr std::uint8_t kIeiConcat8 = 0x00;
inline constexpr std::uint8_t kIeiConcat16 = 0x08;
inline constexpr std::uint8_t kIeiNationalSingleShift = 0x24;
inline constexpr std::uint8_t kIeiNationalLockingShift = 0x25;

// Parses the IEs that follow the UDHL octet (`elements` excludes UDHL). An IE
// whose length runs past the header is an error; a concatenation IE with
// seq 0, seq > total or a wrong length is ignored (as ModemManager does);
// unknown IEs and unsupported language ids land in `others`.
Result<UserDataHeader> ParseUserDataHeader(std::span<const std::uint8_t> elements);

// Builds the header including its UDHL octet: concatenation, then the
// locking and single shifts, then `others`. Empty when there is nothing to say.
std::vector<std::uint8_t> BuildUserDataHeader(const UserDataHeader& header);

}  // namespace smsdesk::modem
