// The word lists as data: the compiled-in files (data/lang/) read without
// an error, one per language of the registry; a box's folder adds to them;
// every wrong value is an error with its file and line and the rest is
// still read; patterns and spellings are checked so that no file can make
// the work per message unbounded; and what is added changes what the
// urgency detector and the keyword parser find.
#include "firmware-host/lexicon/lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "firmware-host/base/language.h"
#include "firmware-host/lexicon/lexicon_data.h"
#include "firmware-host/routing/keywords.h"
#include "firmware-host/safety/urgency_detector.h"

namespace smsdesk::lexicon {
namespace {

namespace fs = std::filesystem;

std::vector<LexiconError> Read(std::string_view text, Lexicon& into) {
  std::vector<LexiconError> errors;
  ReadLanguageFile(text, "test.toml", into, errors);
  return errors;
}

bool Urgent(const Lexicon& lexicon, std::string_view text) {
  faq::UrgencyDetector detector(lexicon);
  return detector.Detect(faq::Tokenize(faq::NormalizeText(text))).urgent;
}

TEST(LexiconTest, TheCompiledInFilesReadWithoutAnError) {
  std::vector<std::string> names;
  for (const EmbeddedFile& f : BuiltinFiles()) {
    Lexicon lexicon;
    std::vector<LexiconError> errors;
    ReadLanguageFile(f.text, std::string(f.name), lexicon, errors, /*builtin=*/true);
    for (const LexiconError& e : errors) ADD_FAILURE() << e.Describe();
    names.emplace_back(f.name);
  }
  // One file per language the desk reads, and the shared one.
  std::vector<std::string> expected{"shared"};
  for (const LanguageInfo& info : Languages()) {
    if (info.lang != Lang::kUnknown) expected.emplace_back(info.code);
  }
  std::sort(names.begin(), names.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names, expected);
  const Lexicon& builtin = *Builtin();
  EXPECT_GT(builtin.danger.size(), 100u);
  EXPECT_GT(builtin.spellings.size(), 100u);
  EXPECT_FALSE(builtin.negations.empty());
  EXPECT_FALSE(builtin.information_cues.empty());
  EXPECT_FALSE(builtin.language_names.empty());
  EXPECT_EQ(builtin.texts.size(), 6 * 13u);  // every text of the desk in its six languages
  EXPECT_EQ(builtin.danger.front().origin.source.rfind("builtin ", 0), 0u);
}

TEST(LexiconTest, PatternsAreChecked) {
  EXPECT_EQ(CheckPattern("not breathing|breathe"), "");
  EXPECT_EQ(CheckPattern("*ضرب*"), "");
  EXPECT_EQ(CheckPattern("ne|n bouge|reveille"), "");
  EXPECT_NE(CheckPattern(""), "");
  EXPECT_NE(CheckPattern("   "), "");
  EXPECT_NE(CheckPattern("a||b"), "");
  EXPECT_NE(CheckPattern("|a"), "");
  EXPECT_NE(CheckPattern("*a*"), "");   // would match nearly anything
  EXPECT_NE(CheckPattern("*"), "");
  EXPECT_NE(CheckPattern("fi*re"), "");  // a star inside
  EXPECT_NE(CheckPattern("a b c d e f g h i"), "");  // more than 8 words
  EXPECT_NE(CheckPattern(std::string(301, 'a')), "");
  EXPECT_NE(CheckPattern("tab\there"), "");
  std::string many = "w0";
  for (int i = 1; i <= 64; ++i) many += "|w" + std::to_string(i);
  EXPECT_NE(CheckPattern(many), "");
}

TEST(LexiconTest, EveryWrongValueIsAnErrorWithItsLineAndTheRestIsRead) {
  Lexicon lexicon;
  const auto errors = Read(R"(language = "fr"
[danger]
medical = ["ne respire plus", "a||b", 7]
kitchen = ["feu"]
negations = ["pas"]
[keywords]
spellings = [
  ["arret", "stop", "leave"],
  ["halte", "stopp", "none"],
  ["alone"],
  ["desabo", "stop", "leave", "topicc"],
]
names = ["francais"]
colours = ["bleu"]
[extra]
)", lexicon);
  std::vector<std::string> described;
  for (const LexiconError& e : errors) described.push_back(e.Describe());
  auto has = [&](const std::string& part) {
    return std::any_of(described.begin(), described.end(),
                       [&](const std::string& d) { return d.find(part) != std::string::npos; });
  };
  EXPECT_EQ(described.size(), 8u) << ::testing::PrintToString(described);
  EXPECT_TRUE(has("test.toml:3: danger.medical: \"a||b\": an empty alternative"));
  EXPECT_TRUE(has("test.toml:3: danger.medical: every item must be a string"));
  EXPECT_TRUE(has("test.toml:4: unknown danger list \"kitchen\""));
  EXPECT_TRUE(has("test.toml:9: keywords.spellings: \"stopp\" is not a meaning"));
  EXPECT_TRUE(has("test.toml:10: keywords.spellings: each is"));
  EXPECT_TRUE(has("test.toml:11: keywords.spellings: the fourth item"));
  EXPECT_TRUE(has("test.toml:14: unknown keyword list \"colours\""));
  EXPECT_TRUE(has("test.toml:15: unknown section \"extra\""));
  // What was right is kept.
  ASSERT_EQ(lexicon.danger.size(), 1u);
  EXPECT_EQ(lexicon.danger[0].pattern, "ne respire plus");
  EXPECT_EQ(lexicon.danger[0].lang, "fr");
  EXPECT_EQ(lexicon.danger[0].origin.Describe(), "test.toml:3");
  ASSERT_EQ(lexicon.spellings.size(), 1u);
  EXPECT_EQ(lexicon.spellings[0].text, "arret");
  EXPECT_EQ(lexicon.negations, std::vector<std::string>{"pas"});
  ASSERT_EQ(lexicon.language_names.size(), 1u);
}

TEST(LexiconTest, AFileThatIsNotOneIsRefused) {
  Lexicon lexicon;
  auto errors = Read("language = \"fr\"\n[danger\n", lexicon);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].origin.line, 2);
  EXPECT_NE(Read("[danger]\nfire = [\"feu\"]\n", lexicon)[0].message.find("language = "), std::string::npos);
  EXPECT_NE(Read("language = \"xx\"\n", lexicon)[0].message.find("unknown language \"xx\""), std::string::npos);
  EXPECT_NE(Read("language = \"ps\"\n", lexicon)[0].message.find("unknown language"), std::string::npos);
  EXPECT_NE(Read(std::string(kMaxFileBytes + 1, '#'), lexicon)[0].message.find("larger than"), std::string::npos);
  EXPECT_NE(Read("language = \"shared\"\n[keywords]\nnames = [\"x\"]\n", lexicon)[0].message.find("one language"),
            std::string::npos);
  // A box changes the desk's texts in the config, not in a word list.
  EXPECT_NE(Read("language = \"fr\"\n[texts]\nack = \"Merci {deadline}\"\n", lexicon)[0].message.find("config's [texts]"),
            std::string::npos);
  EXPECT_TRUE(lexicon.danger.empty());
  EXPECT_TRUE(lexicon.texts.empty());
}

