// Secrets typed at the box for `smsdesk user` (passwords, PINs): one line of
// standard input, or asked twice on the terminal without echo. While echo is
// off, Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGQUIT first turn it back on and
// then end the program as they would have: the terminal is never left mute.
#pragma once

#include <string>

namespace smsdesk {

// One line of standard input, without its line ending; false at its end.
bool ReadLine(std::string& line);

// A new secret (`what`: "password", "PIN"): one line of standard input when
// `from_stdin`, else typed twice on the terminal. kExitOk, or the exit code
// after one line on stderr (no terminal, nothing typed, the two differ).
int ReadNewSecret(bool from_stdin, const std::string& what, std::string& secret);

}  // namespace smsdesk
