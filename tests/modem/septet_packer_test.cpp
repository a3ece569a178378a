#include "modem/septet_packer.h"

#include <gtest/gtest.h>

namespace smsdesk::modem {
namespace {

TEST(SeptetPacker, PacksHelloAsInTheSpecExample) {
  // "hello" -> E8 32 9B FD 06 (TS 23.038 §6.1.2.1.1 style example).
  const std::vector<std::uint8_t> septets = {'h', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(PackSeptets(septets), (std::vector<std::uint8_t>{0xE8, 0x32, 0x9B, 0xFD, 0x06}));
}

TEST(SeptetPacker, RoundTripsEveryFillBitCount) {
  std::vector<std::uint8_t> septets;
  for (int i = 0; i < 200; ++i) septets.push_back(static_cast<std::uint8_t>((i * 37) & 0x7F));
  for (int fill = 0; fill < 7; ++fill) {
    const auto packed = PackSeptets(septets, fill);
    EXPECT_EQ(packed.size(), PackedLength(septets.size(), fill));
    const auto back = UnpackSeptets(packed, septets.size(), fill);
    ASSERT_TRUE(back.has_value()) << fill;
    EXPECT_EQ(*back, septets) << fill;
  }
}

TEST(SeptetPacker, FillBitsFollowTheUdhLength) {
  EXPECT_EQ(FillBitsAfterUdh(6), 1);  // 8-bit concat UDH: 7 septets, 153 left
  EXPECT_EQ(FillBitsAfterUdh(7), 0);  // 16-bit concat UDH: 8 septets, 152 left
  EXPECT_EQ(FillBitsAfterUdh(9), 5);  // concat + one national-shift IE: 72 bits + 5 = 11 septets
  EXPECT_EQ(FillBitsAfterUdh(0), 0);
}

TEST(SeptetPacker, RefusesToReadPastTheEnd) {
  const std::vector<std::uint8_t> octets = {0xE8, 0x32};
  EXPECT_FALSE(UnpackSeptets(octets, 3, 0).has_value());
  EXPECT_FALSE(UnpackSeptets(octets, 2, 3).has_value());
  EXPECT_TRUE(UnpackSeptets(octets, 2, 0).has_value());
  EXPECT_FALSE(UnpackSeptets(octets, 1, 9).has_value());
}

}  // namespace
}  // namespace smsdesk::modem
