// The sample FAQ that `smsdesk demo` loads, so the demo answers questions
// without a file on disk: thirteen things newcomers in Ottawa ask (bus pass,
// next bus, health card, doctor, English classes, food bank, school, SIN and
// work permit, housing, winter clothes, library, the desk's hours and 911),
// each in Arabic, English and French, most also in Dari/Farsi, Ukrainian and
// Spanish. Every answer fits in two SMS segments as the sender plans them
// (modem::PlanSegments with its defaults: several French and Spanish answers
// stay in GSM-7 only through a national shift table, 3GPP TS 23.038 §6.2.1).
// Real Ottawa services; a desk elsewhere brings its own.
#pragma once

#include <string_view>

namespace smsdesk::demo {

// The FAQ as CSV (faq_csv.h): header `id,lang,keywords,question,answer`.
std::string_view DemoFaqCsv();

}  // namespace smsdesk::demo
