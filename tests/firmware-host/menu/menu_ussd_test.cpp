#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "firmware-host/menu/menu_engine.h"
#include "firmware-host/menu/menu_texts.h"
#include "tests/firmware-host/menu/menu_fixture.h"

namespace smsdesk::menu {
namespace {

using ActionKind = UssdAction::Kind;

// Nine long Arabic titles: no UCS-2 screen holds them all.
constexpr std::string_view kLongMenu = R"([menu]
title = { ar = "مرحباً بكم في خدمة مساعدة القادمين الجدد. اختر رقماً:", en = "Welcome to the newcomers' help desk. Choose a number:" }
[[menu.item]]
title = { ar = "التسجيل في المدارس الحكومية للأطفال", en = "Enrolling children in public schools" }
faq = "school"
[[menu.item]]
title = { ar = "البحث عن سكن وعقود الإيجار", en = "Finding housing and rental contracts" }
faq = "housing"
[[menu.item]]
title = { ar = "المواعيد الطبية والتأمين الصحي", en = "Medical appointments and health insurance" }
faq = "health"
[[menu.item]]
title = { ar = "دروس اللغة المجانية للكبار", en = "Free language classes for adults" }
faq = "language"
[[menu.item]]
title = { ar = "تصاريح العمل والبحث عن وظيفة", en = "Work permits and finding a job" }
faq = "work"
[[menu.item]]
title = { ar = "المواصلات العامة والتذاكر المخفضة", en = "Public transport and reduced-fare tickets" }
faq = "transport"
[[menu.item]]
title = { ar = "الأوراق الرسمية وتجديد الإقامة", en = "Official papers and renewing residence" }
faq = "papers"
[[menu.item]]
title = { ar = "تنبيهات الطقس والطوارئ", en = "Weather and emergency alerts" }
join = "weather"
[[menu.item]]
title = { ar = "التحدث إلى أحد موظفينا", en = "Talk to one of our staff" }
person = true
)";

MenuTree LongTree() {
  auto read = fixture::Read(kLongMenu);
  for (const auto& e : read.errors) ADD_FAILURE() << "line " << e.line << ": " << e.message;
  // A long answer for every FAQ, so that each one is cut.
  BakeAnswers(read.tree, [](const std::string& id) -> std::map<std::string, std::string> {
    std::string en = "About " + id + ":";
    std::string ar = "معلومات عن " + id + ":";
    for (int i = 1; i <= 30; ++i) {
      en += " step " + std::to_string(i) + " is to bring your papers to the office;";
      ar += " الخطوة " + std::to_string(i) + " هي إحضار أوراقك إلى المكتب؛";
    }
    return {{"en", en}, {"ar", ar}};
  });
  return read.tree;
}

// The numbers that start the lines of a screen: "1. …" -> "1".
std::vector<std::string> ChoiceNumbers(const std::string& text) {
  std::vector<std::string> numbers;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    const std::size_t dot = line.find(". ");
    if (dot != std::string::npos && dot > 0 && line.find_first_not_of("0123456789") == dot) {
      numbers.push_back(line.substr(0, dot));
    }
    start = end + 1;
  }
  return numbers;
}

void ExpectFits(const UssdScreen& screen, std::size_t max_chars, const std::string& where) {
  const ScreenSize size = MeasureScreen(screen.text, max_chars);
  EXPECT_LE(size.length, size.limit) << where << ":\n" << screen.text;
  EXPECT_FALSE(screen.text.empty()) << where;
}

