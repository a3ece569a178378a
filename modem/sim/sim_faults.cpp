#include "modem/sim/sim_faults.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace smsdesk::sim {
namespace {

modem::Result<int> ParseInt(std::string_view text, std::string_view what) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return modem::MakeError("bad " + std::string(what) + ": '" + std::string(text) + "'");
  }
  return value;
}

}  // namespace

modem::Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  std::size_t split = 0;
  while (split < text.size() && (std::isdigit(static_cast<unsigned char>(text[split])) || text[split] == '.')) {
    ++split;
  }
  std::string number(text.substr(0, split));
  std::string_view unit = text.substr(split);
  if (number.empty()) return modem::MakeError("bad duration: '" + std::string(text) + "'");
  double value = 0;
  try {
    value = std::stod(number);
  } catch (...) {
    return modem::MakeError("bad duration: '" + std::string(text) + "'");
  }
  double ms = 0;
  if (unit.empty() || unit == "ms") ms = value;
  else if (unit == "s") ms = value * 1000;
  else if (unit == "m" || unit == "min") ms = value * 60'000;
  else return modem::MakeError("bad duration unit: '" + std::string(text) + "'");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(ms)));
}

modem::Result<FaultSpec> ParseFault(std::string_view kind, const std::vector<std::string>& args) {
  FaultSpec spec;
  auto arg_int = [&](std::size_t i, int fallback, std::string_view what) -> modem::Result<int> {
    if (i >= args.size()) return fallback;
    return ParseInt(args[i], what);
  };
  if (kind == "drop" || kind == "garbage" || kind == "sim-busy") {
    spec.kind = kind == "drop" ? FaultKind::kDrop
                : kind == "garbage" ? FaultKind::kGarbage : FaultKind::kSimBusy;
    auto n = arg_int(0, kind == "sim-busy" ? 3 : 1, "count");
    if (!n) return n.error();
    spec.count = *n;
  } else if (kind == "hang") {
    spec.kind = FaultKind::kHang;
  } else if (kind == "reset") {
    spec.kind = FaultKind::kReset;
    if (!args.empty()) {
      auto d = ParseDuration(args[0]);
      if (!d) return d.error();
      spec.delay = *d;
    }
  } else if (kind == "send-error") {
    spec.kind = FaultKind::kSendError;
    auto code = arg_int(0, 500, "error code");
    if (!code) return code.error();
    auto nth = arg_int(1, 1, "send number");
    if (!nth) return nth.error();
    if (*nth < 1) return modem::MakeError("send number starts at 1");
    spec.code = *code;
    spec.nth = *nth;
  } else if (kind == "outage" || kind == "no-network") {
    const bool smsc = kind == "outage";
    spec.kind = smsc ? FaultKind::kOutage : FaultKind::kNoNetwork;
    spec.code = DefaultOutageError(smsc ? OutageMode::kSmsc : OutageMode::kUnregistered);
    const std::size_t max_args = smsc ? 2 : 1;
    if (args.size() > max_args) {
      return modem::MakeError(std::string(kind) + (smsc ? " takes [CODE[:DURATION]]" : " takes [DURATION]") +
                              ", got " + std::to_string(args.size()) + " arguments");
    }
    if (smsc && !args.empty()) {
      auto code = ParseInt(args[0], "error code");
      if (!code) return code.error();
      if (*code < 1 || *code > 999) return modem::MakeError("error code must be 1..999, got " + args[0]);
      spec.code = *code;
    }
    if (args.size() == max_args) {
      auto d = ParseDuration(args.back());
      if (!d) return d.error();
      if (d->count() < 0 || *d > kMaxOutage) {
        return modem::MakeError("outage longer than a year: '" + args.back() + "'");
      }
      spec.duration = *d;
    }
  } else {
    return modem::MakeError("unknown fault '" + std::string(kind) +
                            "' (drop, garbage, hang, reset, sim-busy, send-error, outage, no-network)");
  }
  return spec;
}

modem::Result<FaultSpec> ParseFaultString(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t colon = text.find(':', start);
    parts.emplace_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  std::string kind = parts.front();
  parts.erase(parts.begin());
  return ParseFault(kind, parts);
}

const char* FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kDrop: return "drop";
    case FaultKind::kGarbage: return "garbage";
    case FaultKind::kHang: return "hang";
    case FaultKind::kReset: return "reset";
    case FaultKind::kSimBusy: return "sim-busy";
    case FaultKind::kSendError: return "send-error";
    case FaultKind::kOutage: return "outage";
    case FaultKind::kNoNetwork: return "no-network";
  }
  return "?";
}

std::optional<OutageMode> ParseOutageMode(std::string_view name) {
  if (name == "smsc") return OutageMode::kSmsc;
  if (name == "unregistered") return OutageMode::kUnregistered;
  return std::nullopt;
}

const char* OutageModeName(OutageMode mode) {
  switch (mode) {
    case OutageMode::kSmsc: return "smsc";
    case OutageMode::kUnregistered: return "unregistered";
  }
  return "?";
}

int DefaultOutageError(OutageMode mode) { return mode == OutageMode::kSmsc ? 500 : 331; }

void FaultState::Apply(const FaultSpec& spec) {
  switch (spec.kind) {
    case FaultKind::kDrop: drop_next += spec.count; break;
    case FaultKind::kGarbage: garbage_next += spec.count; break;
    case FaultKind::kHang: hung = true; break;
    case FaultKind::kSimBusy: sim_busy_left = spec.count; break;
    case FaultKind::kSendError:
      send_error_code = spec.code;
      send_error_countdown = spec.nth;
      break;
    case FaultKind::kReset:
    case FaultKind::kOutage:
    case FaultKind::kNoNetwork:
      break;
  }
}

}  // namespace smsdesk::sim
