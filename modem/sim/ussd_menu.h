// The operator's USSD service as the virtual network plays it (TS 22.090):
// "*100#" answers the balance at once; "*123#" opens a two-level menu
// ("1. Balance 2. Bundles") that the modem answers with AT+CUSD=1,"<n>".
// The balance is a number and a currency, shown with two decimals through a
// text template ("Your balance is {balance}. …", or Arabic, French …); each
// SMS part sent may cost `sms_cost` of it, and a balance below that cost
// refuses the send (CanPaySms). Pure state machine; the modem does the +CUSD
// framing and character sets (UssdEncoding).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace smsdesk::sim {

struct UssdReply {
  int status = 0;     // +CUSD <m>: 0 done, 1 further action required, 2 released, 4 not supported
  std::string text;   // UTF-8; may contain "\n"
};

// How a modem frames its +CUSD answers, after the shapes of docs/modem.md §2.
enum class UssdEncoding {
  kAuto,    // packed on the huawei profile, UCS-2 hex under CSCS="UCS2" or when
            // GSM-7 cannot carry the text, plain otherwise
  kPlain,   // DCS 15, the text in the TE charset (Dell; Quectel M35 under UCS2)
  kPacked,  // DCS 15, packed GSM-7 as hex (Huawei E160)
  kUcs2,    // DCS 72, UTF-16BE as hex (Huawei E3276)
};
std::optional<UssdEncoding> ParseUssdEncoding(std::string_view name);  // "auto", "plain", "packed", "ucs2"
const char* UssdEncodingName(UssdEncoding encoding);

// A change to the balance service; fields left unset stay as they are.
struct UssdBalanceUpdate {
  std::optional<std::string> amount;  // "12.50 EUR", "EUR 12.50", "7.25" (keeps the currency)
  std::optional<std::string> text;    // template with {balance}; "" restores the default
  std::optional<UssdEncoding> encoding;
  std::optional<double> sms_cost;     // per SMS part sent; 0: free
  std::optional<int> no_credit_error; // +CMS ERROR when the balance cannot pay a part (1..999)
};

class UssdMenu {
 public:
  static constexpr std::string_view kDefaultBalanceText = "Your balance is {balance}. Valid until 31.12.2030.";
  // "Short message transfer rejected" (TS 24.011 cause 21): what charging
  // systems commonly answer a prepaid SIM out of credit.
  static constexpr int kDefaultNoCreditError = 21;

  // Starts a session with a service code such as "*100#".
  UssdReply Start(std::string_view code);
  // Answers the open menu; a reply with no open session is a new code.
  UssdReply Answer(std::string_view text);
  void Cancel() { state_ = State::kIdle; }
  bool in_session() const { return state_ != State::kIdle; }

  // Errors (nothing changed) when the amount has no number in it.
  std::optional<modem::Error> SetBalance(std::string_view amount);
  void set_balance_text(std::string text) {
    balance_text_ = text.empty() ? std::string(kDefaultBalanceText) : std::move(text);
  }
  void set_sms_cost(double cost) { sms_cost_ = cost; }
  void set_no_credit_error(int code) { no_credit_error_ = code; }
  // Whether the balance pays one SMS part (always, when SMS are free). The
  // balance query itself stays free, as on real networks.
  bool CanPaySms() const;
  // One SMS part went out: the balance falls by the SMS cost.
  void ChargeSms();

  double amount() const { return amount_; }
  const std::string& currency() const { return currency_; }
  double sms_cost() const { return sms_cost_; }
  int no_credit_error() const { return no_credit_error_; }
  std::string balance() const;  // "12.50 EUR"
  std::string BalanceText() const;

 private:
  enum class State { kIdle, kMainMenu, kBundles };

  State state_ = State::kIdle;
  double amount_ = 12.50;
  std::string currency_ = "EUR";
  double sms_cost_ = 0;
  int no_credit_error_ = kDefaultNoCreditError;
  std::string balance_text_{kDefaultBalanceText};
};

}  // namespace smsdesk::sim
