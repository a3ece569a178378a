// Encoding SMS-SUBMIT, SMS-DELIVER and SMS-STATUS-REPORT: known vectors from
// docs/modem.md §3 re-encoded byte for byte, and encode -> decode round trips.
#include <gtest/gtest.h>

#include <string>

#include "modem/sms_pdu.h"
#include "tests/modem/sms_pdu_test_util.h"

namespace smsdesk::modem {
namespace {

using testing::DecodeAs;

std::vector<EncodedPdu> Submit(std::string_view text, SubmitOptions options,
                               ConcatReferenceAllocator& refs) {
  auto encoded = EncodeSubmit(text, options, refs);
  EXPECT_TRUE(encoded.ok()) << (encoded.ok() ? "" : encoded.error().message);
  return encoded.ok() ? encoded.value() : std::vector<EncodedPdu>{};
}

std::vector<EncodedPdu> Submit(std::string_view text, SubmitOptions options) {
  ConcatReferenceAllocator refs;
  return Submit(text, std::move(options), refs);
}

std::vector<EncodedPdu> Deliver(std::string_view text, DeliverOptions options) {
  ConcatReferenceAllocator refs;
  auto encoded = EncodeDeliver(text, options, refs);
  EXPECT_TRUE(encoded.ok()) << (encoded.ok() ? "" : encoded.error().message);
  return encoded.ok() ? encoded.value() : std::vector<EncodedPdu>{};
}

// Decodes every part, checks the concatenation IEs and returns the joined text.
template <class T>
std::string JoinParts(const std::vector<EncodedPdu>& parts, std::optional<Gsm7Tables> tables = {}) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const T pdu = DecodeAs<T>(parts[i].Hex());
    const int smsc_octets = static_cast<int>(parts[i].octets.size()) - parts[i].tpdu_length;
    EXPECT_EQ(smsc_octets, parts[i].octets[0] + 1);  // +CMGS length excludes the SMSC field
    if (parts.size() > 1) {
      EXPECT_TRUE(pdu.user_data.header && pdu.user_data.header->concat) << "part " << i;
      if (pdu.user_data.header && pdu.user_data.header->concat) {
        EXPECT_EQ(pdu.user_data.header->concat->total, parts.size());
        EXPECT_EQ(pdu.user_data.header->concat->sequence, i + 1);
      }
    }
    if (tables) {
      EXPECT_EQ(pdu.user_data.header ? pdu.user_data.header->tables : Gsm7Tables{}, *tables);
    }
    EXPECT_LE(pdu.user_data.length, 160);
    text += pdu.user_data.text;
  }
  return text;
}

// ModemManager test_create_pdu_gsm_3 and _no_validity.
TEST(SmsPduEncode, ModemManagerSubmitVectors) {
  SubmitOptions options;
  options.to = "+15556661234";
  options.validity = RelativeValidity{0};
  auto with_vp = Submit("This is really cool ΔΔΔΔΔ", options);
  ASSERT_EQ(with_vp.size(), 1u);
  EXPECT_EQ(with_vp[0].Hex(),
            "0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010");
  EXPECT_EQ(with_vp[0].tpdu_length, 36);
  options.validity = {};
  auto without_vp = Submit("This is really cool ΔΔΔΔΔ", options);
  ASSERT_EQ(without_vp.size(), 1u);
  EXPECT_EQ(without_vp[0].Hex(),
            "0001000B915155661632F400001954747A0E4ACF41F27298CDCE83C6EF371B0481402010");
}

// gammu tests/at-sms-encode: SMSC/DA "1234" (TOA 81), VP FF, "123456".
TEST(SmsPduEncode, GammuSubmitVector) {
  SubmitOptions options;
  options.to = "1234";
  options.smsc = "1234";
  options.validity = RelativeValidity{0xFF};
  auto pdus = Submit("123456", options);
  ASSERT_EQ(pdus.size(), 1u);
  EXPECT_EQ(pdus[0].Hex(), "038121431100048121430000FF0631D98C56B301");
  EXPECT_EQ(pdus[0].tpdu_length, 16);
}

