// Helpers shared by the SMS PDU tests: decode hex and expect one PDU type.
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <variant>

#include "modem/sms_pdu.h"

namespace smsdesk::modem::testing {

// Decodes `hex` and returns the PDU as T; a failed expectation otherwise.
template <class T>
T DecodeAs(std::string_view hex, bool has_smsc = true) {
  auto decoded = DecodePduHex(hex, has_smsc);
  EXPECT_TRUE(decoded.ok()) << hex << ": " << (decoded.ok() ? "" : decoded.error().message);
  if (!decoded.ok()) return T{};
  EXPECT_TRUE(std::holds_alternative<T>(*decoded)) << hex << " decoded as another PDU type";
  if (!std::holds_alternative<T>(*decoded)) return T{};
  return std::get<T>(std::move(decoded).value());
}

}  // namespace smsdesk::modem::testing
