// Transliteration to the GSM 7-bit default alphabet (TS 23.038 §6.2.1), used
// by the segmenter when SegmentOptions::transliterate is set.
//
// Letters are reduced to their base letter, which is what Unicode canonical
// decomposition (NFD) followed by dropping the combining marks gives, except
// where the default alphabet already has a closer accented letter (ő→ö, ű→ü,
// as Hungarian readers expect). The tables cover Latin-1 Supplement, Latin
// Extended-A, the Romanian comma-below letters and common typographic
// punctuation; anything else is left alone, and the caller then falls back to
// UCS-2. Kept as data so modem/ stays free of a Unicode library.
#include <string_view>

#include "modem/gsm_alphabet.h"
#include "modem/segmenter.h"

namespace smsdesk::modem {
namespace {

// U+00C0..U+00FF, one base letter each. Characters the default alphabet has
// (Ä Å Æ Ç É Ñ Ö Ø Ü ß à ä å æ è é ì ñ ò ö ø ù ü) are never looked up;
// they appear as themselves. '*' marks entries in kSpecial.
constexpr std::u32string_view kLatin1 =
    U"AAAAÄÅÆÇEÉEEIIII"   // C0-CF: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    U"DÑOOOOÖxØUUUÜY*ß"   // D0-DF: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    U"àaaaäåæcèéeeìiii"   // E0-EF: à á â ã ä å æ ç è é ê ë ì í î ï
    U"dñòoooö/øùuuüy*y";  // F0-FF: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ

// U+0100..U+017F (Latin Extended-A), one base letter each.
constexpr std::u32string_view kLatinExtendedA =
    U"AaAaAaCcCcCcCcDd"   // 100: Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    U"DdEeEeEeEeEeGgGg"   // 110: Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    U"GgGgHhHhIiIiIiIi"   // 120: Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    U"Ii**JjKkkLlLlLlL"   // 130: İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    U"lLlNnNnNn*NnOoOo"   // 140: ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    U"Öö**RrRrRrSsSsSs"   // 150: Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    U"SsTtTtTtUuUuUuUu"   // 160: Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    U"ÜüUuWwYyYZzZzZzs";  // 170: Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ

static_assert(kLatin1.size() == 0x40 && kLatinExtendedA.size() == 0x80);

struct Special {
  char32_t cp;
  std::u32string_view replacement;
};

// Ligatures that become two letters, other Latin letters, and punctuation.
constexpr Special kSpecial[] = {
    {0x00A0, U" "},  {0x00AB, U"\""}, {0x00AD, U"-"},  {0x00B4, U"'"},  {0x00BB, U"\""},
    {0x00DE, U"Th"}, {0x00FE, U"th"}, {0x0132, U"IJ"}, {0x0133, U"ij"}, {0x0149, U"'n"},
    {0x0152, U"OE"}, {0x0153, U"oe"}, {0x0218, U"S"},  {0x0219, U"s"},  {0x021A, U"T"},
    {0x021B, U"t"},  {0x02BC, U"'"},  {0x02C6, U"^"},  {0x02DC, U"~"},  {0x2002, U" "},
    {0x2003, U" "},  {0x2009, U" "},  {0x200A, U" "},  {0x200B, U""},   {0x2010, U"-"},
    {0x2011, U"-"},  {0x2012, U"-"},  {0x2013, U"-"},  {0x2014, U"-"},  {0x2015, U"-"},
    {0x2018, U"'"},  {0x2019, U"'"},  {0x201A, U"'"},  {0x201B, U"'"},  {0x201C, U"\""},
    {0x201D, U"\""}, {0x201E, U"\""}, {0x201F, U"\""}, {0x2022, U"*"},  {0x2026, U"..."},
    {0x202F, U" "},  {0x2032, U"'"},  {0x2033, U"\""}, {0x2039, U"<"},  {0x203A, U">"},
    {0x2044, U"/"},  {0x205F, U" "},  {0x2212, U"-"},  {0xFEFF, U""},
};

bool AppendSpecial(char32_t cp, std::u32string& out) {
  for (const auto& s : kSpecial) {
    if (s.cp == cp) {
      out += s.replacement;
      return true;
    }
  }
  return false;
}

// The single-letter form of `cp` from the range tables, or 0.
char32_t BaseLetter(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kLatinExtendedA[cp - 0x100];
  return 0;
}

}  // namespace

std::u32string TransliterateToGsm7(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    if (Gsm7Cost(cp, {}) > 0) {
      out.push_back(cp);
    } else if (!AppendSpecial(cp, out)) {
      const char32_t base = BaseLetter(cp);
      out.push_back(base != 0 && base != U'*' ? base : cp);
    }
  }
  return out;
}

}  // namespace smsdesk::modem
