#include "modem/sim/control_server.h"

#include <unistd.h>

#include <cstdlib>

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace smsdesk::sim {
namespace {

using boost::asio::local::stream_protocol;

// One client connection: read a line, answer it, repeat until EOF.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(stream_protocol::socket socket, const ControlServer::Handler& handler)
      : socket_(std::move(socket)), handler_(handler) {}

  void Read() {
    auto self = shared_from_this();
    boost::asio::async_read_until(
        socket_, buffer_, '\n', [self](const boost::system::error_code& ec, std::size_t n) {
          if (ec) return;
          std::string line(boost::asio::buffers_begin(self->buffer_.data()),
                           boost::asio::buffers_begin(self->buffer_.data()) +
                               static_cast<std::ptrdiff_t>(n));
          self->buffer_.consume(n);
          self->Answer(line);
        });
  }

 private:
  void Answer(const std::string& line) {
    nlohmann::json reply;
    nlohmann::json request = nlohmann::json::parse(line, nullptr, false);
    if (request.is_discarded() || !request.is_object()) {
      reply = {{"ok", false}, {"error", "request is not a JSON object"}};
    } else {
      try {
        reply = handler_(request);
      } catch (const std::exception& e) {  // e.g. a field of the wrong type
        reply = {{"ok", false}, {"error", e.what()}};
      }
    }
    out_ = reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    auto self = shared_from_this();
    boost::asio::async_write(socket_, boost::asio::buffer(out_),
                             [self](const boost::system::error_code& ec, std::size_t) {
                               if (!ec) self->Read();
                             });
  }

  stream_protocol::socket socket_;
  const ControlServer::Handler& handler_;
  boost::asio::streambuf buffer_{1 << 20};
  std::string out_;
};

}  // namespace

std::string DefaultControlPath() {
  if (const char* env = std::getenv("SMSDESK_SIM_SOCKET"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg) {
    return std::string(xdg) + "/smsdesk-sim.sock";
  }
  return "/tmp/smsdesk-sim-" + std::to_string(::getuid()) + ".sock";
}

ControlServer::ControlServer(boost::asio::io_context& io, std::string path, Handler handler)
    : io_(io), path_(std::move(path)), handler_(std::move(handler)), acceptor_(io) {}

ControlServer::~ControlServer() { Stop(); }

std::optional<modem::Error> ControlServer::Start() {
  boost::system::error_code ec;
  {
    // A socket file that still answers belongs to another simulator.
    stream_protocol::socket probe(io_);
    probe.connect(stream_protocol::endpoint(path_), ec);
    if (!ec) return modem::MakeError("another simulator is listening on " + path_);
  }
  ::unlink(path_.c_str());
  acceptor_.open(stream_protocol(), ec);
  if (!ec) acceptor_.bind(stream_protocol::endpoint(path_), ec);
  if (!ec) acceptor_.listen(16, ec);
  if (ec) return modem::MakeError("control socket " + path_ + ": " + ec.message());
  bound_ = true;
  Accept();
  return std::nullopt;
}

void ControlServer::Stop() {
  boost::system::error_code ignored;
  if (acceptor_.is_open()) acceptor_.close(ignored);
  if (bound_) ::unlink(path_.c_str());
  bound_ = false;
}

void ControlServer::Accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, stream_protocol::socket s) {
    if (ec) return;  // closed
    std::make_shared<Connection>(std::move(s), handler_)->Read();
    Accept();
  });
}

}  // namespace smsdesk::sim
