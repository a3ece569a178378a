// What a console handler sees and returns: the request, the peer's address,
// parsed cookies, query and form fields, and a response — or, for
// server-sent events, a stream the server keeps open.
//
// The request and response are this module's own small types, not the HTTP
// library's: only http_server.cpp speaks Beast (and TLS) and converts at the
// edge, so the pages compile without it. The names (http::verb::get,
// http::status::not_found, http::field::location, set, result, body) follow
// the HTTP library's, which the server maps one to one.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::console {

namespace http {

// The methods the server tells apart; any other is kUnknown (501).
enum class verb { unknown, get, head, post, put, delete_, options, patch, connect, trace };
std::string_view to_string(verb method);
verb string_to_verb(std::string_view name);  // exact, upper case; unknown else

// The statuses the console answers with (RFC 9110 codes).
enum class status : unsigned {
  ok = 200,
  created = 201,
  see_other = 303,
  bad_request = 400,
  unauthorized = 401,
  forbidden = 403,
  not_found = 404,
  method_not_allowed = 405,
  conflict = 409,
  payload_too_large = 413,
  misdirected_request = 421,
  unprocessable_entity = 422,
  too_many_requests = 429,
  request_header_fields_too_large = 431,
  internal_server_error = 500,
  not_implemented = 501,
  service_unavailable = 503,
};

// The header fields the console names; any other goes by its name.
enum class field {
  allow,
  authorization,
  cache_control,
  connection,
  content_disposition,
  content_length,
  content_type,
  cookie,
  host,
  location,
  origin,
  retry_after,
  set_cookie,
};
std::string_view to_string(field f);  // "Set-Cookie"

// Header fields in the order they came or were set; names compare without
// regard to case (RFC 9110 §5.1).
class Fields {
 public:
  struct Entry {
    std::string name;
    std::string value;
  };
  // Replaces every field of that name with one.
  void set(std::string_view name, std::string value);
  void set(field f, std::string value) { set(to_string(f), std::move(value)); }
  // Adds one more of that name (Set-Cookie repeats).
  void insert(std::string_view name, std::string value);
  void insert(field f, std::string value) { insert(to_string(f), std::move(value)); }
  void erase(std::string_view name);
  // The first field of that name.
  std::optional<std::string_view> get(std::string_view name) const;
  std::optional<std::string_view> get(field f) const { return get(to_string(f)); }
  // Its value, or "" (as the HTTP library's operator[]).
  std::string_view operator[](std::string_view name) const { return get(name).value_or(std::string_view{}); }
  std::string_view operator[](field f) const { return (*this)[to_string(f)]; }
  const std::vector<Entry>& fields() const { return fields_; }

 private:
  std::vector<Entry> fields_;
};

class Request : public Fields {
 public:
  Request() = default;
  Request(verb method, std::string target, unsigned version = 11)
      : method_(method), target_(std::move(target)), version_(version) {}
  verb method() const { return method_; }
  void method(verb m) { method_ = m; }
  std::string_view target() const { return target_; }
  void target(std::string t) { target_ = std::move(t); }
  unsigned version() const { return version_; }  // 11: HTTP/1.1
  void version(unsigned v) { version_ = v; }
  std::string& body() { return body_; }
  const std::string& body() const { return body_; }
  // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "keep-alive".
  bool keep_alive() const;

 private:
  verb method_ = verb::get;
  std::string target_ = "/";
  unsigned version_ = 11;
  std::string body_;
};

class Response : public Fields {
 public:
  explicit Response(status s = status::ok) : status_(s) {}
  status result() const { return status_; }
  void result(status s) { status_ = s; }
  unsigned result_int() const { return static_cast<unsigned>(status_); }
  std::string& body() { return body_; }
  const std::string& body() const { return body_; }
  // False: the server closes the connection after this answer.
  bool keep_alive() const { return keep_alive_; }
  void keep_alive(bool k) { keep_alive_ = k; }

 private:
  status status_;
  std::string body_;
  bool keep_alive_ = true;
};

}  // namespace http

using Request = http::Request;
using Response = http::Response;

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
