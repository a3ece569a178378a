// Field codecs of TS 23.040: timestamps, validity periods, hex, addresses,
// data coding, the User Data Header and TP-ST classification.
#include <gtest/gtest.h>

#include <array>

#include "modem/sms_address.h"
#include "modem/sms_data_coding.h"
#include "modem/sms_pdu.h"
#include "modem/sms_timestamp.h"
#include "modem/user_data_header.h"

namespace smsdesk::modem {
namespace {

Timestamp WithZone(std::uint8_t tz) {
  const std::array<std::uint8_t, 7> octets{0x20, 0x80, 0x62, 0x91, 0x73, 0x14, tz};
  return DecodeTimestamp(octets);
}

// python-gsmmodem TestTimestamp.
TEST(SmsTimestamp, ZoneQuarterHoursWithSignBit) {
  EXPECT_EQ(WithZone(0x23).tz_quarter_hours, 32);   // +8 h
  EXPECT_EQ(WithZone(0x2B).tz_quarter_hours, -32);  // -8 h
  EXPECT_EQ(WithZone(0x48).tz_quarter_hours, -4);   // -1 h
  EXPECT_EQ(WithZone(0x0A).tz_quarter_hours, -20);  // -5 h
  EXPECT_EQ(WithZone(0x80).tz_quarter_hours, 8);    // +2 h
  EXPECT_EQ(WithZone(0x0A).ToIso8601(), "2002-08-26T19:37:41-05:00");
  EXPECT_EQ(WithZone(0x00).ToIso8601(), "2002-08-26T19:37:41+00:00");
}

// babca/python-gsmmodem#15: a non-BCD zone octet is read at face value.
TEST(SmsTimestamp, NonBcdIsTolerated) {
  EXPECT_EQ(WithZone(0xC2).tz_quarter_hours, 32);
  const std::array<std::uint8_t, 7> junk{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  const Timestamp t = DecodeTimestamp(junk);
  EXPECT_EQ(t.month, 165);
  EXPECT_FALSE(t.ToIso8601().empty());
}

TEST(SmsTimestamp, HalfAndQuarterHourZones) {
  Timestamp t;
  t.tz_quarter_hours = 22;  // +5:30
  EXPECT_EQ(t.ToIso8601(), "2000-01-01T00:00:00+05:30");
  t.tz_quarter_hours = -14;  // -3:30
  EXPECT_EQ(t.ToIso8601(), "2000-01-01T00:00:00-03:30");
}

TEST(SmsTimestamp, EncodeRoundTrip) {
  for (int tz : {-48, -32, -20, -4, 0, 1, 8, 22, 32, 56}) {
    const Timestamp t{2024, 12, 31, 23, 59, 58, tz};
    const auto octets = EncodeTimestamp(t);
    EXPECT_EQ(DecodeTimestamp(octets), t) << tz;
  }
  const auto octets = EncodeTimestamp(Timestamp{2002, 8, 26, 19, 37, 41, -4});
  EXPECT_EQ(OctetsToHex(octets), "20806291731448");
}

// python-gsmmodem test pairs.
TEST(SmsValidity, RelativePairs) {
  EXPECT_EQ(RelativeValidityMinutes(5), 30);
  EXPECT_EQ(RelativeValidityMinutes(151), 16 * 60);
  EXPECT_EQ(RelativeValidityMinutes(169), 3 * 24 * 60);
  EXPECT_EQ(RelativeValidityMinutes(197), 5 * 7 * 24 * 60);
  EXPECT_EQ(RelativeValidityMinutes(143), 12 * 60);
  EXPECT_EQ(RelativeValidityMinutes(167), 24 * 60);
  EXPECT_EQ(RelativeValidityMinutes(196), 30 * 24 * 60);
}

TEST(SmsValidity, SmallestOctetCovering) {
  EXPECT_EQ(RelativeValidityForMinutes(30), 5);
  EXPECT_EQ(RelativeValidityForMinutes(16 * 60), 151);
  EXPECT_EQ(RelativeValidityForMinutes(3 * 24 * 60), 169);
  EXPECT_EQ(RelativeValidityForMinutes(5 * 7 * 24 * 60), 197);
  EXPECT_EQ(RelativeValidityForMinutes(0), 0);
  EXPECT_EQ(RelativeValidityForMinutes(31), 6);
  EXPECT_EQ(RelativeValidityForMinutes(1'000'000), 255);
  for (int n = 0; n <= 255; ++n) {
    const auto v = static_cast<std::uint8_t>(n);
    EXPECT_EQ(RelativeValidityForMinutes(RelativeValidityMinutes(v)), v);
  }
}

TEST(SmsHex, RoundTripAndErrors) {
  auto octets = HexToOctets("00ff7Fa0");
  ASSERT_TRUE(octets.ok());
  EXPECT_EQ(*octets, (std::vector<std::uint8_t>{0x00, 0xFF, 0x7F, 0xA0}));
  EXPECT_EQ(OctetsToHex(*octets), "00FF7FA0");
  EXPECT_TRUE(HexToOctets("").ok());
  EXPECT_FALSE(HexToOctets("0").ok());
  EXPECT_FALSE(HexToOctets("0G").ok());
  EXPECT_FALSE(HexToOctets("00 ").ok());
  EXPECT_FALSE(HexToOctets("00\r\n").ok());
}

TEST(SmsAddress, ParseNumbers) {
  auto intl = ParseAddress("+44 7700-900123");
  ASSERT_TRUE(intl.ok());
  EXPECT_EQ(intl->number, "+447700900123");
  EXPECT_EQ(intl->type_of_address, 0x91);
  EXPECT_EQ(intl->kind, Address::Kind::kInternational);
  auto local = ParseAddress("0612345");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->number, "0612345");
  EXPECT_EQ(local->type_of_address, 0x81);
  auto code = ParseAddress("*100#");
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->number, "*100#");
  EXPECT_FALSE(ParseAddress("").ok());
  EXPECT_FALSE(ParseAddress("+").ok());
  EXPECT_FALSE(ParseAddress("+44 abc").ok());
  EXPECT_FALSE(ParseAddress("+123456789012345678901").ok());  // 21 digits
}

// docs/modem.md §3: odd digit counts are F-padded; +2781191 -> 0591721891F1.
TEST(SmsAddress, EncodeOddDigits) {
  auto a = ParseAddress("+2781191");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(OctetsToHex(EncodeSmscField(*a)), "0591721891F1");     // length in octets
  EXPECT_EQ(OctetsToHex(EncodeAddressField(*a)), "0791721891F1");  // length in digits
  EXPECT_EQ(OctetsToHex(EncodeSmscField(std::nullopt)), "00");
}

TEST(SmsAddress, AlphanumericSemiOctetLength) {
  auto sipgate = ParseAddress("sipgate");
  ASSERT_TRUE(sipgate.ok());
  EXPECT_EQ(sipgate->kind, Address::Kind::kAlphanumeric);
  EXPECT_EQ(OctetsToHex(EncodeAddressField(*sipgate)), "0DD0F334FC1CA69701");
  auto internet = ParseAddress("InternetSMS");
  ASSERT_TRUE(internet.ok());
  EXPECT_EQ(OctetsToHex(EncodeAddressField(*internet)), "14D04937BD2C7797E9D3E614");
  EXPECT_FALSE(ParseAddress("TwelveLetter").ok());  // 12 septets > 11
  EXPECT_FALSE(ParseAddress("Банк").ok());          // not GSM-7
}

// TS 23.038 §4.
TEST(SmsDataCoding, Groups) {
  EXPECT_EQ(DecodeDataCoding(0x00).alphabet, Encoding::kGsm7);
  EXPECT_EQ(DecodeDataCoding(0x04).alphabet, Encoding::kEightBit);
  EXPECT_EQ(DecodeDataCoding(0x08).alphabet, Encoding::kUcs2);
  EXPECT_EQ(DecodeDataCoding(0x0C).alphabet, Encoding::kGsm7);  // reserved alphabet
  EXPECT_FALSE(DecodeDataCoding(0x08).message_class.has_value());
  const DataCoding flash = DecodeDataCoding(0x10);
  EXPECT_EQ(flash.message_class, 0);
  EXPECT_EQ(DecodeDataCoding(0x18).alphabet, Encoding::kUcs2);
  EXPECT_EQ(DecodeDataCoding(0x12).message_class, 2);
  EXPECT_TRUE(DecodeDataCoding(0x20).compressed);
  EXPECT_EQ(DecodeDataCoding(0x48).alphabet, Encoding::kUcs2);  // auto-deletion group
  EXPECT_EQ(DecodeDataCoding(0x84).alphabet, Encoding::kGsm7);  // reserved group
  EXPECT_EQ(DecodeDataCoding(0xC8).alphabet, Encoding::kGsm7);  // MWI discard
  EXPECT_EQ(DecodeDataCoding(0xD0).alphabet, Encoding::kGsm7);  // MWI store
  EXPECT_EQ(DecodeDataCoding(0xE0).alphabet, Encoding::kUcs2);  // MWI store UCS-2
  EXPECT_EQ(DecodeDataCoding(0xF0).alphabet, Encoding::kGsm7);
  EXPECT_EQ(DecodeDataCoding(0xF0).message_class, 0);
  EXPECT_EQ(DecodeDataCoding(0xF5).alphabet, Encoding::kEightBit);
  EXPECT_EQ(DecodeDataCoding(0xF5).message_class, 1);
  EXPECT_EQ(DecodeDataCoding(0xAB).raw, 0xAB);
  EXPECT_EQ(EncodeDataCoding(Encoding::kGsm7), 0x00);
  EXPECT_EQ(EncodeDataCoding(Encoding::kUcs2), 0x08);
  EXPECT_EQ(EncodeDataCoding(Encoding::kEightBit), 0x04);
  EXPECT_EQ(EncodeDataCoding(Encoding::kGsm7, 0), 0x10);
  EXPECT_EQ(EncodeDataCoding(Encoding::kUcs2, 0), 0x18);
}

Result<UserDataHeader> Parse(std::vector<std::uint8_t> elements) {
  return ParseUserDataHeader(elements);
}

TEST(SmsUserDataHeader, Concat8And16) {
  auto h8 = Parse({0x00, 0x03, 0x4C, 0x02, 0x01});
  ASSERT_TRUE(h8.ok());
  EXPECT_EQ(h8->concat, (ConcatInfo{0x4C, 2, 1, false}));
  // python-gsmmodem: 080401800402 = ref 384, 4 parts, part 2.
  auto h16 = Parse({0x08, 0x04, 0x01, 0x80, 0x04, 0x02});
  ASSERT_TRUE(h16.ok());
  EXPECT_EQ(h16->concat, (ConcatInfo{384, 4, 2, true}));
}

TEST(SmsUserDataHeader, ConcatWithBadSequenceIsIgnored) {
  auto zero = Parse({0x00, 0x03, 0x01, 0x02, 0x00});
  ASSERT_TRUE(zero.ok());
  EXPECT_FALSE(zero->concat.has_value());
  auto beyond = Parse({0x00, 0x03, 0x01, 0x02, 0x03});
  ASSERT_TRUE(beyond.ok());
  EXPECT_FALSE(beyond->concat.has_value());
  auto short_ie = Parse({0x00, 0x02, 0x01, 0x02});
  ASSERT_TRUE(short_ie.ok());
  EXPECT_FALSE(short_ie->concat.has_value());
}

TEST(SmsUserDataHeader, NationalShiftsAndUnknownIes) {
  auto h = Parse({0x05, 0x04, 0x15, 0x78, 0x00, 0x00, 0x25, 0x01, 0x01, 0x24, 0x01, 0x02,
                  0x24, 0x01, 0x09});
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->tables.locking, NationalLanguage::kTurkish);
  EXPECT_EQ(h->tables.single, NationalLanguage::kSpanish);
  ASSERT_EQ(h->others.size(), 2u);  // port addressing and the unsupported Indic id
  EXPECT_EQ(h->others[0].iei, 0x05);
  EXPECT_EQ(h->others[0].data, (std::vector<std::uint8_t>{0x15, 0x78, 0x00, 0x00}));
  EXPECT_EQ(h->others[1].iei, 0x24);
}

