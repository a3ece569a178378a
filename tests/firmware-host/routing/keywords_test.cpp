#include "firmware-host/routing/keywords.h"

#include <gtest/gtest.h>

#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::desk {
namespace {

using faq::Lang;

std::vector<Topic> Topics() { return test_util::SampleTopics(); }

struct Case {
  const char* text;
  KeywordKind kind;
  const char* topic = "";
  Lang lang = Lang::kUnknown;          // kLang: the chosen language
  Lang keyword_lang = Lang::kUnknown;  // checked only when not kUnknown
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.text; }

class KeywordTable : public ::testing::TestWithParam<Case> {};

TEST_P(KeywordTable, Parses) {
  const Case& c = GetParam();
  const std::optional<KeywordCommand> k = ParseSystemKeyword(c.text, Topics());
  ASSERT_TRUE(k.has_value()) << c.text;
  EXPECT_EQ(KeywordKindName(k->kind), KeywordKindName(c.kind)) << c.text;
  EXPECT_EQ(k->topic, c.topic) << c.text;
  if (c.kind == KeywordKind::kLang) {
    EXPECT_EQ(k->lang, c.lang) << c.text;
  }
  if (c.keyword_lang != Lang::kUnknown) {
    EXPECT_EQ(k->keyword_lang, c.keyword_lang) << c.text;
  }
}

using K = KeywordKind;

INSTANTIATE_TEST_SUITE_P(Keyword, KeywordTable, ::testing::Values(
    // STOP in every language, with case, accents, punctuation and politeness.
    Case{"STOP", K::kStop}, Case{"stop", K::kStop}, Case{"  Stop.  ", K::kStop},
    Case{"STOP!!", K::kStop}, Case{"Stop please", K::kStop}, Case{"please stop", K::kStop},
    Case{"STOP STOP STOP", K::kStop}, Case{"stop all", K::kStop}, Case{"STOP?", K::kStop},
    Case{"STOPALL", K::kStop}, Case{"UNSUBSCRIBE", K::kStop, "", Lang::kUnknown, Lang::kEn},
    Case{"end", K::kStop}, Case{"Quit", K::kStop}, Case{"CANCEL", K::kStop},
    Case{"opt-out", K::kStop},
    Case{"ARRET", K::kStop, "", Lang::kUnknown, Lang::kFr}, Case{"Arrêt", K::kStop},
    Case{"ARRÊTER svp", K::kStop}, Case{"désabonner", K::kStop}, Case{"Se désabonner", K::kStop},
    Case{"STOP merci", K::kStop},
    Case{"BAJA", K::kStop, "", Lang::kUnknown, Lang::kEs}, Case{"Alto", K::kStop},
    Case{"parar por favor", K::kStop}, Case{"dar de baja", K::kStop},
    Case{"توقف", K::kStop}, Case{"وقف", K::kStop, "", Lang::kUnknown, Lang::kAr},
    Case{"إلغاء", K::kStop}, Case{"الغاء", K::kStop}, Case{"الغاء الاشتراك", K::kStop},
    Case{"ستوب", K::kStop}, Case{"أوقف", K::kStop}, Case{"توقف شكرا", K::kStop},
    Case{"wa2if", K::kStop, "", Lang::kUnknown, Lang::kArLatn}, Case{"Wa2ef", K::kStop},
    Case{"لغو", K::kStop, "", Lang::kUnknown, Lang::kFa}, Case{"لغو اشتراک", K::kStop},
    Case{"СТОП", K::kStop}, Case{"ВІДПИСАТИСЯ", K::kStop, "", Lang::kUnknown, Lang::kUk},
    Case{"Скасувати", K::kStop},
    // START.
    Case{"START", K::kStart}, Case{"unstop", K::kStart}, Case{"COMMENCER", K::kStart, "", Lang::kUnknown, Lang::kFr},
    Case{"ابدأ", K::kStart, "", Lang::kUnknown, Lang::kAr}, Case{"ابدا", K::kStart},
    Case{"شروع", K::kStart, "", Lang::kUnknown, Lang::kFa}, Case{"СТАРТ", K::kStart},
    Case{"ALTA", K::kStart, "", Lang::kUnknown, Lang::kEs}, Case{"ebda2", K::kStart},
    // JOIN / LEAVE with topics by id, localized name or alias.
    Case{"JOIN BUS", K::kJoin, "bus"}, Case{"join school bus", K::kJoin, "bus"},
    Case{"Subscribe to storm", K::kJoin, "storm"}, Case{"ABONNER ALERTES", K::kJoin, "alerts"},
    Case{"s'abonner tempête", K::kJoin, "storm"}, Case{"ABONNER autobus scolaire", K::kJoin, "bus"},
    Case{"اشتراك الباص", K::kJoin, "bus"}, Case{"اشتراك باص", K::kJoin, "bus"},
    Case{"اشترك في تنبيهات", K::kJoin, "alerts"}, Case{"عضویت اتوبوس", K::kJoin, "bus"},
    Case{"SUSCRIBIR autobús escolar", K::kJoin, "bus"}, Case{"ALTA bus", K::kJoin, "bus"},
    Case{"ПІДПИСАТИСЯ події", K::kJoin, "events"}, Case{"start bus", K::kJoin, "bus"},
    Case{"eshtirak bus", K::kJoin, "bus"},
    Case{"JOIN", K::kJoin, ""}, Case{"JOIN xyz", K::kJoin, ""},
    Case{"STOP BUS", K::kLeave, "bus"}, Case{"unsubscribe from storm", K::kLeave, "storm"},
    Case{"leave events", K::kLeave, "events"}, Case{"DESABONNER alertes", K::kLeave, "alerts"},
    Case{"BAJA autobús escolar", K::kLeave, "bus"}, Case{"توقف الباص", K::kLeave, "bus"},
    Case{"لغو اتوبوس", K::kLeave, "bus"}, Case{"СТОП автобус", K::kLeave, "bus"},
    Case{"leave xyz", K::kLeave, ""},
    // HELP and MENU.
    Case{"HELP", K::kHelp}, Case{"help!", K::kHelp}, Case{"Aide", K::kHelp}, Case{"AYUDA", K::kHelp},
    Case{"مساعدة", K::kHelp}, Case{"مساعده", K::kHelp}, Case{"کمک", K::kHelp},
    Case{"ДОПОМОГА", K::kHelp}, Case{"info", K::kHelp}, Case{"mosa3ada", K::kHelp},
    Case{"MENU", K::kMenu}, Case{"Menú", K::kMenu}, Case{"القائمة", K::kMenu},
    Case{"منو", K::kMenu}, Case{"МЕНЮ", K::kMenu},
    // LANG: codes, names after LANG, names alone.
    Case{"LANG fr", K::kLang, "", Lang::kFr}, Case{"lang AR", K::kLang, "", Lang::kAr},
    Case{"LANG prs", K::kLang, "", Lang::kFa}, Case{"LANG ua", K::kLang, "", Lang::kUk},
    Case{"LANGUE anglais", K::kLang, "", Lang::kEn}, Case{"IDIOMA español", K::kLang, "", Lang::kEs},
    Case{"لغة عربي", K::kLang, "", Lang::kAr}, Case{"زبان دری", K::kLang, "", Lang::kFa},
    Case{"МОВА українська", K::kLang, "", Lang::kUk},
    Case{"عربي", K::kLang, "", Lang::kAr}, Case{"العربية", K::kLang, "", Lang::kAr},
    Case{"français", K::kLang, "", Lang::kFr}, Case{"English", K::kLang, "", Lang::kEn},
    Case{"english please", K::kLang, "", Lang::kEn}, Case{"Español", K::kLang, "", Lang::kEs},
    Case{"українська", K::kLang, "", Lang::kUk}, Case{"دری", K::kLang, "", Lang::kFa},
    Case{"فارسی", K::kLang, "", Lang::kFa}, Case{"3arabi", K::kLang, "", Lang::kAr},
    Case{"LANG xx", K::kLang, "", Lang::kUnknown}, Case{"LANG", K::kLang, "", Lang::kUnknown}));

class KeywordNegative : public ::testing::TestWithParam<const char*> {};

TEST_P(KeywordNegative, IsNotAKeyword) {
  const std::optional<KeywordCommand> k = ParseSystemKeyword(GetParam(), Topics());
  EXPECT_FALSE(k.has_value()) << GetParam() << " parsed as " << KeywordKindName(k->kind);
}

INSTANTIATE_TEST_SUITE_P(Keyword, KeywordNegative, ::testing::Values(
    "stop the bus?", "stop the bus", "how do I stop my phone plan", "Where is the bus stop?",
    "I want to stop receiving my benefits", "cancel my appointment", "STOP BUS?",
    "help me", "help me please he is hitting me", "can you help", "je veux de l'aide",
    "ساعدني", "допоможіть", "socorro", "ayuda por favor con mi caso urgente",
    "join the english class", "lang of the form", "what language do you speak?",
    "ok", "please", "thanks", "", "   ", "?!", "fr", "es", "start date of school",
    "menu for the food bank", "arret de bus", "leave", "توقف الباص عن العمل",
    "Is the English class free?", "salir del país"));

TEST(KeywordTest, KeepsTheKeywordAsTypedForConsentRecords) {
  const auto k = ParseSystemKeyword("  Arrêt, merci!  \n", Topics());
  ASSERT_TRUE(k);
  EXPECT_EQ(k->keyword, "Arrêt, merci!");
}

TEST(KeywordTest, UnknownTopicKeepsTheArgument) {
  const auto k = ParseSystemKeyword("JOIN weather", Topics());
  ASSERT_TRUE(k);
  EXPECT_EQ(k->kind, KeywordKind::kJoin);
  EXPECT_EQ(k->topic, "");
  EXPECT_EQ(k->unknown_argument, "weather");
}

TEST(KeywordTest, NoTopicsConfigured) {
  EXPECT_EQ(ParseSystemKeyword("STOP BUS", {}), std::nullopt);
  ASSERT_TRUE(ParseSystemKeyword("STOP", {}));
  EXPECT_EQ(ParseSystemKeyword("JOIN bus", {})->topic, "");
}

TEST(KeywordTest, EasternDigitsAndTatweel) {
  // Arabic-Indic digits in a topic alias and a kashida inside a keyword.
  std::vector<Topic> topics = {{.id = "route7", .aliases = {"7"}}};
  EXPECT_EQ(ParseSystemKeyword("اشتراك ٧", topics)->topic, "route7");
  EXPECT_EQ(ParseSystemKeyword("تـوقف", topics)->kind, KeywordKind::kStop);
}

TEST(KeywordTest, UntrustedBytesNeverCrash) {
  // SMS text is untrusted: invalid UTF-8, NULs, huge inputs give a value.
  const std::string cases[] = {std::string("\xFF\xFE STOP", 7), std::string("ST\0OP", 5),
                               "\xD8", std::string(10000, '?'), std::string(5000, 'a') + " stop",
                               "STOP " + std::string(3000, '!')};
  for (const std::string& text : cases) (void)ParseSystemKeyword(text, Topics());
  EXPECT_EQ(ParseSystemKeyword("STOP " + std::string(3000, '!'), Topics())->kind, KeywordKind::kStop);
}

TEST(KeywordTest, LanguageFromName) {
  EXPECT_EQ(LanguageFromName("Français"), Lang::kFr);
  EXPECT_EQ(LanguageFromName("ar-Latn"), Lang::kUnknown);
  EXPECT_EQ(LanguageFromName("arabi"), Lang::kAr);
  EXPECT_EQ(LanguageFromName("دری"), Lang::kFa);
  EXPECT_EQ(LanguageFromName("klingon"), Lang::kUnknown);
}

TEST(KeywordTest, TopicDisplayName) {
  const std::vector<Topic> topics = Topics();
  EXPECT_EQ(TopicDisplayName(topics[1], Lang::kFr), "autobus scolaire");
  EXPECT_EQ(TopicDisplayName(topics[1], Lang::kArLatn), "الباص");
  EXPECT_EQ(TopicDisplayName(topics[2], Lang::kEs), "storm");  // no es, no en: the id
  EXPECT_EQ(TopicDisplayName(topics[0], Lang::kUk), "alerts");  // the English name
}

}  // namespace
}  // namespace smsdesk::desk
