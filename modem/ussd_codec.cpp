// USSD string decoding and encoding. How a <str> is read, in order:
//
//  1. DCS says UCS-2 (0x48-style or 0x11): <str> must be hex of UTF-16BE; for
//     0x11 the first two octets are the packed language (TS 23.038 §5, "UCS2;
//     message preceded by language indication"). Decoding stops at U+0000:
//     the Telit HE910-D sends junk after a NUL; an odd octet before it is an
//     error. Text that is not hex is taken as already converted to a GSM/IRA
//     TE charset, and is an error under CSCS="UCS2".
//  2. CSCS="UCS2" (any GSM-7 DCS): 27.007 §7.15 says the modem converts to
//     the TE charset, so a string that is hex, a whole number of UTF-16 units
//     and decodes to clean UTF-16 (no lone surrogate, no C0 control other than
//     CR/LF, no private use) is UCS-2 hex (Quectel M35).
//  3. Hex of packed septets (Huawei E160 ignores CSCS): even length, at least
//     one hex letter A-F (a string of decimal digits only is far more likely a
//     plain number than packed text), and the septets hold no escape to an
//     undefined extension code. The CR that pads 7 spare bits is removed
//     (TS 23.038 §6.1.2.3.1).
//  4. Otherwise plain text in the TE charset: "GSM" means one byte per GSM
//     septet (gammu tests/at-ussd/03-unknown: "w{hlen" is "wählen"), unless a
//     byte is >= 0x80, which no septet is, then the modem sent UTF-8; "IRA" and
//     "UCS2" fall back to UTF-8, read leniently.
#include "modem/ussd_codec.h"

#include <span>
#include <vector>

#include "modem/gsm_alphabet.h"
#include "modem/septet_packer.h"
#include "modem/sms_pdu.h"
#include "modem/trim.h"
#include "modem/unicode.h"

