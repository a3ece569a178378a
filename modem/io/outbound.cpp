#include "modem/io/outbound.h"

#include <memory>
#include <utility>

namespace smsdesk::modem {

Outbound::Outbound(AtChannel& channel, const ModemDriverOptions& options) : channel_(channel), options_(options) {}

void Outbound::Send(OutboundPdu pdu, SendCallback done) {
  queue_.push_back(Item{std::move(pdu), std::move(done)});
  Pump();
}

void Outbound::OnReady() {
  ready_ = true;
  busy_ = false;
  if (awaiting_link_) {  // never written: first in line after the re-init
    queue_.push_front(std::move(*awaiting_link_));
    awaiting_link_.reset();
  }
  cmms_set_ = false;  // a reset forgets AT+CMMS
  ++generation_;
  Pump();
}

void Outbound::OnLost() { ready_ = false; }

std::deque<Outbound::Item> Outbound::TakeUnwritten() {
  std::deque<Item> items = std::exchange(queue_, {});
  if (awaiting_link_) items.push_front(std::move(*std::exchange(awaiting_link_, std::nullopt)));
  return items;
}

void Outbound::FailAll(const std::string& reason) {
  for (Item& item : TakeUnwritten()) {
    SendResult result;
    result.error = reason;
    result.verdict = ErrorVerdict::kRetry;
    if (item.done) item.done(result);
  }
}

void Outbound::Withdraw(const std::string& reason) {
  for (Item& item : TakeUnwritten()) {
    SendResult result;
    result.error = reason;
    result.verdict = ErrorVerdict::kRetry;
    result.withdrawn = true;
    if (item.done) item.done(result);
  }
}

void Outbound::Pump() {
  if (!ready_ || busy_ || queue_.empty()) return;
  busy_ = true;
  Item item = std::move(queue_.front());
  queue_.pop_front();
  // AT+CMMS=2 before the first send after (re)initialisation: the network
  // keeps the relay link up 1-5 s after each send (27.005 §3.5.6), so the
  // parts of a message, an alert's burst and a reply to a follow-up question
  // skip the link set-up. Mode 2 stays on; the network closes an idle link.
  if (cmms_set_ || cmms_unsupported_) return Submit(std::move(item));
  awaiting_link_ = std::move(item);
  AtCommand cmms{"AT+CMMS=2", {}};
  cmms.options.timeout = options_.init_command_timeout;  // a setting, answered at once
  channel_.Run(Lane::kOutbound, std::move(cmms),
               [this, generation = generation_](const CommandDone& d) { OnLinkSetting(generation, d); });
}

void Outbound::OnLinkSetting(std::uint64_t generation, const CommandDone& d) {
  if (generation != generation_) return;  // a re-init came first and requeued the send
  if (d.ok()) {
    cmms_set_ = true;
  } else if (d.status == CommandStatus::kCompleted) {
    cmms_unsupported_ = true;  // not worth asking again
  }
  if (!awaiting_link_) {  // withdrawn or failed meanwhile
    busy_ = false;
    return Pump();
  }
  if (d.status == CommandStatus::kCancelled) {
    // The port went: the send was never written. It goes after the re-init
    // (or to another modem when the daemon withdraws it).
    busy_ = false;
    queue_.push_front(std::move(*awaiting_link_));
    awaiting_link_.reset();
    return;
  }
  Item item = std::move(*awaiting_link_);
  awaiting_link_.reset();
  Submit(std::move(item));
}

void Outbound::Submit(Item item) {
  AtCommand command{"AT+CMGS=" + std::to_string(item.pdu.tpdu_length), {}};
  command.options.pdu = item.pdu.hex;
  command.options.prompt_timeout = options_.prompt_timeout;
  command.options.timeout = options_.send_timeout;
  command.options.response_prefix = "+CMGS:";
  auto shared = std::make_shared<Item>(std::move(item));
  channel_.Run(Lane::kOutbound, std::move(command), [this, shared](const CommandDone& d) {
    SendResult result;
    switch (d.status) {
      case CommandStatus::kCompleted:
        if (d.ok()) {
          auto cmgs = ParseCmgsResponse(d.Response());
          result.ok = true;
          result.message_reference = cmgs ? cmgs->message_reference : -1;
        } else {
          result.cms = d.final.cms();
          result.verdict = VerdictFor(d.final);
          result.scope = SubmitFailureScope(d.final);
          result.error = DescribeFinal(d.final);
        }
        break;
      case CommandStatus::kPromptTimedOut:
        result.verdict = ErrorVerdict::kRetry;  // nothing was sent; ESC left text mode
        result.error = "no \"> \" prompt";
        break;
      case CommandStatus::kTimedOut:
        result.verdict = ErrorVerdict::kRetryThenReset;
        result.maybe_sent = true;
        result.error = "no answer after the PDU";
        break;
      case CommandStatus::kCancelled:
        result.verdict = ErrorVerdict::kRetry;
        if (d.payload_written) {
          result.maybe_sent = true;  // we cannot tell whether the PDU went out
          result.error = "port closed during the send";
        } else {
          result.withdrawn = true;  // queued, or refused its prompt: never sent
          result.error = "port closed before the send";
        }
        break;
    }
    Complete(*shared, std::move(result));
  });
}

void Outbound::Complete(Item& item, SendResult result) {
  busy_ = false;
  if (result.ok) {
    ++sent_;
  } else {
    ++errors_;
    if (on_error_) on_error_(result);
  }
  if (item.done) item.done(result);
  Pump();
}

}  // namespace smsdesk::modem
