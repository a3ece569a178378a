// USSD strings as +CUSD carries them (3GPP TS 27.007 §7.15), decoded and
// encoded. Pure functions: the AT layer parses the +CUSD line
// (ParseCusdIndication) and hands <str> and <dcs> here.
//
// <dcs> is the Cell Broadcast data coding scheme (TS 23.038 §5); <str> is,
// per 27.007, in the TE character set (+CSCS). Real modems differ (docs/modem.md §2):
//   Huawei E160   DCS 15, packed GSM-7 as hex, CR padding, sometimes unquoted
//                 and without DCS;
//   Dell, others  DCS 15, plain text in the TE charset;
//   Huawei E3276  DCS 72 (0x48), UCS-2 as hex;
//   Quectel M35   DCS 15 but the text is UCS-2 hex because CSCS="UCS2";
//   Telit HE910-D DCS 17 (0x11), UCS-2 hex after a 2-character packed
//                 language prefix, then U+0000 and junk.
// The rules that tell these apart are documented in ussd_codec.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace smsdesk::modem {

// The TE character set chosen with AT+CSCS (27.007 §5.5).
enum class TeCharset : std::uint8_t { kGsm, kUcs2, kIra };

// The alphabet a CBS/USSD data coding scheme announces (TS 23.038 §5).
enum class UssdAlphabet : std::uint8_t {
  kGsm7,              // groups 0000, 0010, 0011, 01xx/1001 with 00, 1111 with bit 2 = 0, reserved
  kGsm7WithLanguage,  // 0x10: "xx" + CR precede the text
  kUcs2,              // 01xx/1001 with bits 3..2 = 10
  kUcs2WithLanguage,  // 0x11: two packed GSM-7 characters (2 octets) precede the text
  kEightBit,          // 01xx/1001 with 01, 1111 with bit 2 = 1
};

UssdAlphabet UssdAlphabetFromDcs(int dcs);

// How DecodeUssdString read the string, for logs and tests.
enum class UssdForm : std::uint8_t {
  kPlainText,     // characters in the TE charset
  kPackedGsm7Hex, // hex of packed septets (Huawei)
  kUcs2Hex,       // hex of UTF-16BE (DCS says UCS-2)
  kTeUcs2Hex,     // hex of UTF-16BE because CSCS="UCS2" (DCS says GSM-7)
  kEightBitHex,   // hex of 8-bit data, shown as Latin-1
};

struct UssdText {
  std::string text;      // UTF-8
  std::string language;  // ISO 639 code from a DCS 0x10/0x11 prefix, else empty
  UssdForm form = UssdForm::kPlainText;
};

// Decodes <str> of "+CUSD: <m>,<str>,<dcs>". Surrounding quotes and blanks are
// removed. `dcs` is nullopt when the modem left it out (treated as 15, GSM-7,
// language unspecified). Errors on strings no rule can read (e.g. UCS-2 that
// is not hex, hex of the wrong length).
Result<UssdText> DecodeUssdString(std::string_view str, std::optional<int> dcs, TeCharset charset);

// Packs `utf8` as GSM-7 septets and returns the hex for AT+CUSD=1,"<hex>",15
// (Huawei: docs/modem.md §2). "*100#" -> "AA180C3602". Errors when a character is
// not in the default alphabet or its extension table.
Result<std::string> EncodeUssdPackedHex(std::string_view utf8);

// The <str> for AT+CUSD=1,"<str>",15 in the TE charset: the text itself for
// "GSM" (as GSM septet bytes) and "IRA" (ASCII only), UTF-16BE hex for "UCS2".
Result<std::string> EncodeUssdPlain(std::string_view utf8, TeCharset charset);

}  // namespace smsdesk::modem
