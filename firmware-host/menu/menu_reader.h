// ReadMenu: the config's [menu] table into a MenuTree (menu_tree.h). Apart
// from the tree so that only the config's parser compiles toml++.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "firmware-host/base/config_error.h"
#include "firmware-host/menu/menu_tree.h"

namespace smsdesk::menu {

// Reads the [menu] table (`table` is its content). `topics`: the topic ids the
// config defines (join/stop must name one); `default_language`: every node
// needs a title in it. Every problem becomes an error with its line; items are
// numbered from 1 in messages, as the user presses them ("menu.item[2].item[1]"
// is the first choice under the second). Never throws.
void ReadMenu(const toml::table& table, const std::set<std::string>& topics, std::string default_language,
              MenuTree& tree, std::vector<config::ConfigError>& errors);

}  // namespace smsdesk::menu
