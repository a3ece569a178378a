// The answer deadline as a reader of one SMS says it, in their language:
// "today by 17:00", "by tomorrow 17:00", "by Monday 17:00",
// "d'ici lundi 17h00", "بحلول يوم الاثنين الساعة 17:00", "у понеділок до 17:00".
//
// Relative words (today, tomorrow) are used when the deadline falls on the
// day the message arrived or the next; a weekday name within the week; a
// weekday and a date beyond ("by Monday Apr 14, 17:00") so that a long
// holiday never makes "Monday" ambiguous. Digits are Western (0-9) in every
// language: phones in Arabic and Persian locales read them, and they keep
// times and numbers dialable and copyable.
// Pure functions over local wall times (OfficeHours::ToLocal gives them).
#pragma once

#include <string>

#include <date/date.h>

#include "firmware-host/base/language.h"

namespace smsdesk::desk {

// `deadline` and `now` are local wall times in the desk's time zone. An
// unsupported language (kUnknown) gets English; Arabizi gets Arabic.
std::string FormatDeadline(date::local_seconds deadline, date::local_seconds now, faq::Lang lang);

// The weekday's name in `lang` in the form FormatDeadline uses.
std::string WeekdayName(date::weekday wd, faq::Lang lang);

}  // namespace smsdesk::desk
