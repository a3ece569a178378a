// The HTTP server's limits, apart from the server so that the console's
// public header (console.h) names them without Beast.
#pragma once

#include <chrono>
#include <cstddef>

namespace smsdesk::console {

struct HttpLimits {
  std::size_t header_bytes = 16 * 1024;
  std::size_t body_bytes = 2 * 1024 * 1024;  // a FAQ CSV import fits
  // The whole request head (and a TLS handshake), from the moment the
  // server waits for it: a client dribbling header bytes is cut off, and so
  // is a keep-alive connection left idle.
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};   // the body, after the head
  std::chrono::seconds write_timeout{30};  // each answer, each event of a stream
  int max_connections = 64;
  // One address cannot take every connection (and lock moderators out).
  int max_connections_per_address = 16;
};

}  // namespace smsdesk::console
