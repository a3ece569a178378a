// The worked examples of docs/modem.md §3, decoded field by field. Each vector was
// taken from the named project's own test suite and cross-checked with
// python-gammu's DecodePDU.
#include <gtest/gtest.h>

#include "modem/septet_packer.h"
#include "modem/sms_pdu.h"
#include "tests/modem/sms_pdu_test_util.h"

namespace smsdesk::modem {
namespace {

using testing::DecodeAs;

// oFono unit/test-sms.c simple_deliver.
TEST(SmsPduDecode, Example1SimpleDeliver) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07");
  ASSERT_TRUE(pdu.smsc.has_value());
  EXPECT_EQ(pdu.smsc->number, "+31624000000");
  EXPECT_EQ(pdu.smsc->kind, Address::Kind::kInternational);
  EXPECT_EQ(pdu.originator.number, "+31641600986");
  EXPECT_EQ(pdu.originator.type_of_address, 0x91);
  EXPECT_FALSE(pdu.more_messages_to_send);  // FO 04: bit set = no more
  EXPECT_FALSE(pdu.reply_path);
  EXPECT_FALSE(pdu.status_report_indication);
  EXPECT_EQ(pdu.protocol_id, 0);
  EXPECT_EQ(pdu.coding.alphabet, Encoding::kGsm7);
  EXPECT_FALSE(pdu.coding.message_class.has_value());
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2002-08-26T19:37:41-01:00");
  EXPECT_EQ(pdu.service_centre_time.tz_quarter_hours, -4);
  EXPECT_EQ(pdu.user_data.length, 12);
  EXPECT_EQ(pdu.user_data.text, "How are you?");
  EXPECT_FALSE(pdu.user_data.header.has_value());
  EXPECT_TRUE(pdu.user_data.data.empty());
}

// python-gsmmodem test/test_pdu.py.
TEST(SmsPduDecode, Example2PlusEightHours) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "07915892000000F0040B915892214365F700007040213252242331493A283D0795C3F33C88FE06C9CB6132885E"
      "C6D341EDF27C1E3E97E7207B3A0C0A5241E377BB1D7693E72E");
  EXPECT_EQ(pdu.smsc->number, "+85290000000");
  EXPECT_EQ(pdu.originator.number, "+85291234567");
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2007-04-12T23:25:42+08:00");
  EXPECT_EQ(pdu.user_data.length, 49);
  EXPECT_EQ(pdu.user_data.text, "It is easy to read text messages via AT commands.");
}

// oFono alnum_sender: 7 characters take 13 semi-octets.
TEST(SmsPduDecode, Example3AlphanumericSender) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "0791447758100650040DD0F334FC1CA6970100008080312170224008D4F29CDE0EA7D9");
  EXPECT_EQ(pdu.smsc->number, "+447785016005");
  EXPECT_EQ(pdu.originator.kind, Address::Kind::kAlphanumeric);
  EXPECT_EQ(pdu.originator.type_of_address, 0xD0);
  EXPECT_EQ(pdu.originator.number, "sipgate");
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2008-08-13T12:07:22+01:00");
  EXPECT_EQ(pdu.user_data.length, 8);
  EXPECT_EQ(pdu.user_data.text, "Testmail");
}

// ModemManager src/tests/test-sms-part-3gpp.c test_pdu2.
TEST(SmsPduDecode, Example4AlphanumericUcs2) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442");
  EXPECT_EQ(pdu.smsc->number, "+79037011111");
  EXPECT_EQ(pdu.originator.kind, Address::Kind::kAlphanumeric);
  EXPECT_EQ(pdu.originator.number, "InternetSMS");
  EXPECT_EQ(pdu.coding.alphabet, Encoding::kUcs2);
  EXPECT_EQ(pdu.coding.raw, 0x08);
  EXPECT_EQ(pdu.service_centre_time.tz_quarter_hours, 16);
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2011-03-29T19:20:04+04:00");
  EXPECT_EQ(pdu.user_data.length, 8);
  EXPECT_EQ(pdu.user_data.text, "тест");
}

