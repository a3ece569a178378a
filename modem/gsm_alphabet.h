// The GSM 7-bit default alphabet, its extension table and the national
// language single/locking shift tables (3GPP TS 23.038 §6.2.1, Annex A).
//
// Works on septet *values* (0..127); packing into octets is septet_packer.h.
// An extension character is two septets: 0x1B then its code.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::modem {

// TS 23.038 §6.2.1.2.4 language identifiers as carried in IEI 0x24/0x25.
enum class NationalLanguage : std::uint8_t {
  kNone = 0,
  kTurkish = 1,
  kSpanish = 2,
  kPortuguese = 3,
};

inline constexpr std::uint8_t kGsm7Escape = 0x1B;

// Which tables a GSM-7 text uses: the locking shift replaces the default
// table, the single shift replaces the extension table.
struct Gsm7Tables {
  NationalLanguage locking = NationalLanguage::kNone;
  NationalLanguage single = NationalLanguage::kNone;
  bool operator==(const Gsm7Tables&) const = default;
};

// Septets needed for `cp` with these tables: 1, 2 (escape + code), or 0 when
// the character cannot be represented.
int Gsm7Cost(char32_t cp, Gsm7Tables tables);

// Appends the septets for `cp`; returns false (appending nothing) when it
// cannot be represented.
bool AppendGsm7(char32_t cp, Gsm7Tables tables, std::vector<std::uint8_t>& septets);

// Decodes septet values. An escape followed by a code with no extension
// character decodes as the base-table character (TS 23.038 §6.2.1.1); a
// trailing lone escape is dropped; values above 127 are masked.
std::u32string DecodeGsm7(std::span<const std::uint8_t> septets, Gsm7Tables tables = {});

// Convenience: the text of `cp`s as septets, or false when any is unrepresentable.
bool EncodeGsm7(std::u32string_view text, Gsm7Tables tables, std::vector<std::uint8_t>& septets);

}  // namespace smsdesk::modem