TEST(SmsUserDataHeader, MalformedLengthsAreErrors) {
  EXPECT_FALSE(Parse({0x00}).ok());
  EXPECT_FALSE(Parse({0x00, 0x03, 0x01}).ok());
  EXPECT_FALSE(Parse({0x70, 0xFF}).ok());
  EXPECT_TRUE(Parse({}).ok());
  EXPECT_TRUE(Parse({0x70, 0x00}).ok());  // empty IE: kept
}

TEST(SmsUserDataHeader, BuildRoundTrip) {
  UserDataHeader h;
  h.concat = ConcatInfo{0x1234, 3, 2, true};
  h.tables = {NationalLanguage::kTurkish, NationalLanguage::kTurkish};
  h.others.push_back({0x70, {0xAA}});
  const auto built = BuildUserDataHeader(h);
  EXPECT_EQ(OctetsToHex(built), "0F0804123403022501012401017001AA");
  auto parsed = ParseUserDataHeader(std::span(built).subspan(1));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->concat, h.concat);
  EXPECT_EQ(parsed->tables, h.tables);
  ASSERT_EQ(parsed->others.size(), 1u);
  EXPECT_TRUE(BuildUserDataHeader(UserDataHeader{}).empty());
  UserDataHeader h8;
  h8.concat = ConcatInfo{0x4C, 2, 1, false};
  EXPECT_EQ(OctetsToHex(BuildUserDataHeader(h8)), "0500034C0201");
}

