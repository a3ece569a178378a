// The console tests' HTTP client: one request on a connection of its own,
// the answer read as the console's own http::Response. Beast is compiled
// here only (http_client_support.cpp), as the console compiles it only in its server.
#pragma once

#include <map>
#include <string>

#include "firmware-host/console/http_types.h"

namespace smsdesk::console::test_util {

// `method target` to 127.0.0.1:`port`, from the local address `from` (any
// 127.x.y.z), with Host set, `headers` added, and `body` as a form when not
// empty; blocks until the whole answer is read.
http::Response HttpExchange(unsigned short port, const std::string& from, http::verb method,
                            const std::string& target, const std::string& body,
                            const std::map<std::string, std::string>& headers);

}  // namespace smsdesk::console::test_util
