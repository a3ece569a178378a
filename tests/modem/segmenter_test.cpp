#include "modem/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modem/unicode.h"

namespace smsdesk::modem {
namespace {

constexpr NationalLanguage kNo = NationalLanguage::kNone;
constexpr NationalLanguage kTr = NationalLanguage::kTurkish;
constexpr NationalLanguage kEs = NationalLanguage::kSpanish;
constexpr NationalLanguage kPt = NationalLanguage::kPortuguese;

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

SegmentPlan Plan(const std::string& text, SegmentOptions options = {}) {
  auto plan = PlanSegments(text, options);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  return plan.ok() ? std::move(plan).value() : SegmentPlan{};
}

// Decodes every segment and checks the invariants every plan must keep.
std::string Reassemble(const SegmentPlan& plan, bool ref16 = false) {
  std::u32string text;
  std::size_t characters = 0;
  const bool multi = plan.segments.size() > 1;
  const std::size_t capacity = SegmentCapacity(plan.encoding, plan.tables, multi, ref16);
  for (const auto& s : plan.segments) {
    EXPECT_LE(s.payload.size(), capacity);
    const std::u32string part = plan.encoding == Encoding::kUcs2
                                    ? DecodeUtf16Be(s.payload)
                                    : DecodeGsm7(s.payload, plan.tables);
    EXPECT_EQ(part.size(), s.characters);
    text += part;
    characters += s.characters;
  }
  EXPECT_EQ(characters, plan.characters);
  return CodepointsToUtf8(text);
}

struct CapacityCase {
  Encoding encoding;
  Gsm7Tables tables;
  bool concatenated;
  bool ref16;
  std::size_t capacity;
};

TEST(SegmentCapacity, FollowsTheUdhSize) {
  const CapacityCase cases[] = {
      {Encoding::kGsm7, {}, false, false, 160},
      {Encoding::kGsm7, {}, true, false, 153},          // UDH 6 octets -> 7 septets
      {Encoding::kGsm7, {}, true, true, 152},           // UDH 7 octets -> 8 septets
      {Encoding::kGsm7, {kTr, kNo}, false, false, 155},  // UDH 4 -> 5 septets
      {Encoding::kGsm7, {kNo, kEs}, false, false, 155},
      {Encoding::kGsm7, {kTr, kNo}, true, false, 149},   // UDH 9 -> 11 septets
      {Encoding::kGsm7, {kTr, kNo}, true, true, 148},    // UDH 10 -> 12 septets
      {Encoding::kGsm7, {kPt, kPt}, false, false, 152},  // UDH 7 -> 8 septets
      {Encoding::kGsm7, {kPt, kPt}, true, false, 146},   // UDH 12 -> 14 septets
      {Encoding::kGsm7, {kPt, kPt}, true, true, 145},    // UDH 13 -> 15 septets
      {Encoding::kUcs2, {}, false, false, 140},
      {Encoding::kUcs2, {}, true, false, 134},  // 67 units
      {Encoding::kUcs2, {}, true, true, 132},   // 66 units (133 octets, whole units only)
      {Encoding::kUcs2, {kTr, kTr}, true, false, 134},  // shift IEs are GSM-7 only
      {Encoding::kEightBit, {}, false, false, 140},
      {Encoding::kEightBit, {}, true, true, 133},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SegmentCapacity(c.encoding, c.tables, c.concatenated, c.ref16), c.capacity)
        << EncodingName(c.encoding) << " " << int(c.tables.locking) << "/" << int(c.tables.single)
        << " concat=" << c.concatenated << " ref16=" << c.ref16;
  }
}

TEST(Segmenter, EncodingNames) {
  EXPECT_STREQ(EncodingName(Encoding::kGsm7), "gsm7");
  EXPECT_STREQ(EncodingName(Encoding::kUcs2), "ucs2");
  EXPECT_STREQ(EncodingName(Encoding::kEightBit), "8bit");
}

TEST(Segmenter, EmptyTextIsOneEmptyGsm7Segment) {
  const auto plan = Plan("");
  EXPECT_EQ(plan.encoding, Encoding::kGsm7);
  ASSERT_EQ(plan.segments.size(), 1u);
  EXPECT_TRUE(plan.segments[0].payload.empty());
  EXPECT_EQ(plan.characters, 0u);
  EXPECT_EQ(plan.units_left, 160u);
  EXPECT_EQ(plan.characters_left, 160u);
}

TEST(Segmenter, InvalidUtf8IsAnError) {
  for (const char* bad : {"abc\xFF", "\xC0\xAF", "\xED\xA0\x80", "x\xE2\x82"}) {
    const auto plan = PlanSegments(bad);
    ASSERT_FALSE(plan.ok()) << bad;
    EXPECT_FALSE(plan.error().message.empty());
  }
}

struct Boundary {
  const char* name;
  std::string unit;  // one character, repeated
  std::size_t count;
  SegmentOptions options;
  Encoding encoding;
  std::size_t segments;
  std::size_t units_left;
};

class Boundaries : public ::testing::TestWithParam<Boundary> {};

TEST_P(Boundaries, SegmentCountAndRoomLeft) {
  const auto& c = GetParam();
  const std::string text = Repeat(c.unit, c.count);
  const auto plan = Plan(text, c.options);
  EXPECT_EQ(plan.encoding, c.encoding);
  EXPECT_EQ(plan.segments.size(), c.segments);
  EXPECT_EQ(plan.units_left, c.units_left);
  EXPECT_EQ(plan.characters_left, c.units_left);
  EXPECT_EQ(plan.characters, c.count);
  EXPECT_EQ(Reassemble(plan, c.options.concat_16bit_reference), text);
}

SegmentOptions Ref16() {
  SegmentOptions o;
  o.concat_16bit_reference = true;
  return o;
}

INSTANTIATE_TEST_SUITE_P(
    SegmentEdges, Boundaries,
    ::testing::Values(
        Boundary{"gsm_160", "a", 160, {}, Encoding::kGsm7, 1, 0},
        Boundary{"gsm_161", "a", 161, {}, Encoding::kGsm7, 2, 145},
        Boundary{"gsm_306", "a", 306, {}, Encoding::kGsm7, 2, 0},
        Boundary{"gsm_307", "a", 307, {}, Encoding::kGsm7, 3, 152},
        Boundary{"gsm_459", "a", 459, {}, Encoding::kGsm7, 3, 0},
        Boundary{"gsm_460", "a", 460, {}, Encoding::kGsm7, 4, 152},
        Boundary{"gsm16_304", "a", 304, Ref16(), Encoding::kGsm7, 2, 0},
        Boundary{"gsm16_305", "a", 305, Ref16(), Encoding::kGsm7, 3, 151},
        Boundary{"gsm_escapes_80", "€", 80, {}, Encoding::kGsm7, 1, 0},
        Boundary{"gsm_escapes_81", "€", 81, {}, Encoding::kGsm7, 2, 153 - 2 * 5},
        Boundary{"ucs2_70", "ж", 70, {}, Encoding::kUcs2, 1, 0},
        Boundary{"ucs2_71", "ж", 71, {}, Encoding::kUcs2, 2, 63},
        Boundary{"ucs2_134", "ж", 134, {}, Encoding::kUcs2, 2, 0},
        Boundary{"ucs2_135", "ж", 135, {}, Encoding::kUcs2, 3, 66},
        Boundary{"ucs2_201", "ж", 201, {}, Encoding::kUcs2, 3, 0},
        Boundary{"ucs2_202", "ж", 202, {}, Encoding::kUcs2, 4, 66},
        Boundary{"ucs2_16_132", "ж", 132, Ref16(), Encoding::kUcs2, 2, 0},
        Boundary{"ucs2_16_133", "ж", 133, Ref16(), Encoding::kUcs2, 3, 65},
        Boundary{"emoji_35", "😀", 35, {}, Encoding::kUcs2, 1, 0},
        Boundary{"emoji_36", "😀", 36, {}, Encoding::kUcs2, 2, 67 - 3 * 2},
        Boundary{"arabic_70", "ع", 70, {}, Encoding::kUcs2, 1, 0}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Segmenter, EscapeAtSegmentEdgeMovesWhole) {
  // 152 septets, then '{' (2 septets) would end at 154 > 153.
  const std::string text = Repeat("a", 152) + "{" + Repeat("b", 10);
  const auto plan = Plan(text);
  ASSERT_EQ(plan.segments.size(), 2u);
  EXPECT_EQ(plan.segments[0].payload.size(), 152u);
  EXPECT_EQ(plan.segments[0].characters, 152u);
  EXPECT_EQ(plan.segments[1].payload[0], kGsm7Escape);
  EXPECT_EQ(plan.segments[1].payload[1], 0x28);
  EXPECT_EQ(plan.units_left, 153u - 12u);
  EXPECT_EQ(Reassemble(plan), text);
}

TEST(Segmenter, EscapeFillingExactlyTheSegmentStays) {
  const std::string text = Repeat("a", 151) + "€" + Repeat("z", 10);  // 163 septets
  const auto plan = Plan(text);
  ASSERT_EQ(plan.segments.size(), 2u);
  EXPECT_EQ(plan.segments[0].payload.size(), 153u);
  EXPECT_EQ(plan.segments[0].payload.back(), 0x65);
  EXPECT_EQ(Reassemble(plan), text);
}

TEST(Segmenter, EscapePairsCountTwiceForTheSingleSegmentLimit) {
  EXPECT_EQ(Plan(Repeat("a", 158) + "€").segments.size(), 1u);
  EXPECT_EQ(Plan(Repeat("a", 159) + "€").segments.size(), 2u);
  EXPECT_EQ(Plan(Repeat("a", 159) + "\f").segments.size(), 2u);
}

TEST(Segmenter, EmojiAtUcs2EdgeMovesWhole) {
  // 66 units, then a surrogate pair would end at 68 > 67 (73 units in all).
  const std::string text = Repeat("ж", 66) + "😀" + Repeat("ж", 5);
  const auto plan = Plan(text);
  ASSERT_EQ(plan.segments.size(), 2u);
  EXPECT_EQ(plan.segments[0].payload.size(), 132u);
  EXPECT_EQ(plan.segments[0].characters, 66u);
  EXPECT_EQ(plan.segments[1].payload[0], 0xD8);
  EXPECT_EQ(plan.segments[1].characters, 6u);
  EXPECT_EQ(Reassemble(plan), text);
  // 68 + 2 units fit the single 70-unit segment.
  EXPECT_EQ(Plan(Repeat("ж", 68) + "😀").segments.size(), 1u);
  EXPECT_EQ(Plan(Repeat("ж", 69) + "😀").segments.size(), 2u);
}

TEST(Segmenter, PayloadsAreSeptetsOrUtf16) {
  EXPECT_EQ(Plan("Hi€").segments[0].payload, (std::vector<std::uint8_t>{0x48, 0x69, 0x1B, 0x65}));
  EXPECT_EQ(Plan("Hi ж").segments[0].payload,
            (std::vector<std::uint8_t>{0x00, 0x48, 0x00, 0x69, 0x00, 0x20, 0x04, 0x36}));
}

struct Script {
  const char* name;
  const char* text;
  Encoding encoding;
};

class Scripts : public ::testing::TestWithParam<Script> {};

TEST_P(Scripts, PicksEncodingAndRoundTrips) {
  const auto& c = GetParam();
  const auto plan = Plan(c.text);
  EXPECT_EQ(plan.encoding, c.encoding);
  EXPECT_EQ(Reassemble(plan), c.text);
  EXPECT_EQ(plan.characters, Utf8ToCodepoints(c.text)->size());
}

INSTANTIATE_TEST_SUITE_P(
    SegmentScripts, Scripts,
    ::testing::Values(
        Script{"english", "Where can I get a bus pass? Reply 1, 2 or 3.", Encoding::kGsm7},
        Script{"french_gsm", "Où est la mairie? Réponse: à 9h, près de l'école", Encoding::kGsm7},
        Script{"greek_capitals", "ΔΦΓΛΩΠΨΣΘΞ", Encoding::kGsm7},
        Script{"arabic", "مرحبا، أين أجد مكتب المساعدة؟", Encoding::kUcs2},
        Script{"cyrillic", "Привіт! Де знайти допомогу?", Encoding::kUcs2},
        Script{"dari", "سلام، کمک لازم دارم", Encoding::kUcs2},
        Script{"mixed", "Hello привет مرحبا 😀 €5", Encoding::kUcs2},
        Script{"short_turkish", "Şişli'de buluşalım", Encoding::kUcs2},  // 1 vs 1: no gain
        Script{"greek_small", "γεια", Encoding::kUcs2}),
    [](const auto& info) { return std::string(info.param.name); });

struct NationalCase {
  const char* name;
  std::string text;
  Gsm7Tables tables;
  std::size_t segments;
};

class NationalChoice : public ::testing::TestWithParam<NationalCase> {};

TEST_P(NationalChoice, PicksTheCheapestTables) {
  const auto& c = GetParam();
  const auto plan = Plan(c.text);
  EXPECT_EQ(plan.encoding, Encoding::kGsm7);
  EXPECT_EQ(plan.tables, c.tables) << int(plan.tables.locking) << "/" << int(plan.tables.single);
  EXPECT_EQ(plan.segments.size(), c.segments);
  EXPECT_EQ(Reassemble(plan), c.text);
}

INSTANTIATE_TEST_SUITE_P(
    SegmentNational, NationalChoice,
    ::testing::Values(
        // Turkish locking holds ş ğ ı İ Ş Ğ ç in one septet each: 1 IE, 155 septets.
        NationalCase{"turkish", Repeat("Işık ğüzel şey, Çağrı! ", 4), {kTr, kNo}, 1},
        NationalCase{"turkish_155", Repeat("ş", 155), {kTr, kNo}, 1},
        NationalCase{"turkish_156", Repeat("ş", 156), {kTr, kNo}, 2},         // 149 + 7
        NationalCase{"turkish_298", Repeat("ş", 298), {kTr, kNo}, 2},
        NationalCase{"turkish_299", Repeat("ş", 299), {kTr, kNo}, 3},
        // ñ rules out the Portuguese tables: Spanish single shift, 1 IE.
        NationalCase{"spanish", Repeat("¿Dónde está la oficina? Mañana. ", 3), {kNo, kEs}, 1},
        NationalCase{"spanish_c", Repeat("Açúcar, niño ", 7), {kNo, kEs}, 1},
        // Portuguese locking holds ã õ ê â ç á í ó ú in one septet each.
        NationalCase{"portuguese", Repeat("Não há ônibus às três; você está lá? ", 3), {kPt, kNo},
                     1},
        // Φ is in neither the Portuguese locking table nor the default
        // extension: both Portuguese IEs (single segment capacity 152).
        NationalCase{"portuguese_both", Repeat("ã", 150) + "Φ", {kPt, kPt}, 1},
        NationalCase{"portuguese_both_2", Repeat("ã", 150) + "ΦΦ", {kPt, kPt}, 2},
        // Euro and braces with Turkish letters: Turkish locking + default extension.
        NationalCase{"turkish_braces", Repeat("{ş}", 25), {kTr, kNo}, 1}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Segmenter, NationalTablesOnlyWhenAllowed) {
  SegmentOptions no_shift;
  no_shift.allow_national_shift = false;
  const auto plan = Plan(Repeat("ş", 100), no_shift);
  EXPECT_EQ(plan.encoding, Encoding::kUcs2);
  EXPECT_EQ(plan.segments.size(), 2u);
}

TEST(Segmenter, ForceUcs2) {
  SegmentOptions force;
  force.force_ucs2 = true;
  const auto plan = Plan("Hello", force);
  EXPECT_EQ(plan.encoding, Encoding::kUcs2);
  EXPECT_EQ(plan.units_left, 65u);
  EXPECT_EQ(Reassemble(plan), "Hello");
}

TEST(Segmenter, DefaultAlphabetNeedsNoTables) {
  const auto plan = Plan("Hello {world} €");
  EXPECT_EQ(plan.tables, Gsm7Tables{});
  EXPECT_EQ(plan.units_left, 160u - 18u);
}

TEST(Segmenter, TransliteratesOnlyWhenAsked) {
  const std::string text = "Crème brûlée – “ça” œuvre… Łódź";
  EXPECT_EQ(Plan(text).encoding, Encoding::kUcs2);
  SegmentOptions translit;
  translit.transliterate = true;
  const auto plan = Plan(text, translit);
  EXPECT_EQ(plan.encoding, Encoding::kGsm7);
  EXPECT_TRUE(plan.transliterated);
  EXPECT_EQ(Reassemble(plan), "Crème brulée - \"ca\" oeuvre... Lodz");
}

TEST(Segmenter, TransliterationThatLeavesNonGsmIsNotUsed) {
  SegmentOptions translit;
  translit.transliterate = true;
  const auto plan = Plan("ça va? Привет", translit);
  EXPECT_EQ(plan.encoding, Encoding::kUcs2);
  EXPECT_FALSE(plan.transliterated);
  EXPECT_EQ(Reassemble(plan), "ça va? Привет");
}

TEST(Segmenter, ExactNationalPlanBeatsTransliterationAtEqualCost) {
  SegmentOptions translit;
  translit.transliterate = true;
  const std::string long_turkish = Repeat("Işık ğüzel şey ", 6);  // 90 chars
  const auto plan = Plan(long_turkish, translit);
  EXPECT_FALSE(plan.transliterated);
  EXPECT_EQ(plan.tables, (Gsm7Tables{kTr, kNo}));
  // Short: national saves nothing over UCS-2, so transliteration wins.
  const auto short_plan = Plan("şeker", translit);
  EXPECT_TRUE(short_plan.transliterated);
  EXPECT_EQ(Reassemble(short_plan), "seker");
}

struct Translit {
  const char* in;
  const char* out;
};

TEST(Transliteration, MapsLatinLettersAndPunctuation) {
  const Translit cases[] = {
      {"ê", "e"},     {"ç", "c"},      {"ł", "l"},      {"Ł", "L"},  {"ő", "ö"},   {"Ű", "Ü"},
      {"œ", "oe"},    {"Œ", "OE"},     {"ĳ", "ij"},     {"ş", "s"},  {"Ş", "S"},   {"ș", "s"},
      {"ț", "t"},     {"İ", "I"},      {"ı", "i"},      {"ğ", "g"},  {"ã", "a"},   {"â", "a"},
      {"Á", "A"},     {"ÿ", "y"},      {"þ", "th"},     {"ž", "z"},  {"ſ", "s"},   {"đ", "d"},
      {"“x”", "\"x\""}, {"‘x’", "'x'"}, {"a–b—c", "a-b-c"}, {"…", "..."}, {"\u00A0", " "},
      {"\u200B", ""}, {"é à ñ Ø ß", "é à ñ Ø ß"},  // already GSM-7: untouched
      {"ж ع 😀", "ж ع 😀"},                          // no mapping: untouched
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CodepointsToUtf8(TransliterateToGsm7(*Utf8ToCodepoints(c.in))), c.out) << c.in;
  }
}

TEST(Transliteration, EveryLatin1AndExtendedALetterBecomesGsm7) {
  for (char32_t cp = 0xC0; cp <= 0x17F; ++cp) {
    if (cp == 0xD7 || cp == 0xF7) continue;  // × ÷ are not letters; mapped anyway
    const std::u32string out = TransliterateToGsm7(std::u32string(1, cp));
    for (char32_t o : out) {
      EXPECT_GT(Gsm7Cost(o, {}), 0) << std::hex << static_cast<std::uint32_t>(cp);
    }
  }
}

}  // namespace
}  // namespace smsdesk::modem
