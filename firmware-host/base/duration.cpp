#include "firmware-host/base/duration.h"

#include <cctype>
#include <cstdint>
#include <string>

namespace smsdesk {

modem::Result<std::chrono::seconds> ParseDuration(std::string_view text) {
  if (text.empty()) return modem::MakeError("empty duration");
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t n = 0;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      if (n > 100'000'000) return modem::MakeError("duration too large: " + std::string(text));
      ++i;
    }
    if (i == start) return modem::MakeError("expected a number in '" + std::string(text) + "'");
    if (i == text.size()) return modem::MakeError("missing unit (s, m, h, d, w) in '" + std::string(text) + "'");
    std::int64_t unit = 0;
    switch (text[i]) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      case 'w': unit = 7 * 86400; break;
      default:
        return modem::MakeError("unknown unit '" + std::string(1, text[i]) + "' in '" + std::string(text) +
                                "' (use s, m, h, d, w)");
    }
    // "ms" is a unit of its own: milliseconds are rounded up to whole seconds.
    if (text[i] == 'm' && i + 1 < text.size() && text[i + 1] == 's') {
      total += (n + 999) / 1000;
      i += 2;
      continue;
    }
    total += n * unit;
    ++i;
  }
  return std::chrono::seconds(total);
}

}  // namespace smsdesk
