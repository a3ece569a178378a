// ControlServer: the simulator's local control socket (a Unix domain stream
// socket). The protocol is JSON lines: each request is one JSON object on one
// line, each answer one JSON object on one line, in order. The meaning of the
// requests is the handler's business (control_commands.h).
//
// Used on the io_context's thread only; nothing thrown escapes a handler.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <nlohmann/json.hpp>

#include "modem/result.h"

namespace smsdesk::sim {

class ControlServer {
 public:
  using Handler = std::function<nlohmann::json(const nlohmann::json& request)>;

  ControlServer(boost::asio::io_context& io, std::string path, Handler handler);
  ~ControlServer();

  // Binds and listens; a stale socket file is replaced, a live one is an error.
  std::optional<modem::Error> Start();
  // Stops accepting and removes the socket file.
  void Stop();
  const std::string& path() const { return path_; }

 private:
  void Accept();

  boost::asio::io_context& io_;
  std::string path_;
  Handler handler_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  bool bound_ = false;
};

// $SMSDESK_SIM_SOCKET, else $XDG_RUNTIME_DIR/smsdesk-sim.sock, else
// /tmp/smsdesk-sim-<uid>.sock.
std::string DefaultControlPath();

}  // namespace smsdesk::sim
