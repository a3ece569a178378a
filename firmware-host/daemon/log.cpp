#include "firmware-host/daemon/log.h"

#include <unistd.h>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace smsdesk::daemon {

void SetUpLogging(const std::string& level) {
  if (!spdlog::get("smsdesk")) spdlog::set_default_logger(spdlog::stderr_logger_st("smsdesk"));
  // journald adds its own timestamps; a terminal gets them from us.
  spdlog::set_pattern(::isatty(STDERR_FILENO) ? "%H:%M:%S.%e %^%l%$ %v" : "%l %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

std::string MaskNumber(std::string_view number) {
  if (number.size() <= 4) return std::string(number);
  return "…" + std::string(number.substr(number.size() - 4));
}

}  // namespace smsdesk::daemon
