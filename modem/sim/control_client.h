// ControlClient: one blocking request/answer on the simulator's control
// socket, for the CLI (`smsdesk sim text …`) and for tests. Not for use on an
// io_context thread.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "modem/result.h"

namespace smsdesk::sim {

// Sends `request` as one line and returns the answer, or an Error when the
// simulator is not running, the answer is not JSON, or `timeout` passes.
modem::Result<nlohmann::json> ControlRequest(const std::string& socket_path,
                                             const nlohmann::json& request,
                                             std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace smsdesk::sim
