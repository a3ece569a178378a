#include "firmware-host/menu/menu_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/firmware-host/menu/menu_fixture.h"

namespace smsdesk::menu {
namespace {

using fixture::ExampleAnswers;
using fixture::kExampleMenu;
using fixture::Read;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The errors as "line: message", for readable failures.
std::vector<std::string> Lines(const std::vector<config::ConfigError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(std::to_string(e.line) + ": " + e.message);
  return out;
}

// Expects exactly one error, on `line`, saying `text`.
void ExpectOneError(std::string_view toml, int line, const std::string& text,
                    const std::set<std::string>& topics = {"weather"}) {
  const auto read = Read(toml, topics);
  ASSERT_EQ(read.errors.size(), 1u) << ::testing::PrintToString(Lines(read.errors));
  EXPECT_EQ(read.errors[0].line, line) << read.errors[0].message;
  EXPECT_THAT(read.errors[0].message, HasSubstr(text));
}

TEST(MenuTreeTest, ReadsTheExample) {
  const auto read = Read(kExampleMenu);
  ASSERT_TRUE(read.errors.empty()) << ::testing::PrintToString(Lines(read.errors));
  const MenuTree& tree = read.tree;
  EXPECT_EQ(tree.idle_timeout, std::chrono::minutes(15));
  EXPECT_EQ(tree.default_language, "en");
  EXPECT_FALSE(tree.empty());
  EXPECT_EQ(tree.root.title.at("fr"), "Bienvenue. Choisissez un numéro :");
  ASSERT_EQ(tree.root.children.size(), 4u);

  const MenuNode& school = tree.root.children[0];
  EXPECT_EQ(school.kind, NodeKind::kMenu);
  EXPECT_EQ(school.title.at("ar"), "المدرسة");
  EXPECT_EQ(school.line, 5);
  ASSERT_EQ(school.children.size(), 1u);
  EXPECT_EQ(school.children[0].kind, NodeKind::kFaq);
  EXPECT_EQ(school.children[0].faq_id, "school-bus");
  EXPECT_EQ(school.children[0].line, 7);

  EXPECT_EQ(tree.root.children[1].kind, NodeKind::kJoin);
  EXPECT_EQ(tree.root.children[1].topic, "weather");
  EXPECT_EQ(tree.root.children[1].line, 10);
  EXPECT_EQ(tree.root.children[2].kind, NodeKind::kStop);
  EXPECT_EQ(tree.root.children[2].topic, "weather");
  EXPECT_EQ(tree.root.children[3].kind, NodeKind::kPerson);
  EXPECT_EQ(tree.root.children[3].line, 16);
}

TEST(MenuTreeTest, BakesAnswersAndNamesTheMissingOnes) {
  auto read = Read(std::string(kExampleMenu) + R"(
[[menu.item]]
title = { en = "Housing" }
faq = "housing"
[[menu.item]]
title = { en = "Housing again" }
faq = "housing"
)");
  ASSERT_TRUE(read.errors.empty()) << ::testing::PrintToString(Lines(read.errors));
  EXPECT_THAT(BakeAnswers(read.tree, ExampleAnswers), ElementsAre("housing"));
  const MenuNode& bus = read.tree.root.children[0].children[0];
  EXPECT_EQ(bus.answer.at("fr"), "Le bus scolaire passe à 7h30 devant la mairie.");
  EXPECT_EQ(bus.answer.size(), 3u);
}

TEST(MenuTreeTest, CanonicalisesLanguageCodes) {
  const auto read = Read(R"([menu]
title = { en = "Hello", prs = "سلام" }
[[menu.item]]
title = { en = "Help", fa-AF = "کمک" }
person = true
)");
  ASSERT_TRUE(read.errors.empty()) << ::testing::PrintToString(Lines(read.errors));
  EXPECT_EQ(read.tree.root.title.at("fa"), "سلام");
  EXPECT_EQ(read.tree.root.children[0].title.at("fa"), "کمک");
  EXPECT_EQ(TextIn(read.tree.root.title, CanonicalLanguage("prs"), "en"), "سلام");
  EXPECT_EQ(TextIn(read.tree.root.title, "uk", "en"), "Hello");
}

TEST(MenuTreeTest, ListsTheLanguagesEveryTitleIsIn) {
  auto read = Read(std::string(kExampleMenu) + R"(
[[menu.item]]
title = { en = "Housing", fr = "Logement" }
faq = "housing"
)");
  ASSERT_TRUE(read.errors.empty());
  // Arabic lacks one title: not offered; the default language comes first.
  EXPECT_THAT(MenuLanguages(read.tree), ElementsAre("en", "fr"));
  EXPECT_THAT(MenuLanguages(fixture::ExampleTree()), ElementsAre("en", "ar", "fr"));
  EXPECT_THAT(MenuLanguages(fixture::ExampleTree(), {"fr", "uk", "ar", "xx", "ar"}), ElementsAre("fr", "ar"));
}

TEST(MenuTreeTest, AnItemMustSayWhatItDoes) {
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"Nothing\" }\n", 3,
                 "say what this choice does");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"No\" }\nperson = false\n", 3,
                 "say what this choice does");
}

