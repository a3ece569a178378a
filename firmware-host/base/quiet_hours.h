// A daily period in local time that may wrap midnight ("21:00-07:00"): when
// info alerts (and anything else that may wait) are not sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace smsdesk {

struct QuietHours {
  std::chrono::minutes start{0};
  std::chrono::minutes end{0};
};

// "HH:MM-HH:MM"; "" or "none": no quiet hours.
modem::Result<std::optional<QuietHours>> ParseQuietHours(std::string_view text);

// `now` (Unix seconds) if it is outside the quiet period in `time_zone`,
// else the period's end. An unknown zone never holds anything.
std::int64_t QuietUntil(const QuietHours& quiet, const std::string& time_zone, std::int64_t now);

}  // namespace smsdesk
