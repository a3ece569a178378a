// Address blocks for allow-lists ("196.201.214.0/24", "2001:db8::/32", or a
// single address), as the USSD callback's ussd.allow_from uses them. An IPv4
// client reaching an IPv6 socket (::ffff:a.b.c.d) matches IPv4 blocks.
#pragma once

#include <optional>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace smsdesk {

struct Cidr {
  boost::asio::ip::address network;
  unsigned prefix = 0;  // bits
};

// nullopt when `text` is neither an address nor address/prefix in range.
std::optional<Cidr> ParseCidr(std::string_view text);
bool CidrContains(const Cidr& block, boost::asio::ip::address address);

}  // namespace smsdesk
