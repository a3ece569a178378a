#include "modem/sim/te_charset.h"

#include <cstdint>
#include <vector>

#include "modem/gsm_alphabet.h"
#include "modem/septet_packer.h"
#include "modem/unicode.h"

namespace smsdesk::sim {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

std::string ToHex(const std::vector<std::uint8_t>& octets) {
  std::string out;
  for (std::uint8_t b : octets) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]), lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

std::optional<TeCharset> ParseTeCharset(std::string_view name) {
  if (name == "GSM") return TeCharset::kGsm;
  if (name == "IRA") return TeCharset::kIra;
  if (name == "UCS2") return TeCharset::kUcs2;
  return std::nullopt;
}

const char* TeCharsetName(TeCharset charset) {
  switch (charset) {
    case TeCharset::kGsm: return "GSM";
    case TeCharset::kIra: return "IRA";
    case TeCharset::kUcs2: return "UCS2";
  }
  return "GSM";
}

std::string EncodeTeString(std::string_view utf8, TeCharset charset) {
  if (charset != TeCharset::kUcs2) return std::string(utf8);
  return ToHex(modem::EncodeUtf16Be(modem::Utf8ToCodepointsLenient(utf8)));
}

std::string DecodeTeString(std::string_view te, TeCharset charset) {
  if (charset != TeCharset::kUcs2 || te.size() % 4 != 0) return std::string(te);
  auto octets = FromHex(te);
  if (!octets) return std::string(te);
  return modem::CodepointsToUtf8(modem::DecodeUtf16Be(*octets));
}

std::string EncodeUssdPackedHex(std::string_view utf8) {
  std::vector<std::uint8_t> septets;
  for (char32_t cp : modem::Utf8ToCodepointsLenient(utf8)) {
    if (!modem::AppendGsm7(cp, {}, septets)) modem::AppendGsm7(U'?', {}, septets);
  }
  if (septets.size() % 8 == 7) septets.push_back(0x0D);
  return ToHex(modem::PackSeptets(septets));
}

std::optional<std::string> DecodeUssdPackedHex(std::string_view hex) {
  auto octets = FromHex(hex);
  if (!octets) return std::nullopt;
  std::size_t count = octets->size() * 8 / 7;
  auto septets = modem::UnpackSeptets(*octets, count);
  if (!septets) return std::nullopt;
  // A trailing CR pad (or the zero septet of 7 spare bits) is not text.
  while (!septets->empty() && (septets->back() == 0x0D || septets->back() == 0x00)) {
    septets->pop_back();
  }
  return modem::CodepointsToUtf8(modem::DecodeGsm7(*septets));
}

}  // namespace smsdesk::sim
