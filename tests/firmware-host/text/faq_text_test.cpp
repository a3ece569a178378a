// Normalization, tokenization, stemming, Arabizi and language detection.
#include <gtest/gtest.h>

#include "firmware-host/text/arabizi.h"
#include "firmware-host/text/language_detector.h"
#include "firmware-host/text/stemmer.h"
#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {
namespace {

TEST(TextNormalizer, ArabicDiacriticsTatweelAndLetterForms) {
  EXPECT_EQ(NormalizeText("مَدْرَسَة"), NormalizeText("مدرسه"));     // harakat, taa marbuta
  EXPECT_EQ(NormalizeText("جـــميل"), NormalizeText("جميل"));        // tatweel
  EXPECT_EQ(NormalizeText("أحمد إلى آخر"), NormalizeText("احمد الي اخر"));  // alef forms, maqsura
  EXPECT_EQ(NormalizeText("مسؤول"), NormalizeText("مسوول"));        // hamza on waw
  EXPECT_EQ(NormalizeText("رسائل"), NormalizeText("رسايل"));        // hamza on yeh
}

TEST(TextNormalizer, PersianLettersFoldToArabic) {
  EXPECT_EQ(NormalizeText("کارت"), NormalizeText("كارت"));  // keheh -> kaf
  EXPECT_EQ(NormalizeText("یک"), NormalizeText("يك"));      // Farsi yeh -> yeh
  EXPECT_EQ(NormalizeText("می\u200Cخواهم"), NormalizeText("میخواهم"));  // ZWNJ ignored
}

TEST(TextNormalizer, EasternDigitsBecomeAscii) {
  EXPECT_EQ(NormalizeText("٩١١"), "911");
  EXPECT_EQ(NormalizeText("۲۱۱"), "211");
}

TEST(TextNormalizer, LatinCaseAndAccents) {
  EXPECT_EQ(NormalizeText("Français ÉCOLE Niño"), "francais ecole nino");
}

TEST(TextNormalizer, CyrillicCase) {
  EXPECT_EQ(NormalizeText("ШКОЛА"), NormalizeText("школа"));
}

TEST(TextNormalizer, InvalidUtf8IsReplacedNotAnError) {
  std::string out = NormalizeText(std::string("ab\xFF\xFE", 4));
  EXPECT_EQ(out.substr(0, 2), "ab");
}

TEST(Tokenizer, SplitsApostrophesKeepsArabiziDigits) {
  auto tokens = Tokenize(NormalizeText("d'arriver 3ayez OHIP, 7okoma"));
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].text, "d");
  EXPECT_EQ(tokens[1].text, "arriver");
  EXPECT_EQ(tokens[2].text, "3ayez");
  EXPECT_TRUE(tokens[4].clause_start);
}

TEST(Tokenizer, KeepsUkrainianApostropheWords) {
  auto tokens = Tokenize(NormalizeText("під'їзду"));
  ASSERT_EQ(tokens.size(), 1u);
}

TEST(Tokenizer, MarksQuestionSentences) {
  auto tokens = Tokenize(NormalizeText("food bank said call 211. what is 211?"));
  ASSERT_GE(tokens.size(), 7u);
  EXPECT_FALSE(tokens[0].in_question);
  EXPECT_TRUE(tokens.back().in_question);
  EXPECT_EQ(tokens.back().sentence, 1);
}

TEST(Stemmer, SnowballPerLanguage) {
  Stemmer s;
  EXPECT_EQ(s.Stem(Lang::kEn, "claimants"), s.Stem(Lang::kEn, "claimant"));
  EXPECT_EQ(s.Stem(Lang::kFr, "enfants"), s.Stem(Lang::kFr, "enfant"));
  EXPECT_EQ(s.Stem(Lang::kEs, "clases"), s.Stem(Lang::kEs, "clase"));
  EXPECT_EQ(s.Stem(Lang::kAr, NormalizeText("المدرسة")), s.Stem(Lang::kAr, NormalizeText("بالمدرسة")));
}

TEST(Stemmer, ArabicDialectClitics) {
  Stemmer s;
  EXPECT_EQ(s.Stem(Lang::kAr, NormalizeText("عالموقف")), s.Stem(Lang::kAr, NormalizeText("الموقف")));
}

TEST(Stemmer, UkrainianAndPersianLightStemming) {
  Stemmer s;
  EXPECT_EQ(s.Stem(Lang::kUk, NormalizeText("роботу")), s.Stem(Lang::kUk, NormalizeText("робота")));
  EXPECT_EQ(s.Stem(Lang::kFa, NormalizeText("کارت‌ها")), s.Stem(Lang::kFa, NormalizeText("کارت")));
}

TEST(Arabizi, DigitsAsLetters) {
  EXPECT_TRUE(HasArabiziDigit("3ayez"));
  EXPECT_TRUE(HasArabiziDigit("ra2m"));
  EXPECT_FALSE(HasArabiziDigit("911"));
  EXPECT_FALSE(HasArabiziDigit("g1"));
}

TEST(Arabizi, ReadingsMeetArabicThroughSkeletons) {
  auto same = [](const char* latin, const char* arabic) {
    std::string target = ArabicSkeleton(NormalizeText(arabic));
    for (const std::string& r : ArabiziToArabic(latin)) {
      if (!target.empty() && ArabicSkeleton(NormalizeText(r)) == target) return true;
    }
    return false;
  };
  EXPECT_TRUE(same("tanbihat", "تنبيهات"));
  EXPECT_TRUE(same("shahada", "الشهادة"));
  EXPECT_TRUE(same("mu3adala", "معادلة"));
  EXPECT_TRUE(same("2ala2", "قلق"));       // Levantine hamza for qaf
  EXPECT_TRUE(same("momarrda", "ممرضة"));  // d for dad
  EXPECT_FALSE(same("shahada", "مدرسة"));
}

TEST(LanguageDetector, Scripts) {
  EXPECT_EQ(DetectLanguage("Як записати дитину до школи?").lang, Lang::kUk);
  EXPECT_EQ(DetectLanguage("كيف بطلع رقم SIN؟").lang, Lang::kAr);
  EXPECT_EQ(DetectLanguage("کارت صحی را چطور بگیرم؟").lang, Lang::kFa);
}

TEST(LanguageDetector, LatinLanguages) {
  EXPECT_EQ(DetectLanguage("how do i get a library card").lang, Lang::kEn);
  EXPECT_EQ(DetectLanguage("comment je fais pour avoir la carte").lang, Lang::kFr);
  EXPECT_EQ(DetectLanguage("donde hay un banco de comida para mi familia").lang, Lang::kEs);
  EXPECT_EQ(DetectLanguage("kif be2dar 2a2dem 3ala el CCB?").lang, Lang::kArLatn);
  EXPECT_EQ(DetectLanguage("shu lazem a3mel la jib el bus pass").lang, Lang::kArLatn);
}

}  // namespace
}  // namespace smsdesk::faq
