#include "firmware-host/base/net_address.h"

#include <charconv>
#include <string>

namespace smsdesk {
namespace {

namespace ip = boost::asio::ip;

ip::address Unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

template <std::size_t N>
bool PrefixEqual(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& b, unsigned bits) {
  for (std::size_t i = 0; i < N && bits > 0; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const unsigned mask = (0xFFu << (8 - take)) & 0xFFu;
    if ((a[i] & mask) != (b[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

}  // namespace

std::optional<Cidr> ParseCidr(std::string_view text) {
  const std::size_t slash = text.find('/');
  boost::system::error_code error;
  const ip::address address = ip::make_address(std::string(text.substr(0, slash)), error);
  if (error) return std::nullopt;
  const unsigned max = address.is_v4() ? 32 : 128;
  unsigned prefix = max;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || prefix > max) {
      return std::nullopt;
    }
  }
  return Cidr{.network = Unmapped(address), .prefix = prefix};
}

bool CidrContains(const Cidr& block, ip::address address) {
  address = Unmapped(address);
  if (block.network.is_v4() != address.is_v4()) return false;
  if (address.is_v4()) return PrefixEqual(block.network.to_v4().to_bytes(), address.to_v4().to_bytes(), block.prefix);
  return PrefixEqual(block.network.to_v6().to_bytes(), address.to_v6().to_bytes(), block.prefix);
}

}  // namespace smsdesk
