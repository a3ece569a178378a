// One opening period of a day, in minutes from local midnight ("09:00-17:00").
// Apart from office_hours.h so that the config (config/config.h) names the
// office week without the time zone database.
#pragma once

#include <chrono>

namespace smsdesk::desk {

struct OpenPeriod {
  std::chrono::minutes open{0};
  std::chrono::minutes close{0};
};

}  // namespace smsdesk::desk
