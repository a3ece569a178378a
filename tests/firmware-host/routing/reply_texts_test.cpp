#include "firmware-host/routing/reply_texts.h"

#include <gtest/gtest.h>

#include "firmware-host/routing/deadline_text.h"
#include "firmware-host/routing/keywords.h"
#include "modem/segmenter.h"
#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::desk {
namespace {

using faq::Lang;

constexpr Lang kLangs[] = {Lang::kEn, Lang::kFr, Lang::kAr, Lang::kFa, Lang::kUk, Lang::kEs};

// The longest values a text realistically carries: a deadline beyond a week
// (weekday + date), the longest topic name, every topic, two numbers.
TextValues LongValues(Lang lang) {
  const auto deadline = date::local_days(test_util::Ymd(2026, 1, 7)) + std::chrono::hours(17);
  const auto now = date::local_days(test_util::Ymd(2025, 12, 19)) + std::chrono::hours(18);
  TextValues v;
  v.deadline = FormatDeadline(deadline, now, lang);
  const std::vector<Topic> topics = test_util::SampleTopics();
  for (const Topic& t : topics) {
    const std::string name = TopicDisplayName(t, lang);
    if (name.size() > v.topic.size()) v.topic = name;
    v.topics += (v.topics.empty() ? "" : ", ") + name;
  }
  v.numbers = "911, 988";
  return v;
}

size_t Segments(const std::string& text) {
  auto plan = modem::PlanSegments(text);
  EXPECT_TRUE(plan.ok()) << text;
  return plan.ok() ? plan->segments.size() : 99;
}

TEST(ReplyTextTest, EveryTextFitsInTwoSegments) {
  const ReplyTexts texts;
  for (size_t k = 0; k < kTextKeyCount; ++k) {
    const auto key = static_cast<TextKey>(k);
    for (Lang lang : kLangs) {
      const std::string text = texts.Render(key, lang, LongValues(lang));
      EXPECT_LE(Segments(text), 2u) << TextKeyName(key) << "/" << faq::LangCode(lang) << ": " << text;
    }
  }
}

TEST(ReplyTextTest, AnAckWithTheEmergencyLineFitsInTwoSegments) {
  const ReplyTexts texts;
  for (Lang lang : kLangs) {
    const TextValues values = LongValues(lang);
    const std::string text =
        texts.Render(TextKey::kAck, lang, values) + " " + texts.Render(TextKey::kEmergencyLine, lang, values);
    EXPECT_LE(Segments(text), 2u) << faq::LangCode(lang) << ": " << text;
  }
}

TEST(ReplyTextTest, EveryPlaceholderIsFilledAndEveryLanguageHasItsOwnText) {
  const ReplyTexts texts;
  for (size_t k = 0; k < kTextKeyCount; ++k) {
    const auto key = static_cast<TextKey>(k);
    for (Lang lang : kLangs) {
      const std::string text = texts.Render(key, lang, LongValues(lang));
      EXPECT_EQ(text.find('{'), std::string::npos) << TextKeyName(key) << ": " << text;
      EXPECT_FALSE(text.empty());
      if (lang != Lang::kEn && key != TextKey::kLangOptions) {
        EXPECT_NE(texts.Template(key, lang), texts.Template(key, Lang::kEn))
            << TextKeyName(key) << "/" << faq::LangCode(lang) << " is untranslated";
      }
    }
  }
}

TEST(ReplyTextTest, UrgentAndHelpCarryTheNumbers) {
  const ReplyTexts texts;
  for (Lang lang : kLangs) {
    EXPECT_NE(texts.Render(TextKey::kUrgent, lang, {.numbers = "911"}).find("911"), std::string::npos);
    EXPECT_NE(texts.Render(TextKey::kHelp, lang, {.numbers = "911"}).find("911"), std::string::npos);
  }
}

TEST(ReplyTextTest, ArabiziAndUnknownLanguages) {
  const ReplyTexts texts;
  EXPECT_EQ(texts.Template(TextKey::kStop, Lang::kArLatn), texts.Template(TextKey::kStop, Lang::kAr));
  EXPECT_EQ(texts.Template(TextKey::kStop, Lang::kUnknown), texts.Template(TextKey::kStop, Lang::kEn));
  EXPECT_EQ(TextLanguage(Lang::kArLatn), Lang::kAr);
  EXPECT_EQ(TextLanguage(Lang::kUnknown), Lang::kEn);
}

TEST(ReplyTextTest, Overrides) {
  ReplyTexts texts;
  EXPECT_TRUE(texts.Override(TextKey::kAck, Lang::kFr, "Merci ! Réponse {deadline}."));
  EXPECT_EQ(texts.Render(TextKey::kAck, Lang::kFr, {.deadline = "d'ici lundi 17h00"}),
            "Merci ! Réponse d'ici lundi 17h00.");
  EXPECT_TRUE(texts.Override(TextKey::kStop, Lang::kArLatn, "تم."));  // Arabizi: the Arabic text
  EXPECT_EQ(texts.Template(TextKey::kStop, Lang::kAr), "تم.");
  // Refused: unknown placeholder, unclosed brace, missing required values.
  EXPECT_FALSE(texts.Override(TextKey::kStop, Lang::kEn, "Bye {name}"));
  EXPECT_FALSE(texts.Override(TextKey::kJoin, Lang::kEn, "Joined {topic"));
  EXPECT_FALSE(texts.Override(TextKey::kUrgent, Lang::kEn, "Call the police."));
  EXPECT_FALSE(texts.Override(TextKey::kAck, Lang::kEn, "We will answer soon."));
  EXPECT_EQ(texts.Template(TextKey::kStop, Lang::kEn), ReplyTexts().Template(TextKey::kStop, Lang::kEn));
}

TEST(ReplyTextTest, KeyNames) {
  for (size_t k = 0; k < kTextKeyCount; ++k) {
    const auto key = static_cast<TextKey>(k);
    EXPECT_EQ(TextKeyFromName(TextKeyName(key)), key);
  }
  EXPECT_EQ(TextKeyFromName("nope"), std::nullopt);
}

// The keywords a text tells its reader to send must work when sent.
struct Instruction {
  TextKey key;
  Lang lang;
  const char* says;
  KeywordKind kind;
  const char* topic = "";
};

void PrintTo(const Instruction& i, std::ostream* os) { *os << i.says; }

class ReplyTextInstruction : public ::testing::TestWithParam<Instruction> {};

TEST_P(ReplyTextInstruction, Works) {
  const Instruction& in = GetParam();
  const std::vector<Topic> topics = test_util::SampleTopics();
  const std::string text =
      ReplyTexts().Render(in.key, in.lang, {.topic = TopicDisplayName(topics[1], in.lang)});
  EXPECT_NE(text.find(in.says), std::string::npos) << text;
  const auto k = ParseSystemKeyword(in.says, topics);
  ASSERT_TRUE(k.has_value()) << in.says;
  EXPECT_EQ(k->kind, in.kind) << in.says;
  EXPECT_EQ(k->topic, in.topic) << in.says;
}

INSTANTIATE_TEST_SUITE_P(ReplyText, ReplyTextInstruction, ::testing::Values(
    Instruction{TextKey::kStop, Lang::kEn, "START", KeywordKind::kStart},
    Instruction{TextKey::kStop, Lang::kFr, "START", KeywordKind::kStart},
    Instruction{TextKey::kStop, Lang::kEs, "ALTA", KeywordKind::kStart},
    Instruction{TextKey::kStop, Lang::kAr, "ابدأ", KeywordKind::kStart},
    Instruction{TextKey::kStop, Lang::kFa, "شروع", KeywordKind::kStart},
    Instruction{TextKey::kStop, Lang::kUk, "СТАРТ", KeywordKind::kStart},
    Instruction{TextKey::kStart, Lang::kAr, "توقف", KeywordKind::kStop},
    Instruction{TextKey::kStart, Lang::kFa, "لغو", KeywordKind::kStop},
    Instruction{TextKey::kStart, Lang::kEs, "BAJA", KeywordKind::kStop},
    Instruction{TextKey::kStart, Lang::kUk, "СТОП", KeywordKind::kStop},
    Instruction{TextKey::kJoin, Lang::kEn, "STOP school bus", KeywordKind::kLeave, "bus"},
    Instruction{TextKey::kJoin, Lang::kFr, "STOP autobus scolaire", KeywordKind::kLeave, "bus"},
    Instruction{TextKey::kJoin, Lang::kEs, "BAJA autobús escolar", KeywordKind::kLeave, "bus"},
    Instruction{TextKey::kJoin, Lang::kAr, "توقف الباص", KeywordKind::kLeave, "bus"},
    Instruction{TextKey::kJoin, Lang::kFa, "لغو اتوبوس", KeywordKind::kLeave, "bus"},
    Instruction{TextKey::kJoin, Lang::kUk, "СТОП автобус", KeywordKind::kLeave, "bus"},
    Instruction{TextKey::kHelp, Lang::kEn, "LANG FR", KeywordKind::kLang},
    Instruction{TextKey::kHelp, Lang::kFr, "LANGUE EN", KeywordKind::kLang},
    Instruction{TextKey::kHelp, Lang::kEs, "IDIOMA EN", KeywordKind::kLang},
    Instruction{TextKey::kHelp, Lang::kUk, "МОВА EN", KeywordKind::kLang},
    Instruction{TextKey::kUnknownTopic, Lang::kFr, "ABONNER", KeywordKind::kJoin},
    Instruction{TextKey::kUnknownTopic, Lang::kUk, "ПІДПИСКА", KeywordKind::kJoin},
    Instruction{TextKey::kMenu, Lang::kAr, "مساعدة", KeywordKind::kHelp},
    Instruction{TextKey::kMenu, Lang::kFa, "کمک", KeywordKind::kHelp}));

}  // namespace
}  // namespace smsdesk::desk
