// What a console handler sees and returns: the Beast request, the peer's
// address, parsed cookies, query and form fields, and a response — or, for
// server-sent events, a stream the server keeps open.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http.hpp>

namespace smsdesk::console {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

struct RequestContext {
  const Request& request;
  std::string peer;  // "127.0.0.1"
  std::string path;  // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> form;  // application/x-www-form-urlencoded body
  bool tls = false;
  // Path parameters of the matched route ("/tickets/{id}" -> "id").
  std::map<std::string, std::string> params;

  std::optional<std::string> Form(const std::string& key) const;
  std::optional<std::string> Param(const std::string& key) const;
};

// An event stream (text/event-stream) stays open after the handler returns;
// Send() writes one event; End() closes the connection once what was sent
// is written; closed() tells when it ended or the browser went away.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual void Send(std::string_view event, std::string_view data) = 0;
  virtual void End() = 0;
  virtual bool closed() const = 0;
};

// Sends a response that was not ready when the handler returned. Call it
// once, on the io_context's thread.
using Respond = std::function<void(Response)>;

// A handler's answer: a response; or an event stream the server opens and
// hands to `on_open`; or, for work done off the loop (a password check),
// `later`, which the server calls at once with the Respond of this request.
struct Reply {
  Response response;
  std::function<void(std::shared_ptr<EventStream>)> on_open;  // set: an event stream
  std::function<void(Respond)> later;                          // set: answered later
};

Response MakeResponse(http::status status, std::string body, std::string_view content_type);
Response HtmlResponse(std::string body, http::status status = http::status::ok);
Response JsonResponse(std::string body, http::status status = http::status::ok);
Response TextResponse(http::status status, std::string body);
Response Redirect(std::string_view location);

// A Set-Cookie value: HttpOnly, SameSite=Strict, Secure when `secure`;
// max_age 0 deletes the cookie.
std::string CookieValue(std::string_view name, std::string_view value, std::string_view path, std::int64_t max_age,
                        bool secure);

// application/x-www-form-urlencoded and query strings; '+' is a space.
std::map<std::string, std::string> ParseUrlEncoded(std::string_view text);
std::string UrlDecode(std::string_view text);
std::map<std::string, std::string> ParseCookies(std::string_view header);

}  // namespace smsdesk::console