TEST(MenuUssdTest, ReplaysAWholeSessionInEnglish) {
  const MenuTree tree = fixture::ExampleTree();
  const UssdScreen first = ReplayUssd(tree, "en", "");
  EXPECT_FALSE(first.end);
  EXPECT_EQ(first.language, "en");
  EXPECT_EQ(first.text,
            "Welcome. Choose a number:\n1. School\n2. Weather alerts\n3. Stop weather alerts\n4. Talk to a person");

  const UssdScreen school = ReplayUssd(tree, "en", "1");
  EXPECT_FALSE(school.end);
  EXPECT_EQ(school.text, "School\n1. School bus\n0. Back");

  const UssdScreen bus = ReplayUssd(tree, "en", "1*1");
  EXPECT_TRUE(bus.end);
  EXPECT_EQ(bus.text, "The school bus stops at 7:30 in front of the town hall.");
  EXPECT_TRUE(bus.actions.empty());  // it fits: nothing to send by SMS

  EXPECT_EQ(ReplayUssd(tree, "en", "1*0").text, first.text);
  EXPECT_EQ(ReplayUssd(tree, "en", "1*00").text, first.text);

  const UssdScreen join = ReplayUssd(tree, "en", "1*0*2");
  EXPECT_TRUE(join.end);
  EXPECT_EQ(join.text, "Subscribed: Weather alerts.");
  ASSERT_EQ(join.actions.size(), 1u);
  EXPECT_EQ(join.actions[0].kind, ActionKind::kJoin);
  EXPECT_EQ(join.actions[0].topic, "weather");

  const UssdScreen stop = ReplayUssd(tree, "en", "3");
  EXPECT_TRUE(stop.end);
  ASSERT_EQ(stop.actions.size(), 1u);
  EXPECT_EQ(stop.actions[0].kind, ActionKind::kStop);

  const UssdScreen bye = ReplayUssd(tree, "en", "0");
  EXPECT_TRUE(bye.end);
  EXPECT_EQ(bye.text, "Goodbye.");
}

TEST(MenuUssdTest, InvalidInputsShowTheSameScreenUnderANotice) {
  const MenuTree tree = fixture::ExampleTree();
  const std::string school = "School\n1. School bus\n0. Back";
  EXPECT_EQ(ReplayUssd(tree, "en", "1*7").text, "Invalid choice.\n" + school);
  EXPECT_EQ(ReplayUssd(tree, "en", "1*hello").text, "Invalid choice.\n" + school);
  EXPECT_EQ(ReplayUssd(tree, "ar", "1*hello").text, "خيار غير صحيح.\nالمدرسة\n1. حافلة المدرسة\n0. رجوع");
  EXPECT_FALSE(ReplayUssd(tree, "en", "1*hello").end);
  // Ignored otherwise: the next input goes on from the same screen.
  EXPECT_TRUE(ReplayUssd(tree, "en", "1*7*1").end);
  EXPECT_EQ(ReplayUssd(tree, "en", "1*7*0").text, ReplayUssd(tree, "en", "").text);
}

TEST(MenuUssdTest, PicksTheLanguageFirst) {
  const MenuTree tree = fixture::ExampleTree();
  const UssdScreen picker = ReplayUssd(tree, "", "");
  EXPECT_FALSE(picker.end);
  EXPECT_EQ(picker.language, "");
  EXPECT_EQ(picker.text, "1. English\n2. العربية\n3. Français");

  const UssdScreen arabic = ReplayUssd(tree, "", "2");
  EXPECT_EQ(arabic.language, "ar");
  // 100 UTF-16 units whole: over USSD's 79, so two pages.
  EXPECT_EQ(arabic.text, "أهلاً بكم. اختر رقماً:\n1. المدرسة\n2. تنبيهات الطقس\n98. المزيد");
  EXPECT_EQ(ReplayUssd(tree, "", "2*98").text, "أهلاً بكم. اختر رقماً:\n3. إيقاف تنبيهات الطقس\n4. التحدث إلى شخص\n0. رجوع");

  const UssdScreen join = ReplayUssd(tree, "", "٢*٢");
  EXPECT_TRUE(join.end);
  EXPECT_EQ(join.text, "تم اشتراكك: تنبيهات الطقس.");
  EXPECT_EQ(join.language, "ar");

  EXPECT_EQ(ReplayUssd(tree, "", "5").text, "Invalid choice.\n1. English\n2. العربية\n3. Français");
  EXPECT_EQ(ReplayUssd(tree, "", "5*3").language, "fr");

  // A given order, and a single language skips the picker.
  EXPECT_EQ(ReplayUssd(tree, "", "", 182, {"fr", "ar"}).text, "1. Français\n2. العربية");
  EXPECT_EQ(ReplayUssd(tree, "", "1", 182, {"fr", "ar"}).language, "fr");
  EXPECT_EQ(ReplayUssd(tree, "", "", 182, {"ar"}).language, "ar");
}

