// HttpServer: HTTP/1.1 (Boost.Beast) on the daemon's io_context, plain on
// localhost or TLS (OpenSSL) when a certificate is configured. One job: read
// requests within limits, hand each to the handler, write the answer; keep
// event streams (server-sent events) open. Hostile input gets a clear status
// and the connection closed: an oversized header or body (431/413), a
// malformed request (400), a slow client (timeouts for the head, the body
// and each write). Connections are capped overall and per address; when the
// server is full, a newcomer takes the slot of the connection that has
// waited longest for a request (idle or dribbling) from the address holding
// the most, so slow clients cannot lock others out.
// HTTP itself is answered here: HEAD is served as GET without the body, an
// HTTP/1.0 request gets an HTTP/1.0 answer and the connection closed, and a
// method other than GET, HEAD and POST gets 501 with Allow.
//
// The handler runs on the io_context and must be quick (SQLite, no waits);
// slow work goes elsewhere and answers through Reply::later.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "firmware-host/console/http_limits.h"
#include "firmware-host/console/http_types.h"
#include "modem/result.h"

namespace smsdesk::console {

struct TlsFiles {
  std::string certificate;  // PEM chain
  std::string key;          // PEM private key
};

class HttpServer {
 public:
  using Handler = std::function<Reply(RequestContext&)>;

  HttpServer(boost::asio::io_context& io, Handler handler, HttpLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8443"; port 0 picks a free one.
  // With `tls`, every connection is TLS.
  modem::Result<bool> Listen(const std::string& bind, const std::optional<TlsFiles>& tls);
  void Stop();
  unsigned short port() const;

  struct Shared;  // what connections share with the server (internal)

 private:
  void Accept();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace smsdesk::console
