// The languages the desk knows, as the router, the menus, the FAQ and the
// store name them ("ar", "ar-Latn", "en", "fr", "es", "fa", "uk").
#pragma once

#include <string_view>

namespace smsdesk {

enum class Lang { kAr, kArLatn, kEn, kFr, kEs, kFa, kUk, kUnknown };

// "ar", "ar-Latn", "en"… ; unknown codes map to kUnknown ("prs" and "fa-AF"
// are Dari, read as "fa").
Lang LangFromCode(std::string_view code);
std::string_view LangCode(Lang lang);  // "und" for kUnknown

// The text analysis was the first to name languages, and most of the code
// still spells them faq::Lang.
namespace faq {
using ::smsdesk::Lang;
using ::smsdesk::LangCode;
using ::smsdesk::LangFromCode;
}  // namespace faq

}  // namespace smsdesk
