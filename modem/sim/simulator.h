// Simulator: everything `smsdesk sim` runs in one io_context: the modems on
// their pseudo-terminals, the virtual network between them and the phones,
// and the control socket. Event-driven: idle, it waits in epoll with no timer
// armed unless a modem has something scheduled.
//
// Used on the io_context's thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "modem/sim/control_server.h"
#include "modem/sim/modem_host.h"
#include "modem/sim/virtual_network.h"

namespace smsdesk::sim {

struct SimulatorConfig {
  std::vector<ModemConfig> modems;
  std::string control_path;  // empty: DefaultControlPath()
};

class Simulator {
 public:
  Simulator(boost::asio::io_context& io, SimulatorConfig config);
  ~Simulator();

  // Opens every port and the control socket; on error nothing stays open.
  std::optional<modem::Error> Start();
  // Closes the ports, removes symlinks and the socket.
  void Stop();

  // By name ("modem1"), index ("1"), number ("+15550000002"), link path or
  // its file name.
  ModemHost* FindModem(const std::string& key);
  const std::vector<std::unique_ptr<ModemHost>>& modems() const { return modems_; }
  VirtualNetwork& network() { return network_; }
  const std::string& control_path() const { return control_.path(); }

 private:
  boost::asio::io_context& io_;
  VirtualNetwork network_;
  std::vector<std::unique_ptr<ModemHost>> modems_;
  ControlServer control_;
};

// Default identities: +1555000000<n+1>, a valid-looking IMEI per modem.
ModemIdentity DefaultIdentity(int index);

}  // namespace smsdesk::sim