// The DELIVER examples of docs/modem.md §3 (#1, #3, #4, #5), re-encoded.
TEST(SmsPduEncode, DeliverVectors) {
  DeliverOptions o1{"+31641600986", "+31624000000", {2002, 8, 26, 19, 37, 41, -4}, false, {}};
  EXPECT_EQ(Deliver("How are you?", o1).at(0).Hex(),
            "07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07");
  DeliverOptions o3{"sipgate", "+447785016005", {2008, 8, 13, 12, 7, 22, 4}, false, {}};
  EXPECT_EQ(Deliver("Testmail", o3).at(0).Hex(),
            "0791447758100650040DD0F334FC1CA6970100008080312170224008D4F29CDE0EA7D9");
  DeliverOptions o4{"InternetSMS", "+79037011111", {2011, 3, 29, 19, 20, 4, 16}, false, {}};
  EXPECT_EQ(Deliver("тест", o4).at(0).Hex(),
            "07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442");
  DeliverOptions o5{"+27821234567", "+2782913593", {2013, 3, 26, 13, 35, 25, 8}, false, {}};
  EXPECT_EQ(Deliver("@{tést}!", o5).at(0).Hex(),
            "06917228195339040B917228214365F70000313062315352800A800D8A5E98D337A910");
}

TEST(SmsPduEncode, SubmitFlagsRoundTrip) {
  SubmitOptions options;
  options.to = "+447700900123";
  options.smsc = "+447785016005";
  options.status_report = true;
  options.flash = true;
  options.message_reference = 0x42;
  options.validity = AbsoluteValidity{{2025, 1, 2, 3, 4, 5, -20}};
  auto pdus = Submit("Flash!", options);
  ASSERT_EQ(pdus.size(), 1u);
  const auto pdu = DecodeAs<SubmitPdu>(pdus[0].Hex());
  EXPECT_EQ(pdus[0].octets[8], 0x39);  // FO: SUBMIT, VPF absolute, SRR
  EXPECT_EQ(pdu.smsc->number, "+447785016005");
  EXPECT_EQ(pdu.destination.number, "+447700900123");
  EXPECT_TRUE(pdu.status_report_request);
  EXPECT_EQ(pdu.message_reference, 0x42);
  EXPECT_EQ(pdu.coding.message_class, 0);
  EXPECT_EQ(pdu.coding.raw, 0x10);
  ASSERT_TRUE(std::holds_alternative<AbsoluteValidity>(pdu.validity));
  EXPECT_EQ(std::get<AbsoluteValidity>(pdu.validity).time,
            (Timestamp{2025, 1, 2, 3, 4, 5, -20}));
  EXPECT_EQ(pdu.user_data.text, "Flash!");
}

TEST(SmsPduEncode, RoundTripTexts) {
  SubmitOptions options;
  options.to = "0612345";
  for (std::string_view text :
       {"", "Hello world!", "Price: 5€ [ok] {x} ~ ^ | \\ and a form feed\f.",
        "مرحبا، كيف حالك؟ أين أجد المساعدة؟", "Привет, как дела? Где найти помощь?",
        "Hi 👋🏽 😀 see you", "Ça va? Où est la gare? ΔΦΓΛΩΠΨΣΘΞ"}) {
    auto pdus = Submit(text, options);
    ASSERT_EQ(pdus.size(), 1u) << text;
    EXPECT_EQ(JoinParts<SubmitPdu>(pdus), text);
  }
}

TEST(SmsPduEncode, MultipartGsm7With8BitReference) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Word" + std::to_string(i) + " {x} ";
  SubmitOptions options;
  options.to = "+15556661234";
  ConcatReferenceAllocator refs(77);
  auto pdus = Submit(text, options, refs);
  ASSERT_GT(pdus.size(), 1u);
  EXPECT_EQ(JoinParts<SubmitPdu>(pdus), text);
  const auto first = DecodeAs<SubmitPdu>(pdus[0].Hex());
  EXPECT_EQ(first.user_data.header->concat->reference, 77);
  EXPECT_FALSE(first.user_data.header->concat->reference_16bit);
  EXPECT_EQ(refs.peek(), 78);
}

TEST(SmsPduEncode, MultipartUcs2With16BitReference) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "Слава 😀 ";
  SubmitOptions options;
  options.to = "+15556661234";
  options.segmenting.concat_16bit_reference = true;
  ConcatReferenceAllocator refs(0x1234);
  auto pdus = Submit(text, options, refs);
  ASSERT_GT(pdus.size(), 2u);
  EXPECT_EQ(JoinParts<SubmitPdu>(pdus), text);  // no surrogate pair split
  const auto first = DecodeAs<SubmitPdu>(pdus[0].Hex());
  EXPECT_EQ(first.coding.alphabet, Encoding::kUcs2);
  EXPECT_EQ(first.user_data.header->concat->reference, 0x1234);
  EXPECT_TRUE(first.user_data.header->concat->reference_16bit);
  EXPECT_LE(first.user_data.length, 140);
}

