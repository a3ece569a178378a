// GSM 7-bit alphabet lookups over the tables in gsm_tables.cpp
// (3GPP TS 23.038 §6.2.1, §6.2.1.1, Annex A).
#include "modem/gsm_alphabet.h"

#include <array>
#include <cstdint>

#include "modem/gsm_tables.h"

namespace smsdesk::modem {
namespace {

using gsm_tables::kNoChar;

// Septet of `cp` in the locking table, or -1. kNoChar never matches, so
// U+0000 and the escape slot are unrepresentable.
// Code points below U+0100 in the default table, indexed directly: nearly
// every character of a GSM-7 text is one of them, and a scan of the 128-entry
// table per character made encoding ten times slower than decoding.
const std::array<std::int16_t, 256>& DefaultLatin1Index() {
  static const std::array<std::int16_t, 256> index = [] {
    std::array<std::int16_t, 256> built{};
    built.fill(-1);
    const auto& table = gsm_tables::Locking(NationalLanguage::kNone);
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (table[i] < 256 && table[i] != kNoChar && built[table[i]] < 0) built[table[i]] = static_cast<std::int16_t>(i);
    }
    return built;
  }();
  return index;
}

int FindLocking(char32_t cp, NationalLanguage language) {
  if (cp == kNoChar) return -1;
  if (language == NationalLanguage::kNone && cp < 256) return DefaultLatin1Index()[cp];
  const auto& table = gsm_tables::Locking(language);
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i] == cp) return static_cast<int>(i);
  }
  return -1;
}

int FindSingleShift(char32_t cp, NationalLanguage language) {
  for (const auto& entry : gsm_tables::SingleShift(language)) {
    if (entry.cp == cp) return entry.code;
  }
  return -1;
}

char32_t SingleShiftChar(std::uint8_t code, NationalLanguage language) {
  for (const auto& entry : gsm_tables::SingleShift(language)) {
    if (entry.code == code) return entry.cp;
  }
  return kNoChar;
}

}  // namespace

int Gsm7Cost(char32_t cp, Gsm7Tables tables) {
  if (FindLocking(cp, tables.locking) >= 0) return 1;
  if (FindSingleShift(cp, tables.single) >= 0) return 2;
  return 0;
}

bool AppendGsm7(char32_t cp, Gsm7Tables tables, std::vector<std::uint8_t>& septets) {
  // The locking table wins: a character in both (e.g. € with the Turkish
  // locking table) costs one septet there.
  if (const int code = FindLocking(cp, tables.locking); code >= 0) {
    septets.push_back(static_cast<std::uint8_t>(code));
    return true;
  }
  if (const int code = FindSingleShift(cp, tables.single); code >= 0) {
    septets.push_back(kGsm7Escape);
    septets.push_back(static_cast<std::uint8_t>(code));
    return true;
  }
  return false;
}

std::u32string DecodeGsm7(std::span<const std::uint8_t> septets, Gsm7Tables tables) {
  const auto& locking = gsm_tables::Locking(tables.locking);
  std::u32string out;
  out.reserve(septets.size());
  for (std::size_t i = 0; i < septets.size(); ++i) {
    const std::uint8_t septet = septets[i] & 0x7F;
    if (septet != kGsm7Escape) {
      out.push_back(locking[septet]);
      continue;
    }
    if (i + 1 == septets.size()) break;  // a lone trailing escape carries nothing
    const std::uint8_t code = septets[++i] & 0x7F;
    if (code == kGsm7Escape) {
      // §6.2.1.1 NOTE 1: reserved for a further extension table; "a receiving
      // entity shall display a space" until one is defined.
      out.push_back(U' ');
    } else if (const char32_t cp = SingleShiftChar(code, tables.single); cp != kNoChar) {
      out.push_back(cp);
    } else {
      // §6.2.1.1: an undefined extension code is shown as the character of
      // the (locking shift) table at that position.
      out.push_back(locking[code]);
    }
  }
  return out;
}

bool EncodeGsm7(std::u32string_view text, Gsm7Tables tables, std::vector<std::uint8_t>& septets) {
  const std::size_t start = septets.size();
  for (char32_t cp : text) {
    if (!AppendGsm7(cp, tables, septets)) {
      septets.resize(start);
      return false;
    }
  }
  return true;
}

}  // namespace smsdesk::modem
