#include "modem/sim/at_command_line.h"

#include <cctype>

namespace smsdesk::sim {
namespace {

char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsExtendedPrefix(char c) { return c == '+' || c == '^' || c == '$' || c == '#' || c == '%'; }

// Reads from `pos` up to an unquoted ';' (consumed) or the end of the line.
std::string ReadArguments(std::string_view line, std::size_t& pos) {
  std::string out;
  bool in_quotes = false;
  for (; pos < line.size(); ++pos) {
    char c = line[pos];
    if (c == '"') in_quotes = !in_quotes;
    if (c == ';' && !in_quotes) {
      ++pos;
      break;
    }
    out.push_back(c);
  }
  return out;
}

// The suffix of a command name: "?" read, "=?" test, "=…" set, else action.
AtCommand::Kind ReadSuffix(std::string_view line, std::size_t& pos, std::string& args) {
  if (pos < line.size() && line[pos] == '?') {
    ++pos;
    return AtCommand::Kind::kRead;
  }
  if (pos < line.size() && line[pos] == '=') {
    ++pos;
    if (pos < line.size() && line[pos] == '?') {
      ++pos;
      return AtCommand::Kind::kTest;
    }
    args = ReadArguments(line, pos);
    return AtCommand::Kind::kSet;
  }
  return AtCommand::Kind::kAction;
}

}  // namespace

modem::Result<std::vector<AtCommand>> ParseCommandLine(std::string_view line) {
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.size() < 2 || Upper(line[0]) != 'A' || Upper(line[1]) != 'T') {
    return modem::MakeError("command line does not start with AT");
  }
  std::vector<AtCommand> commands;
  std::size_t pos = 2;
  while (pos < line.size()) {
    char c = line[pos];
    if (c == ' ' || c == ';') {
      ++pos;
      continue;
    }
    AtCommand cmd;
    if (IsExtendedPrefix(c)) {
      cmd.name.push_back(c);
      ++pos;
      while (pos < line.size() && (IsAlpha(line[pos]) || IsDigit(line[pos]) || line[pos] == '_')) {
        cmd.name.push_back(Upper(line[pos++]));
      }
      if (cmd.name.size() == 1) return modem::MakeError("empty extended command name");
      cmd.kind = ReadSuffix(line, pos, cmd.args);
      if (cmd.kind != AtCommand::Kind::kSet) {
        // Anything but ';' after "?" or a bare name is not a valid line.
        while (pos < line.size() && line[pos] == ' ') ++pos;
        if (pos < line.size() && line[pos] != ';') return modem::MakeError("junk after " + cmd.name);
      }
    } else if (c == '&' || IsAlpha(c)) {
      if (c == '&') {
        cmd.name.push_back('&');
        ++pos;
        if (pos >= line.size() || !IsAlpha(line[pos])) return modem::MakeError("bad & command");
      }
      char letter = Upper(line[pos++]);
      cmd.name.push_back(letter);
      if (letter == 'S' && cmd.name.size() == 1) {
        while (pos < line.size() && IsDigit(line[pos])) cmd.name.push_back(line[pos++]);
        // S-register values are digits; the rest of the line is more commands.
        if (pos < line.size() && line[pos] == '?') {
          ++pos;
          cmd.kind = AtCommand::Kind::kRead;
        } else if (pos < line.size() && line[pos] == '=') {
          ++pos;
          cmd.kind = AtCommand::Kind::kSet;
          while (pos < line.size() && IsDigit(line[pos])) cmd.args.push_back(line[pos++]);
        }
      } else if (letter == 'D') {
        cmd.args = ReadArguments(line, pos);  // dial string runs to ';' or the end
      } else {
        while (pos < line.size() && IsDigit(line[pos])) cmd.args.push_back(line[pos++]);
      }
    } else {
      return modem::MakeError(std::string("unexpected character '") + c + "'");
    }
    commands.push_back(std::move(cmd));
  }
  return commands;
}

std::vector<std::string> SplitArguments(std::string_view args, std::vector<bool>* quoted) {
  std::vector<std::string> out;
  if (quoted) quoted->clear();
  std::string current;
  bool in_quotes = false, was_quoted = false;
  auto finish = [&] {
    std::size_t b = current.find_first_not_of(' ');
    std::size_t e = current.find_last_not_of(' ');
    out.push_back(was_quoted || b == std::string::npos ? (was_quoted ? current : std::string())
                                                       : current.substr(b, e - b + 1));
    if (quoted) quoted->push_back(was_quoted);
    current.clear();
    was_quoted = false;
  };
  if (args.find_first_not_of(' ') == std::string_view::npos) return out;
  for (char c : args) {
    if (c == '"') {
      in_quotes = !in_quotes;
      if (in_quotes) {
        current.clear();  // drop spaces before the opening quote
        was_quoted = true;
      }
      continue;
    }
    if (c == ',' && !in_quotes) {
      finish();
      continue;
    }
    if (!was_quoted || in_quotes) current.push_back(c);
  }
  finish();
  return out;
}

}  // namespace smsdesk::sim
