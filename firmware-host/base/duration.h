// Durations as people write them in the config and on the command line:
// "90s", "30m", "16h", "3d", "5w", or combinations such as "1d12h".
#pragma once

#include <chrono>
#include <string_view>

#include "modem/result.h"

namespace smsdesk {

modem::Result<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace smsdesk
