#include "tests/firmware-host/console/http_client_support.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace smsdesk::console::test_util {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;  // the wire; `http` is the console's types
using tcp = net::ip::tcp;

http::Response HttpExchange(unsigned short port, const std::string& from, http::verb method,
                            const std::string& target, const std::string& body,
                            const std::map<std::string, std::string>& headers) {
  net::io_context io;
  tcp::socket socket(io);
  socket.open(tcp::v4());
  socket.bind({net::ip::make_address(from), 0});
  socket.connect({net::ip::address_v4::loopback(), port});
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(std::string(http::to_string(method))), target, 11};
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty()) {
    request.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
    request.body() = body;
  }
  request.prepare_payload();
  bhttp::write(socket, request);
  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> wire;
  bhttp::read(socket, buffer, wire);
  http::Response response(static_cast<http::status>(wire.result_int()));
  for (const auto& f : wire) {
    response.insert(std::string_view(f.name_string().data(), f.name_string().size()), std::string(f.value()));
  }
  response.body() = std::move(wire.body());
  response.keep_alive(wire.keep_alive());
  return response;
}

}  // namespace smsdesk::console::test_util
