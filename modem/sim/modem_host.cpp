#include "modem/sim/modem_host.h"

#include <cstdio>

namespace smsdesk::sim {

ModemHost::ModemHost(boost::asio::io_context& io, ModemConfig config, SubmitHandler on_submit,
                     RefusalHandler refusal)
    : io_(io), config_(std::move(config)), on_submit_(std::move(on_submit)),
      modem_(config_.identity, config_.timing, VirtualModem::Clock::now(),
             VirtualModem::Hooks{
                 .submitted =
                     [this](const modem::SubmitPdu& pdu, std::uint8_t mr) {
                       if (on_submit_) on_submit_(*this, pdu, mr);
                     },
                 .reset_requested = [this] { Reset(config_.reset_delay); },
                 .destination_refused = std::move(refusal)}),
      timer_(io), reset_timer_(io) {
  for (const FaultSpec& f : config_.faults) {
    if (f.kind != FaultKind::kReset) modem_.InjectFault(f);
  }
}

ModemHost::~ModemHost() { Stop(); }

std::optional<modem::Error> ModemHost::Start() {
  auto pty = Pty::Open(io_, config_.link);
  if (!pty) return pty.error();
  pty_ = std::move(*pty);
  pty_->StartReading([this](std::string_view bytes) { OnData(bytes); });
  Pump();
  return std::nullopt;
}

void ModemHost::Stop() {
  timer_.cancel();
  reset_timer_.cancel();
  if (pty_) pty_->Close();
  pty_.reset();
}

void ModemHost::OnData(std::string_view bytes) {
  modem_.Feed(bytes, VirtualModem::Clock::now());
  Pump();
}

void ModemHost::Deliver(const modem::EncodedPdu& pdu, const std::string& message_id) {
  modem_.Receive(pdu, message_id, VirtualModem::Clock::now());
  Pump();
}

void ModemHost::InjectFault(const FaultSpec& spec) {
  if (spec.kind == FaultKind::kReset) {
    Reset(spec.delay);
    return;
  }
  modem_.Advance(VirtualModem::Clock::now());  // an outage's duration counts from now
  modem_.InjectFault(spec);
  Pump();
}

void ModemHost::NetworkDown(OutageMode mode, std::optional<int> send_error,
                            std::optional<std::chrono::milliseconds> duration) {
  modem_.Advance(VirtualModem::Clock::now());
  modem_.NetworkDown(mode, send_error, duration);
  Pump();  // the registration URCs, and the timer for the automatic end
}

void ModemHost::NetworkUp() {
  modem_.Advance(VirtualModem::Clock::now());
  modem_.NetworkUp();
  Pump();
}

void ModemHost::Reset(std::chrono::milliseconds delay) {
  if (resetting_) return;
  resetting_ = true;
  ++resets_;
  // Flush the last answer (e.g. OK to AT+CFUN=1,1), then drop the port.
  Pump();
  if (pty_) pty_->Close();
  pty_.reset();
  reset_timer_.expires_after(delay);
  reset_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    resetting_ = false;
    if (auto err = Start()) {
      std::fprintf(stderr, "smsdesk sim: %s: port did not come back: %s\n",
                   config_.identity.name.c_str(), err->message.c_str());
      return;
    }
    modem_.Boot(VirtualModem::Clock::now(), true);
    std::fprintf(stderr, "smsdesk sim: %s is back on %s\n", config_.identity.name.c_str(),
                 pty_->slave_path().c_str());
    Pump();
  });
}

void ModemHost::Pump() {
  std::string out = modem_.TakeOutput();
  if (!out.empty()) {
    if (pty_) dropped_bytes_ += pty_->Write(out);
    else dropped_bytes_ += out.size();
  }
  auto deadline = modem_.NextDeadline();
  if (deadline == armed_for_) return;
  armed_for_ = deadline;
  if (!deadline) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(*deadline);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed or stopped
    armed_for_.reset();
    modem_.Advance(VirtualModem::Clock::now());
    Pump();
  });
}

}  // namespace smsdesk::sim
