// Directional marks around numbers in right-to-left texts: which numbers
// get them, that left-to-right texts and marked numbers are left alone, and
// that any input is handled.
#include "modem/bidi_marks.h"

#include <gtest/gtest.h>

namespace smsdesk::modem {
namespace {

const std::string kLre = "\u202A";
const std::string kPdf = "\u202C";

TEST(BidiMarks, WrapsNumbersOfSeveralGroupsInRightToLeftTexts) {
  EXPECT_EQ(MarkNumbersLeftToRight("اتصل على 613-560-5000 الآن"), "اتصل على " + kLre + "613-560-5000" + kPdf + " الآن");
  EXPECT_EQ(MarkNumbersLeftToRight("رقم +1 613 555 0123."), "رقم " + kLre + "+1 613 555 0123" + kPdf + ".");
  EXPECT_EQ(MarkNumbersLeftToRight("اتصل 911, 988"), "اتصل " + kLre + "911, 988" + kPdf);
  EXPECT_EQ(MarkNumbersLeftToRight("تاریخ ۱۴۰۳/۰۹/۱۶"), "تاریخ " + kLre + "۱۴۰۳/۰۹/۱۶" + kPdf);
  EXPECT_EQ(NumbersNeedingMarks("يوم 2026-12-07 الساعة 17:00"), 2u);
}

TEST(BidiMarks, LeavesSingleNumbersLeftToRightTextsAndMarkedNumbersAlone) {
  EXPECT_EQ(MarkNumbersLeftToRight("اتصل 911"), "اتصل 911");
  EXPECT_EQ(MarkNumbersLeftToRight("Call 613-560-5000"), "Call 613-560-5000");
  EXPECT_EQ(MarkNumbersLeftToRight("عندي 3 اطفال و 5 سنوات"), "عندي 3 اطفال و 5 سنوات");
  const std::string once = MarkNumbersLeftToRight("اتصل على 613-560-5000");
  EXPECT_EQ(MarkNumbersLeftToRight(once), once);
  EXPECT_EQ(NumbersNeedingMarks(once), 0u);
  EXPECT_EQ(MarkNumbersLeftToRight(""), "");
}

TEST(BidiMarks, AnyInputIsBoundedAndSafe) {
  std::string junk = "\xff\xfe ا 1-2 \xc3";
  EXPECT_NO_THROW(MarkNumbersLeftToRight(junk));
  std::string long_text = "ا";
  for (int i = 0; i < 20000; ++i) long_text += "1-";
  long_text += "1";
  const std::string marked = MarkNumbersLeftToRight(long_text);
  EXPECT_EQ(marked.size(), long_text.size() + 6);  // one number: two 3-byte marks
}

}  // namespace
}  // namespace smsdesk::modem
