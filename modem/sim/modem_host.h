// ModemHost: one VirtualModem on one Pty, with the timer that wakes it at its
// next deadline (no polling: the timer is armed only when something is
// scheduled). Carries out resets: the port disappears (master closed, symlink
// removed) and comes back after a delay, maybe as another /dev/pts/N.
//
// Owned by the Simulator; used on the io_context's thread only.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "modem/sim/pty.h"
#include "modem/sim/virtual_modem.h"

namespace smsdesk::sim {

struct ModemConfig {
  ModemIdentity identity;
  ModemTiming timing;
  std::string link;                                // symlink to create; may be empty
  std::chrono::milliseconds reset_delay{1000};     // AT+CFUN=1,1 and "reset" faults
  std::vector<FaultSpec> faults;                   // armed at start
};

class ModemHost {
 public:
  using SubmitHandler = std::function<void(ModemHost&, const modem::SubmitPdu&, std::uint8_t mr)>;
  // The network's refusal of a destination (VirtualModem::Hooks).
  using RefusalHandler = std::function<std::optional<int>(const std::string& destination)>;

  ModemHost(boost::asio::io_context& io, ModemConfig config, SubmitHandler on_submit, RefusalHandler refusal = {});
  ~ModemHost();

  // Opens the pseudo-terminal. Errors: no ptys, the link path not writable.
  std::optional<modem::Error> Start();
  void Stop();

  // An SMS-DELIVER part from the network.
  void Deliver(const modem::EncodedPdu& pdu, const std::string& message_id);
  // Fault injection; kReset drops the port for spec.delay.
  void InjectFault(const FaultSpec& spec);
  void Reset(std::chrono::milliseconds delay);
  // A network outage around the modem (VirtualModem::NetworkDown); the host's
  // timer carries out its automatic end. Resets do not end it.
  void NetworkDown(OutageMode mode, std::optional<int> send_error,
                   std::optional<std::chrono::milliseconds> duration);
  void NetworkUp();
  // The balance service and USSD framing (VirtualModem::UpdateUssd).
  std::optional<modem::Error> UpdateUssd(const UssdBalanceUpdate& update) { return modem_.UpdateUssd(update); }

  const VirtualModem& modem() const { return modem_; }
  const ModemConfig& config() const { return config_; }
  bool online() const { return pty_ != nullptr; }
  std::string slave_path() const { return pty_ ? pty_->slave_path() : std::string(); }
  int resets() const { return resets_; }
  std::uint64_t dropped_output_bytes() const { return dropped_bytes_; }

 private:
  void OnData(std::string_view bytes);
  void Pump();  // writes pending output and re-arms the timer

  boost::asio::io_context& io_;
  ModemConfig config_;
  SubmitHandler on_submit_;
  VirtualModem modem_;
  std::unique_ptr<Pty> pty_;
  boost::asio::steady_timer timer_;
  boost::asio::steady_timer reset_timer_;
  std::optional<VirtualModem::TimePoint> armed_for_;
  int resets_ = 0;
  std::uint64_t dropped_bytes_ = 0;
  bool resetting_ = false;
};

}  // namespace smsdesk::sim
