// The operator's USSD service as the virtual network plays it (TS 22.090):
// "*100#" answers the balance at once; "*123#" opens a two-level menu
// ("1. Balance 2. Bundles") that the modem answers with AT+CUSD=1,"<n>".
// Pure state machine; the modem does the +CUSD framing and character sets.
#pragma once

#include <string>
#include <string_view>

namespace smsdesk::sim {

struct UssdReply {
  int status = 0;     // +CUSD <m>: 0 done, 1 further action required, 2 released, 4 not supported
  std::string text;   // UTF-8; may contain "\n"
};

class UssdMenu {
 public:
  // Starts a session with a service code such as "*100#".
  UssdReply Start(std::string_view code);
  // Answers the open menu; a reply with no open session is a new code.
  UssdReply Answer(std::string_view text);
  void Cancel() { state_ = State::kIdle; }
  bool in_session() const { return state_ != State::kIdle; }

  void set_balance(std::string balance) { balance_ = std::move(balance); }
  const std::string& balance() const { return balance_; }

 private:
  enum class State { kIdle, kMainMenu, kBundles };
  std::string BalanceText() const;

  State state_ = State::kIdle;
  std::string balance_ = "12.50 EUR";
};

}  // namespace smsdesk::sim
