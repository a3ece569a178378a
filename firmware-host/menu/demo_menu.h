// The sample menu `smsdesk demo` serves over SMS (MENU, then numbers) and
// over USSD (its /ussd callback): the sample FAQ's answers grouped in a
// small tree, a weather alerts topic to join and leave, and "talk to a
// person", in the six languages of the sample FAQ. TOML for the config file.
#pragma once

#include <string_view>

namespace smsdesk::demo {

// [topics.weather] and [menu] tables (menu/menu_reader.h).
std::string_view DemoMenuToml();

}  // namespace smsdesk::demo
