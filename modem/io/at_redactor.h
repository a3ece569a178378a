// AtRedactor: hides the secrets AT command lines carry before they reach a
// trace or a log line, at every log level: the SIM PIN and PUK
// (AT+CPIN="1234" -> AT+CPIN="****", AT+CPIN="<PUK>","<new PIN>" ->
// AT+CPIN="****","****"), PIN2, the facility passwords of +CLCK and +CPWD,
// and the USSD string of AT+CUSD=1,"…" (a top-up voucher, a PIN change code
// such as **04*old*new*new#).
//
// Fed one direction's bytes in order, it remembers the current line, so a
// command (or the modem's echo of it) split across two reads is still
// hidden. Each secret argument becomes "****" whatever its length.
#pragma once

#include <string>
#include <string_view>

namespace smsdesk::modem {

class AtRedactor {
 public:
  std::string Redact(std::string_view bytes);

 private:
  void StartLine();

  std::string tail_;     // the end of the current line, upper-cased, to spot a command
  int secret_ = -1;      // which secret-bearing command this line is, once spotted
  int field_ = 0;        // its argument being read
  bool quoted_ = false;
  bool hidden_ = false;  // "****" already stands for this argument
};

// One piece of text on its own (a command in an error message).
std::string RedactAtSecrets(std::string_view text);

}  // namespace smsdesk::modem
