#include "modem/at_text.h"

#include <cctype>
#include <limits>

#include "modem/trim.h"

namespace smsdesk::modem {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::string_view TrimAt(std::string_view text) {
  return Trim(text, std::string_view(" \t\r\n\0", 5));
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsNoCase(text.substr(0, prefix.size()), prefix);
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool ContainsNoCase(std::string_view text, std::string_view needle) {
  if (needle.empty()) return true;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (EqualsNoCase(text.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::optional<std::string_view> AfterPrefix(std::string_view line, std::string_view prefix) {
  line = TrimAt(line);
  if (!StartsWithNoCase(line, prefix)) return std::nullopt;
  return TrimAt(line.substr(prefix.size()));
}

std::vector<std::string_view> SplitFields(std::string_view text) {
  std::vector<std::string_view> fields;
  bool in_quotes = false;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && c == '(') {
      ++depth;
    } else if (!in_quotes && c == ')' && depth > 0) {
      --depth;
    } else if (!in_quotes && depth == 0 && c == ',') {
      fields.push_back(TrimAt(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  fields.push_back(TrimAt(text.substr(start)));
  return fields;
}

bool IsQuoted(std::string_view field) {
  field = TrimAt(field);
  return field.size() >= 2 && field.front() == '"' && field.back() == '"';
}

std::string_view Unquote(std::string_view field) {
  field = TrimAt(field);
  if (IsQuoted(field)) return field.substr(1, field.size() - 2);
  return field;
}

std::optional<int> ParseDecimal(std::string_view field) {
  field = TrimAt(field);
  bool negative = false;
  if (!field.empty() && field.front() == '-') {
    negative = true;
    field.remove_prefix(1);
  }
  if (field.empty() || field.size() > 9) return std::nullopt;
  int value = 0;
  for (const char c : field) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

std::optional<std::uint32_t> ParseHexField(std::string_view field) {
  field = Unquote(field);
  std::uint32_t value = 0;
  int digits = 0;
  for (const char c : field) {
    if (c == ' ') continue;
    const int nibble = std::isxdigit(static_cast<unsigned char>(c))
                           ? (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : Lower(c) - 'a' + 10)
                           : -1;
    if (nibble < 0 || ++digits > 8) return std::nullopt;
    value = (value << 4) | static_cast<std::uint32_t>(nibble);
  }
  if (digits == 0) return std::nullopt;
  return value;
}

bool IsHexString(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\r' || text[i] == '\n') {
      const std::string_view line = TrimAt(text.substr(start, i - start));
      if (!line.empty()) lines.push_back(line);
      start = i + 1;
    }
  }
  return lines;
}

std::optional<std::string_view> FindPrefixedLine(std::string_view response, std::string_view prefix) {
  for (const std::string_view line : SplitLines(response)) {
    if (const auto rest = AfterPrefix(line, prefix)) return rest;
  }
  return std::nullopt;
}

}  // namespace smsdesk::modem
