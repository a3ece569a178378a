// CreditCheck: one SIM's balance check, the USSD dialogue of a CreditRule on
// a ModemDriver (dial the code, answer each step while the network keeps the
// session open, cancel it if still open after the last step) and the reading
// of its screens with ParseCredit.
//
// The owner (the daemon, one per modem) keeps it next to the driver, which
// must outlive every Start() and Cancel(). Destroying the check is safe at
// any time, also from inside its own callback and after the driver is gone:
// its state is shared with the callbacks it gave the driver, which do nothing
// once the check is gone or their run was cancelled. (Destroyed mid-dialogue,
// it leaves the driver's request to time out, which then sends AT+CUSD=2;
// Cancel() first releases the session at once.) Asynchronous and
// single-threaded: call it, and it calls back, on the driver's io_context.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "firmware-host/credit/credit_parser.h"
#include "modem/io/modem_driver.h"
#include "modem/result.h"

namespace smsdesk::credit {

class CreditCheck {
 public:
  // Exactly once per Start(), unless cancelled or destroyed first. Errors
  // name the step and carry the driver's ("USSD *100#: timed out",
  // "USSD *123# reply 1: +CME ERROR: …", "…: not supported by the network",
  // "modem not ready", "port closed") or the parser's ("no amount found in …").
  using Done = std::function<void(modem::Result<CreditReading>)>;

  CreditCheck(modem::ModemDriver& driver, CompiledRule rule);
  ~CreditCheck();
  CreditCheck(const CreditCheck&) = delete;
  CreditCheck& operator=(const CreditCheck&) = delete;

  // Starts the dialogue. While one runs, a second Start fails at once with
  // "a credit check is already running"; `done` may also run before Start
  // returns when the driver refuses at once (modem not ready).
  void Start(Done done);
  // Abandons the running dialogue (the network session is cancelled with
  // AT+CUSD=2); its `done` never runs.
  void Cancel();
  bool running() const;
  const CompiledRule& rule() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// Reads the credit from the screens of one dialogue: the last screen first
// (the balance usually ends the dialogue), then all screens joined by "\n".
modem::Result<CreditReading> ParseScreens(const std::vector<std::string>& screens, const CompiledRule& rule);

}  // namespace smsdesk::credit
