// Outbound: sends SMS-SUBMIT PDUs one at a time with AT+CMGS=<len>, the
// "> " prompt, the PDU and Ctrl-Z (the engine writes ESC if the prompt never
// comes). Before a burst (more parts or messages waiting) it sets AT+CMMS=2
// once per session so the RP link stays up between sends (27.005 §3.5.6) and
// then lets it lapse by itself. +CMS errors come back with the verdict of
// at_error_codes.h; the daemon owns retries.
//
// Sends wait while the modem is not ready and survive a reset; a send in
// flight when the port vanished is reported with maybe_sent.
//
// Owned by ModemDriver; used on its io_context only.
#pragma once

#include <deque>
#include <functional>
#include <optional>

#include "modem/io/at_channel.h"
#include "modem/io/driver_options.h"
#include "modem/io/driver_types.h"

namespace smsdesk::modem {

class Outbound {
 public:
  Outbound(AtChannel& channel, const ModemDriverOptions& options);

  void Send(OutboundPdu pdu, SendCallback done);
  void OnReady();
  void OnLost();
  // Fails every queued send (the driver stops).
  void FailAll(const std::string& reason);
  // Hands back every send not yet written, including one waiting for the
  // AT+CMMS=2 answer (the one at the modem finishes), reported as withdrawn.
  void Withdraw(const std::string& reason);
  // Errors the driver acts on (322: sweep; 300/500/timeout: health check).
  void set_error_handler(std::function<void(const SendResult&)> handler) { on_error_ = std::move(handler); }

  std::size_t queued() const { return queue_.size() + (busy_ ? 1 : 0); }
  std::uint64_t sent() const { return sent_; }
  std::uint64_t errors() const { return errors_; }

 private:
  struct Item {
    OutboundPdu pdu;
    SendCallback done;
  };
  std::deque<Item> TakeUnwritten();  // the queue and the send awaiting AT+CMMS
  void Pump();
  void OnLinkSetting(std::uint64_t generation, const CommandDone& d);
  void Submit(Item item);
  void Complete(Item& item, SendResult result);

  AtChannel& channel_;
  const ModemDriverOptions& options_;
  std::deque<Item> queue_;
  // The send that waits for the AT+CMMS=2 answer: not written yet, so a
  // re-init puts it back in the queue and Withdraw/FailAll reach it.
  std::optional<Item> awaiting_link_;
  bool ready_ = false, busy_ = false;
  bool cmms_set_ = false, cmms_unsupported_ = false;
  std::uint64_t generation_ = 0, sent_ = 0, errors_ = 0;
  std::function<void(const SendResult&)> on_error_;
};

}  // namespace smsdesk::modem
