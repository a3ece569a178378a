// Packing of 7-bit GSM septets into octets and back (3GPP TS 23.038 §6.1.2.1.1),
// with the fill bits that align septets after a User Data Header
// (TS 23.040 §9.2.3.24). Pure functions; bounds-checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace smsdesk::modem {

// Fill bits needed after a UDH of `udh_octets` octets (UDHL octet included)
// so that the first septet starts on a septet boundary: 0..6.
int FillBitsAfterUdh(std::size_t udh_octets);

// Packs septet values (each 0..127; higher bits are ignored) LSB-first,
// preceded by `fill_bits` zero bits.
std::vector<std::uint8_t> PackSeptets(std::span<const std::uint8_t> septets, int fill_bits = 0);

// Unpacks `count` septets that follow `fill_bits` bits in `octets`. Returns
// nullopt when `octets` is too short to hold them.
std::optional<std::vector<std::uint8_t>> UnpackSeptets(std::span<const std::uint8_t> octets,
                                                       std::size_t count, int fill_bits = 0);

// Number of octets that `septets` septets after `fill_bits` bits occupy.
std::size_t PackedLength(std::size_t septets, int fill_bits = 0);

}  // namespace smsdesk::modem
