#include "firmware-host/base/config_reader.h"

#include "firmware-host/base/duration.h"

namespace smsdesk::config {

int LineOf(const toml::node* node) { return node ? static_cast<int>(node->source().begin.line) : 0; }

TableReader::TableReader(const toml::table& table, std::string path, std::vector<ConfigError>& errors)
    : table_(table), path_(std::move(path)), errors_(errors) {}

std::string TableReader::Name(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void TableReader::Error(const toml::node* node, const std::string& message) {
  errors_.push_back({node ? LineOf(node) : line(), message});
}

const toml::node* TableReader::Node(std::string_view key) {
  read_.insert(std::string(key));
  return table_.get(key);
}

void TableReader::String(std::string_view key, std::string& out) {
  const toml::node* node = Node(key);
  if (!node) return;
  if (auto value = node->value<std::string>()) {
    out = *value;
  } else {
    Error(node, Name(key) + ": expected a string");
  }
}

void TableReader::Int(std::string_view key, int& out, int min, int max) {
  const toml::node* node = Node(key);
  if (!node) return;
  auto value = node->value<std::int64_t>();
  if (!value || !node->is_integer()) {
    Error(node, Name(key) + ": expected a whole number");
  } else if (*value < min || *value > max) {
    Error(node, Name(key) + ": " + std::to_string(*value) + " is out of range (" + std::to_string(min) + ".." +
                    std::to_string(max) + ")");
  } else {
    out = static_cast<int>(*value);
  }
}

void TableReader::Number(std::string_view key, double& out, double min, double max) {
  const toml::node* node = Node(key);
  if (!node) return;
  auto value = node->value<double>();  // integers too: "low_balance = 5"
  if (!value) {
    Error(node, Name(key) + ": expected a number");
  } else if (*value < min || *value > max) {
    Error(node, Name(key) + ": " + std::to_string(*value) + " is out of range");
  } else {
    out = *value;
  }
}

void TableReader::Bool(std::string_view key, bool& out) {
  const toml::node* node = Node(key);
  if (!node) return;
  if (auto value = node->value_exact<bool>()) {
    out = *value;
  } else {
    Error(node, Name(key) + ": expected true or false");
  }
}

void TableReader::Duration(std::string_view key, std::chrono::seconds& out) {
  const toml::node* node = Node(key);
  if (!node) return;
  auto text = node->value<std::string>();
  if (!text) {
    Error(node, Name(key) + ": expected a duration such as \"90s\", \"10m\", \"24h\", \"3d\"");
    return;
  }
  auto parsed = ParseDuration(*text);
  if (!parsed) {
    Error(node, Name(key) + ": " + parsed.error().message);
  } else {
    out = *parsed;
  }
}

void TableReader::StringList(std::string_view key, std::vector<std::string>& out) {
  const toml::node* node = Node(key);
  if (!node) return;
  const toml::array* array = node->as_array();
  if (!array) {
    Error(node, Name(key) + ": expected a list of strings, e.g. [\"a\", \"b\"]");
    return;
  }
  std::vector<std::string> values;
  for (const toml::node& item : *array) {
    if (auto s = item.value<std::string>()) {
      values.push_back(*s);
    } else {
      Error(&item, Name(key) + ": every item must be a string");
      return;
    }
  }
  out = std::move(values);
}

const toml::table* TableReader::Table(std::string_view key) {
  const toml::node* node = Node(key);
  if (!node) return nullptr;
  if (const toml::table* t = node->as_table()) return t;
  Error(node, Name(key) + ": expected a table");
  return nullptr;
}

const toml::array* TableReader::Array(std::string_view key) {
  const toml::node* node = Node(key);
  if (!node) return nullptr;
  if (const toml::array* a = node->as_array()) return a;
  Error(node, Name(key) + ": expected an array");
  return nullptr;
}

void TableReader::ReportUnknownKeys() {
  for (const auto& [key, node] : table_) {
    if (!read_.contains(key.str())) Error(&node, "unknown setting " + Name(key.str()));
  }
}

}  // namespace smsdesk::config
