#include "firmware-host/cli/cli_store.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "firmware-host/cli/cli.h"
#include "firmware-host/desk/desk_settings.h"

namespace smsdesk {

void AddStoreOptions(CLI::App* cmd, std::string& config_path, std::string& database) {
  cmd->add_option("--config,-c", config_path,
                  std::string("Configuration file (default ") + kDefaultConfigPath + ", or the defaults without it)");
  cmd->add_option("--database", database, "Database file (default: the config's)");
}

int OpenStoreSession(const std::string& config_path, const std::string& database, std::optional<StoreSession>& out) {
  const std::string path = config_path.empty() ? kDefaultConfigPath : config_path;
  const bool defaults = config_path.empty() && !std::filesystem::exists(path);
  config::ParsedConfig parsed = defaults ? config::ParseConfig("", "defaults") : config::LoadConfig(path);
  if (!parsed.ok()) {
    const std::string errors = config::FormatErrors(parsed, path);
    return Fail(kExitBadInput, errors.substr(0, errors.find('\n')) + " (smsdesk check-config lists every error)");
  }
  auto desk_config = desk::BuildDeskConfig(parsed.config);
  if (!desk_config) return Fail(kExitBadInput, path + ": " + desk_config.error().message);
  const std::string database_path = database.empty() ? parsed.config.database : database;
  auto db = store::Database::Open(database_path);
  if (!db.ok()) return Fail(kExitFailure, "cannot open " + database_path + ": " + db.status().message());
  out.emplace(StoreSession{.config = std::move(parsed.config),
                           .config_path = defaults ? "" : path,
                           .database_path = database_path,
                           .desk = std::move(*desk_config),
                           .db = std::move(*db)});
  return kExitOk;
}

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "smsdesk: %s\n", message.c_str());
  return code;
}

int FailStore(const store::Status& status) {
  const bool input = status.code() == store::Status::Code::kNotFound || status.code() == store::Status::Code::kInvalid;
  return Fail(input ? kExitBadInput : kExitFailure, status.message());
}

std::string CliActor(const std::string& as) {
  if (!as.empty()) return as;
  for (const char* name : {"USER", "LOGNAME"}) {
    const char* user = std::getenv(name);
    if (user && *user) return std::string("cli:") + user;
  }
  return "cli:unknown";
}

std::optional<std::string> E164(const std::string& typed) {
  std::string number;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') continue;
    number += c;
  }
  const bool valid = number.size() >= 8 && number.size() <= 16 && number[0] == '+' && number[1] != '0' &&
                     number.find_first_not_of("0123456789", 1) == std::string::npos;
  return valid ? std::optional<std::string>(number) : std::nullopt;
}

}  // namespace smsdesk
