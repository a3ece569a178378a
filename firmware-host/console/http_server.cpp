#include "firmware-host/console/http_server.h"

#include <deque>
#include <map>
#include <regex>

#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace smsdesk::console {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;  // the wire; `http` is the console's own types
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

// What the server needs of every open connection: to end it (Stop, or to
// make room), and whether it is only waiting for a request (idle keep-alive,
// a TLS handshake, a head or body still coming), since when, from where.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void Shutdown() = 0;
  virtual bool waiting() const = 0;
  virtual std::chrono::steady_clock::time_point waiting_since() const = 0;
  virtual const std::string& address() const = 0;
};

struct HttpServer::Shared {
  std::vector<std::weak_ptr<Connection>> open;  // pruned as connections end
  Handler handler;
  HttpLimits limits;
  std::unique_ptr<ssl::context> tls;
  int connections = 0;
  std::map<std::string, int> by_address;
  bool stopped = false;
};

namespace {

Response ErrorResponse(http::status status, std::string_view why) {
  Response response = TextResponse(status, std::string(why) + "\n");
  response.keep_alive(false);
  return response;
}

// How a request wants its answer written.
struct Manner {
  bool head = false;  // headers only
  unsigned version = 11;
  bool keep_alive = false;
};

// The console needs GET, HEAD and POST; any other method, known or not, is
// one this server does not implement, on any path: 501 with Allow (RFC 9110
// §15.6.2), and the connection stays usable.
bool KnownMethod(http::verb method) {
  return method == http::verb::get || method == http::verb::head || method == http::verb::post;
}

Response NotImplemented() {
  Response response = TextResponse(http::status::not_implemented, "GET, HEAD or POST\n");
  response.set(http::field::allow, "GET, HEAD, POST");
  return response;
}

http::verb FromWire(bhttp::verb method) {
  switch (method) {
    case bhttp::verb::get: return http::verb::get;
    case bhttp::verb::head: return http::verb::head;
    case bhttp::verb::post: return http::verb::post;
    case bhttp::verb::put: return http::verb::put;
    case bhttp::verb::delete_: return http::verb::delete_;
    case bhttp::verb::options: return http::verb::options;
    case bhttp::verb::patch: return http::verb::patch;
    case bhttp::verb::connect: return http::verb::connect;
    case bhttp::verb::trace: return http::verb::trace;
    default: return http::verb::unknown;
  }
}

// The parsed request as the console's own type: the method, target,
// version, every header field as it came, the body.
Request FromWire(bhttp::request<bhttp::string_body>&& wire) {
  Request request(FromWire(wire.method()), std::string(wire.target()), wire.version());
  for (const auto& f : wire) {
    request.insert(std::string_view(f.name_string().data(), f.name_string().size()), std::string(f.value()));
  }
  request.body() = std::move(wire.body());
  return request;
}

// The handler's response on the wire, in the manner of the request it
// answers: its HTTP version, its keep-alive, Content-Length set.
bhttp::response<bhttp::string_body> ToWire(Response&& response, const Manner& manner) {
  bhttp::response<bhttp::string_body> wire;
  wire.result(response.result_int());
  wire.version(manner.version);
  for (const auto& f : response.fields()) wire.insert(f.name, f.value);
  if (manner.version < 11) {
    // HTTP/1.0: one request per connection, whatever the client asked.
    wire.keep_alive(false);
    wire.set(bhttp::field::connection, "close");
  } else {
    wire.keep_alive(manner.keep_alive && response.keep_alive());
  }
  wire.body() = std::move(response.body());
  wire.prepare_payload();
  return wire;
}

// One connection: read a request, answer it, again while keep-alive; or turn
// into an event stream. Plain TCP or TLS (Stream).
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>>, public EventStream, public Connection {
 public:
  Session(Stream stream, std::shared_ptr<HttpServer::Shared> shared, bool tls, std::string address)
      : stream_(std::move(stream)), shared_(std::move(shared)), tls_(tls), address_(std::move(address)) {
    ++shared_->connections;
    ++shared_->by_address[address_];
  }
  ~Session() override { Release(); }

  // The server stops, or needs the slot: end this connection now (an idle
  // keep-alive or an event stream would otherwise keep the daemon from
  // exiting).
  void Shutdown() override { Close(); }
  bool waiting() const override { return waiting_ && !shut_; }
  std::chrono::steady_clock::time_point waiting_since() const override { return waiting_since_; }
  const std::string& address() const override { return address_; }

  void Start() {
    std::erase_if(shared_->open, [](const std::weak_ptr<Connection>& c) { return c.expired(); });
    shared_->open.push_back(this->shared_from_this());
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
      Waiting(true);
      beast::get_lowest_layer(stream_).expires_after(shared_->limits.header_timeout);
      stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (ec) return self->Close();
        self->Read();
      });
    } else {
      Read();
    }
  }

  void End() override {
    if (shut_) return;
    closed_ = true;
    ending_ = true;
    if (outgoing_.empty()) Close();  // else once the last event is written
  }

  void Send(std::string_view event, std::string_view data) override {
    if (closed_) return;
    std::string frame = "event: " + std::string(event) + "\n";
    // Each line of the data is its own "data:" field (the SSE format).
    std::size_t start = 0;
    while (start <= data.size()) {
      const std::size_t end = data.find('\n', start);
      frame += "data: " + std::string(data.substr(start, end - start)) + "\n";
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    frame += "\n";
    Write(std::move(frame));
  }
  bool closed() const override { return closed_; }

 private:
  // The head within header_timeout of starting to wait for it, then the
  // body within body_timeout: a client sending a byte now and then cannot
  // hold the connection for long.
  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->limits.header_bytes));
    parser_->body_limit(shared_->limits.body_bytes);
    Waiting(true);
    beast::get_lowest_layer(stream_).expires_after(shared_->limits.header_timeout);
    auto self = this->shared_from_this();
    bhttp::async_read_header(stream_, buffer_, *parser_, [self](beast::error_code ec, std::size_t) {
      if (ec || self->parser_->is_done()) return self->OnRead(ec);
      beast::get_lowest_layer(self->stream_).expires_after(self->shared_->limits.body_timeout);
      bhttp::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](beast::error_code ec, std::size_t) { self->OnRead(ec); });
    });
  }

  void OnRead(beast::error_code ec) {
    Waiting(false);
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::ssl::error::stream_truncated) {
      return Close();
    }
    if (ec == bhttp::error::header_limit) return Answer(ErrorResponse(http::status::request_header_fields_too_large, "header too large"));
    if (ec == bhttp::error::body_limit) return Answer(ErrorResponse(http::status::payload_too_large, "body too large"));
    if (ec) return Answer(ErrorResponse(http::status::bad_request, "malformed request"));
    if (shared_->stopped) return Close();

    Request request = FromWire(parser_->release());
    const Manner manner{.head = request.method() == http::verb::head,
                        .version = request.version(),
                        .keep_alive = request.keep_alive()};
    if (!KnownMethod(request.method())) return Answer(NotImplemented(), manner);
    // HEAD is GET without the body (RFC 9110 §9.3.2): the handler sees a GET.
    if (manner.head) request.method(http::verb::get);
    RequestContext context{.request = request, .tls = tls_};
    beast::error_code peer_error;
    const auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(peer_error);
    if (!peer_error) context.peer = endpoint.address().to_string();
    const std::string_view target = request.target();
    const std::size_t question = target.find('?');
    context.path = UrlDecode(target.substr(0, question));
    if (question != std::string_view::npos) context.query = ParseUrlEncoded(target.substr(question + 1));
    if (auto cookie = request.get(http::field::cookie)) context.cookies = ParseCookies(*cookie);
    if (request[http::field::content_type].starts_with("application/x-www-form-urlencoded")) {
      context.form = ParseUrlEncoded(request.body());
    }
    if (context.path.find('\0') != std::string::npos || context.path.empty() || context.path.front() != '/') {
      return Answer(ErrorResponse(http::status::bad_request, "bad path"), manner);
    }
    Reply reply = shared_->handler(context);
    if (reply.later) {
      // Nothing else is read from this connection until the answer is out.
      return reply.later([self = this->shared_from_this(), manner](Response response) {
        self->Answer(std::move(response), manner);
      });
    }
    if (reply.on_open && manner.head) {
      // The headers of an event stream, and no stream.
      return Answer(MakeResponse(http::status::ok, "", "text/event-stream"), manner);
    }
    if (reply.on_open) return OpenStream(std::move(reply), manner);
    Answer(std::move(reply.response), manner);
  }

  // Writes `response` in the manner of the request it answers: its HTTP
  // version, its keep-alive, headers only for HEAD.
  void Answer(Response response, const Manner& manner = {}) {
    auto wire = ToWire(std::move(response), manner);
    beast::get_lowest_layer(stream_).expires_after(shared_->limits.write_timeout);
    if (manner.head) {
      // The same header, Content-Length included, and no body.
      return WriteMessage(std::make_shared<bhttp::response<bhttp::empty_body>>(std::move(wire.base())));
    }
    WriteMessage(std::make_shared<bhttp::response<bhttp::string_body>>(std::move(wire)));
  }

  template <class Body>
  void WriteMessage(std::shared_ptr<bhttp::response<Body>> message) {
    bhttp::async_write(stream_, *message, [self = this->shared_from_this(), message](beast::error_code ec, std::size_t) {
      if (ec || !message->keep_alive()) return self->Close();
      self->Read();
    });
  }

  void OpenStream(Reply reply, const Manner& manner) {
    // The read below waits for ever (the browser never sends more; a read
    // that ends means it went away); each write has its own timeout
    // (WriteNext), so a client that stops reading is let go.
    beast::get_lowest_layer(stream_).expires_never();
    stream_.async_read_some(net::buffer(sink_), [self = this->shared_from_this()](beast::error_code, std::size_t) {
      self->closed_ = true;
      self->Close();
    });
    std::string head = std::string(manner.version < 11 ? "HTTP/1.0" : "HTTP/1.1") +
                       " 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
                       "X-Content-Type-Options: nosniff\r\nConnection: " +
                       (manner.version < 11 ? "close" : "keep-alive") + "\r\n\r\n";
    streaming_ = true;
    Write(std::move(head));
    reply.on_open(std::static_pointer_cast<EventStream>(this->shared_from_this()));
  }

  void Write(std::string bytes) {
    outgoing_.push_back(std::move(bytes));
    if (outgoing_.size() == 1) WriteNext();
  }

  void WriteNext() {
    // No write is pending here; the stream's read is, and keeps its own
    // (never) expiry: Beast's expires_after leaves a pending operation's
    // timer alone.
    beast::get_lowest_layer(stream_).expires_after(shared_->limits.write_timeout);
    net::async_write(stream_, net::buffer(outgoing_.front()),
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) {
                         self->closed_ = true;
                         return self->Close();
                       }
                       self->outgoing_.pop_front();
                       if (!self->outgoing_.empty()) return self->WriteNext();
                       if (self->ending_) self->Close();
                     });
  }

  void Close() {
    if (shut_) return;
    shut_ = true;
    closed_ = true;
    Release();
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(stream_).close();
  }

  // Gives the connection's slot back at once (the object itself goes when
  // its last operation has finished).
  void Release() {
    if (released_) return;
    released_ = true;
    --shared_->connections;
    if (--shared_->by_address[address_] <= 0) shared_->by_address.erase(address_);
  }

  void Waiting(bool waiting) {
    if (waiting && !waiting_) waiting_since_ = std::chrono::steady_clock::now();
    waiting_ = waiting;
  }

  Stream stream_;
  std::shared_ptr<HttpServer::Shared> shared_;
  bool tls_;
  std::string address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::deque<std::string> outgoing_;
  char sink_[64];
  bool streaming_ = false;
  bool closed_ = false;
  bool ending_ = false;  // End(): close once the outgoing events are written
  bool shut_ = false;
  bool released_ = false;
  bool waiting_ = false;  // for a request (or the TLS handshake)
  std::chrono::steady_clock::time_point waiting_since_{};
};

