// The wall clock as the store records time: Unix seconds. The desk's logic
// takes time as a parameter; only the edges (daemon, console) read it here.
#pragma once

#include <chrono>
#include <cstdint>

namespace smsdesk {

inline std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace smsdesk
