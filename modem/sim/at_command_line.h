// Splits one AT command line (ITU-T V.250 §5.2) into its commands: basic ones
// such as E0, V1, Z, I3, &F, S0=0 and extended ones such as +CMGF=0, ^CURC=0,
// separated by ';' after a single "AT". Pure; used by the virtual modem.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace smsdesk::sim {

struct AtCommand {
  // kAction: "ATE0", "AT+CGMI"; kRead: "AT+CMGF?"; kTest: "AT+CMGF=?";
  // kSet: "AT+CMGF=0", "ATS0=0".
  enum class Kind { kAction, kRead, kTest, kSet };
  std::string name;  // upper-case with its prefix: "E", "&F", "S0", "+CMGF", "^CURC"
  Kind kind = Kind::kAction;
  std::string args;  // basic: the digits after the letter; kSet: text after '='
};

// `line` is the text before the terminating CR, starting with "AT" (any case).
// A bare "AT" gives an empty list.
modem::Result<std::vector<AtCommand>> ParseCommandLine(std::string_view line);

// Splits "1,\"*100#\",15" into {"1", "*100#", "15"}: commas outside quotes,
// surrounding spaces trimmed, quotes removed. `quoted` (if given) tells which
// arguments carried quotes.
std::vector<std::string> SplitArguments(std::string_view args, std::vector<bool>* quoted = nullptr);

}  // namespace smsdesk::sim
