// What the desk runs with: the router's rules (routing/router.h) and the
// alert settings that alerts by SMS from an agency phone, the USSD menu's
// languages and the console's alert pages use. Built from the config by
// desk_settings.h at start and on every SIGHUP.
#pragma once

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/routing/router.h"

namespace smsdesk::desk {

// A DeskConfig is what Route() reads; the desk passes itself as one.
struct DeskSettings : DeskConfig {
  // Alerts sent by SMS from registered agency phones ("ALERT 4821 BUS …").
  alerts::AlertSettings alerts;
};

}  // namespace smsdesk::desk