TEST(MenuUssdTest, APersonGetsTheTypedQuestionStarsIncluded) {
  const MenuTree tree = fixture::ExampleTree();
  const UssdScreen prompt = ReplayUssd(tree, "fr", "4");
  EXPECT_FALSE(prompt.end);
  EXPECT_EQ(prompt.text, "Écrivez votre question :\n0. Retour");

  const UssdScreen asked = ReplayUssd(tree, "fr", "4*Le bus *ne* passe pas*1");
  EXPECT_TRUE(asked.end);
  EXPECT_EQ(asked.text, "Merci. Une personne vous répondra par SMS.");
  ASSERT_EQ(asked.actions.size(), 1u);
  EXPECT_EQ(asked.actions[0].kind, ActionKind::kTicket);
  EXPECT_EQ(asked.actions[0].question, "Le bus *ne* passe pas*1");

  // An empty question asks again; a later one is taken; 0 still goes back.
  EXPECT_EQ(ReplayUssd(tree, "fr", "4* ").text, prompt.text);
  EXPECT_EQ(ReplayUssd(tree, "fr", "4* *Bonjour").actions.at(0).question, "Bonjour");
  EXPECT_EQ(ReplayUssd(tree, "en", "4*0").text, ReplayUssd(tree, "en", "").text);
  // "Arrêter" (ê is not GSM-7) makes French screens UCS-2: the first screen
  // has pages, and back lands on the page that shows "4.".
  EXPECT_TRUE(ReplayUssd(tree, "fr", "4*0").text.ends_with("4. Parler à une personne\n0. Retour"));
  EXPECT_EQ(ReplayUssd(tree, "fr", "4*0*4*Où ?").actions.at(0).question, "Où ?");
}