namespace smsdesk::modem {
namespace {

constexpr std::uint8_t kCr = 0x0D;

// "text" -> text (one pair of surrounding quotes).
std::string_view Unquoted(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}


bool IsHex(std::string_view s) {
  if (s.empty() || s.size() % 2 != 0) return false;
  for (char c : s) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    if (!digit && !letter) return false;
  }
  return true;
}

bool HasHexLetter(std::string_view s) {
  for (char c : s) {
    if ((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')) return true;
  }
  return false;
}

// A strict reading for the CSCS="UCS2" guess: every unit pairs up and no
// character is one that real text does not contain.
bool IsCleanUtf16(std::span<const std::uint8_t> octets, std::u32string& out) {
  if (octets.empty() || octets.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < octets.size(); i += 2) {
    const unsigned unit = (octets[i] << 8) | octets[i + 1];
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (i + 3 >= octets.size()) return false;
      const unsigned low = (octets[i + 2] << 8) | octets[i + 3];
      if (low < 0xDC00 || low > 0xDFFF) return false;
      i += 2;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return false;
    } else if ((unit < 0x20 && unit != '\r' && unit != '\n') ||
               (unit >= 0xE000 && unit <= 0xF8FF) || unit == 0xFFFE || unit == 0xFFFF) {
      return false;
    }
  }
  out = DecodeUtf16Be(octets);
  return true;
}

// USSD has no length field: every septet the octets hold is read, and a final
// CR on an octet boundary is padding (TS 23.038 §6.1.2.3.1).
std::vector<std::uint8_t> UnpackUssd(std::span<const std::uint8_t> octets) {
  const std::size_t count = octets.size() * 8 / 7;
  std::vector<std::uint8_t> septets = UnpackSeptets(octets, count).value_or(std::vector<std::uint8_t>{});
  if (octets.size() % 7 == 0 && !septets.empty() && septets.back() == kCr) septets.pop_back();
  return septets;
}

bool HasUndefinedEscape(std::span<const std::uint8_t> septets) {
  for (std::size_t i = 0; i + 1 < septets.size(); ++i) {
    if (septets[i] != kGsm7Escape) continue;
    const std::vector<std::uint8_t> pair = {septets[i], septets[i + 1]};
    std::vector<std::uint8_t> again;
    const std::u32string cp = DecodeGsm7(pair);
    if (!AppendGsm7(cp[0], {}, again) || again != pair) return true;
    ++i;
  }
  return false;
}

// Splits "xx" + CR off a GSM-7 text with a language prefix (DCS 0x10).
void TakeGsm7Language(UssdText& out) {
  const std::u32string cps = Utf8ToCodepointsLenient(out.text);
  if (cps.size() < 2) return;
  out.language = CodepointsToUtf8(cps.substr(0, 2));
  const std::size_t skip = cps.size() > 2 && cps[2] == U'\r' ? 3 : 2;
  out.text = CodepointsToUtf8(cps.substr(skip));
}

std::string PlainText(std::string_view s, TeCharset charset) {
  bool seven_bit = true;
  for (char c : s) seven_bit = seven_bit && static_cast<unsigned char>(c) < 0x80;
  if (charset == TeCharset::kGsm && seven_bit) {
    const std::vector<std::uint8_t> septets(s.begin(), s.end());
    return CodepointsToUtf8(DecodeGsm7(septets));
  }
  return CodepointsToUtf8(Utf8ToCodepointsLenient(s));
}

Result<UssdText> DecodeUcs2(std::string_view s, bool language_prefix, TeCharset charset) {
  if (!IsHex(s)) {
    // Converted to the TE charset by the modem, as 27.007 §7.15 asks; under
    // CSCS="UCS2" that would itself be hex, so anything else is garbage.
    if (charset == TeCharset::kUcs2 && !s.empty()) {
      return MakeError("USSD: UCS-2 string is not hex: \"" + std::string(s.substr(0, 16)) + "\"");
    }
    return UssdText{PlainText(s, charset), "", UssdForm::kPlainText};
  }
  const auto octets = HexToOctets(s).value();
  UssdText out;
  out.form = UssdForm::kUcs2Hex;
  std::span<const std::uint8_t> body(octets);
  if (language_prefix) {
    if (octets.size() < 2) return MakeError("USSD: UCS-2 text too short for its language prefix");
    out.language = CodepointsToUtf8(DecodeGsm7(*UnpackSeptets(body.first(2), 2)));
    body = body.subspan(2);
  }
  std::size_t end = 0;  // up to the first U+0000 (Telit HE910-D: junk follows)
  while (end + 1 < body.size() && (body[end] != 0 || body[end + 1] != 0)) end += 2;
  if (end + 1 == body.size()) {
    return MakeError("USSD: UCS-2 text has an odd number of octets");
  }
  out.text = CodepointsToUtf8(DecodeUtf16Be(body.first(end)));
  return out;
}

}  // namespace

UssdAlphabet UssdAlphabetFromDcs(int dcs) {
  if (dcs == 0x10) return UssdAlphabet::kGsm7WithLanguage;
  if (dcs == 0x11) return UssdAlphabet::kUcs2WithLanguage;
  const int group = (dcs >> 4) & 0x0F;
  const bool general = (group & 0x0C) == 0x04 || group == 0x09;  // 01xx, 1001
  if (general) {
    switch ((dcs >> 2) & 0x03) {
      case 1: return UssdAlphabet::kEightBit;
      case 2: return UssdAlphabet::kUcs2;
      default: return UssdAlphabet::kGsm7;  // 00, and 11 (reserved)
    }
  }
  if (group == 0x0F) return (dcs & 0x04) ? UssdAlphabet::kEightBit : UssdAlphabet::kGsm7;
  // Groups 0000, 0010, 0011 are GSM-7 by language; "any reserved codings shall
  // be assumed to be the GSM 7 bit default alphabet" (TS 23.038 §5).
  return UssdAlphabet::kGsm7;
}

Result<UssdText> DecodeUssdString(std::string_view str, std::optional<int> dcs,
                                  TeCharset charset) {
  const std::string_view s = Unquoted(TrimEnd(TrimStart(str, kSpaceAndTab)));
  const UssdAlphabet alphabet = UssdAlphabetFromDcs(dcs.value_or(0x0F));
  if (alphabet == UssdAlphabet::kUcs2 || alphabet == UssdAlphabet::kUcs2WithLanguage) {
    return DecodeUcs2(s, alphabet == UssdAlphabet::kUcs2WithLanguage, charset);
  }
  if (alphabet == UssdAlphabet::kEightBit) {
    if (!IsHex(s)) return UssdText{PlainText(s, charset), "", UssdForm::kPlainText};
    const auto octets = HexToOctets(s).value();
    std::u32string latin1(octets.begin(), octets.end());
    return UssdText{CodepointsToUtf8(latin1), "", UssdForm::kEightBitHex};
  }

  UssdText out;
  if (IsHex(s)) {
    const auto octets = HexToOctets(s).value();
    std::u32string utf16;
    if (charset == TeCharset::kUcs2 && octets.size() % 2 == 0 && IsCleanUtf16(octets, utf16)) {
      out = {CodepointsToUtf8(utf16), "", UssdForm::kTeUcs2Hex};
    } else if (HasHexLetter(s)) {
      const auto septets = UnpackUssd(octets);
      if (!HasUndefinedEscape(septets)) {
        out = {CodepointsToUtf8(DecodeGsm7(septets)), "", UssdForm::kPackedGsm7Hex};
      }
    }
  }
  if (out.form == UssdForm::kPlainText) out.text = PlainText(s, charset);
  if (alphabet == UssdAlphabet::kGsm7WithLanguage) TakeGsm7Language(out);
  return out;
}

Result<std::string> EncodeUssdPackedHex(std::string_view utf8) {
  auto cps = Utf8ToCodepoints(utf8);
  if (!cps) return cps.error();
  std::vector<std::uint8_t> septets;
  if (!EncodeGsm7(*cps, {}, septets)) {
    return MakeError("USSD: text has characters outside the GSM 7-bit alphabet");
  }
  // TS 23.038 §6.1.2.3.1: with 8n-1 septets, the 7 spare bits would read as
  // '@'; pad with CR instead. At 7 characters ("*100*1#") this is the CR that
  // ModemManager's Huawei plugin adds.
  if (septets.size() % 8 == 7) septets.push_back(kCr);
  return OctetsToHex(PackSeptets(septets));
}

Result<std::string> EncodeUssdPlain(std::string_view utf8, TeCharset charset) {
  auto cps = Utf8ToCodepoints(utf8);
  if (!cps) return cps.error();
  if (charset == TeCharset::kUcs2) return OctetsToHex(EncodeUtf16Be(*cps));
  std::string out;
  for (char32_t cp : *cps) {
    // Inside a quoted AT argument: no quote, no control characters, and for
    // "GSM" no escape pair (ESC would abort the command line).
    if (cp == U'"' || cp < 0x20) return MakeError("USSD: character not allowed in an AT string");
    if (charset == TeCharset::kIra) {
      if (cp > 0x7E) return MakeError("USSD: non-ASCII character with CSCS=\"IRA\"");
      out.push_back(static_cast<char>(cp));
      continue;
    }
    std::vector<std::uint8_t> septet;
    if (Gsm7Cost(cp, {}) != 1 || !AppendGsm7(cp, {}, septet) || septet[0] < 0x20) {
      return MakeError("USSD: character not sendable with CSCS=\"GSM\"");
    }
    out.push_back(static_cast<char>(septet[0]));
  }
  return out;
}

}  // namespace smsdesk::modem