TEST(SmsPduEncode, NationalShiftTurkish) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += "Şişli'de ğüzel ";
  SubmitOptions options;
  options.to = "+905551234567";
  auto pdus = Submit(text, options);
  ASSERT_FALSE(pdus.empty());
  const auto first = DecodeAs<SubmitPdu>(pdus[0].Hex());
  EXPECT_EQ(first.coding.alphabet, Encoding::kGsm7);
  ASSERT_TRUE(first.user_data.header.has_value());
  const Gsm7Tables tables = first.user_data.header->tables;
  EXPECT_TRUE(tables.locking == NationalLanguage::kTurkish ||
              tables.single == NationalLanguage::kTurkish);
  EXPECT_EQ(JoinParts<SubmitPdu>(pdus, tables), text);
}

TEST(SmsPduEncode, DeliverRoundTrip) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "Bonjour, où est l'école? ";
  DeliverOptions options{"InfoDesk", std::nullopt, {2024, 2, 29, 8, 0, 1, 4}, true, {}};
  auto pdus = Deliver(text, options);
  ASSERT_GT(pdus.size(), 1u);
  EXPECT_EQ(JoinParts<DeliverPdu>(pdus), text);
  const auto first = DecodeAs<DeliverPdu>(pdus[0].Hex());
  EXPECT_FALSE(first.smsc.has_value());
  EXPECT_EQ(first.originator.number, "InfoDesk");
  EXPECT_EQ(first.originator.kind, Address::Kind::kAlphanumeric);
  EXPECT_TRUE(first.status_report_indication);
  EXPECT_FALSE(first.more_messages_to_send);
  EXPECT_EQ(first.service_centre_time, (Timestamp{2024, 2, 29, 8, 0, 1, 4}));
}

TEST(SmsPduEncode, StatusReportRoundTrip) {
  StatusReportPdu report;
  report.smsc = Address{Address::Kind::kInternational, "+27841004005", 0x91};
  report.message_reference = 183;
  report.recipient = Address{Address::Kind::kNational, "0829200000", 0xA1};
  report.service_centre_time = {2013, 7, 17, 15, 58, 9, 8};
  report.discharge_time = {2013, 7, 17, 15, 58, 14, 8};
  EXPECT_EQ(EncodeStatusReport(report).Hex(),
            "07917248014000F506B70AA18092020000317071518590803170715185418000");
  EXPECT_EQ(EncodeStatusReport(report).tpdu_length, 24);

  report.status_code = 0x46;
  report.protocol_id = 0;
  report.user_data = UserData{};
  report.user_data->text = "expired";
  const auto decoded = DecodeAs<StatusReportPdu>(EncodeStatusReport(report).Hex());
  EXPECT_EQ(decoded.status, DeliveryStatus::kPermanent);
  EXPECT_EQ(decoded.protocol_id, 0);
  ASSERT_TRUE(decoded.user_data.has_value());
  EXPECT_EQ(decoded.user_data->text, "expired");
}

TEST(SmsPduEncode, ReferenceAllocatorWraps) {
  ConcatReferenceAllocator eight(255);
  EXPECT_EQ(eight.Next(false), 255);
  EXPECT_EQ(eight.Next(false), 0);
  EXPECT_EQ(eight.Next(false), 1);
  ConcatReferenceAllocator sixteen(65535);
  EXPECT_EQ(sixteen.Next(true), 65535);
  EXPECT_EQ(sixteen.Next(true), 0);
  ConcatReferenceAllocator mixed(300);
  EXPECT_EQ(mixed.Next(false), 300 % 256);
}

TEST(SmsPduEncode, Errors) {
  ConcatReferenceAllocator refs;
  SubmitOptions options;
  EXPECT_FALSE(EncodeSubmit("x", options, refs).ok());  // no destination
  options.to = "Bank";
  EXPECT_FALSE(EncodeSubmit("x", options, refs).ok());  // alphanumeric destination
  options.to = "+15556661234";
  options.smsc = "my smsc";
  EXPECT_FALSE(EncodeSubmit("x", options, refs).ok());
  options.smsc.reset();
  EXPECT_FALSE(EncodeSubmit("bad \xC3", options, refs).ok());  // invalid UTF-8
  EXPECT_FALSE(EncodeSubmit(std::string(160 * 256, 'a'), options, refs).ok());  // > 255 parts
  DeliverOptions deliver;
  deliver.from = "Ünïcødé Sender Name";
  EXPECT_FALSE(EncodeDeliver("x", deliver, refs).ok());
}

}  // namespace
}  // namespace smsdesk::modem
