#include "modem/gsm_alphabet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modem/unicode.h"

namespace smsdesk::modem {
namespace {

constexpr Gsm7Tables kDefault{};
constexpr Gsm7Tables kTurkish{NationalLanguage::kTurkish, NationalLanguage::kTurkish};
constexpr Gsm7Tables kSpanish{NationalLanguage::kNone, NationalLanguage::kSpanish};
constexpr Gsm7Tables kPortuguese{NationalLanguage::kPortuguese, NationalLanguage::kPortuguese};

std::u32string U32(const char* utf8) { return Utf8ToCodepoints(utf8).value(); }

// Septets 0x00..0x7F without 0x1B, decoded by python-gammu (gammu.DecodePDU of
// a DELIVER carrying them): an independent reading of TS 23.038 §6.2.1.
const char* const kDefaultAlphabetPerGammu =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

TEST(GsmAlphabet, DefaultTableMatchesGammu) {
  std::vector<std::uint8_t> septets;
  for (int s = 0; s < 128; ++s) {
    if (s != kGsm7Escape) septets.push_back(static_cast<std::uint8_t>(s));
  }
  EXPECT_EQ(CodepointsToUtf8(DecodeGsm7(septets)), kDefaultAlphabetPerGammu);
}

TEST(GsmAlphabet, EveryDefaultCharacterRoundTripsInOneSeptet) {
  const std::u32string all = U32(kDefaultAlphabetPerGammu);
  ASSERT_EQ(all.size(), 127u);
  for (char32_t cp : all) {
    std::vector<std::uint8_t> septets;
    ASSERT_TRUE(AppendGsm7(cp, kDefault, septets)) << std::hex << static_cast<std::uint32_t>(cp);
    ASSERT_EQ(septets.size(), 1u);
    EXPECT_EQ(Gsm7Cost(cp, kDefault), 1);
    EXPECT_EQ(DecodeGsm7(septets), std::u32string(1, cp));
  }
}

struct Ext {
  char32_t cp;
  std::uint8_t code;
};

TEST(GsmAlphabet, EveryExtensionCharacterRoundTripsAsEscapePair) {
  // TS 23.038 §6.2.1.1.
  const Ext table[] = {{U'\f', 0x0A}, {U'^', 0x14}, {U'{', 0x28}, {U'}', 0x29}, {U'\\', 0x2F},
                       {U'[', 0x3C},  {U'~', 0x3D}, {U']', 0x3E}, {U'|', 0x40}, {U'€', 0x65}};
  for (const auto& e : table) {
    std::vector<std::uint8_t> septets;
    ASSERT_TRUE(AppendGsm7(e.cp, kDefault, septets));
    EXPECT_EQ(septets, (std::vector<std::uint8_t>{0x1B, e.code})) << std::hex << static_cast<std::uint32_t>(e.cp);
    EXPECT_EQ(Gsm7Cost(e.cp, kDefault), 2);
    EXPECT_EQ(DecodeGsm7(septets), std::u32string(1, e.cp));
  }
}

TEST(GsmAlphabet, UnrepresentableCharactersCostZero) {
  for (char32_t cp : {U'ç', U'ş', U'ê', U'ł', U'ж', U'ع', char32_t{0x1F600}, char32_t{0},
                      char32_t{0x1B}, char32_t{0xA0}}) {
    EXPECT_EQ(Gsm7Cost(cp, kDefault), 0) << std::hex << static_cast<std::uint32_t>(cp);
    std::vector<std::uint8_t> septets{0x41};
    EXPECT_FALSE(AppendGsm7(cp, kDefault, septets));
    EXPECT_EQ(septets.size(), 1u);
  }
}

TEST(GsmAlphabet, EscapeWithUnknownCodeDecodesAsBaseCharacter) {
  // TS 23.038 §6.2.1.1: ESC + 'A' (0x41, no extension char) shows 'A'.
  const std::vector<std::uint8_t> septets = {0x1B, 0x41, 0x1B, 0x00, 0x1B, 0x1B, 0x42};
  EXPECT_EQ(DecodeGsm7(septets), U"A@ B");  // ESC ESC shows a space (NOTE 1)
}

TEST(GsmAlphabet, TrailingLoneEscapeIsDroppedAndHighBitsMasked) {
  EXPECT_EQ(DecodeGsm7(std::vector<std::uint8_t>{0x48, 0x69, 0x1B}), U"Hi");
  EXPECT_EQ(DecodeGsm7(std::vector<std::uint8_t>{0xC8, 0x80}), U"H@");
}

struct National {
  const char* text;
  Gsm7Tables tables;
  std::vector<std::uint8_t> septets;
};

class NationalTables : public ::testing::TestWithParam<National> {};

TEST_P(NationalTables, EncodeAndDecode) {
  const auto& c = GetParam();
  std::vector<std::uint8_t> septets;
  ASSERT_TRUE(EncodeGsm7(U32(c.text), c.tables, septets)) << c.text;
  EXPECT_EQ(septets, c.septets) << c.text;
  EXPECT_EQ(CodepointsToUtf8(DecodeGsm7(septets, c.tables)), c.text);
}

// Septet values read off TS 23.038 Annex A.2.1-A.2.3 and A.3.1/A.3.3.
INSTANTIATE_TEST_SUITE_P(
    GsmAnnexA, NationalTables,
    ::testing::Values(
        // Turkish locking (A.3.1) puts these in single septets...
        National{"ğĞıİşŞç€", kTurkish, {0x0C, 0x0B, 0x07, 0x40, 0x1D, 0x1C, 0x60, 0x04}},
        // ...and the Turkish single shift (A.2.1) alone escapes them.
        National{"ğĞıİşŞç", {NationalLanguage::kNone, NationalLanguage::kTurkish},
                 {0x1B, 0x67, 0x1B, 0x47, 0x1B, 0x69, 0x1B, 0x49, 0x1B, 0x73, 0x1B, 0x53, 0x1B,
                  0x63}},
        National{"áéíóúñÁÍÓÚç", kSpanish,
                 {0x1B, 0x61, 0x05, 0x1B, 0x69, 0x1B, 0x6F, 0x1B, 0x75, 0x7D, 0x1B, 0x41, 0x1B,
                  0x49, 0x1B, 0x4F, 0x1B, 0x55, 0x1B, 0x09}},
        National{"ãõêâçáíóúÁÂÊÔÃÕÚÍÓÀ", kPortuguese,
                 {0x7B, 0x7C, 0x04, 0x1D, 0x09, 0x0F, 0x07, 0x08, 0x06, 0x0E, 0x1C, 0x1E, 0x0B,
                  0x5B, 0x5C, 0x5D, 0x40, 0x19, 0x14}},
        National{"ª º ∞ ^\\|~`", kPortuguese,
                 {0x12, 0x20, 0x24, 0x20, 0x15, 0x20, 0x16, 0x17, 0x1A, 0x60, 0x7D}},
        National{"ôÔ", {NationalLanguage::kNone, NationalLanguage::kPortuguese},
                 {0x1B, 0x0C, 0x1B, 0x0B}},
        National{"âÂ", {NationalLanguage::kNone, NationalLanguage::kPortuguese},
                 {0x1B, 0x7F, 0x1B, 0x61}},
        National{"{[€]}", kPortuguese, {0x1B, 0x28, 0x1B, 0x3C, 0x18, 0x1B, 0x3E, 0x1B, 0x29}}));

TEST(GsmAlphabet, TurkishLockingEuroIsOneSeptet) {
  EXPECT_EQ(Gsm7Cost(U'€', kTurkish), 1);
  EXPECT_EQ(Gsm7Cost(U'€', kDefault), 2);
}

TEST(GsmAlphabet, LockingShiftDropsDefaultCharacters) {
  // Turkish locking has no è ì Æ æ Ø ø ¡ ¿; the Portuguese one no Greek Φ.
  for (char32_t cp : {U'è', U'ì', U'Æ', U'æ', U'Ø', U'ø', U'¡', U'¿'}) {
    EXPECT_EQ(Gsm7Cost(cp, kTurkish), 0) << std::hex << static_cast<std::uint32_t>(cp);
  }
  EXPECT_EQ(Gsm7Cost(U'Φ', {NationalLanguage::kPortuguese, NationalLanguage::kNone}), 0);
  EXPECT_EQ(Gsm7Cost(U'Φ', kPortuguese), 2);  // back through the single shift table
}

TEST(GsmAlphabet, SpanishLockingFallsBackToDefault) {
  // Annex A defines no Spanish locking shift table.
  const Gsm7Tables spanish_locking{NationalLanguage::kSpanish, NationalLanguage::kNone};
  EXPECT_EQ(Gsm7Cost(U'è', spanish_locking), 1);
  EXPECT_EQ(Gsm7Cost(U'á', spanish_locking), 0);
}

TEST(GsmAlphabet, EveryCharacterOfEveryTableRoundTrips) {
  const NationalLanguage langs[] = {NationalLanguage::kNone, NationalLanguage::kTurkish,
                                    NationalLanguage::kSpanish, NationalLanguage::kPortuguese};
  for (auto locking : langs) {
    for (auto single : langs) {
      const Gsm7Tables t{locking, single};
      for (int s = 0; s < 128; ++s) {
        for (bool escaped : {false, true}) {
          if (s == kGsm7Escape) continue;
          std::vector<std::uint8_t> septets;
          if (escaped) septets.push_back(kGsm7Escape);
          septets.push_back(static_cast<std::uint8_t>(s));
          const std::u32string text = DecodeGsm7(septets, t);
          ASSERT_EQ(text.size(), 1u);
          std::vector<std::uint8_t> again;
          ASSERT_TRUE(EncodeGsm7(text, t, again)) << s;
          EXPECT_EQ(DecodeGsm7(again, t), text) << s;
          EXPECT_LE(again.size(), septets.size()) << s;  // never costlier than received
        }
      }
    }
  }
}

TEST(GsmAlphabet, EncodeGsm7LeavesOutputUntouchedOnFailure) {
  std::vector<std::uint8_t> septets = {0x01};
  EXPECT_FALSE(EncodeGsm7(U"abcж", kDefault, septets));
  EXPECT_EQ(septets, (std::vector<std::uint8_t>{0x01}));
}

}  // namespace
}  // namespace smsdesk::modem
