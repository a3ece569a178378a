#include "modem/unicode.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smsdesk::modem {
namespace {

TEST(Unicode, DecodesEveryUtf8Length) {
  const auto cps = Utf8ToCodepoints("A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");  // A é € 😀
  ASSERT_TRUE(cps.ok());
  EXPECT_EQ(*cps, (std::u32string{U'A', 0xE9, 0x20AC, 0x1F600}));
}

TEST(Unicode, RoundTripsBoundaryCodePoints) {
  const std::u32string cps = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
                              0x10000, 0x10FFFF};
  const std::string utf8 = CodepointsToUtf8(cps);
  const auto back = Utf8ToCodepoints(utf8);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, cps);
  EXPECT_EQ(DecodeUtf16Be(EncodeUtf16Be(cps)), cps);
}

TEST(Unicode, EmptyInputIsEmptyOutput) {
  ASSERT_TRUE(Utf8ToCodepoints("").ok());
  EXPECT_TRUE(Utf8ToCodepoints("")->empty());
  EXPECT_TRUE(EncodeUtf16Be(U"").empty());
  EXPECT_TRUE(DecodeUtf16Be({}).empty());
}

struct BadUtf8 {
  const char* name;
  std::string bytes;
  std::u32string lenient;  // what the lenient decoder makes of it
};

class InvalidUtf8 : public ::testing::TestWithParam<BadUtf8> {};

TEST_P(InvalidUtf8, StrictFailsWithOffsetLenientReplaces) {
  const auto& c = GetParam();
  const auto strict = Utf8ToCodepoints(c.bytes);
  ASSERT_FALSE(strict.ok()) << c.name;
  EXPECT_NE(strict.error().message.find("byte"), std::string::npos) << strict.error().message;
  EXPECT_EQ(Utf8ToCodepointsLenient(c.bytes), c.lenient) << c.name;
}

// Lenient results follow the Unicode §3.9 "maximal subpart" practice: one
// U+FFFD per maximal valid prefix, so the following ASCII letter survives.
INSTANTIATE_TEST_SUITE_P(
    UnicodeStrictLenient, InvalidUtf8,
    ::testing::Values(
        BadUtf8{"overlong_slash_2byte", "a\xC0\xAFz", U"a\uFFFD\uFFFDz"},
        BadUtf8{"overlong_3byte", "\xE0\x80\xAFz", U"\uFFFD\uFFFD\uFFFDz"},
        BadUtf8{"overlong_4byte", "\xF0\x80\x80\xAF", U"\uFFFD\uFFFD\uFFFD\uFFFD"},
        BadUtf8{"surrogate_d800", "x\xED\xA0\x80", U"x\uFFFD\uFFFD\uFFFD"},
        BadUtf8{"surrogate_dfff", "\xED\xBF\xBFy", U"\uFFFD\uFFFD\uFFFDy"},
        BadUtf8{"above_10ffff", "\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"},
        BadUtf8{"f5_lead", "\xF5\x80", U"\uFFFD\uFFFD"},
        BadUtf8{"truncated_2byte_at_end", "ab\xC3", U"ab\uFFFD"},
        BadUtf8{"truncated_3byte_then_ascii", "\xE2\x82z", U"\uFFFDz"},
        BadUtf8{"truncated_4byte_at_end", "\xF0\x9F\x98", U"\uFFFD"},
        BadUtf8{"lone_continuation", "\x80", U"\uFFFD"},
        BadUtf8{"ff_byte", "a\xFF", U"a\uFFFD"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Unicode, ErrorNamesTheOffset) {
  const auto r = Utf8ToCodepoints("abc\xC3");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("byte 3"), std::string::npos) << r.error().message;
}

TEST(Unicode, LenientKeepsValidText) {
  EXPECT_EQ(Utf8ToCodepointsLenient("\xD0\x9F\xD1\x80\xD0\xB8"), U"При");
}

TEST(Unicode, Utf16EncodesSurrogatePairsBigEndian) {
  EXPECT_EQ(EncodeUtf16Be(U"A\u20AC\U0001F600"),
            (std::vector<std::uint8_t>{0x00, 0x41, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00}));
  EXPECT_EQ(Utf16Units(U'A'), 1);
  EXPECT_EQ(Utf16Units(0xFFFF), 1);
  EXPECT_EQ(Utf16Units(0x1F600), 2);
}

TEST(Unicode, Utf16LoneSurrogatesBecomeReplacement) {
  // Lone high at the end, lone low, high followed by a non-surrogate.
  const std::vector<std::uint8_t> lone_high_end = {0x00, 0x41, 0xD8, 0x3D};
  EXPECT_EQ(DecodeUtf16Be(lone_high_end), U"A\uFFFD");
  const std::vector<std::uint8_t> lone_low = {0xDE, 0x00, 0x00, 0x42};
  EXPECT_EQ(DecodeUtf16Be(lone_low), U"\uFFFDB");
  const std::vector<std::uint8_t> high_then_letter = {0xD8, 0x3D, 0x00, 0x43};
  EXPECT_EQ(DecodeUtf16Be(high_then_letter), U"\uFFFDC");
  const std::vector<std::uint8_t> reversed_pair = {0xDE, 0x00, 0xD8, 0x3D};
  EXPECT_EQ(DecodeUtf16Be(reversed_pair), U"\uFFFD\uFFFD");
}

TEST(Unicode, Utf16OddTrailingByteIsDropped) {
  const std::vector<std::uint8_t> odd = {0x04, 0x42, 0x04};
  EXPECT_EQ(DecodeUtf16Be(odd), U"т");
}

TEST(Unicode, EncodersReplaceInvalidCodePoints) {
  const std::u32string bad = {0xD800, 0x110000};
  EXPECT_EQ(CodepointsToUtf8(bad), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(EncodeUtf16Be(bad), (std::vector<std::uint8_t>{0xFF, 0xFD, 0xFF, 0xFD}));
}

TEST(Unicode, DecodesModemManagerUcs2Vector) {
  // "тест" from ModemManager test_pdu2 (docs/modem.md §3 example 4).
  const std::vector<std::uint8_t> octets = {0x04, 0x42, 0x04, 0x35, 0x04, 0x41, 0x04, 0x42};
  EXPECT_EQ(CodepointsToUtf8(DecodeUtf16Be(octets)), "тест");
}

}  // namespace
}  // namespace smsdesk::modem