// TS 23.040 §9.2.3.15 and gammu's table.
TEST(SmsStatus, Classification) {
  EXPECT_EQ(ClassifyStatus(0x00), DeliveryStatus::kDelivered);
  EXPECT_EQ(ClassifyStatus(0x02), DeliveryStatus::kDelivered);
  EXPECT_EQ(ClassifyStatus(0x1F), DeliveryStatus::kDelivered);
  EXPECT_EQ(ClassifyStatus(0x20), DeliveryStatus::kTemporary);
  EXPECT_EQ(ClassifyStatus(0x30), DeliveryStatus::kTemporary);
  EXPECT_EQ(ClassifyStatus(0x41), DeliveryStatus::kPermanent);
  EXPECT_EQ(ClassifyStatus(0x46), DeliveryStatus::kPermanent);
  EXPECT_EQ(ClassifyStatus(0x5F), DeliveryStatus::kPermanent);
  EXPECT_EQ(ClassifyStatus(0x60), DeliveryStatus::kTemporary);
  EXPECT_EQ(ClassifyStatus(0x7F), DeliveryStatus::kTemporary);
  EXPECT_EQ(ClassifyStatus(0xFF), DeliveryStatus::kTemporary);
  EXPECT_STREQ(DeliveryStatusName(DeliveryStatus::kPermanent), "permanent");
  EXPECT_STREQ(DeliveryStatusName(DeliveryStatus::kDelivered), "delivered");
  EXPECT_STREQ(DeliveryStatusName(DeliveryStatus::kTemporary), "temporary");
}

}  // namespace
}  // namespace smsdesk::modem
