// The dialogue as a small state machine on the driver's callbacks. Each
// callback holds a weak_ptr to the shared State and the number of the run it
// belongs to, so an answer that arrives after Cancel(), after a new Start()
// or after the check is gone changes nothing.
#include "firmware-host/credit/credit_check.h"

#include <cstdint>
#include <utility>

namespace smsdesk::credit {
namespace {

using modem::MakeError;
using modem::Result;

// +CUSD <m> values that end a dialogue without a screen to read
// (3GPP TS 27.007 §7.15; gammu ATGEN_ReplyGetUSSD).
std::string DescribeStatus(int status) {
  switch (status) {
    case 3: return "another client answered";
    case 4: return "not supported by the network";
    case 5: return "timed out in the network";
    default: return "unexpected +CUSD status " + std::to_string(status);
  }
}

}  // namespace

struct CreditCheck::State : std::enable_shared_from_this<CreditCheck::State> {
  State(modem::ModemDriver& d, CompiledRule r) : driver(d), rule(std::move(r)) {}

  void Send(bool first, std::string text);
  void OnReply(const modem::UssdReply& reply);
  void Finish(Result<CreditReading> result);

  modem::ModemDriver& driver;
  const CompiledRule rule;
  std::uint64_t run = 0;  // bumped by every Start, Cancel and end; older callbacks do nothing
  bool running = false;
  std::size_t next_step = 0;
  std::string label;  // "USSD *123#" or "USSD *123#, reply 1", for errors
  std::vector<std::string> screens;
  Done done;
};

void CreditCheck::State::Send(bool first, std::string text) {
  label = "USSD " + rule.rule().code + (first ? "" : ", reply " + text);
  auto callback = [weak = weak_from_this(), my_run = run](const modem::UssdReply& reply) {
    std::shared_ptr<State> self = weak.lock();  // keeps the state alive while `done` runs
    if (!self || self->run != my_run || !self->running) return;
    self->OnReply(reply);
  };
  if (first) {
    driver.StartUssd(std::move(text), std::move(callback));
  } else {
    driver.RespondUssd(std::move(text), std::move(callback));
  }
}

void CreditCheck::State::OnReply(const modem::UssdReply& reply) {
  // Driver errors: "timed out", "+CME ERROR: …", "port closed" (OnLost), "modem not ready".
  if (!reply.ok) return Finish(MakeError(label + ": " + (reply.error.empty() ? "failed" : reply.error)));
  if (reply.status < 0 || reply.status > 2) {
    return Finish(MakeError(label + ": " + (reply.error.empty() ? DescribeStatus(reply.status) : reply.error)));
  }
  if (!reply.text.empty()) screens.push_back(reply.text);
  if (reply.session_open()) {
    if (next_step < rule.rule().steps.size()) return Send(false, rule.rule().steps[next_step++]);
    // The menu still waits for input we do not have: release the session
    // (AT+CUSD=2) rather than let it hang until the network times out.
    driver.CancelUssd();
  }
  // Status 0 or 2 ends the dialogue, maybe before the last step (the
  // balance came early, or the network gave up): read what came.
  if (screens.empty()) return Finish(MakeError(label + ": the network ended the session without an answer"));
  Finish(ParseScreens(screens, rule));
}

void CreditCheck::State::Finish(Result<CreditReading> result) {
  running = false;
  ++run;
  screens.clear();
  Done callback = std::exchange(done, {});
  if (callback) callback(std::move(result));  // may destroy the CreditCheck: touch nothing after
}

CreditCheck::CreditCheck(modem::ModemDriver& driver, CompiledRule rule)
    : state_(std::make_shared<State>(driver, std::move(rule))) {}

CreditCheck::~CreditCheck() {
  // The driver may already be gone: only disarm. A request still waiting in
  // the driver ends with its USSD timeout (which also sends AT+CUSD=2).
  state_->running = false;
  ++state_->run;
  state_->done = {};
}

void CreditCheck::Start(Done done) {
  if (state_->running) {
    if (done) done(MakeError("a credit check is already running"));
    return;
  }
  std::shared_ptr<State> state = state_;  // Send may finish, and `done` destroy *this, at once
  state->running = true;
  ++state->run;
  state->next_step = 0;
  state->screens.clear();
  state->done = std::move(done);
  state->Send(true, state->rule.rule().code);
}

void CreditCheck::Cancel() {
  if (!state_->running) return;
  state_->running = false;
  ++state_->run;
  state_->done = {};
  state_->driver.CancelUssd();  // our pending callback runs now and is ignored
}

bool CreditCheck::running() const { return state_->running; }

const CompiledRule& CreditCheck::rule() const { return state_->rule; }

Result<CreditReading> ParseScreens(const std::vector<std::string>& screens, const CompiledRule& rule) {
  if (screens.empty()) return MakeError("no USSD screen to read");
  auto last = ParseCredit(screens.back(), rule);
  if (last.ok() || screens.size() == 1) return last;
  // A menu may show the balance on an earlier screen ("Bal:$100.00 *\r\n1. Recharge").
  std::string joined;
  for (const std::string& screen : screens) joined += (joined.empty() ? "" : "\n") + screen;
  auto all = ParseCredit(joined, rule);
  return all.ok() ? all : last;
}

}  // namespace smsdesk::credit