// python-gsmmodem: an escape pair costs two septets, so 8 characters take 10.
TEST(SmsPduDecode, Example5ExtensionCharacters) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "06917228195339040B917228214365F70000313062315352800A800D8A5E98D337A910");
  EXPECT_EQ(pdu.smsc->number, "+2782913593");
  EXPECT_EQ(pdu.originator.number, "+27821234567");
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2013-03-26T13:35:25+02:00");
  EXPECT_EQ(pdu.user_data.length, 10);
  EXPECT_EQ(pdu.user_data.text, "@{tést}!");
}

// ModemManager test_pdu_multipart, part 1 of 2.
TEST(SmsPduDecode, Example6MultipartGsm7) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E"
      "07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3"
      "F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C5078"
      "0EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41");
  EXPECT_EQ(pdu.smsc->number, "+12063130025");
  EXPECT_EQ(pdu.originator.number, "+16175046925");
  EXPECT_FALSE(pdu.more_messages_to_send);  // FO 44: UDHI + no more
  EXPECT_EQ(pdu.service_centre_time.tz_quarter_hours, -16);
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2012-04-25T19:56:50-04:00");
  ASSERT_TRUE(pdu.user_data.header.has_value());
  ASSERT_TRUE(pdu.user_data.header->concat.has_value());
  EXPECT_EQ(*pdu.user_data.header->concat, (ConcatInfo{0x4C, 2, 1, false}));
  EXPECT_TRUE(pdu.user_data.header->others.empty());
  EXPECT_EQ(FillBitsAfterUdh(6), 1);
  EXPECT_EQ(pdu.user_data.length, 160);  // 7 header septets + 153
  EXPECT_EQ(pdu.user_data.text,
            "This is a very long test designed to exercise multi part capability. It should "
            "show up as one message, not as two, as the underlying encoding represents ");
}

// python-gsmmodem: "Megafon", UCS-2, 8-bit reference concat.
TEST(SmsPduDecode, Example7MultipartUcs2) {
  const auto pdu = DecodeAs<DeliverPdu>(
      "07919762020033F1400DD0CDF2396C7EBB010008415072411084618C0500035602010053004D00530020006300"
      "6F00640065003A00200034003800350036002C00200063006F006E006600690072006D006100740069006F006E"
      "0020006F00660020006100730073006F00630069006100740069006F006E002000620065007400770065006500"
      "6E0020006100630063006F0075006E007400200061006E00640020004D00650067");
  EXPECT_EQ(pdu.smsc->number, "+79262000331");
  EXPECT_EQ(pdu.originator.number, "Megafon");
  EXPECT_EQ(pdu.originator.kind, Address::Kind::kAlphanumeric);
  EXPECT_TRUE(pdu.more_messages_to_send);  // FO 40: MMS bit clear
  EXPECT_EQ(pdu.coding.alphabet, Encoding::kUcs2);
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2014-05-27T14:01:48+04:00");
  ASSERT_TRUE(pdu.user_data.header && pdu.user_data.header->concat);
  EXPECT_EQ(*pdu.user_data.header->concat, (ConcatInfo{0x56, 2, 1, false}));
  EXPECT_EQ(pdu.user_data.length, 140);  // 6 + 67 x 2
  EXPECT_EQ(pdu.user_data.text,
            "SMS code: 4856, confirmation of association between account and Meg");
}

// ModemManager test_create_pdu_gsm_3: SUBMIT with relative VP 00 (5 minutes).
TEST(SmsPduDecode, Example8SubmitRelativeValidity) {
  const auto pdu = DecodeAs<SubmitPdu>(
      "0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010");
  EXPECT_FALSE(pdu.smsc.has_value());
  EXPECT_EQ(pdu.message_reference, 0);
  EXPECT_EQ(pdu.destination.number, "+15556661234");
  EXPECT_FALSE(pdu.reject_duplicates);
  EXPECT_FALSE(pdu.status_report_request);
  ASSERT_TRUE(std::holds_alternative<RelativeValidity>(pdu.validity));
  EXPECT_EQ(std::get<RelativeValidity>(pdu.validity).value, 0);
  EXPECT_EQ(RelativeValidityMinutes(0), 5);
  EXPECT_EQ(pdu.user_data.length, 25);
  EXPECT_EQ(pdu.user_data.text, "This is really cool ΔΔΔΔΔ");
}

