#include "firmware-host/routing/reply_language.h"

#include <gtest/gtest.h>

namespace smsdesk::desk {
namespace {

using faq::Lang;

TEST(DeskReplyLanguageTest, StoredChoiceComesFirst) {
  EXPECT_EQ(ChooseReplyLanguage({.chosen = Lang::kUk, .keyword = Lang::kFr, .detected = Lang::kEs},
                                Lang::kEn),
            Lang::kUk);
}

TEST(DeskReplyLanguageTest, KeywordThenDetectedThenPreviousThenDefault) {
  EXPECT_EQ(ChooseReplyLanguage({.keyword = Lang::kFr, .detected = Lang::kEn}, Lang::kEn), Lang::kFr);
  EXPECT_EQ(ChooseReplyLanguage({.detected = Lang::kEs, .previously_detected = Lang::kFr}, Lang::kEn),
            Lang::kEs);
  EXPECT_EQ(ChooseReplyLanguage({.previously_detected = Lang::kFa}, Lang::kEn), Lang::kFa);
  EXPECT_EQ(ChooseReplyLanguage({}, Lang::kFr), Lang::kFr);
}

TEST(DeskReplyLanguageTest, WeakDetectionIsIgnored) {
  EXPECT_EQ(ChooseReplyLanguage({.detected = Lang::kEs,
                                 .detected_confidence = 0.3,
                                 .previously_detected = Lang::kUk},
                                Lang::kEn),
            Lang::kUk);
}

TEST(DeskReplyLanguageTest, ArabiziGetsArabicAndUnknownGetsEnglish) {
  EXPECT_EQ(ChooseReplyLanguage({.detected = Lang::kArLatn}, Lang::kEn), Lang::kAr);
  EXPECT_EQ(ChooseReplyLanguage({.chosen = Lang::kArLatn}, Lang::kEn), Lang::kAr);
  EXPECT_EQ(ChooseReplyLanguage({.chosen = Lang::kUnknown}, Lang::kUnknown), Lang::kEn);
}

TEST(DeskReplyLanguageTest, FromTheTextItself) {
  EXPECT_EQ(ReplyLanguageForText(std::nullopt, "Bonjour, où se trouve la banque alimentaire ?",
                                 std::nullopt, Lang::kEn),
            Lang::kFr);
  EXPECT_EQ(ReplyLanguageForText(std::nullopt, "salam, wen ba2dar la2i bank el akl?", std::nullopt,
                                 Lang::kEn),
            Lang::kAr);
  EXPECT_EQ(ReplyLanguageForText(std::nullopt, "Де знаходиться продовольчий банк?", std::nullopt,
                                 Lang::kEn),
            Lang::kUk);
  EXPECT_EQ(ReplyLanguageForText(Lang::kEs, "Where is the food bank?", std::nullopt, Lang::kEn),
            Lang::kEs);
}

}  // namespace
}  // namespace smsdesk::desk
