// Turns the operator's config (config.h, strings and durations as written in
// the TOML file) into the router's DeskConfig (time zone looked up, office
// week built, topics and text overrides in place). Done at start and on
// every SIGHUP; an error here keeps the previous settings running.
#pragma once

#include "firmware-host/config/config.h"
#include "firmware-host/desk/router.h"
#include "modem/result.h"

namespace smsdesk::desk {

modem::Result<DeskConfig> BuildDeskConfig(const config::Config& config);

}  // namespace smsdesk::desk