// python-gsmmodem: SUBMIT with an absolute VP (FO 19).
TEST(SmsPduDecode, Example9SubmitAbsoluteValidity) {
  const auto pdu = DecodeAs<SubmitPdu>(
      "0019000B917228001011F100003170013193008017D474BB3CA787DB70903DCC4E93D3F43C885E9ED301");
  EXPECT_EQ(pdu.destination.number, "+27820001111");
  ASSERT_TRUE(std::holds_alternative<AbsoluteValidity>(pdu.validity));
  EXPECT_EQ(std::get<AbsoluteValidity>(pdu.validity).time.ToIso8601(),
            "2013-07-10T13:39:00+02:00");
  EXPECT_EQ(pdu.user_data.length, 23);
  EXPECT_EQ(pdu.user_data.text, "Timestamp validity test");
}

// python-gsmmodem test_modem.py: the report for +CMGS: 183.
TEST(SmsPduDecode, Example10StatusReport) {
  const auto pdu =
      DecodeAs<StatusReportPdu>("07917248014000F506B70AA18092020000317071518590803170715185418000");
  EXPECT_EQ(pdu.smsc->number, "+27841004005");
  EXPECT_EQ(pdu.message_reference, 183);
  EXPECT_EQ(pdu.recipient.number, "0829200000");
  EXPECT_EQ(pdu.recipient.type_of_address, 0xA1);
  EXPECT_EQ(pdu.recipient.kind, Address::Kind::kNational);
  EXPECT_EQ(pdu.service_centre_time.ToIso8601(), "2013-07-17T15:58:09+02:00");
  EXPECT_EQ(pdu.discharge_time.ToIso8601(), "2013-07-17T15:58:14+02:00");
  EXPECT_EQ(pdu.status_code, 0x00);
  EXPECT_EQ(pdu.status, DeliveryStatus::kDelivered);
  EXPECT_FALSE(pdu.protocol_id || pdu.coding || pdu.user_data);
}

// gammu tests/at-sms-encode: SMSC and DA "1234" (TOA 81), VP FF, "123456".
TEST(SmsPduDecode, GammuEncodeExample) {
  const auto pdu = DecodeAs<SubmitPdu>("038121431100048121430000FF0631D98C56B301");
  ASSERT_TRUE(pdu.smsc.has_value());
  EXPECT_EQ(pdu.smsc->number, "1234");
  EXPECT_EQ(pdu.smsc->type_of_address, 0x81);
  EXPECT_EQ(pdu.smsc->kind, Address::Kind::kOther);
  EXPECT_EQ(pdu.destination.number, "1234");
  EXPECT_EQ(pdu.destination.type_of_address, 0x81);
  ASSERT_TRUE(std::holds_alternative<RelativeValidity>(pdu.validity));
  EXPECT_EQ(std::get<RelativeValidity>(pdu.validity).value, 0xFF);
  EXPECT_EQ(RelativeValidityMinutes(0xFF), 63 * 7 * 24 * 60);
  EXPECT_EQ(pdu.user_data.text, "123456");
}

TEST(SmsPduDecode, WithoutSmscField) {
  const auto pdu = DecodeAs<SubmitPdu>(
      "11000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010", false);
  EXPECT_FALSE(pdu.smsc.has_value());
  EXPECT_EQ(pdu.destination.number, "+15556661234");
}

TEST(SmsPduDecode, LowerCaseHex) {
  const auto pdu = DecodeAs<SubmitPdu>("038121431100048121430000ff0631d98c56b301");
  EXPECT_EQ(pdu.user_data.text, "123456");
}

}  // namespace
}  // namespace smsdesk::modem
