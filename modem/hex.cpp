#include "modem/hex.h"

#include "modem/sms_pdu.h"

namespace smsdesk::modem {

std::optional<std::uint8_t> HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
  if (c >= 'A' && c <= 'F') return static_cast<std::uint8_t>(c - 'A' + 10);
  if (c >= 'a' && c <= 'f') return static_cast<std::uint8_t>(c - 'a' + 10);
  return std::nullopt;
}

Result<std::vector<std::uint8_t>> HexToOctets(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return MakeError("hex: odd number of digits (" + std::to_string(hex.size()) + ")");
  }
  std::vector<std::uint8_t> out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const auto hi = HexDigitValue(hex[i]);
    const auto lo = HexDigitValue(hex[i + 1]);
    if (!hi || !lo) {
      const std::size_t at = hi ? i + 1 : i;
      return MakeError("hex: not a hex digit at offset " + std::to_string(at));
    }
    out.push_back(static_cast<std::uint8_t>((*hi << 4) | *lo));
  }
  return out;
}

std::string OctetsToHex(std::span<const std::uint8_t> octets) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(octets.size() * 2);
  for (std::uint8_t o : octets) {
    out.push_back(kDigits[o >> 4]);
    out.push_back(kDigits[o & 0x0F]);
  }
  return out;
}

std::string EncodedPdu::Hex() const { return OctetsToHex(octets); }

}  // namespace smsdesk::modem
