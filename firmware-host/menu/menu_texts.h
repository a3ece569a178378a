// The menu's own words (back, more, invalid choice, confirmations…) in the
// desk's languages: one constant table, read-only, safe from any thread.
// Short on purpose: a USSD screen holds 182 GSM-7 or 79 UCS-2 characters.
#pragma once

#include <string>
#include <string_view>

namespace smsdesk::menu {

enum class MenuText {
  kBack,          // "0. Back"
  kMore,          // "98. More"
  kChooseRange,   // {n}: the number of choices (SMS)
  kInvalidChoice, // the short form for USSD screens
  kTypeQuestion,
  kThanks,        // after a typed question
  kJoined,        // {title}: the item's title
  kStopped,       // {title}
  kFullBySms,     // after a cut answer
  kGoodbye,       // "0" on the first screen
  kNoAnswer,      // a FAQ choice whose answer was not found
};

// The text in `lang` (a canonical code); English for languages not in the table.
std::string MenuString(MenuText text, const std::string& lang);

// `text` with every "{key}" replaced by `value`.
std::string FillIn(std::string text, std::string_view key, std::string_view value);

// A language's name in itself ("العربية", "Français"), for the USSD language
// picker; the code itself when the table does not know it.
std::string LanguageName(const std::string& code);

}  // namespace smsdesk::menu
