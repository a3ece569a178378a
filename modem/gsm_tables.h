// The character tables of 3GPP TS 23.038 as data: the default alphabet
// (§6.2.1), its extension table (§6.2.1.1) and the national language locking
// shift (Annex A.3) and single shift (Annex A.2) tables for Turkish, Spanish and
// Portuguese. Internal to the codec: callers use gsm_alphabet.h.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "modem/gsm_alphabet.h"

namespace smsdesk::modem::gsm_tables {

// A locking shift table maps all 128 septet values; the slot 0x1B is the escape
// to the single shift table and holds kNoChar.
using LockingTable = std::array<char32_t, 128>;
inline constexpr char32_t kNoChar = 0;

// One entry of a single shift table: the septet after 0x1B and its character.
struct ShiftEntry {
  std::uint8_t code;
  char32_t cp;
};

// Spanish has no locking shift table (TS 23.038 Annex A.3 defines none), so it
// and kNone both give the default alphabet.
const LockingTable& Locking(NationalLanguage language);

// kNone gives the default extension table (TS 23.038 §6.2.1.1).
std::span<const ShiftEntry> SingleShift(NationalLanguage language);

}  // namespace smsdesk::modem::gsm_tables
