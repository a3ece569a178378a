// Turns the operator's config (config.h, strings and durations as written in
// the TOML file) into the desk's DeskSettings (time zone looked up, office
// week built, topics and text overrides in place). Done at start and on
// every SIGHUP; an error here keeps the previous settings running.
#pragma once

#include "firmware-host/config/config.h"
#include "firmware-host/desk/desk_config.h"
#include "modem/result.h"

namespace smsdesk::desk {

modem::Result<DeskSettings> BuildDeskConfig(const config::Config& config);
// The [alerts] section with the topics, languages and time zone it needs
// (part of BuildDeskConfig; `smsdesk alert` uses it alone).
modem::Result<alerts::AlertSettings> BuildAlertSettings(const config::Config& config);

}  // namespace smsdesk::desk
