// Negative and odd vectors (docs/modem.md §3): each must give an Error or a
// correctly classified value, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "modem/sms_pdu.h"
#include "tests/modem/sms_pdu_test_util.h"

namespace smsdesk::modem {
namespace {

using testing::DecodeAs;

bool DecodesToError(std::string_view hex, bool has_smsc = true) {
  return !DecodePduHex(hex, has_smsc).ok();
}

// ModemManager test_pdu_not_stored: TP-ST 0x30 is SC-specific, in the
// "temporary error, SC still trying" range.
TEST(SmsPduNegative, ScSpecificStatusIsTemporary) {
  const auto pdu =
      DecodeAs<StatusReportPdu>("07914356060013F1065A098136397339F7219011700463802190117004638030");
  EXPECT_EQ(pdu.smsc->number, "+34656000311");
  EXPECT_EQ(pdu.message_reference, 0x5A);
  EXPECT_EQ(pdu.recipient.number, "639337937");
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2012-09-11T07:40:36+02:00");
  EXPECT_EQ(pdu.status_code, 0x30);
  EXPECT_EQ(pdu.status, DeliveryStatus::kTemporary);
}

// python-gsmmodem: a ZTE report with a 2-octet SMSC (TOA 97) and an RA whose
// first digit is the semi-octet 1011 ('#', TS 23.040 §9.1.2.3). It decodes;
// the broken number is kept as it came.
TEST(SmsPduNegative, ZteBrokenSmscLength) {
  const auto pdu =
      DecodeAs<StatusReportPdu>("0297F1061C0F910B487228297020F5317062419272803170624192138000");
  EXPECT_EQ(pdu.smsc->number, "+1");
  EXPECT_EQ(pdu.message_reference, 28);
  EXPECT_EQ(pdu.recipient.number, "+#08427829207025");
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2013-07-26T14:29:27+02:00");
  EXPECT_EQ(pdu.discharge_time.ToIso8601(), "2013-07-26T14:29:31+02:00");
  EXPECT_EQ(pdu.status, DeliveryStatus::kDelivered);
}

// gammu tests/at-sms-failing/25.dump: FF-filled after the SMSC -> TP-MTI 3.
TEST(SmsPduNegative, FfFilledRecord) {
  std::string hex = "0BF0BBBBBBBBBBBBBBBBBBFB";
  hex.append(300, 'F');
  EXPECT_TRUE(DecodesToError(hex));
  EXPECT_TRUE(DecodesToError(std::string(320, 'F')));
  EXPECT_TRUE(DecodesToError(std::string(320, 'F'), false));
}

// gammu tests/at-sms-failing/13.dump and 17.dump: non-hex characters.
TEST(SmsPduNegative, NonHexRecords) {
  EXPECT_TRUE(DecodesToError("0BD04259303784=96p331p71160016D02B5AEC86BBDD6E37D80DFF00F19C0AC8"));
  EXPECT_TRUE(DecodesToError("0BD0p2608>381p=*70p2616p16000AD0D770BB5D0700F1FF04F4F29C0E9CFFFF"));
  EXPECT_TRUE(DecodesToError("0011 00"));
  EXPECT_TRUE(DecodesToError("001"));
}

// gammu tests/at-sms-failing/20.dump: TP-UDHI set but TP-UDL 0.
TEST(SmsPduNegative, HeaderFlagWithoutUserData) {
  EXPECT_TRUE(DecodesToError("058163465010D5B00C8163460653332000000000"));
}

// gammu tests/at-sms-failing/38.dump: SMSC length C4 (196 octets).
TEST(SmsPduNegative, SmscLengthTooLong) {
  EXPECT_TRUE(DecodesToError(
      "C474795E968388E9B27B4E07CDE965341D947683926879B90DA286E56933C89D1EA3E9207D5D0EB296E566FFB9"
      "EE3EBB40A8220C9602"));
  EXPECT_TRUE(DecodesToError("0C91" + std::string(40, '1')));
}

// gammu tests/at-sms-failing/41.dump: TP-UDL 93 septets, fewer octets present.
TEST(SmsPduNegative, UserDataShorterThanLength) {
  EXPECT_TRUE(DecodesToError(
      "0041000b817777777777f700005d060504157800004de1135b851283d4e2afdd8bd576f3b2dc5e96f7dc617a78"
      "8e2ebbd761173c2ca7e777f0b79cdecbe5663bf8bdc74e57cdcfbcf5b97387dbe59e1be00ed3c37374d9bd0ebb"
      "e06139"));
}

TEST(SmsPduNegative, EmptyAndReservedType) {
  EXPECT_TRUE(DecodesToError(""));
  EXPECT_TRUE(DecodesToError("00"));
  EXPECT_TRUE(DecodesToError("0003"));  // TP-MTI 3 is reserved
}

TEST(SmsPduNegative, AddressLengthAbove20) {
  EXPECT_TRUE(DecodesToError("000415911111111111111111111111"));
}

TEST(SmsPduNegative, UserDataLengthAboveMaximum) {
  // GSM-7 UDL 161 septets and UCS-2 UDL 141 octets, with enough octets present.
  EXPECT_TRUE(DecodesToError("000100048121430000A1" + std::string(2 * 141, '0')));
  EXPECT_TRUE(DecodesToError("000100048121430008" "8D" + std::string(2 * 141, '0')));
}

TEST(SmsPduNegative, HeaderLongerThanUserData) {
  // UCS-2, UDHI, UDL 4, UDHL 5.
  EXPECT_TRUE(DecodesToError("00410004812143000804050003010101"));
  // GSM-7, UDHI, UDL 6 septets (42 bits) but a 6-octet header (48 bits).
  EXPECT_TRUE(DecodesToError("004100048121430000060500030102010000"));
}

TEST(SmsPduNegative, InformationElementRunsPastHeader) {
  // UDHL 3 holds IEI 00 with IEDL 3: one octet short.
  EXPECT_TRUE(DecodesToError("004100048121430004040300030101"));
  // UDHL 1: a lone IEI without its length.
  EXPECT_TRUE(DecodesToError("0041000481214300040201000000"));
}

TEST(SmsPduNegative, StatusReportTrailerIsTolerated) {
  const std::string report = "07917248014000F506B70AA18092020000317071518590803170715185418000";
  // TP-PI 07 + PID 00 + DCS 00 + UDL 2 "Hi" packed.
  const auto full = DecodeAs<StatusReportPdu>(report + "070000" "02C834");
  EXPECT_EQ(full.protocol_id, 0);
  ASSERT_TRUE(full.user_data.has_value());
  EXPECT_EQ(full.user_data->text, "Hi");
  // A TP-PI of FF (padding) announces fields that are not there: dropped.
  const auto padded = DecodeAs<StatusReportPdu>(report + "FF");
  EXPECT_EQ(padded.message_reference, 183);
  EXPECT_FALSE(padded.user_data.has_value());
  // TP-PI 00: nothing follows.
  EXPECT_FALSE(DecodeAs<StatusReportPdu>(report + "00").protocol_id.has_value());
}

}  // namespace
}  // namespace smsdesk::modem
