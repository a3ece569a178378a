// The daemon's log: spdlog to stderr; when systemd connected stderr to the
// journal, each line starts with its priority ("<4>"), which journald keeps.
// Privacy (docs/design.md): at info level and above a log line never carries a
// full phone number or a message body; MaskNumber() shows enough to tell two
// senders apart in one session and no more.
#pragma once

#include <string>
#include <string_view>

namespace smsdesk {

// "trace", "debug", "info", "warn", "error" (config log_level).
void SetUpLogging(const std::string& level);

// "+15551234567" -> "…4567"; short codes and names keep at most 4 characters.
std::string MaskNumber(std::string_view number);

}  // namespace smsdesk
