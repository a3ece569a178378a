// `smsdesk demo`: the whole desk on one machine, in one process — virtual
// modems (the simulator, with its control socket so `smsdesk sim text` from
// another terminal reaches it), the daemon with the sample FAQ, a database
// in a scratch folder — and a short tour: a few newcomers text questions in
// their languages, and the conversation is printed as it happens (answered
// at once, queued with an honest deadline, STOP confirmed once).
#pragma once

#include <chrono>
#include <string>

namespace smsdesk::demo {

struct DemoOptions {
  std::string dir;         // empty: a fresh folder under /tmp, removed at exit
  int modems = 2;
  std::chrono::milliseconds latency{800};  // per SMS part, as a real network
  bool tour = true;        // send the scripted questions
  bool exit_after_tour = false;  // for tests and scripts/demo --quick
  std::string smsdesk;     // this program's path, for the printed commands
  int console_port = 8080;  // the web console on 127.0.0.1; 0: any free port
};

// Runs until SIGINT/SIGTERM (or the tour's end with exit_after_tour).
int RunDemo(const DemoOptions& options);

}  // namespace smsdesk::demo
