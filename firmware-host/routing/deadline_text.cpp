#include "firmware-host/routing/deadline_text.h"

#include <cstdio>

namespace smsdesk::desk {
namespace {

using faq::Lang;

Lang Supported(Lang lang) {
  switch (lang) {
    case Lang::kArLatn: return Lang::kAr;
    case Lang::kUnknown: return Lang::kEn;
    default: return lang;
  }
}

// Index: c_encoding (0 = Sunday). Ukrainian in the accusative, as it follows
// "у" ("у понеділок"); French and Spanish lowercase as those languages write
// weekdays.
constexpr const char* kWeekdays[][7] = {
    /* ar */ {"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
    /* en */ {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
    /* fr */ {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
    /* es */ {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
    /* fa */ {"یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"},
    /* uk */ {"неділю", "понеділок", "вівторок", "середу", "четвер", "п'ятницю", "суботу"},
};

int Row(Lang lang) {
  switch (Supported(lang)) {
    case Lang::kAr: return 0;
    case Lang::kFr: return 2;
    case Lang::kEs: return 3;
    case Lang::kFa: return 4;
    case Lang::kUk: return 5;
    default: return 1;
  }
}

constexpr const char* kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string Clock(date::local_seconds t, Lang lang) {
  const auto day = date::floor<date::days>(t);
  const date::hh_mm_ss<std::chrono::seconds> hms(t - day);
  char buf[32];
  // French writes 17h00; the others 17:00.
  std::snprintf(buf, sizeof buf, lang == Lang::kFr ? "%dh%02d" : "%d:%02d",
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buf;
}

// "Apr 14" in English (day/month order is ambiguous between Canadian and US
// readers); "14/04" elsewhere, "14.04" in Ukrainian.
std::string ShortDate(date::local_days day, Lang lang) {
  const date::year_month_day ymd(day);
  const unsigned d = static_cast<unsigned>(ymd.day());
  const unsigned m = static_cast<unsigned>(ymd.month());
  char buf[40];
  if (lang == Lang::kEn)
    std::snprintf(buf, sizeof buf, "%s %u", kEnglishMonths[m - 1], d);
  else
    std::snprintf(buf, sizeof buf, lang == Lang::kUk ? "%02u.%02u" : "%02u/%02u", d, m);
  return buf;
}

}  // namespace

std::string WeekdayName(date::weekday wd, faq::Lang lang) {
  return kWeekdays[Row(lang)][wd.c_encoding()];
}

std::string FormatDeadline(date::local_seconds deadline, date::local_seconds now, faq::Lang lang) {
  lang = Supported(lang);
  const date::local_days day = date::floor<date::days>(deadline);
  const long days_ahead = (day - date::floor<date::days>(now)).count();
  const std::string t = Clock(deadline, lang);
  const std::string wd = WeekdayName(date::weekday(day), lang);
  // A weekday name alone is unambiguous only within the coming week.
  const std::string when = days_ahead > 6 ? wd + " " + ShortDate(day, lang) : wd;

  if (days_ahead <= 0) {
    switch (lang) {
      case Lang::kFr: return "aujourd'hui avant " + t;
      case Lang::kEs: return "hoy antes de las " + t;
      case Lang::kAr: return "اليوم قبل الساعة " + t;
      case Lang::kFa: return "امروز تا ساعت " + t;
      case Lang::kUk: return "сьогодні до " + t;
      default: return "today by " + t;
    }
  }
  if (days_ahead == 1) {
    switch (lang) {
      case Lang::kFr: return "d'ici demain " + t;
      case Lang::kEs: return "a más tardar mañana a las " + t;
      case Lang::kAr: return "بحلول الغد الساعة " + t;
      case Lang::kFa: return "تا فردا ساعت " + t;
      case Lang::kUk: return "завтра до " + t;
      default: return "by tomorrow " + t;
    }
  }
  switch (lang) {
    case Lang::kFr: return "d'ici " + when + " " + t;
    case Lang::kEs: return "a más tardar el " + when + " a las " + t;
    case Lang::kAr: return "بحلول يوم " + when + " الساعة " + t;
    case Lang::kFa: return "تا " + when + " ساعت " + t;
    case Lang::kUk: return "у " + when + " до " + t;
    default: return days_ahead > 6 ? "by " + when + ", " + t : "by " + when + " " + t;
  }
}

}  // namespace smsdesk::desk