TEST(LexiconTest, ABoxsFolderAddsToTheCompiledInLists) {
  const fs::path dir = fs::temp_directory_path() / ("smsdesk-lexicon-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // No folder: the compiled-in lists, no error.
  Loaded none = LoadWithFolder((dir / "missing").string());
  EXPECT_TRUE(none.errors.empty());
  EXPECT_EQ(none.lexicon, Builtin());

  std::ofstream(dir / "fr.toml") << "language = \"fr\"\n[danger]\nmedical = [\"il tremble de froid\"]\n"
                                    "[keywords]\nspellings = [[\"basta\", \"stop\", \"none\"]]\n";
  std::ofstream(dir / "broken.toml") << "language = \"fr\"\n[danger]\nfire = [\"a||b\"]\n";
  std::ofstream(dir / "notes.txt") << "not read";
  Loaded loaded = LoadWithFolder(dir.string());
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(loaded.errors[0].origin.source, (dir / "broken.toml").string());
  EXPECT_EQ(loaded.errors[0].origin.line, 3);
  EXPECT_EQ(loaded.lexicon->danger.size(), Builtin()->danger.size() + 1);
  EXPECT_EQ(loaded.lexicon->spellings.size(), Builtin()->spellings.size() + 1);

  // The detector and the keyword parser use the addition.
  EXPECT_FALSE(Urgent(*Builtin(), "mon pere il tremble de froid dehors"));
  EXPECT_TRUE(Urgent(*loaded.lexicon, "mon pere il tremble de froid dehors"));
  EXPECT_FALSE(desk::ParseSystemKeyword("basta", {}).has_value());
  const desk::KeywordTable table(*loaded.lexicon);
  auto stop = desk::ParseSystemKeyword("BASTA", {}, table);
  ASSERT_TRUE(stop.has_value());
  EXPECT_EQ(stop->kind, desk::KeywordKind::kStop);
  EXPECT_EQ(stop->keyword_lang, Lang::kFr);
  fs::remove_all(dir);
}

TEST(LexiconTest, AModeratorsPhraseIsCheckedAndAdded) {
  Lexicon lexicon = *Builtin();
  const Origin by{"console: amal", 0};
  EXPECT_EQ(AddPhrase(lexicon, "ar", "medical", "ما عم يحس برجليه", by), "");
  EXPECT_EQ(lexicon.danger.back().kind, "medical");
  EXPECT_EQ(lexicon.danger.back().origin.Describe(), "console: amal");
  EXPECT_EQ(AddPhrase(lexicon, "en", "stop", "nomore", by), "");
  EXPECT_EQ(lexicon.spellings.back().alone, "stop");
  EXPECT_EQ(lexicon.spellings.back().before_topic, "none");
  EXPECT_EQ(AddPhrase(lexicon, "en", "leave", "drop", by), "");
  EXPECT_TRUE(lexicon.spellings.back().topic_word);
  EXPECT_NE(AddPhrase(lexicon, "xx", "medical", "words", by), "");
  EXPECT_NE(AddPhrase(lexicon, "en", "kitchen", "words", by), "");
  EXPECT_NE(AddPhrase(lexicon, "en", "fire", "*a*", by), "");
  EXPECT_NE(AddPhrase(lexicon, "en", "stop", "", by), "");
  EXPECT_TRUE(Urgent(lexicon, "jiddo ما عم يحس برجليه"));
  const desk::KeywordTable table(lexicon);
  EXPECT_EQ(desk::ParseSystemKeyword("nomore please", {}, table)->kind, desk::KeywordKind::kStop);
  // A spelling written with a polite word ("ya": already, in Spanish) loses
  // it as a message does, so that it still matches.
  EXPECT_EQ(AddPhrase(lexicon, "es", "stop", "basta ya", by), "");
  const desk::KeywordTable polite(lexicon);
  ASSERT_TRUE(desk::ParseSystemKeyword("Basta ya!", {}, polite).has_value());
  EXPECT_EQ(desk::ParseSystemKeyword("Basta ya!", {}, polite)->kind, desk::KeywordKind::kStop);
}

}  // namespace
}  // namespace smsdesk::lexicon
