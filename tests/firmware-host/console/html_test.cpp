// The pages' small helpers: numbers masked for those who may not see them
// whole (only the last 3 digits, whatever the format), escaping.
#include "firmware-host/console/html.h"

#include <gtest/gtest.h>

namespace smsdesk::console {
namespace {

using namespace std::string_view_literals;

TEST(MaskedNumber, KeepsOnlyTheLastThreeDigits) {
  EXPECT_EQ(MaskedNumber("+16135550199"), "••••••••199");
  EXPECT_EQ(MaskedNumber("0612345678"), "•••••••678");
  EXPECT_EQ(MaskedNumber("613-555-0199"), "•••••••199");
  EXPECT_EQ(MaskedNumber("+33 6 12 34 56 78"), "••••••••678");
  EXPECT_EQ(MaskedNumber("(613) 555-0199"), "•••••••199");
  EXPECT_EQ(MaskedNumber("+254711000001"), "•••••••••001");
}

TEST(MaskedNumber, ShortCodesJunkAndEmpty) {
  EXPECT_EQ(MaskedNumber("12345"), "•••345") << "at least three dots";
  EXPECT_EQ(MaskedNumber("1234"), "•••234");
  EXPECT_EQ(MaskedNumber("911"), "•••") << "three digits or fewer: none shown";
  EXPECT_EQ(MaskedNumber("12"), "•••");
  EXPECT_EQ(MaskedNumber(""), "");
  EXPECT_EQ(MaskedNumber("BANK"), "•••") << "an alphanumeric sender";
  EXPECT_EQ(MaskedNumber("<script>alert(1)</script>"), "•••");
  EXPECT_EQ(MaskedNumber("\xff\xfe+1613\x00" "5550199"sv), "••••••••199");
  EXPECT_EQ(MaskedNumber("٠٦١٢٣٤٥٦٧٨"), "•••") << "only ASCII digits count";
}

TEST(MaskedNumber, NeverShowsMoreThanThreeDigitsOfAnyNumber) {
  for (const std::string number : {"+16135550199", "16135550199", "+1 (613) 555-0199", "0033612345678",
                                   "+447700900123", "+971501234567", "+93701234567"}) {
    const std::string masked = MaskedNumber(number);
    int digits = 0;
    for (char c : masked) digits += c >= '0' && c <= '9';
    EXPECT_EQ(digits, 3) << number << " -> " << masked;
    EXPECT_EQ(masked.substr(masked.size() - 3), number.substr(number.size() - 3)) << number;
  }
}

TEST(Escape, EveryMarkupCharacter) {
  EXPECT_EQ(Escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace smsdesk::console
