#include "modem/septet_packer.h"

namespace smsdesk::modem {

int FillBitsAfterUdh(std::size_t udh_octets) {
  // TS 23.040 §9.2.3.24: the UDH is padded to a septet boundary.
  return static_cast<int>((7 - (udh_octets * 8) % 7) % 7);
}

std::size_t PackedLength(std::size_t septets, int fill_bits) {
  return (septets * 7 + static_cast<std::size_t>(fill_bits) + 7) / 8;
}

std::vector<std::uint8_t> PackSeptets(std::span<const std::uint8_t> septets, int fill_bits) {
  std::vector<std::uint8_t> out(PackedLength(septets.size(), fill_bits), 0);
  std::size_t bit = static_cast<std::size_t>(fill_bits);
  for (std::uint8_t s : septets) {
    const unsigned value = s & 0x7Fu;
    const std::size_t byte = bit / 8;
    const unsigned shift = bit % 8;
    out[byte] |= static_cast<std::uint8_t>(value << shift);
    if (shift > 1) out[byte + 1] |= static_cast<std::uint8_t>(value >> (8 - shift));
    bit += 7;
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> UnpackSeptets(std::span<const std::uint8_t> octets,
                                                       std::size_t count, int fill_bits) {
  if (fill_bits < 0 || fill_bits > 7) return std::nullopt;
  if (PackedLength(count, fill_bits) > octets.size()) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(count);
  std::size_t bit = static_cast<std::size_t>(fill_bits);
  for (std::size_t i = 0; i < count; ++i, bit += 7) {
    const std::size_t byte = bit / 8;
    const unsigned shift = bit % 8;
    unsigned value = static_cast<unsigned>(octets[byte]) >> shift;
    if (shift > 1) value |= static_cast<unsigned>(octets[byte + 1]) << (8 - shift);
    out.push_back(static_cast<std::uint8_t>(value & 0x7Fu));
  }
  return out;
}

}  // namespace smsdesk::modem
