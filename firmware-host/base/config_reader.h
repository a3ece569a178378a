// TableReader: reads one TOML table into config fields, records an error with
// its line for each wrong value, and reports keys it was never asked about
// (a typo such as "promis = 24h" must not pass silently).
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "firmware-host/base/config_error.h"

namespace smsdesk::config {

class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, std::vector<ConfigError>& errors);

  void String(std::string_view key, std::string& out);
  void Int(std::string_view key, int& out, int min, int max);
  void Number(std::string_view key, double& out, double min, double max);
  void Bool(std::string_view key, bool& out);
  void Duration(std::string_view key, std::chrono::seconds& out);
  void StringList(std::string_view key, std::vector<std::string>& out);
  const toml::table* Table(std::string_view key);
  const toml::array* Array(std::string_view key);
  const toml::node* Node(std::string_view key);

  void Error(const toml::node* node, const std::string& message);
  // Call last: every key nobody read is an error.
  void ReportUnknownKeys();

  const std::string& path() const { return path_; }
  int line() const { return static_cast<int>(table_.source().begin.line); }

 private:
  std::string Name(std::string_view key) const;
  const toml::table& table_;
  std::string path_;
  std::vector<ConfigError>& errors_;
  std::set<std::string, std::less<>> read_;
};

int LineOf(const toml::node* node);

}  // namespace smsdesk::config