// The server is full (or `address` holds its share): the connection that has
// waited longest for a request, from the address holding the most
// connections (or from `address` itself when it is at its own cap); null
// when every connection is busy answering or streaming.
std::shared_ptr<Connection> MakeRoomFor(HttpServer::Shared& shared, const std::string& address, bool own_cap) {
  std::erase_if(shared.open, [](const std::weak_ptr<Connection>& c) { return c.expired(); });
  const int mine = shared.by_address.count(address) ? shared.by_address.at(address) : 0;
  std::string from = address;
  if (!own_cap) {
    int most = 0;
    for (const auto& [holder, count] : shared.by_address) {
      if (count > most) std::tie(from, most) = std::tie(holder, count);
    }
    if (most <= mine) return nullptr;  // the newcomer's address already holds the most
  }
  std::shared_ptr<Connection> oldest;
  for (const auto& weak : shared.open) {
    auto c = weak.lock();
    if (!c || !c->waiting() || c->address() != from) continue;
    if (!oldest || c->waiting_since() < oldest->waiting_since()) oldest = c;
  }
  return oldest;
}

}  // namespace

HttpServer::HttpServer(net::io_context& io, Handler handler, HttpLimits limits)
    : io_(io), acceptor_(io), shared_(std::make_shared<Shared>()) {
  shared_->handler = std::move(handler);
  shared_->limits = limits;
}

