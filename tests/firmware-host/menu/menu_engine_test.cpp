#include "firmware-host/menu/menu_engine.h"

#include <gtest/gtest.h>

#include "modem/gsm_alphabet.h"
#include "modem/unicode.h"
#include "tests/firmware-host/menu/menu_fixture.h"

namespace smsdesk::menu {
namespace {

using Kind = Outcome::Kind;

TEST(MenuChoiceTest, ParsesWhatPeopleTypeForANumber) {
  const std::vector<std::pair<std::string, std::optional<int>>> cases = {
      {"2", 2},
      {" 2 ", 2},
      {"٢", 2},             // Arabic-Indic
      {" ٢ ", 2},
      {"۲", 2},             // Extended Arabic-Indic (Persian keyboards)
      {"\u200F٣\u200F", 3},  // RLM around the digit, as RTL keyboards do
      {"2.", 2},
      {"2)", 2},
      {"#2", 2},
      {"２", 2},            // fullwidth
      {"9", 9},
      {"0", 0},
      {"٠", 0},
      {"98", 98},
      {"۹۸", 98},
      {"00", kMainMenu},
      {"۰۰", kMainMenu},
      {"12", 12},          // a number: Choose says it is not on the menu
      {"05", std::nullopt},
      {"123", std::nullopt},
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"2 please", std::nullopt},
      {"two", std::nullopt},
      {"MENU", std::nullopt},
      {"2.5", std::nullopt},
      {"-1", std::nullopt},
      {"#", std::nullopt},
      {"\xff", std::nullopt},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(ParseChoice(text), expected) << "\"" << text << "\"";
}

TEST(MenuPositionTest, EncodesAndDecodesRoundTrip) {
  const std::vector<std::pair<Position, std::string>> cases = {
      {Position{}, ""},
      {Position{{1, 0}}, "1.0"},
      {Position{{1, 0}, 1}, "1.0|p1"},
      {Position{{2}, 0, true}, "2|q"},
      {Position{{}, 3}, "|p3"},
      {Position{{8, 8, 8, 8, 8}, 12}, "8.8.8.8.8|p12"},
  };
  for (const auto& [position, text] : cases) {
    EXPECT_EQ(EncodePosition(position), text);
    EXPECT_EQ(DecodePosition(text), position) << text;
  }
}

TEST(MenuPositionTest, RejectsGarbage) {
  for (const char* text : {"x", "1.", ".1", "1..2", "12", "9", "1.0|", "1|p", "1|p0", "1|p01", "1|pq", "1|q|p1",
                           "|q", "1|p1|q", "1|x", "1.0.0.0.0.0", "1|p123", " 1", "1 ", "-1"}) {
    EXPECT_FALSE(DecodePosition(text).has_value()) << text;
  }
}

class MenuEngineTest : public ::testing::Test {
 protected:
  MenuTree tree_ = fixture::ExampleTree();
};

TEST_F(MenuEngineTest, OpensWithTheGreetingInFrench) {
  const Outcome open = Open(tree_, "fr", Channel::kSms);
  EXPECT_EQ(open.kind, Kind::kScreen);
  EXPECT_EQ(open.position, Position{});
  EXPECT_EQ(open.text,
            "Bienvenue. Choisissez un numéro :\n1. École\n2. Alertes météo\n3. Arrêter la météo\n"
            "4. Parler à une personne");
}

TEST_F(MenuEngineTest, NavigatesInFrench) {
  const Outcome school = Choose(tree_, {}, 1, "fr", Channel::kSms);
  EXPECT_EQ(school.kind, Kind::kScreen);
  EXPECT_EQ(school.position, Position{{0}});
  EXPECT_EQ(school.text, "École\n1. Bus scolaire\n0. Retour");

  const Outcome bus = Choose(tree_, school.position, 1, "fr", Channel::kSms);
  EXPECT_EQ(bus.kind, Kind::kAnswer);
  EXPECT_EQ(bus.faq_id, "school-bus");
  EXPECT_EQ(bus.text, "Le bus scolaire passe à 7h30 devant la mairie.");
  EXPECT_EQ(bus.position, Position{{0}});  // the leaf's parent: "0" goes on from there

  const Outcome back = Choose(tree_, bus.position, 0, "fr", Channel::kSms);
  EXPECT_EQ(back.kind, Kind::kScreen);
  EXPECT_EQ(back.position, Position{});
  EXPECT_EQ(back.text, Open(tree_, "fr", Channel::kSms).text);

  const Outcome exit = Choose(tree_, back.position, 0, "fr", Channel::kSms);
  EXPECT_EQ(exit.kind, Kind::kExit);
  EXPECT_EQ(exit.text, "Au revoir.");
}

TEST_F(MenuEngineTest, NavigatesInArabicWithArabicAndPersianDigits) {
  EXPECT_EQ(Open(tree_, "ar", Channel::kSms).text,
            "أهلاً بكم. اختر رقماً:\n1. المدرسة\n2. تنبيهات الطقس\n3. إيقاف تنبيهات الطقس\n4. التحدث إلى شخص");

  const Outcome school = Choose(tree_, {}, *ParseChoice("۱"), "ar", Channel::kSms);
  EXPECT_EQ(school.text, "المدرسة\n1. حافلة المدرسة\n0. رجوع");
  const Outcome bus = Choose(tree_, school.position, *ParseChoice("١"), "ar", Channel::kSms);
  EXPECT_EQ(bus.kind, Kind::kAnswer);
  EXPECT_EQ(bus.text, "تمر حافلة المدرسة الساعة 7:30 أمام البلدية.");

  const Outcome join = Choose(tree_, {}, *ParseChoice(" ٢ "), "ar", Channel::kSms);
  EXPECT_EQ(join.kind, Kind::kJoin);
  EXPECT_EQ(join.topic, "weather");
  EXPECT_EQ(join.text, "تم اشتراكك: تنبيهات الطقس.");
  EXPECT_EQ(join.position, Position{});
}

TEST_F(MenuEngineTest, StopConfirmsWithTheTopicsJoinTitle) {
  const Outcome stop = Choose(tree_, {}, 3, "en", Channel::kSms);
  EXPECT_EQ(stop.kind, Kind::kStop);
  EXPECT_EQ(stop.topic, "weather");
  EXPECT_EQ(stop.text, "Unsubscribed: Weather alerts.");
  EXPECT_EQ(Choose(tree_, {}, 3, "fr", Channel::kSms).text, "Désinscription confirmée : Alertes météo.");
}

TEST_F(MenuEngineTest, InvalidChoicesShowTheScreenAgain) {
  const Outcome seven = Choose(tree_, {}, 7, "fr", Channel::kSms);
  EXPECT_EQ(seven.kind, Kind::kInvalid);
  EXPECT_EQ(seven.position, Position{});
  EXPECT_EQ(seven.text, "Choisissez un numéro de 1 à 4.\n" + Open(tree_, "fr", Channel::kSms).text);

  const Outcome in_school = Choose(tree_, {{0}}, 2, "ar", Channel::kSms);
  EXPECT_EQ(in_school.kind, Kind::kInvalid);
  EXPECT_EQ(in_school.position, Position{{0}});
  EXPECT_EQ(in_school.text, "اختر رقماً من 1 إلى 1.\nالمدرسة\n1. حافلة المدرسة\n0. رجوع");

  // "98" has nowhere to go on a one-page menu; over SMS there are no pages.
  EXPECT_EQ(Choose(tree_, {}, kMoreChoice, "en", Channel::kSms).kind, Kind::kInvalid);
  EXPECT_EQ(Choose(tree_, {}, kMoreChoice, "en", Channel::kUssd).kind, Kind::kInvalid);
}

TEST_F(MenuEngineTest, DoubleZeroGoesToTheFirstScreen) {
  const Outcome main = Choose(tree_, {{0}}, kMainMenu, "en", Channel::kSms);
  EXPECT_EQ(main.kind, Kind::kScreen);
  EXPECT_EQ(main.position, Position{});
  EXPECT_EQ(main.text, Open(tree_, "en", Channel::kSms).text);
}

TEST_F(MenuEngineTest, APersonItemAsksForTheQuestion) {
  const Outcome person = Choose(tree_, {}, 4, "uk", Channel::kSms);
  EXPECT_EQ(person.kind, Kind::kPerson);
  EXPECT_EQ(person.position, (Position{{3}, 0, true}));
  EXPECT_EQ(EncodePosition(person.position), "3|q");
  EXPECT_EQ(person.text, "Напишіть своє запитання:\n0. Назад");

  // Other numbers ask again; 0 goes back.
  EXPECT_EQ(Choose(tree_, person.position, 2, "uk", Channel::kSms).kind, Kind::kPerson);
  const Outcome back = Choose(tree_, person.position, 0, "uk", Channel::kSms);
  EXPECT_EQ(back.kind, Kind::kScreen);
  EXPECT_EQ(back.position, Position{});

  const Outcome asked = Ask(tree_, person.position, "  Коли приходить автобус? *терміново*  ", "uk");
  EXPECT_EQ(asked.kind, Kind::kQuestion);
  EXPECT_EQ(asked.question, "Коли приходить автобус? *терміново*");
  EXPECT_EQ(asked.text, "Дякуємо. Наш працівник відповість вам у SMS.");
  EXPECT_EQ(asked.position, Position{});

  EXPECT_EQ(Ask(tree_, person.position, " \u200F ", "uk").kind, Kind::kPerson);
}

TEST_F(MenuEngineTest, MissingTranslationsFallBackToTheDefaultLanguage) {
  // Ukrainian titles are not in the example: English ones, Ukrainian words around them.
  EXPECT_EQ(Choose(tree_, {}, 1, "uk", Channel::kSms).text, "School\n1. School bus\n0. Назад");
  // An unknown language: English everywhere. "prs" is Dari.
  EXPECT_EQ(Choose(tree_, {}, 1, "xx", Channel::kSms).text, "School\n1. School bus\n0. Back");
  EXPECT_EQ(Choose(tree_, {}, 1, "prs", Channel::kSms).text, "School\n1. School bus\n0. بازگشت");
}

TEST_F(MenuEngineTest, AFaqWithoutAnAnswerSaysSo) {
  tree_.root.children[0].children[0].answer.clear();
  const Outcome bus = Choose(tree_, {{0}}, 1, "es", Channel::kSms);
  EXPECT_EQ(bus.kind, Kind::kAnswer);
  EXPECT_EQ(bus.text, "Todavía no hay respuesta.");
}

TEST_F(MenuEngineTest, PositionsThatNoLongerExistAreCutBack) {
  // The config changed under a stored session: item 3 of "School" is gone.
  const Outcome stale = Choose(tree_, {{0, 2}}, 1, "en", Channel::kSms);
  EXPECT_EQ(stale.kind, Kind::kAnswer);
  EXPECT_EQ(stale.faq_id, "school-bus");
  EXPECT_EQ(stale.position, Position{{0}});
  // A path into a leaf, or "awaiting" on a menu, is cut back the same way.
  EXPECT_EQ(Choose(tree_, {{1, 0}}, 1, "en", Channel::kSms).position, Position{{0}});
  EXPECT_EQ(Choose(tree_, {{0}, 0, true}, 0, "en", Channel::kSms).position, Position{});
  EXPECT_EQ(Choose(tree_, {{}, 7}, kMainMenu, "en", Channel::kSms).position, Position{});
}

TEST(MenuScreenTest, MeasuresGsm7AndUcs2) {
  EXPECT_EQ(Ucs2Limit(182), 79u);
  EXPECT_EQ(Ucs2Limit(160), 70u);
  const ScreenSize ascii = MeasureScreen("1. School\n0. Back");
  EXPECT_EQ(ascii.length, 17u);
  EXPECT_EQ(ascii.limit, 182u);
  EXPECT_TRUE(ascii.gsm7);
  EXPECT_EQ(MeasureScreen("5€ [x]").length, 9u);  // €, [ and ] are escape + code
  EXPECT_TRUE(MeasureScreen("École, météo à 7h").gsm7);
  const ScreenSize accent = MeasureScreen("Arrêter");  // ê is not in the default alphabet
  EXPECT_FALSE(accent.gsm7);
  EXPECT_EQ(accent.length, 7u);
  EXPECT_EQ(accent.limit, 79u);
  const ScreenSize arabic = MeasureScreen("1. المدرسة", 160);
  EXPECT_EQ(arabic.length, 10u);
  EXPECT_EQ(arabic.limit, 70u);
  EXPECT_EQ(MeasureScreen("ok 😀").length, 5u);  // a surrogate pair
}

TEST(MenuScreenTest, AgreesWithTheCodecOnEveryCharacter) {
  for (char32_t cp = 1; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    const int cost = modem::Gsm7Cost(cp, {});
    const ScreenSize size = MeasureScreen(modem::CodepointsToUtf8(std::u32string(1, cp)));
    ASSERT_EQ(size.gsm7, cost > 0) << std::hex << static_cast<unsigned>(cp);
    ASSERT_EQ(size.length, cost > 0 ? static_cast<std::size_t>(cost) : 1u) << std::hex << static_cast<unsigned>(cp);
  }
}

TEST(MenuScreenTest, CutsAtAWordBoundaryAndKeepsTheEncoding) {
  std::string words;
  for (int i = 0; i < 40; ++i) words += "word" + std::to_string(i) + " ";
  const std::string cut = FitScreen(words, 182);
  EXPECT_LE(MeasureScreen(cut).length, 182u);
  EXPECT_TRUE(MeasureScreen(cut).gsm7);  // "..." rather than "…"
  ASSERT_GE(cut.size(), 3u);
  EXPECT_EQ(cut.substr(cut.size() - 3), "...");
  EXPECT_EQ(words.find(cut.substr(0, cut.size() - 3) + " "), 0u);  // whole words

  std::string arabic;
  for (int i = 0; i < 30; ++i) arabic += "كلمة ";
  const std::string cut_ar = FitScreen(arabic, 182);
  EXPECT_LE(MeasureScreen(cut_ar).length, 79u);
  EXPECT_EQ(cut_ar.substr(cut_ar.size() - 3), "…");
  EXPECT_EQ(cut_ar.substr(cut_ar.size() - 11), "كلمة…");

  const std::string tail = CutToFit(words, "\nFull answer by SMS.", 182);
  EXPECT_LE(MeasureScreen(tail).length, 182u);
  EXPECT_EQ(tail.substr(tail.size() - 23), "...\nFull answer by SMS.");

  EXPECT_EQ(FitScreen("short", 182), "short");
  EXPECT_LE(MeasureScreen(FitScreen(words, 2), 2).length, 2u);  // no room even for "..."
  EXPECT_EQ(FitScreen(words, 0), "");
}

}  // namespace
}  // namespace smsdesk::menu
