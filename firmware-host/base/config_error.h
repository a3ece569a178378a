// One problem found in the config file, with its line; its own header so the
// readers of config sections (menu/menu_tree.h) need not include config.h.
#pragma once

#include <string>

namespace smsdesk::config {

struct ConfigError {
  int line = 0;  // 0 when the error is not tied to a line
  std::string message;
};

}  // namespace smsdesk::config
