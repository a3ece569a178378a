#include "firmware-host/routing/office_hours.h"

#include "modem/trim.h"

#include <date/tz.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace smsdesk::desk {
namespace {

using std::chrono::minutes;
using std::chrono::sys_seconds;

// How far ahead AnswerDeadline looks for a working day before it falls back
// to the clock promise (a schedule with no open day at all).
constexpr int kSearchDays = 400;


bool ParseNumber(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// "9:00", "17:30", "24:00".
bool ParseClock(std::string_view s, minutes& out) {
  s = Trim(s, kSpaceAndTab);
  size_t colon = s.find(':');
  int h = 0, m = 0;
  if (colon == std::string_view::npos || !ParseNumber(s.substr(0, colon), h) ||
      !ParseNumber(s.substr(colon + 1), m) || s.size() - colon - 1 != 2)
    return false;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return false;
  out = std::chrono::hours(h) + minutes(m);
  return true;
}

}  // namespace

OfficeHoursConfig WeekdaysNineToFive(std::string time_zone) {
  OfficeHoursConfig config;
  config.time_zone = std::move(time_zone);
  for (unsigned d = 1; d <= 5; ++d) config.week[d] = {{std::chrono::hours(9), std::chrono::hours(17)}};
  return config;
}

modem::Result<std::vector<OpenPeriod>> ParseOpenPeriods(std::string_view text) {
  std::vector<OpenPeriod> periods;
  text = Trim(text, kSpaceAndTab);
  if (text.empty() || text == "closed") return periods;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    size_t dash = part.find('-');
    OpenPeriod p;
    if (dash == std::string_view::npos || !ParseClock(part.substr(0, dash), p.open) ||
        !ParseClock(part.substr(dash + 1), p.close))
      return modem::MakeError("office hours: expected HH:MM-HH:MM, got '" + std::string(part) + "'");
    periods.push_back(p);
  }
  return periods;
}

modem::Result<date::year_month_day> ParseLocalDate(std::string_view text) {
  text = Trim(text, kSpaceAndTab);
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseNumber(text.substr(0, 4), y) ||
      !ParseNumber(text.substr(5, 2), m) || !ParseNumber(text.substr(8, 2), d))
    return modem::MakeError("expected a date YYYY-MM-DD, got '" + std::string(text) + "'");
  date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(m)),
                           date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return modem::MakeError("no such date: '" + std::string(text) + "'");
  return ymd;
}

modem::Result<OfficeHours> OfficeHours::Create(OfficeHoursConfig config) {
  for (auto& day : config.week) {
    std::sort(day.begin(), day.end(),
              [](const OpenPeriod& a, const OpenPeriod& b) { return a.open < b.open; });
    for (size_t i = 0; i < day.size(); ++i) {
      const OpenPeriod& p = day[i];
      if (p.open < minutes(0) || p.close > std::chrono::hours(24) || p.open >= p.close)
        return modem::MakeError("office hours: a period must open before it closes, within the day");
      if (i > 0 && day[i - 1].close > p.open)
        return modem::MakeError("office hours: periods of one day overlap");
    }
  }
  const date::time_zone* zone = nullptr;
  // date's tz database reports an unknown zone or missing tzdata by throwing;
  // this is start-up, and the error becomes a value here.
  try {
    zone = date::locate_zone(config.time_zone);
  } catch (const std::exception& e) {
    return modem::MakeError("office hours: unknown time zone '" + config.time_zone + "': " + e.what());
  }
  return OfficeHours(std::move(config), zone);
}

date::local_seconds OfficeHours::ToLocal(sys_seconds t) const { return zone_->to_local(t); }

sys_seconds OfficeHours::ToSys(date::local_seconds t) const {
  return zone_->to_sys(t, date::choose::earliest);
}

sys_seconds OfficeHours::LocalDayStart(sys_seconds t) const {
  return ToSys(date::local_seconds(date::floor<date::days>(ToLocal(t))));
}

const std::vector<OpenPeriod>& OfficeHours::PeriodsOf(date::local_days day) const {
  return config_.week[date::weekday(day).c_encoding()];
}

bool OfficeHours::IsWorkingDay(date::local_days day) const {
  if (PeriodsOf(day).empty()) return false;
  const date::year_month_day ymd(day);
  return std::find(config_.holidays.begin(), config_.holidays.end(), ymd) == config_.holidays.end();
}

bool OfficeHours::IsOpen(sys_seconds t) const {
  const date::local_seconds local = ToLocal(t);
  const date::local_days day = date::floor<date::days>(local);
  if (!IsWorkingDay(day)) return false;
  // Compare instants, not wall times, so that a period on a DST-change day
  // is as long as the clock on the wall says.
  for (const OpenPeriod& p : PeriodsOf(day))
    if (ToSys(day + p.open) <= t && t < ToSys(day + p.close)) return true;
  return false;
}

sys_seconds OfficeHours::AnswerDeadline(sys_seconds received) const {
  return AnswerDeadline(received, config_.promise);
}

sys_seconds OfficeHours::AnswerDeadline(sys_seconds received, std::chrono::seconds promise) const {
  const sys_seconds by_clock = received + promise;
  if (IsOpen(by_clock)) return by_clock;
  const date::local_days first = date::floor<date::days>(ToLocal(received));
  for (int i = 0; i < kSearchDays; ++i) {
    const date::local_days day = first + date::days(i);
    if (!IsWorkingDay(day)) continue;
    const std::vector<OpenPeriod>& periods = PeriodsOf(day);
    if (ToSys(day + periods.front().open) < received) continue;  // already under way
    return ToSys(day + periods.back().close);
  }
  return by_clock;
}

}  // namespace smsdesk::desk
