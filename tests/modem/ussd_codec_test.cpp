#include "modem/ussd_codec.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace smsdesk::modem {
namespace {

// Real +CUSD strings from gammu tests/at-ussd/*.dump (docs/modem.md §2). Expected
// texts were produced independently: packed GSM-7 by python-gammu
// (gammu.DecodePDU of a DELIVER carrying the same octets), UCS-2 by Python's
// utf-16-be codec.
const char* const kE160Packed =
    "49B41C74ACD3D16171D90D32FBE52072BA0C72CA5DB45CAC76C3CD6CB41B2D060389CB74F9FE4C07D55C371CA85897"
    "BF1B";
const char* const kE160Unquoted =
    " 49B41C74ACD3D16171D90D66666666666666666666B45CAC76C3CD6CB41B2D060389CB74F9FE4C07DD5CB91AA858"
    "97BF1B";
const char* const kE3276Ucs2 =
    "0414043B044F00200441043F044004300432043A04380020043E002004310430043B0430043D044104350020043D04"
    "300431043504400438044204350020002A0031003000350023002E002004230441043B0443043304300020043104"
    "350441043F043B04300442043D0430002E";
const char* const kQuectelM35 =
    "00480061007600690020006B0065007200650074003A0020003000460074002E002000460065006C007400F6006C00"
    "7400F60074007400200065006700790065006E006C00650067003A0020003700370037003700460074002C00280065"
    "0062006200F6006C0020007600E0007300E00072006C00E000730072006100200069007300200066006F0072006400"
    "EC007400680061007400F2003A00200037003700370037004600740029002E0020004400EC006A00630073006F006D"
    "00610067003A002000420065006E0063007300F200200041002E00200055006A002000540065006C0065006B006F00"
    "6D002000F6006E006B00690073007A006F006C006700E0006C00F2003A0020002A0031003100310023";
const char* const kTeliteHe910 =
    "613906310635064A062F06430020003100300037002E003900330020062F002E0644060C06270644063506440627062D"
    "064A0629002000200032003000310038002D00310031002D003000390000FFFF60B16260EEEEFFFFFFFFFFFFFFFFFF"
    "FF60B16260EEEEFFFFFFFFFFFFFFFFFFFF60B16260EEEEFFFF00A962600000000000000000EE000000000000000000"
    "000068B5626058655F60";

struct Variant {
  const char* name;
  std::string str;
  std::optional<int> dcs;
  TeCharset charset;
  const char* text;
  const char* language;
  UssdForm form;
};

class UssdVariants : public ::testing::TestWithParam<Variant> {};

TEST_P(UssdVariants, Decodes) {
  const auto& c = GetParam();
  const auto r = DecodeUssdString(c.str, c.dcs, c.charset);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text, c.text);
  EXPECT_EQ(r->language, c.language);
  EXPECT_EQ(static_cast<int>(r->form), static_cast<int>(c.form));
}

