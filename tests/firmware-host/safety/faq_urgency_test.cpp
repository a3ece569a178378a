// Danger detection in every desk language, with the negatives that matter:
// questions about emergency numbers, "not an emergency", everyday words.
#include "firmware-host/safety/urgency_detector.h"

#include <gtest/gtest.h>

namespace smsdesk::faq {
namespace {

class Urgency : public ::testing::TestWithParam<const char*> {
 protected:
  bool Urgent(const char* text) { return detector_.Detect(Tokenize(NormalizeText(text))).urgent; }
  UrgencyDetector detector_;
};

class UrgentTexts : public Urgency {};
class CalmTexts : public Urgency {};

TEST_P(UrgentTexts, AreUrgent) { EXPECT_TRUE(Urgent(GetParam())) << GetParam(); }
TEST_P(CalmTexts, AreNotUrgent) { EXPECT_FALSE(Urgent(GetParam())) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(
    AllLanguages, UrgentTexts,
    ::testing::Values(
        // English
        "my boyfriend beat me last night and says he will kill me",
        "he is hitting the kids right now",
        "i want to end my life",
        "my father collapsed and is not breathing",
        "my son swallowed pills from the cabinet",
        "there is a fire in our building",
        "my daughter is missing since this morning",
        "I can't find my son at the park",
        "police please help me, he has a knife",
        // French
        "mon mari me frappe",
        "il m'a menacée avec un couteau",
        "je veux mourir",
        "mon bébé ne respire plus",
        "il y a le feu dans la cuisine",
        "ma fille a disparu",
        // Spanish
        "mi esposo me golpea",
        "no quiero vivir mas",
        "mi papa no respira",
        "hay humo en la casa, incendio",
        // Ukrainian
        "чоловік б'є мене",
        "дитина не дихає",
        "у квартирі пожежа",
        "хочу померти",
        // Dari
        "شوهرم مرا میزند",
        "پسرم گم شده",
        "خانه ما آتش گرفته",
        // Arabic, several dialects
        "زوجي بيضربني كل يوم",
        "اخوي عم يهددني بالسكين",
        "بدي موت ما عاد فيني",
        "ابوي ما عم يتنفس",
        "البيت عم يحترق",
        "ابني ضايع من الصبح",
        "بنتي بلعت دوا كتير",
        "فاقد الوعي ومش عم يفيق",
        // Arabizi
        "jozi 3am yedrabni",
        "bade mout",
        "fi 7ari2 bel beit"));

INSTANTIATE_TEST_SUITE_P(
    AllLanguages, CalmTexts,
    ::testing::Values(
        "what is the emergency number here?",
        "if i call 911 what happens",
        "not an emergency but my son has a fever",
        "how do I pay the bus fare",
        "I lost my job, how do I find work",
        "can you help me find a doctor",
        "my son lost his bus pass",
        "quel est le numéro d'urgence?",
        "ce n'est pas une urgence, j'ai mal aux dents",
        "cual es el numero de emergencia?",
        "Який номер екстреної допомоги?",
        "شو رقم الطوارئ هون؟",
        "مش طوارئ بس ابني عندو حرارة",
        "كيف اقدم الضرايب؟",
        "بدي اعرف عن الضريبة",
        "به کی زنگ بزنم؟",
        "في جمعيات بتساعد النساء؟",
        "fi ra2m lal emergency?",
        "mesh emergency bas badde doctor",
        "thanks for your help",
        "where can women get help? asking for a friend"));

}  // namespace
}  // namespace smsdesk::faq
