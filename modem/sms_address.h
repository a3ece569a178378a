// Address fields of TPDUs (3GPP TS 23.040 §9.1.2.5: TP-OA, TP-DA, TP-RA, whose
// length counts semi-octets) and the SMSC address that AT+CMGR/+CMGS put in
// front of the TPDU (TS 24.011 §8.2.5.1 RP address, whose length counts octets
// including the type-of-address octet). ParseAddress is in sms_pdu.h.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "modem/result.h"
#include "modem/sms_octet_reader.h"
#include "modem/sms_pdu.h"

namespace smsdesk::modem {

inline constexpr std::uint8_t kToaInternational = 0x91;
inline constexpr std::uint8_t kToaUnknown = 0x81;
inline constexpr std::uint8_t kToaAlphanumeric = 0xD0;

// TS 23.040 §9.1.2.5: the type of number is bits 6..4 of the TOA octet.
Address::Kind AddressKindOfToa(std::uint8_t type_of_address);

// Reads TP-OA / TP-DA / TP-RA; `field` names it in errors.
Result<Address> DecodeAddressField(OctetReader& reader, std::string_view field);

// Reads the SMSC field; nullopt when its length octet is 00 ("use +CSCA").
Result<std::optional<Address>> DecodeSmscField(OctetReader& reader);

// Encodes TP-OA / TP-DA / TP-RA with its semi-octet length; alphanumeric
// addresses are packed GSM-7 (characters GSM-7 lacks are dropped).
std::vector<std::uint8_t> EncodeAddressField(const Address& address);

// Encodes the SMSC field; absent -> the single octet 00.
std::vector<std::uint8_t> EncodeSmscField(const std::optional<Address>& smsc);

}  // namespace smsdesk::modem
