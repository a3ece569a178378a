// Store writes whose failure changes nothing that follows (an audit row, a
// "warning already sent" mark, an outage's end on record) are never dropped
// silently either: the journal names the write and the store's reason.
// Writes whose failure matters are handled where they happen (the outbox
// sender retries them; the desk rolls back and tries the message again).
#pragma once

#include <string_view>

#include <spdlog/spdlog.h>

namespace smsdesk {

// `status` is a store::Status (or anything with ok() and message()): base/
// sits below the store and names no store type.
template <typename Status>
void WarnIfFailed(const Status& status, std::string_view what) {
  if (!status.ok()) spdlog::warn("could not record {}: {}", what, status.message());
}

}  // namespace smsdesk
