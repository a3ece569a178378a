// When the moderators are at the desk, and the honest answer to "when will
// someone answer me?".
//
// OfficeHours holds a weekly schedule (open periods per weekday, local time),
// an IANA time zone (daylight saving time from the system tzdata through
// Howard Hinnant's date/tz) and holiday dates. It is an immutable value: copy
// it freely, call it from any thread. Time is always a parameter.
//
// The deadline rule (AnswerDeadline), in the words of the promise "an answer
// within 24 hours; moderators work Mon–Fri 9:00–17:00":
//   1. received + promise, if someone is at the desk at that moment
//      (Monday 10:00 -> Tuesday 10:00);
//   2. otherwise the close of the first working day that opens after the
//      message arrived, so the moderators always get one whole working day
//      (Friday 18:00 -> Monday 17:00; Friday 10:00 -> Monday 17:00, since
//      Saturday 10:00 finds nobody; Monday 20:00 -> Tuesday 17:00; Sunday
//      before a Monday holiday -> Tuesday 17:00).
// The rule never promises less office time than a full working day when the
// clock promise lands on a closed desk, and never more than needed.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "firmware-host/routing/open_period.h"
#include "modem/result.h"

// The zone is only pointed at here: the time zone database (date/tz.h, the
// heaviest header of the desk) stays in the .cpp files that use it.
namespace date {
class time_zone;
}

namespace smsdesk::desk {

// One open period of a day, in local time since midnight; open < close.

struct OfficeHoursConfig {
  std::string time_zone = "America/Toronto";
  // Index: weekday as date::weekday::c_encoding() (0 = Sunday … 6 = Saturday).
  std::array<std::vector<OpenPeriod>, 7> week;
  std::vector<date::year_month_day> holidays;  // local dates the desk is closed
  std::chrono::hours promise{24};
};

// Monday to Friday, 9:00 to 17:00, in `time_zone`, no holidays: docs/design.md's
// moderators' week.
OfficeHoursConfig WeekdaysNineToFive(std::string time_zone);

// "9:00-17:00" or "09:00-12:00, 13:30-17:00"; "" or "closed" is no period.
modem::Result<std::vector<OpenPeriod>> ParseOpenPeriods(std::string_view text);

// "2025-12-25".
modem::Result<date::year_month_day> ParseLocalDate(std::string_view text);

class OfficeHours {
 public:
  // Errors: unknown time zone, periods that overlap, are unsorted or leave
  // the day (crossing midnight is not supported: split at 24:00).
  static modem::Result<OfficeHours> Create(OfficeHoursConfig config);

  bool IsOpen(std::chrono::sys_seconds t) const;
  bool IsWorkingDay(date::local_days day) const;

  // By when a moderator will answer a message received at `received`
  // (rule above), with the configured promise.
  std::chrono::sys_seconds AnswerDeadline(std::chrono::sys_seconds received) const;
  std::chrono::sys_seconds AnswerDeadline(std::chrono::sys_seconds received,
                                          std::chrono::seconds promise) const;

  date::local_seconds ToLocal(std::chrono::sys_seconds t) const;
  // Local wall time to UTC; a time skipped by a DST change maps to the
  // change itself, a repeated one to its first occurrence.
  std::chrono::sys_seconds ToSys(date::local_seconds t) const;
  // The start (local midnight) of the day `t` is in, in the desk's zone: a
  // SIM's daily cap counts these days. Days are 23 or 25 hours long when the
  // clocks change.
  std::chrono::sys_seconds LocalDayStart(std::chrono::sys_seconds t) const;

  const OfficeHoursConfig& config() const { return config_; }

 private:
  OfficeHours(OfficeHoursConfig config, const date::time_zone* zone)
      : config_(std::move(config)), zone_(zone) {}
  const std::vector<OpenPeriod>& PeriodsOf(date::local_days day) const;

  OfficeHoursConfig config_;
  const date::time_zone* zone_;  // owned by date's tz database, lives forever
};

}  // namespace smsdesk::desk
