// Shared fixtures for the desk tests: the config's alert topics with names
// in every language, and Toronto office hours (Mon–Fri 9:00–17:00).
#pragma once

#include <chrono>
#include <vector>

#include <gtest/gtest.h>

#include "firmware-host/routing/keywords.h"
#include "firmware-host/routing/office_hours.h"

namespace smsdesk::desk::test_util {

inline std::vector<Topic> SampleTopics() {
  using faq::Lang;
  return {
      {.id = "alerts",
       .names = {{Lang::kEn, "alerts"}, {Lang::kFr, "alertes"}, {Lang::kAr, "تنبيهات"}}},
      {.id = "bus",
       .names = {{Lang::kEn, "school bus"},
                 {Lang::kFr, "autobus scolaire"},
                 {Lang::kEs, "autobús escolar"},
                 {Lang::kAr, "الباص"},
                 {Lang::kFa, "اتوبوس"},
                 {Lang::kUk, "автобус"}},
       .aliases = {"bus", "باص", "autobus"}},
      {.id = "storm", .names = {{Lang::kFr, "tempête"}, {Lang::kAr, "عاصفة"}}},
      {.id = "events", .names = {{Lang::kUk, "події"}}},
  };
}

inline date::year_month_day Ymd(int y, unsigned m, unsigned d) {
  return date::year(y) / date::month(m) / date::day(d);
}

inline OfficeHours Toronto(std::vector<date::year_month_day> holidays = {}) {
  OfficeHoursConfig config = WeekdaysNineToFive("America/Toronto");
  config.holidays = std::move(holidays);
  auto hours = OfficeHours::Create(config);
  EXPECT_TRUE(hours.ok()) << (hours.ok() ? "" : hours.error().message);
  return std::move(hours).value();
}

// A local wall time in the desk's zone, as the instant it names.
inline std::chrono::sys_seconds At(const OfficeHours& h, int y, unsigned m, unsigned d, int hour,
                                   int minute = 0) {
  return h.ToSys(date::local_days(Ymd(y, m, d)) + std::chrono::hours(hour) +
                 std::chrono::minutes(minute));
}

}  // namespace smsdesk::desk::test_util
