#include "firmware-host/base/quiet_hours.h"

#include <date/tz.h>

#include <algorithm>
#include <regex>

namespace smsdesk {
namespace {

using std::chrono::minutes;

bool InQuiet(const QuietHours& q, minutes local) {
  if (q.start == q.end) return false;
  if (q.start < q.end) return local >= q.start && local < q.end;
  return local >= q.start || local < q.end;  // wraps midnight
}

}  // namespace

modem::Result<std::optional<QuietHours>> ParseQuietHours(std::string_view text) {
  if (text.empty() || text == "none") return std::optional<QuietHours>{};
  static const std::regex kPeriod(R"(^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$)");
  std::cmatch m;
  if (!std::regex_match(text.begin(), text.end(), m, kPeriod)) {
    return modem::MakeError("\"" + std::string(text) + "\" is not like \"21:00-07:00\" or \"none\"");
  }
  const int h1 = std::stoi(m[1]), m1 = std::stoi(m[2]), h2 = std::stoi(m[3]), m2 = std::stoi(m[4]);
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 == 24 && m2 != 0)) {
    return modem::MakeError("\"" + std::string(text) + "\": hours 0-24, minutes 0-59");
  }
  QuietHours q{.start = minutes(h1 * 60 + m1), .end = minutes((h2 % 24) * 60 + m2)};
  if (q.start == q.end) return modem::MakeError("\"" + std::string(text) + "\": starts and ends at the same time");
  return std::optional<QuietHours>(q);
}

std::int64_t QuietUntil(const QuietHours& q, const std::string& time_zone, std::int64_t now) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return now;  // the config check refuses unknown zones; never hold forever
  }
  const date::sys_seconds t{std::chrono::seconds(now)};
  const date::local_seconds local = zone->to_local(t);
  const date::local_days day = date::floor<date::days>(local);
  const minutes in_day = std::chrono::duration_cast<minutes>(local - day);
  if (!InQuiet(q, in_day)) return now;
  // The quiet period ends today at `end`, or tomorrow when it wraps and we
  // are in its evening part.
  const date::local_days end_day = (q.start > q.end && in_day >= q.start) ? day + date::days(1) : day;
  const date::sys_seconds end = zone->to_sys(date::local_seconds(end_day) + q.end, date::choose::latest);
  return std::max(now, end.time_since_epoch().count());
}

}  // namespace smsdesk
