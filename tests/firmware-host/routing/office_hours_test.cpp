#include "firmware-host/routing/office_hours.h"

#include <gtest/gtest.h>

#include "firmware-host/routing/deadline_text.h"
#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::desk {
namespace {

using namespace std::chrono_literals;
using faq::Lang;
using std::chrono::sys_seconds;

using test_util::At;
using test_util::Toronto;
using test_util::Ymd;

std::string Local(const OfficeHours& h, sys_seconds t) {
  return date::format("%a %F %R", h.ToLocal(t));
}

struct DeadlineCase {
  const char* name;
  int y;
  unsigned m, d;
  int hour, minute;
  const char* expected;  // local "%a %F %R"
};

void PrintTo(const DeadlineCase& c, std::ostream* os) { *os << c.name; }

class OfficeHoursDeadline : public ::testing::TestWithParam<DeadlineCase> {};

// 2025: DST starts Sunday 9 March, ends Sunday 2 November in Toronto. Good
// Friday 18 April and Easter Monday 21 April, Christmas and Boxing Day are
// holidays here.
TEST_P(OfficeHoursDeadline, Toronto) {
  const OfficeHours h = Toronto({Ymd(2025, 4, 18), Ymd(2025, 4, 21), Ymd(2025, 12, 25),
                                 Ymd(2025, 12, 26)});
  const DeadlineCase& c = GetParam();
  EXPECT_EQ(Local(h, h.AnswerDeadline(At(h, c.y, c.m, c.d, c.hour, c.minute))), c.expected);
}

INSTANTIATE_TEST_SUITE_P(OfficeHours, OfficeHoursDeadline, ::testing::Values(
    DeadlineCase{"FridayEveningToMonday", 2025, 3, 7, 18, 0, "Mon 2025-03-10 17:00"},
    DeadlineCase{"FridayMorningToMonday", 2025, 3, 7, 10, 0, "Mon 2025-03-10 17:00"},
    DeadlineCase{"FridayLastMinute", 2025, 3, 7, 16, 59, "Mon 2025-03-10 17:00"},
    DeadlineCase{"SaturdayToMonday", 2025, 3, 8, 12, 0, "Mon 2025-03-10 17:00"},
    DeadlineCase{"SundayNightToMonday", 2025, 3, 9, 23, 59, "Mon 2025-03-10 17:00"},
    DeadlineCase{"MondayMorningPlus24h", 2025, 3, 10, 10, 0, "Tue 2025-03-11 10:00"},
    DeadlineCase{"ThursdayAfternoonPlus24h", 2025, 3, 13, 16, 30, "Fri 2025-03-14 16:30"},
    DeadlineCase{"ThursdayEveningToFriday", 2025, 3, 13, 17, 30, "Fri 2025-03-14 17:00"},
    DeadlineCase{"MondayEveningToTuesday", 2025, 3, 10, 18, 0, "Tue 2025-03-11 17:00"},
    DeadlineCase{"BeforeOpeningToday", 2025, 3, 10, 8, 0, "Mon 2025-03-10 17:00"},
    DeadlineCase{"AtOpeningPlus24h", 2025, 3, 10, 9, 0, "Tue 2025-03-11 09:00"},
    DeadlineCase{"AtClosingToTomorrow", 2025, 3, 10, 17, 0, "Tue 2025-03-11 17:00"},
    DeadlineCase{"EasterThursdayEvening", 2025, 4, 17, 18, 0, "Tue 2025-04-22 17:00"},
    DeadlineCase{"EasterThursdayMorning", 2025, 4, 17, 10, 0, "Tue 2025-04-22 17:00"},
    DeadlineCase{"ChristmasEve", 2025, 12, 24, 18, 0, "Mon 2025-12-29 17:00"},
    DeadlineCase{"DstEndsFriday", 2025, 10, 31, 18, 0, "Mon 2025-11-03 17:00"},
    DeadlineCase{"DstEndsSaturdayPlus24hSunday", 2025, 11, 1, 9, 0, "Mon 2025-11-03 17:00"}));

TEST(OfficeHoursTest, DeadlineAcrossDstIsLocalWallTime) {
  const OfficeHours h = Toronto();
  // Friday 18:00 EST (23:00 UTC) to Monday 17:00 EDT (21:00 UTC): 70 hours,
  // not 71, because the clocks went forward on Sunday.
  const sys_seconds friday = At(h, 2025, 3, 7, 18);
  EXPECT_EQ(date::format("%F %R", friday), "2025-03-07 23:00");
  const sys_seconds due = h.AnswerDeadline(friday);
  EXPECT_EQ(date::format("%F %R", due), "2025-03-10 21:00");
  EXPECT_EQ(due - friday, 70h);
}

TEST(OfficeHoursTest, LocalDaysStartAtLocalMidnightAndChangeLengthWithTheClocks) {
  const OfficeHours h = Toronto();
  // 2026-03-08 is the day the clocks go forward: 23 hours long.
  const sys_seconds before = At(h, 2026, 3, 8, 1);
  const sys_seconds day = h.LocalDayStart(before);
  EXPECT_EQ(date::format("%F %R", day), "2026-03-08 05:00");  // midnight EST
  EXPECT_EQ(h.LocalDayStart(At(h, 2026, 3, 8, 23)), day);
  const sys_seconds next = h.LocalDayStart(At(h, 2026, 3, 9, 0));
  EXPECT_EQ(date::format("%F %R", next), "2026-03-09 04:00");  // midnight EDT
  EXPECT_EQ(next - day, 23h);
  EXPECT_EQ(h.LocalDayStart(next - 1s), day);
  EXPECT_EQ(h.LocalDayStart(next), next);
}

TEST(OfficeHoursTest, IsOpen) {
  const OfficeHours h = Toronto({Ymd(2025, 7, 1)});
  EXPECT_TRUE(h.IsOpen(At(h, 2025, 3, 10, 9, 0)));
  EXPECT_FALSE(h.IsOpen(At(h, 2025, 3, 10, 8, 59)));
  EXPECT_TRUE(h.IsOpen(At(h, 2025, 3, 10, 16, 59)));
  EXPECT_FALSE(h.IsOpen(At(h, 2025, 3, 10, 17, 0)));
  EXPECT_FALSE(h.IsOpen(At(h, 2025, 3, 8, 12, 0)));   // Saturday
  EXPECT_FALSE(h.IsOpen(At(h, 2025, 7, 1, 12, 0)));   // Canada Day, a Tuesday
  EXPECT_TRUE(h.IsOpen(At(h, 2025, 7, 2, 12, 0)));
}

TEST(OfficeHoursTest, SplitDayAndOtherZone) {
  OfficeHoursConfig config = WeekdaysNineToFive("Europe/Paris");
  for (unsigned d = 1; d <= 5; ++d) config.week[d] = ParseOpenPeriods("9:00-12:00, 13:30-17:00").value();
  const OfficeHours h = OfficeHours::Create(config).value();
  EXPECT_FALSE(h.IsOpen(At(h, 2025, 3, 10, 12, 45)));
  EXPECT_TRUE(h.IsOpen(At(h, 2025, 3, 10, 14, 0)));
  // Lunch +24h is lunch: closed, so the whole next working day.
  EXPECT_EQ(Local(h, h.AnswerDeadline(At(h, 2025, 3, 10, 12, 45))), "Tue 2025-03-11 17:00");
  EXPECT_EQ(Local(h, h.AnswerDeadline(At(h, 2025, 3, 10, 10, 0))), "Tue 2025-03-11 10:00");
  // The same instant is Monday 10:00 in Paris and 05:00 in Toronto.
  const OfficeHours toronto = Toronto();
  EXPECT_TRUE(h.IsOpen(At(h, 2025, 3, 10, 10)));
  EXPECT_FALSE(toronto.IsOpen(At(h, 2025, 3, 10, 10)));
}

TEST(OfficeHoursTest, ShorterPromise) {
  const OfficeHours h = Toronto();
  EXPECT_EQ(Local(h, h.AnswerDeadline(At(h, 2025, 3, 10, 10), 4h)), "Mon 2025-03-10 14:00");
  EXPECT_EQ(Local(h, h.AnswerDeadline(At(h, 2025, 3, 10, 15), 4h)), "Tue 2025-03-11 17:00");
}

TEST(OfficeHoursTest, NeverOpenFallsBackToTheClockPromise) {
  OfficeHoursConfig config;
  config.time_zone = "UTC";
  const OfficeHours h = OfficeHours::Create(config).value();
  const sys_seconds t = At(h, 2025, 3, 10, 10);
  EXPECT_EQ(h.AnswerDeadline(t), t + 24h);
}

TEST(OfficeHoursTest, CreateRejectsBadConfigs) {
  OfficeHoursConfig bad_zone = WeekdaysNineToFive("Mars/Olympus_Mons");
  EXPECT_FALSE(OfficeHours::Create(bad_zone).ok());
  OfficeHoursConfig overlap = WeekdaysNineToFive("UTC");
  overlap.week[1] = ParseOpenPeriods("9:00-12:00,11:00-17:00").value();
  EXPECT_FALSE(OfficeHours::Create(overlap).ok());
  OfficeHoursConfig backwards = WeekdaysNineToFive("UTC");
  backwards.week[2] = ParseOpenPeriods("17:00-9:00").value();
  EXPECT_FALSE(OfficeHours::Create(backwards).ok());
}

TEST(OfficeHoursTest, ParseOpenPeriods) {
  auto p = ParseOpenPeriods("09:00-12:00, 13:30-17:00");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ((*p)[1].open, 13h + 30min);
  EXPECT_EQ((*p)[1].close, 17h);
  EXPECT_EQ(ParseOpenPeriods("9:00-24:00")->at(0).close, 24h);
  EXPECT_TRUE(ParseOpenPeriods("closed")->empty());
  EXPECT_TRUE(ParseOpenPeriods("")->empty());
  EXPECT_FALSE(ParseOpenPeriods("9-17").ok());
  EXPECT_FALSE(ParseOpenPeriods("9:00-25:00").ok());
  EXPECT_FALSE(ParseOpenPeriods("9:60-17:00").ok());
  EXPECT_FALSE(ParseOpenPeriods("9:00-17:0").ok());
}

TEST(OfficeHoursTest, ParseLocalDate) {
  EXPECT_EQ(ParseLocalDate("2025-12-25").value(), Ymd(2025, 12, 25));
  EXPECT_FALSE(ParseLocalDate("2025-02-30").ok());
  EXPECT_FALSE(ParseLocalDate("25-12-2025").ok());
}

// --- The deadline as an SMS says it.

struct PhraseCase {
  Lang lang;
  const char* expected;
};

class DeskDeadlineText : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(DeskDeadlineText, FridayEveningSaysMonday) {
  const OfficeHours h = Toronto();
  const sys_seconds received = At(h, 2025, 3, 7, 18);
  const sys_seconds due = h.AnswerDeadline(received);
  EXPECT_EQ(FormatDeadline(h.ToLocal(due), h.ToLocal(received), GetParam().lang), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Desk, DeskDeadlineText, ::testing::Values(
    PhraseCase{Lang::kEn, "by Monday 17:00"}, PhraseCase{Lang::kFr, "d'ici lundi 17h00"},
    PhraseCase{Lang::kAr, "بحلول يوم الاثنين الساعة 17:00"},
    PhraseCase{Lang::kArLatn, "بحلول يوم الاثنين الساعة 17:00"},
    PhraseCase{Lang::kEs, "a más tardar el lunes a las 17:00"},
    PhraseCase{Lang::kFa, "تا دوشنبه ساعت 17:00"}, PhraseCase{Lang::kUk, "у понеділок до 17:00"},
    PhraseCase{Lang::kUnknown, "by Monday 17:00"}));

TEST(DeskDeadlineTextTest, TodayAndTomorrow) {
  const OfficeHours h = Toronto();
  auto phrase = [&](sys_seconds received, Lang lang) {
    return FormatDeadline(h.ToLocal(h.AnswerDeadline(received)), h.ToLocal(received), lang);
  };
  const sys_seconds early = At(h, 2025, 3, 10, 8);    // -> today 17:00
  const sys_seconds evening = At(h, 2025, 3, 10, 18);  // -> tomorrow 17:00
  const sys_seconds morning = At(h, 2025, 3, 10, 9, 30);  // -> tomorrow 9:30
  EXPECT_EQ(phrase(early, Lang::kEn), "today by 17:00");
  EXPECT_EQ(phrase(early, Lang::kFr), "aujourd'hui avant 17h00");
  EXPECT_EQ(phrase(early, Lang::kAr), "اليوم قبل الساعة 17:00");
  EXPECT_EQ(phrase(evening, Lang::kEn), "by tomorrow 17:00");
  EXPECT_EQ(phrase(evening, Lang::kUk), "завтра до 17:00");
  EXPECT_EQ(phrase(evening, Lang::kEs), "a más tardar mañana a las 17:00");
  EXPECT_EQ(phrase(morning, Lang::kEn), "by tomorrow 9:30");
  EXPECT_EQ(phrase(morning, Lang::kFr), "d'ici demain 9h30");
}

TEST(DeskDeadlineTextTest, BeyondAWeekNamesTheDate) {
  std::vector<date::year_month_day> holidays;
  for (unsigned d = 22; d <= 31; ++d) holidays.push_back(Ymd(2025, 12, d));
  holidays.push_back(Ymd(2026, 1, 1));
  holidays.push_back(Ymd(2026, 1, 2));
  const OfficeHours h = Toronto(holidays);
  const sys_seconds received = At(h, 2025, 12, 19, 18);
  const sys_seconds due = h.AnswerDeadline(received);
  EXPECT_EQ(Local(h, due), "Mon 2026-01-05 17:00");
  EXPECT_EQ(FormatDeadline(h.ToLocal(due), h.ToLocal(received), Lang::kEn), "by Monday Jan 5, 17:00");
  EXPECT_EQ(FormatDeadline(h.ToLocal(due), h.ToLocal(received), Lang::kFr), "d'ici lundi 05/01 17h00");
  EXPECT_EQ(FormatDeadline(h.ToLocal(due), h.ToLocal(received), Lang::kUk), "у понеділок 05.01 до 17:00");
}

TEST(DeskDeadlineTextTest, WeekdayNames) {
  EXPECT_EQ(WeekdayName(date::Friday, Lang::kFr), "vendredi");
  EXPECT_EQ(WeekdayName(date::Sunday, Lang::kAr), "الأحد");
  EXPECT_EQ(WeekdayName(date::Saturday, Lang::kFa), "شنبه");
}

}  // namespace
}  // namespace smsdesk::desk