TEST(MenuTreeTest, AnItemDoesOneThing) {
  ExpectOneError(R"([menu]
title = { en = "Hi" }
[[menu.item]]
title = { en = "Both" }
faq = "school-bus"
join = "weather"
)",
                 3, "only one of item, faq, join, stop, person (found faq, join)");
}

TEST(MenuTreeTest, AMenuHasOneToNineItems) {
  std::string ten = "[menu]\ntitle = { en = \"Hi\" }\n";
  for (int i = 1; i <= 10; ++i) ten += "[[menu.item]]\ntitle = { en = \"T" + std::to_string(i) + "\" }\nperson = true\n";
  ExpectOneError(ten, 3 + 9 * 3, "at most 9 choices");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n", 1, "add the choices as [[menu.item]]");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\nitem = []\n", 3, "1 to 9 choices");
}

TEST(MenuTreeTest, TitlesAreNonEmptyStringsInKnownLanguages) {
  ExpectOneError("[menu]\ntitle = { en = \"Hi\", xx = \"?\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nperson = true\n",
                 2, "menu.title.xx: unknown language");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\", fr = \"  \" }\nperson = true\n",
                 4, "menu.item[1].title.fr: must not be empty");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\", fr = 3 }\nperson = true\n", 4,
                 "expected a string");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = \"A\"\nperson = true\n", 4,
                 "expected titles by language");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\", fr = \"A\\nB\" }\nperson = true\n", 4,
                 "without line breaks");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\", fa = \"a\", prs = \"b\" }\n[[menu.item]]\ntitle = { en = \"A\" }\n"
                 "person = true\n",
                 2, "a second title in fa");
}

TEST(MenuTreeTest, EveryNodeNeedsATitleInTheDefaultLanguage) {
  ExpectOneError(R"([menu]
title = { en = "Hi" }
[[menu.item]]
title = { en = "A" }
  [[menu.item.item]]
  title = { fr = "Seulement en français" }
  faq = "school-bus"
)",
                 6, "menu.item[1].item[1].title: needs a title in en (the default language)");
  const auto read = Read("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nperson = true\n",
                         {}, "ar");
  EXPECT_THAT(Lines(read.errors), ElementsAre("2: menu.title: needs a title in ar (the default language)",
                                              "4: menu.item[1].title: needs a title in ar (the default language)"));
  ExpectOneError("[menu]\n[[menu.item]]\ntitle = { en = \"A\" }\nperson = true\n", 1, "menu.title: required");
}

TEST(MenuTreeTest, JoinAndStopNameADefinedTopic) {
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\njoin = \"storm\"\n", 5,
                 "menu.item[1].join: unknown topic \"storm\" (define it as [topics.storm])");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nstop = 4\n", 5,
                 "menu.item[1].stop: expected a topic id");
}

TEST(MenuTreeTest, AFaqIdLooksLikeAnId) {
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nfaq = \"school bus\"\n", 5,
                 "menu.item[1].faq: expected a FAQ id");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nfaq = \"\"\n", 5,
                 "expected a FAQ id");
}

TEST(MenuTreeTest, MenusGoAtMostFiveLevelsDown) {
  std::string text = "[menu]\ntitle = { en = \"Hi\" }\n";
  std::string table = "menu";
  for (int depth = 1; depth <= 6; ++depth) {
    table += ".item";
    text += "[[" + table + "]]\ntitle = { en = \"L" + std::to_string(depth) + "\" }\n";
  }
  text += "person = true\n";
  // Level 5's [[...item]] (line 13) is the sixth level: refused there.
  ExpectOneError(text, 13, "menu.item[1].item[1].item[1].item[1].item[1]: too deep; menus go at most 5 levels");
}

TEST(MenuTreeTest, UnknownKeysAndBadValuesAreErrors) {
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nperson = true\nfaqq = 1\n",
                 6, "unknown setting menu.item[1].faqq");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\ncolour = \"red\"\n[[menu.item]]\ntitle = { en = \"A\" }\nperson = true\n",
                 3, "unknown setting menu.colour");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\nperson = \"yes\"\n", 5,
                 "menu.item[1].person: expected true");
  ExpectOneError("[menu]\nidle_timeout = \"10s\"\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"A\" }\n"
                 "person = true\n",
                 2, "menu.idle_timeout: at least 1m");
  ExpectOneError("[menu]\ntitle = { en = \"Hi\" }\nitem = [1]\n", 3, "write each choice as a [[menu.item]] table");
}

TEST(MenuTreeTest, ReportsEveryErrorNotJustTheFirst) {
  const auto read = Read(R"([menu]
title = { en = "Hi" }
[[menu.item]]
title = { fr = "A" }
join = "storm"
[[menu.item]]
title = { en = "B" }
faq = "no spaces"
)");
  EXPECT_THAT(Lines(read.errors),
              ElementsAre("4: menu.item[1].title: needs a title in en (the default language)",
                          "5: menu.item[1].join: unknown topic \"storm\" (define it as [topics.storm])",
                          "8: menu.item[2].faq: expected a FAQ id (letters, digits, '-', '_'), e.g. \"school-bus\""));
}

}  // namespace
}  // namespace smsdesk::menu
