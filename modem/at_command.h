// AtCommand: one AT command as data — its text, how long to wait, which
// response lines belong to it, and an optional PDU to send after the "> "
// prompt (ModemManager style: command sequences are tables of these).
#pragma once

#include <chrono>
#include <string>

namespace smsdesk::modem {

// Timeouts (docs/modem.md §5).
inline constexpr std::chrono::milliseconds kDefaultCommandTimeout = std::chrono::seconds{10};
inline constexpr std::chrono::milliseconds kPromptTimeout = std::chrono::seconds{10};     // "> " comes in ~15 ms
inline constexpr std::chrono::milliseconds kSendPduTimeout = std::chrono::seconds{300};   // ModemManager 5a68b53a
inline constexpr std::chrono::milliseconds kListMessagesTimeout = std::chrono::seconds{120};  // AT+CMGL, ModemManager
inline constexpr std::chrono::milliseconds kUssdTimeout = std::chrono::seconds{30};       // gammu
inline constexpr std::chrono::milliseconds kRadioOnTimeout = std::chrono::seconds{40};    // AT+CFUN=1, gammu for Huawei

struct AtCommandOptions {
  // Until the final result; for a command with a PDU, counted from the moment
  // the PDU is written.
  std::chrono::milliseconds timeout = kDefaultCommandTimeout;
  // Lines starting with this prefix (case-insensitive, e.g. "+CSQ:") belong to
  // the command, even when the prefix is also a URC's ("+CREG:", "+CPIN:").
  // Empty: the command expects no information lines.
  std::string response_prefix{};
  // +CMGR/+CMGL: each prefixed line is followed by one PDU line.
  bool pdu_lines = false;
  // ATI, AT+CGMI, AT+CGSN...: every line that is not a URC belongs to the command.
  bool free_form = false;
  // Non-empty: wait for "> ", then write this hex PDU and Ctrl-Z (AT+CMGS).
  std::string pdu{};
  std::chrono::milliseconds prompt_timeout = kPromptTimeout;
};

struct AtCommand {
  std::string text{};  // "AT+CSQ", without the trailing CR (the engine adds it)
  AtCommandOptions options{};
};

}  // namespace smsdesk::modem
