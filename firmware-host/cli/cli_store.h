// What the commands that work on the store (`smsdesk queue`, `smsdesk faq
// import|export`) share: the config (or the built-in defaults), the desk
// settings built from it and the database it names (or --database), opened
// and so migrated; and their one-line failures, bad input exit 2 and a
// failing database exit 1. One StoreSession per command run, owned by it.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "firmware-host/config/config.h"
#include "firmware-host/desk/desk_config.h"
#include "store/database.h"
#include "store/status.h"

namespace smsdesk {

struct StoreSession {
  config::Config config;
  std::string config_path;  // the file read; empty: the built-in defaults
  std::string database_path;
  desk::DeskSettings desk;
  std::unique_ptr<store::Database> db;
};

// --config and --database, as every store command takes them.
void AddStoreOptions(CLI::App* cmd, std::string& config_path, std::string& database);

// Loads the config and opens the database. Without --config (`config_path`
// empty), a box without /etc/smsdesk/smsdesk.toml (a developer's machine, a
// test) runs on the defaults, as an empty config file would; a named config
// must load. `database` overrides the config's. kExitOk, or the exit code
// after one line on stderr.
int OpenStoreSession(const std::string& config_path, const std::string& database, std::optional<StoreSession>& out);

// Prints "smsdesk: <message>" on stderr and returns `code`.
int Fail(int code, const std::string& message);

// A store error: "no ticket N" and "the answer is empty" are the user's
// input (exit 2); anything else is the database failing (exit 1).
int FailStore(const store::Status& status);

// A phone number as the store keeps it: international ('+', a country code
// that does not start with 0, 7 to 15 digits in all), from what a person
// typed: spaces, dashes, dots and parentheses are dropped ("+1 (514)
// 555-0123"); anything else is not a number.
std::optional<std::string> E164(const std::string& typed);

// Who acts, for threads and the audit log: `as` when given, else
// "cli:$USER" ($LOGNAME, else "cli:unknown").
std::string CliActor(const std::string& as);

}  // namespace smsdesk
