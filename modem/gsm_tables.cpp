// Table data transcribed from 3GPP TS 23.038 (V8 onwards): §6.2.1 default
// alphabet, §6.2.1.1 extension table, Annex A.2.1-A.2.3 single shift tables
// and Annex A.3.1/A.3.3 locking shift tables. Rows are 16 septet values each,
// 0x00-0x0F, 0x10-0x1F, ... so a row lines up with one column of the spec's
// figures read top to bottom.
#include "modem/gsm_tables.h"

namespace smsdesk::modem::gsm_tables {
namespace {

constexpr char32_t kEsc = kNoChar;  // 0x1B: escape to the single shift table

// §6.2.1. 0x09 is the capital C-cedilla as the spec draws it (the Unicode
// mapping file's lower-case reading is a display artefact); ç needs a
// national table.
constexpr LockingTable kDefault = {
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'\n', U'Ø', U'ø', U'\r', U'Å', U'å',
    U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', kEsc, U'Æ', U'æ', U'ß', U'É',
    U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
    U'¡', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ä', U'Ö', U'Ñ', U'Ü', U'§',
    U'¿', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à',
};

// Annex A.3.1 Turkish locking shift: the default alphabet with € ı Ğ ğ Ş ş İ ç
// in place of è ì Æ æ ¡ ¿ and Ø ø.
constexpr LockingTable kTurkish = {
    U'@', U'£', U'$', U'¥', U'€', U'é', U'ù', U'ı', U'ò', U'Ç', U'\n', U'Ğ', U'ğ', U'\r', U'Å', U'å',
    U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', kEsc, U'Ş', U'ş', U'ß', U'É',
    U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
    U'İ', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ä', U'Ö', U'Ñ', U'Ü', U'§',
    U'ç', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à',
};

// Annex A.3.3 Portuguese locking shift: most Greek capitals give way to
// Portuguese vowels; ^ \ | ~ ` become single septets.
constexpr LockingTable kPortuguese = {
    U'@', U'£', U'$', U'¥', U'ê', U'é', U'ú', U'í', U'ó', U'ç', U'\n', U'Ô', U'ô', U'\r', U'Á', U'á',
    U'Δ', U'_', U'ª', U'Ç', U'À', U'∞', U'^', U'\\', U'€', U'Ó', U'|', kEsc, U'Â', U'â', U'Ê', U'É',
    U' ', U'!', U'"', U'#', U'º', U'%', U'&', U'\'', U'(', U')', U'*', U'+', U',', U'-', U'.', U'/',
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U':', U';', U'<', U'=', U'>', U'?',
    U'Í', U'A', U'B', U'C', U'D', U'E', U'F', U'G', U'H', U'I', U'J', U'K', U'L', U'M', U'N', U'O',
    U'P', U'Q', U'R', U'S', U'T', U'U', U'V', U'W', U'X', U'Y', U'Z', U'Ã', U'Õ', U'Ú', U'Ü', U'§',
    U'~', U'a', U'b', U'c', U'd', U'e', U'f', U'g', U'h', U'i', U'j', U'k', U'l', U'm', U'n', U'o',
    U'p', U'q', U'r', U's', U't', U'u', U'v', U'w', U'x', U'y', U'z', U'ã', U'õ', U'`', U'ü', U'à',
};

// §6.2.1.1. 0x0A is FORM FEED (NOTE 3). 0x1B (NOTE 1) is handled in the
// decoder, 0x0D (CR2, NOTE 2) is a control code with no character.
constexpr ShiftEntry kDefaultExtension[] = {
    {0x0A, U'\f'}, {0x14, U'^'}, {0x28, U'{'}, {0x29, U'}'}, {0x2F, U'\\'},
    {0x3C, U'['},  {0x3D, U'~'}, {0x3E, U']'}, {0x40, U'|'}, {0x65, U'€'},
};

// Annex A.2.1 Turkish single shift.
constexpr ShiftEntry kTurkishSingle[] = {
    {0x0A, U'\f'}, {0x14, U'^'}, {0x28, U'{'}, {0x29, U'}'}, {0x2F, U'\\'}, {0x3C, U'['},
    {0x3D, U'~'},  {0x3E, U']'}, {0x40, U'|'}, {0x47, U'Ğ'}, {0x49, U'İ'},  {0x53, U'Ş'},
    {0x63, U'ç'},  {0x65, U'€'}, {0x67, U'ğ'}, {0x69, U'ı'}, {0x73, U'ş'},
};

// Annex A.2.2 Spanish single shift.
constexpr ShiftEntry kSpanishSingle[] = {
    {0x09, U'ç'}, {0x0A, U'\f'}, {0x14, U'^'}, {0x28, U'{'}, {0x29, U'}'}, {0x2F, U'\\'},
    {0x3C, U'['}, {0x3D, U'~'},  {0x3E, U']'}, {0x40, U'|'}, {0x41, U'Á'}, {0x49, U'Í'},
    {0x4F, U'Ó'}, {0x55, U'Ú'},  {0x61, U'á'}, {0x65, U'€'}, {0x69, U'í'}, {0x6F, U'ó'},
    {0x75, U'ú'},
};

// Annex A.2.3 Portuguese single shift. Note 0x61 is the capital Â and 0x7F
// the small â, as in the spec's figure.
constexpr ShiftEntry kPortugueseSingle[] = {
    {0x05, U'ê'}, {0x09, U'ç'}, {0x0A, U'\f'}, {0x0B, U'Ô'}, {0x0C, U'ô'}, {0x0E, U'Á'},
    {0x0F, U'á'}, {0x12, U'Φ'}, {0x13, U'Γ'},  {0x14, U'^'}, {0x15, U'Ω'}, {0x16, U'Π'},
    {0x17, U'Ψ'}, {0x18, U'Σ'}, {0x19, U'Θ'},  {0x1F, U'Ê'}, {0x28, U'{'}, {0x29, U'}'},
    {0x2F, U'\\'}, {0x3C, U'['}, {0x3D, U'~'}, {0x3E, U']'}, {0x40, U'|'}, {0x41, U'À'},
    {0x49, U'Í'}, {0x4F, U'Ó'}, {0x55, U'Ú'},  {0x5B, U'Ã'}, {0x5C, U'Õ'}, {0x61, U'Â'},
    {0x65, U'€'}, {0x69, U'í'}, {0x6F, U'ó'},  {0x75, U'ú'}, {0x7B, U'ã'}, {0x7C, U'õ'},
    {0x7F, U'â'},
};

}  // namespace

const LockingTable& Locking(NationalLanguage language) {
  switch (language) {
    case NationalLanguage::kTurkish: return kTurkish;
    case NationalLanguage::kPortuguese: return kPortuguese;
    case NationalLanguage::kNone:
    case NationalLanguage::kSpanish: break;
  }
  return kDefault;
}

std::span<const ShiftEntry> SingleShift(NationalLanguage language) {
  switch (language) {
    case NationalLanguage::kTurkish: return kTurkishSingle;
    case NationalLanguage::kSpanish: return kSpanishSingle;
    case NationalLanguage::kPortuguese: return kPortugueseSingle;
    case NationalLanguage::kNone: break;
  }
  return kDefaultExtension;
}

}  // namespace smsdesk::modem::gsm_tables