HttpServer::~HttpServer() { Stop(); }

modem::Result<bool> HttpServer::Listen(const std::string& bind, const std::optional<TlsFiles>& tls) {
  static const std::regex kBind(R"(^\[?([0-9A-Za-z.:-]+?)\]?:(\d{1,5})$)");
  std::smatch m;
  if (!std::regex_match(bind, m, kBind)) return modem::MakeError("console.bind: \"" + bind + "\" is not host:port");
  std::string host = m[1];
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return modem::MakeError("console.bind: \"" + host + "\" is not an IP address");
  if (tls) {
    shared_->tls = std::make_unique<ssl::context>(ssl::context::tls_server);
    shared_->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                              ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    shared_->tls->use_certificate_chain_file(tls->certificate, ec);
    if (ec) return modem::MakeError("console.tls_certificate " + tls->certificate + ": " + ec.message());
    shared_->tls->use_private_key_file(tls->key, ssl::context::pem, ec);
    if (ec) return modem::MakeError("console.tls_key " + tls->key + ": " + ec.message());
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(std::stoi(m[2])));
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return modem::MakeError("console: cannot listen on " + bind + ": " + ec.message());
  Accept();
  return true;
}

unsigned short HttpServer::port() const {
  beast::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void HttpServer::Stop() {
  shared_->stopped = true;
  beast::error_code ec;
  acceptor_.close(ec);
  for (auto& weak : shared_->open) {
    if (auto connection = weak.lock()) connection->Shutdown();
  }
  shared_->open.clear();
}

void HttpServer::Accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || shared_->stopped) return;
    if (!ec) {
      beast::error_code peer_error;
      const auto peer = socket.remote_endpoint(peer_error);
      std::string address = peer_error ? std::string("?") : peer.address().to_string();
      const auto held = shared_->by_address.find(address);
      const bool own_cap =
          held != shared_->by_address.end() && held->second >= shared_->limits.max_connections_per_address;
      if (own_cap || shared_->connections >= shared_->limits.max_connections) {
        if (auto room = MakeRoomFor(*shared_, address, own_cap)) room->Shutdown();
      }
      const auto now_held = shared_->by_address.find(address);
      if (shared_->connections >= shared_->limits.max_connections ||
          (now_held != shared_->by_address.end() &&
           now_held->second >= shared_->limits.max_connections_per_address)) {
        socket.close(ec);  // over a limit and nobody to make room: refuse rather than starve the desk
      } else if (shared_->tls) {
        std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
            beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *shared_->tls), shared_, true,
            std::move(address))
            ->Start();
      } else {
        std::make_shared<Session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), shared_, false,
                                                     std::move(address))
            ->Start();
      }
    }
    Accept();
  });
}

}  // namespace smsdesk::console