INSTANTIATE_TEST_SUITE_P(
    UssdModemMd, UssdVariants,
    ::testing::Values(
        // Huawei E160: packed GSM-7 hex, 55 characters = 8n-1, so CR-padded.
        Variant{"huawei_e160", std::string("\"") + kE160Packed + "\"", 15, TeCharset::kIra,
                "Ihr Guthaben für die Nr.4915783647410 beträgt 5.78 Euro", "",
                UssdForm::kPackedGsm7Hex},
        Variant{"huawei_e160_cscs_gsm", kE160Packed, 15, TeCharset::kGsm,
                "Ihr Guthaben für die Nr.4915783647410 beträgt 5.78 Euro", "",
                UssdForm::kPackedGsm7Hex},
        // Older E160: no quotes, no DCS (gammu 01-E160.dump).
        Variant{"huawei_e160_unquoted", kE160Unquoted, std::nullopt, TeCharset::kIra,
                "Ihr Guthaben¿LΘ3fLΘ3fLΘ34915783647410 beträgt 7.95 Euro", "",
                UssdForm::kPackedGsm7Hex},
        // Dell: plain text with DCS 15.
        Variant{"dell_plain",
                "\"On DATA Pack u have 3Gb 817Mb 169kb valid until 21/05/2016   upto time of "
                "data recharge done by u.\"",
                15, TeCharset::kGsm,
                "On DATA Pack u have 3Gb 817Mb 169kb valid until 21/05/2016   upto time of data "
                "recharge done by u.",
                "", UssdForm::kPlainText},
        // CSCS="GSM" plain text is GSM septets: '{' (0x7B) is 'ä' (gammu 03-unknown).
        Variant{"gsm_charset_plain",
                "\"Kontostand: 3.00 EUR Bitte w{hlen Sie: 1 Konto aufladen 2 CallNow Transfer\"",
                std::nullopt, TeCharset::kGsm,
                "Kontostand: 3.00 EUR Bitte wählen Sie: 1 Konto aufladen 2 CallNow Transfer", "",
                UssdForm::kPlainText},
        Variant{"ira_plain_keeps_ascii", "\"Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge\"", 15,
                TeCharset::kIra, "Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge", "",
                UssdForm::kPlainText},
        // Huawei E3276: DCS 72 = 0x48, UCS-2 hex.
        Variant{"huawei_e3276_ucs2", kE3276Ucs2, 72, TeCharset::kIra,
                "Для справки о балансе наберите *105#. Услуга бесплатна.", "", UssdForm::kUcs2Hex},
        // Quectel M35: DCS 15, but CSCS="UCS2" makes the string UCS-2 hex.
        Variant{"quectel_m35_te_ucs2", kQuectelM35, 15, TeCharset::kUcs2,
                "Havi keret: 0Ft. Feltöltött egyenleg: 7777Ft,(ebböl vàsàrlàsra is fordìthatò: "
                "7777Ft). Dìjcsomag: Bencsò A. Uj Telekom önkiszolgàlò: *111#",
                "", UssdForm::kTeUcs2Hex},
        // Telit HE910-D: DCS 17 = 0x11, "ar" packed in 6139, stop at U+0000.
        Variant{"telit_he910_language", kTeliteHe910, 17, TeCharset::kIra,
                "رصيدك 107.93 د.ل،الصلاحية  2018-11-09", "ar", UssdForm::kUcs2Hex},
        // Huawei packed under CSCS="UCS2": 10 hex digits are not whole UTF-16 units.
        Variant{"packed_under_ucs2", "AA180C3602", 15, TeCharset::kUcs2, "*100#", "",
                UssdForm::kPackedGsm7Hex},
        // A number of decimal digits only is a number, not packed text.
        Variant{"digits_are_plain", "\"1234\"", 15, TeCharset::kIra, "1234", "",
                UssdForm::kPlainText},
        // Odd length hex-looking text is plain.
        Variant{"odd_hex_plain", "\"ABC\"", 15, TeCharset::kGsm, "ABC", "", UssdForm::kPlainText},
        // DCS 0x10: GSM-7 with "xx" + CR language prefix.
        Variant{"gsm7_language_prefix", "\"de\rGuthaben 5 EUR\"", 0x10, TeCharset::kIra,
                "Guthaben 5 EUR", "de", UssdForm::kPlainText},
        // DCS 0x44: 8-bit data, shown as Latin-1.
        Variant{"eight_bit_hex", "48692E", 0x44, TeCharset::kIra, "Hi.", "",
                UssdForm::kEightBitHex},
        Variant{"empty", "\"\"", 15, TeCharset::kGsm, "", "", UssdForm::kPlainText}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(UssdCodec, RemovesCrPaddingOnlyOnAnOctetBoundary) {
  // 7 characters pack into 7 octets with 7 spare bits: the CR pad goes.
  const auto padded = EncodeUssdPackedHex("*100*1#");
  ASSERT_TRUE(padded.ok());
  EXPECT_EQ(padded->size(), 14u);
  EXPECT_EQ(DecodeUssdString(*padded, 15, TeCharset::kIra)->text, "*100*1#");
  // A real CR inside the text stays.
  const auto inner = EncodeUssdPackedHex("Bal\r\nOK?");
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(DecodeUssdString(*inner, 15, TeCharset::kIra)->text, "Bal\r\nOK?");
}

TEST(UssdCodec, EncodesPackedHexForHuawei) {
  EXPECT_EQ(EncodeUssdPackedHex("*100#").value(), "AA180C3602");
  EXPECT_EQ(EncodeUssdPackedHex("").value(), "");
  // TS 23.038 §6.1.2.3.1: 7 septets leave 7 spare bits, so a CR (0x0D) is
  // packed as the 8th: "*100*1#" + CR.
  EXPECT_EQ(EncodeUssdPackedHex("*100*1#").value(), "AA180CA68A8D1A");  // python-gammu: "*100*1#\r"
  // 14 septets leave 6 spare bits: no padding needed.
  EXPECT_EQ(EncodeUssdPackedHex("*100*1*2*3*45#")->size(), 2u * 13u);
  // Extension characters are escape pairs.
  EXPECT_EQ(EncodeUssdPackedHex("€").value(), "9B32");
  EXPECT_FALSE(EncodeUssdPackedHex("ж").ok());
  EXPECT_FALSE(EncodeUssdPackedHex("\xFF").ok());
}

TEST(UssdCodec, PackedRoundTripsEveryLength) {
  std::string text;
  for (int n = 1; n <= 40; ++n) {
    text.push_back(static_cast<char>('0' + n % 10));
    if (n % 3 == 0) text.back() = '*';
    const auto hex = EncodeUssdPackedHex(text + "#");
    ASSERT_TRUE(hex.ok());
    const auto back = DecodeUssdString(*hex, 15, TeCharset::kGsm);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->text, text + "#") << n;
  }
}

TEST(UssdCodec, EncodesPlainInTheTeCharset) {
  EXPECT_EQ(EncodeUssdPlain("*100#", TeCharset::kGsm).value(), "*100#");
  EXPECT_EQ(EncodeUssdPlain("*100#", TeCharset::kIra).value(), "*100#");
  EXPECT_EQ(EncodeUssdPlain("*100#", TeCharset::kUcs2).value(), "002A0031003000300023");
  EXPECT_EQ(EncodeUssdPlain("ä", TeCharset::kGsm).value(), "{");  // septet 0x7B
  EXPECT_FALSE(EncodeUssdPlain("ä", TeCharset::kIra).ok());
  EXPECT_FALSE(EncodeUssdPlain("a\"b", TeCharset::kGsm).ok());
  EXPECT_FALSE(EncodeUssdPlain("{", TeCharset::kGsm).ok());  // would need ESC
  EXPECT_FALSE(EncodeUssdPlain("$", TeCharset::kGsm).ok());  // septet 0x02, a control byte
}

TEST(UssdCodec, Ucs2GarbageIsAnError) {
  EXPECT_FALSE(DecodeUssdString("\"hello\"", 72, TeCharset::kUcs2).ok());
  EXPECT_FALSE(DecodeUssdString("004100", 72, TeCharset::kIra).ok());  // odd octet count
  EXPECT_FALSE(DecodeUssdString("61", 17, TeCharset::kIra).ok());      // prefix cut short
  // Under a GSM/IRA TE charset the modem may have converted UCS-2 itself.
  EXPECT_EQ(DecodeUssdString("\"Saldo 5\"", 72, TeCharset::kIra)->text, "Saldo 5");
}

TEST(UssdCodec, DcsAlphabets) {
  EXPECT_EQ(UssdAlphabetFromDcs(15), UssdAlphabet::kGsm7);
  EXPECT_EQ(UssdAlphabetFromDcs(0x00), UssdAlphabet::kGsm7);
  EXPECT_EQ(UssdAlphabetFromDcs(0x10), UssdAlphabet::kGsm7WithLanguage);
  EXPECT_EQ(UssdAlphabetFromDcs(0x11), UssdAlphabet::kUcs2WithLanguage);
  EXPECT_EQ(UssdAlphabetFromDcs(0x22), UssdAlphabet::kGsm7);  // Arabic, GSM-7
  EXPECT_EQ(UssdAlphabetFromDcs(0x40), UssdAlphabet::kGsm7);
  EXPECT_EQ(UssdAlphabetFromDcs(0x44), UssdAlphabet::kEightBit);
  EXPECT_EQ(UssdAlphabetFromDcs(0x48), UssdAlphabet::kUcs2);
  EXPECT_EQ(UssdAlphabetFromDcs(0x68), UssdAlphabet::kUcs2);  // compressed bit ignored
  EXPECT_EQ(UssdAlphabetFromDcs(0x98), UssdAlphabet::kUcs2);
  EXPECT_EQ(UssdAlphabetFromDcs(0xF0), UssdAlphabet::kGsm7);
  EXPECT_EQ(UssdAlphabetFromDcs(0xF4), UssdAlphabet::kEightBit);
  EXPECT_EQ(UssdAlphabetFromDcs(0xA0), UssdAlphabet::kGsm7);  // reserved -> GSM-7
}

TEST(UssdCodec, NeverCrashesOnOddInput) {
  const char* inputs[] = {"", "\"", "\"\"\"", "0", "00", "FFFF", "\xFF\xFE", "1B1B", "D800",
                          "0000", "  \"AA\"  "};
  for (const char* in : inputs) {
    for (int dcs : {0, 15, 0x10, 0x11, 0x44, 0x48, 0xF4}) {
      for (auto cs : {TeCharset::kGsm, TeCharset::kUcs2, TeCharset::kIra}) {
        (void)DecodeUssdString(in, dcs, cs);
      }
    }
  }
  SUCCEED();
}

}  // namespace
}  // namespace smsdesk::modem
