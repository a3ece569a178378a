// Small HTML helpers for the console's server-rendered pages: escaping (every
// piece of text from outside goes through Escape), the page frame, and the
// console's interface texts in English and French.
#pragma once

#include <string>
#include <string_view>

namespace smsdesk::console {

// &, <, >, " and ' as entities: safe in text and in quoted attributes.
std::string Escape(std::string_view text);

// A whole page: head, the stylesheet and script, a top bar with the user's
// name, the pages their `role` may open (roles.h) and a logout form (when
// `user` is set), then `body`.
std::string Page(std::string_view title, std::string_view body, std::string_view lang, std::string_view user = {},
                 std::string_view csrf = {}, std::string_view role = {});

// An interface text in `lang` ("en", "fr"); English when missing.
std::string_view T(std::string_view lang, std::string_view key);

// A number for someone who may not see it whole (roles.h): its last 3
// digits, every other digit a '•', nothing else of the text:
// "+16135550199" -> "••••••••199", "613-555-0199" -> "•••••••199". With 3
// digits or fewer (a short code, junk) none is shown ("•••"); "" stays "".
std::string MaskedNumber(std::string_view number);

// The console's stylesheet and script, built into the binary.
std::string_view StyleSheet();
std::string_view Script();

}  // namespace smsdesk::console