TEST(MenuUssdTest, PaginatesALongArabicMenuKeepingTheChoiceNumbers) {
  const MenuTree tree = LongTree();
  std::string inputs;
  std::vector<std::string> numbers_seen;
  for (int page = 0; page < 10; ++page) {
    const UssdScreen screen = ReplayUssd(tree, "ar", inputs);
    ExpectFits(screen, 182, "page " + std::to_string(page));
    EXPECT_EQ(screen.text.find("0. رجوع") != std::string::npos, page > 0) << screen.text;
    for (const std::string& number : ChoiceNumbers(screen.text)) {
      if (number != "0" && number != "98") numbers_seen.push_back(number);
    }
    if (screen.text.find("98. المزيد") == std::string::npos) break;
    inputs += inputs.empty() ? "98" : "*98";
  }
  EXPECT_EQ(numbers_seen, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9"}));
  EXPECT_GE(std::count(inputs.begin(), inputs.end(), '*'), 2);  // at least four pages

  // "0" on a later page goes to the page before; numbers stay the items' own.
  EXPECT_EQ(ReplayUssd(tree, "ar", "98*0").text, ReplayUssd(tree, "ar", "").text);
  EXPECT_EQ(ReplayUssd(tree, "ar", "98*98*0").text, ReplayUssd(tree, "ar", "98").text);
  EXPECT_EQ(ReplayUssd(tree, "ar", "9").text, "اكتب سؤالك:\n0. رجوع");
  EXPECT_EQ(ReplayUssd(tree, "ar", "98*9").text, "اكتب سؤالك:\n0. رجوع");
  // Back from the person item lands on the page that shows it.
  const std::string last_page = ReplayUssd(tree, "ar", inputs).text;
  EXPECT_EQ(ReplayUssd(tree, "ar", "9*0").text, last_page);
}

TEST(MenuUssdTest, CutsALongAnswerAndSendsItWholeBySms) {
  const MenuTree tree = LongTree();
  const UssdScreen en = ReplayUssd(tree, "en", "2");
  EXPECT_TRUE(en.end);
  ExpectFits(en, 182, "en");
  EXPECT_TRUE(en.text.starts_with("About housing: step 1 is to bring your papers")) << en.text;
  EXPECT_TRUE(en.text.ends_with("...\nFull answer by SMS.")) << en.text;
  ASSERT_EQ(en.actions.size(), 1u);
  EXPECT_EQ(en.actions[0].kind, ActionKind::kSendAnswerBySms);
  EXPECT_EQ(en.actions[0].faq_id, "housing");
  EXPECT_TRUE(en.actions[0].answer.ends_with("step 30 is to bring your papers to the office;"));

  const UssdScreen ar = ReplayUssd(tree, "ar", "2");
  ExpectFits(ar, 182, "ar");
  EXPECT_TRUE(ar.text.ends_with("…\nسنرسل الإجابة الكاملة برسالة نصية.")) << ar.text;
  EXPECT_EQ(ar.actions.at(0).kind, ActionKind::kSendAnswerBySms);

  // A smaller aggregator limit scales the UCS-2 one: 160 -> 70.
  EXPECT_LE(MeasureScreen(ReplayUssd(tree, "ar", "2", 160).text, 160).length, 70u);
}

TEST(MenuUssdTest, SameInputsSameScreen) {
  const MenuTree tree = LongTree();
  for (const char* text : {"", "1", "98", "98*98*0", "9*hello*world", "x*7*98", "2"}) {
    const UssdScreen a = ReplayUssd(tree, "", std::string("1*") + text);
    const UssdScreen b = ReplayUssd(tree, "", std::string("1*") + text);
    EXPECT_EQ(a.text, b.text) << text;
    EXPECT_EQ(a.end, b.end) << text;
    ASSERT_EQ(a.actions.size(), b.actions.size()) << text;
    for (std::size_t i = 0; i < a.actions.size(); ++i) {
      EXPECT_EQ(a.actions[i].kind, b.actions[i].kind);
      EXPECT_EQ(a.actions[i].question, b.actions[i].question);
      EXPECT_EQ(a.actions[i].answer, b.actions[i].answer);
    }
  }
}

// Every screen reachable with the keys people press (each distinct screen
// expanded once) stays within the limit.
// With `notices`, an invalid key ("x") must show the screen under the
// language's "Invalid choice." line, however full the page.
void WalkEverything(const MenuTree& tree, std::size_t max_chars, bool notices,
                    const std::vector<std::string>& languages = {"", "ar", "en", "fr", "fa", "uk", "es"}) {
  const std::vector<std::string> keys = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "98", "00", "x"};
  for (const std::string& lang : languages) {
    std::vector<std::string> queue = {""};
    std::set<std::string> seen;
    while (!queue.empty()) {
      const std::string text = queue.back();
      queue.pop_back();
      const UssdScreen screen = ReplayUssd(tree, lang, text, max_chars);
      ExpectFits(screen, max_chars, "lang \"" + lang + "\" text \"" + text + "\"");
      if (notices && !lang.empty() && !screen.end && (text == "x" || text.ends_with("*x"))) {
        EXPECT_TRUE(screen.text.starts_with(MenuString(MenuText::kInvalidChoice, lang) + "\n"))
            << lang << " \"" << text << "\":\n" << screen.text;
      }
      if (screen.end || !seen.insert(screen.text).second) continue;
      for (const std::string& key : keys) queue.push_back(text.empty() ? key : text + "*" + key);
    }
    EXPECT_GE(seen.size(), 3u) << lang;
  }
}

TEST(MenuUssdTest, EveryReachableScreenFits) {
  WalkEverything(fixture::ExampleTree(), 182, true);
  WalkEverything(LongTree(), 182, true);
  // A tiny limit (26 UCS-2 units) where nearly every screen must be cut.
  WalkEverything(LongTree(), 60, false, {"", "ar", "en"});
}

}  // namespace
}  // namespace smsdesk::menu
