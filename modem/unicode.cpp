// UTF-8 (RFC 3629 / Unicode §3.9 Table 3-7) and UTF-16BE (RFC 2781) codecs.
#include "modem/unicode.h"

#include <optional>

namespace smsdesk::modem {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool IsSurrogate(char32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }
bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// One decoded sequence: the code point and how many bytes it used, or why it
// failed. `length` is the number of bytes to skip on error in lenient mode
// (the maximal-subpart rule of Unicode §3.9 "U+FFFD substitution": 1 for a bad
// lead byte, otherwise the bytes that were a valid prefix).
struct Decoded {
  char32_t cp = 0;
  std::size_t length = 1;
  const char* error = nullptr;
};

Decoded DecodeOne(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1, nullptr};
  int extra = 0;
  char32_t cp = 0;
  // Lead-byte ranges and the allowed range of the second byte (Table 3-7):
  // these exclude overlongs (C0, C1, E0 80..9F, F0 80..8F), surrogates
  // (ED A0..BF) and values above U+10FFFF (F4 90.., F5..FF) up front.
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    extra = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    extra = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    extra = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else if (b0 == 0xC0 || b0 == 0xC1) {
    return {0, 1, "overlong encoding"};
  } else if (IsContinuation(b0)) {
    return {0, 1, "unexpected continuation byte"};
  } else {
    return {0, 1, "invalid lead byte"};
  }
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= s.size()) return {0, static_cast<std::size_t>(k), "truncated sequence"};
    const auto b = static_cast<unsigned char>(s[i + k]);
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) {
      const char* why = "invalid continuation byte";
      if (k == 1 && IsContinuation(b)) {
        why = b0 == 0xED ? "encoded surrogate" : b0 == 0xF4 ? "code point above U+10FFFF"
                                                            : "overlong encoding";
      }
      return {0, static_cast<std::size_t>(k), why};
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, static_cast<std::size_t>(extra + 1), nullptr};
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp > 0x10FFFF || IsSurrogate(cp)) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendUnit(std::uint16_t unit, std::vector<std::uint8_t>& out) {
  out.push_back(static_cast<std::uint8_t>(unit >> 8));
  out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
}

}  // namespace

Result<std::u32string> Utf8ToCodepoints(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const Decoded d = DecodeOne(utf8, i);
    if (d.error != nullptr) {
      return MakeError("invalid UTF-8 at byte " + std::to_string(i) + ": " + d.error);
    }
    out.push_back(d.cp);
    i += d.length;
  }
  return out;
}

std::u32string Utf8ToCodepointsLenient(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const Decoded d = DecodeOne(utf8, i);
    out.push_back(d.error != nullptr ? kReplacement : d.cp);
    i += d.length;
  }
  return out;
}

std::string CodepointsToUtf8(std::u32string_view codepoints) {
  std::string out;
  out.reserve(codepoints.size());
  for (char32_t cp : codepoints) AppendUtf8(cp, out);
  return out;
}

std::vector<std::uint8_t> EncodeUtf16Be(std::u32string_view codepoints) {
  std::vector<std::uint8_t> out;
  out.reserve(codepoints.size() * 2);
  for (char32_t cp : codepoints) {
    if (cp > 0x10FFFF || IsSurrogate(cp)) cp = kReplacement;
    if (cp > 0xFFFF) {
      const char32_t v = cp - 0x10000;
      AppendUnit(static_cast<std::uint16_t>(0xD800 + (v >> 10)), out);
      AppendUnit(static_cast<std::uint16_t>(0xDC00 + (v & 0x3FF)), out);
    } else {
      AppendUnit(static_cast<std::uint16_t>(cp), out);
    }
  }
  return out;
}

std::u32string DecodeUtf16Be(std::span<const std::uint8_t> octets) {
  std::u32string out;
  const std::size_t units = octets.size() / 2;
  out.reserve(units);
  auto unit_at = [&](std::size_t k) -> char32_t {
    return static_cast<char32_t>((octets[2 * k] << 8) | octets[2 * k + 1]);
  };
  for (std::size_t k = 0; k < units; ++k) {
    const char32_t u = unit_at(k);
    if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units) {
      const char32_t low = unit_at(k + 1);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        out.push_back(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        ++k;
        continue;
      }
    }
    out.push_back(IsSurrogate(u) ? kReplacement : u);
  }
  return out;
}

}  // namespace smsdesk::modem
