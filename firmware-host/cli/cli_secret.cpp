#include "firmware-host/cli/cli_secret.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "firmware-host/cli/cli.h"
#include "firmware-host/cli/cli_store.h"

namespace smsdesk {
namespace {

constexpr std::array<int, 4> kEndingSignals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// The terminal's settings before echo went off. A signal handler is given
// nothing but the signal's number, so what it restores has to live here.
termios g_saved_terminal{};

// Puts echo back, then lets the signal do what it would have done: the
// handler was installed with SA_RESETHAND (the default action is back) and
// the signal is blocked while this runs, so the raise() takes effect the
// moment it returns. Only async-signal-safe calls.
void RestoreAndEnd(int signal_number) {
  tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_terminal);
  (void)!write(STDERR_FILENO, "\n", 1);  // the shell's prompt on a line of its own
  raise(signal_number);
}

// Echo off on the terminal for its lifetime (RAII: every way out of the
// prompt turns it back on), and the ending signals caught meanwhile.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &g_saved_terminal) != 0) return;  // not a terminal
    terminal_ = true;
    struct sigaction catcher {};
    catcher.sa_handler = RestoreAndEnd;
    catcher.sa_flags = SA_RESETHAND;
    sigemptyset(&catcher.sa_mask);
    for (std::size_t i = 0; i < kEndingSignals.size(); ++i) {
      sigaction(kEndingSignals[i], nullptr, &previous_[i]);
      // A signal ignored (nohup) or handled by someone else stays theirs.
      caught_[i] = previous_[i].sa_handler == SIG_DFL;
      if (caught_[i]) sigaction(kEndingSignals[i], &catcher, nullptr);
    }
    termios quiet = g_saved_terminal;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    // Echo goes off before the prompt shows, so nothing typed after it is
    // ever echoed (or flushed away).
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~EchoOff() {
    if (!terminal_) return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_terminal);
    for (std::size_t i = 0; i < kEndingSignals.size(); ++i) {
      if (caught_[i]) sigaction(kEndingSignals[i], &previous_[i], nullptr);
    }
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  bool terminal_ = false;
  std::array<struct sigaction, kEndingSignals.size()> previous_{};
  std::array<bool, kEndingSignals.size()> caught_{};
};

// One line typed on the terminal after `prompt`, not echoed.
bool ReadHidden(const char* prompt, std::string& line) {
  bool read = false;
  {
    EchoOff quiet;
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    read = ReadLine(line);
  }
  std::fprintf(stderr, "\n");
  return read;
}

}  // namespace

bool ReadLine(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

int ReadNewSecret(bool from_stdin, const std::string& what, std::string& secret) {
  const std::string option = what == "PIN" ? "--pin-stdin" : "--password-stdin";
  if (from_stdin) {
    if (!ReadLine(secret)) return Fail(kExitBadInput, "no " + what + " on standard input");
    return kExitOk;
  }
  if (!isatty(STDIN_FILENO)) return Fail(kExitBadInput, "no terminal to ask for the " + what + ": use " + option);
  std::string again;
  if (!ReadHidden(("New " + what + ": ").c_str(), secret) || !ReadHidden("Again: ", again)) {
    return Fail(kExitBadInput, "no " + what + " typed");
  }
  if (secret != again) return Fail(kExitBadInput, "the two " + what + "s differ");
  return kExitOk;
}

}  // namespace smsdesk
