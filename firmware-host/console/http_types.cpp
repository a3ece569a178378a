#include "firmware-host/console/http_types.h"

#include <array>
#include <utility>

#include "modem/at_text.h"
#include "modem/trim.h"

namespace smsdesk::console {
namespace http {
namespace {

constexpr std::array<std::pair<verb, std::string_view>, 9> kVerbs = {{
    {verb::get, "GET"},
    {verb::head, "HEAD"},
    {verb::post, "POST"},
    {verb::put, "PUT"},
    {verb::delete_, "DELETE"},
    {verb::options, "OPTIONS"},
    {verb::patch, "PATCH"},
    {verb::connect, "CONNECT"},
    {verb::trace, "TRACE"},
}};

// Field names and Connection tokens compare without regard to ASCII case.
using modem::EqualsNoCase;

// The token `want` in a comma-separated field value ("keep-alive, Upgrade").
bool HasToken(std::string_view value, std::string_view want) {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    if (EqualsNoCase(Trim(value.substr(0, comma), kSpaceAndTab), want)) return true;
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
  }
  return false;
}

}  // namespace

std::string_view to_string(verb method) {
  for (const auto& [v, name] : kVerbs) {
    if (v == method) return name;
  }
  return "<unknown>";
}

verb string_to_verb(std::string_view name) {
  for (const auto& [v, known] : kVerbs) {
    if (known == name) return v;
  }
  return verb::unknown;
}

std::string_view to_string(field f) {
  switch (f) {
    case field::allow: return "Allow";
    case field::authorization: return "Authorization";
    case field::cache_control: return "Cache-Control";
    case field::connection: return "Connection";
    case field::content_disposition: return "Content-Disposition";
    case field::content_length: return "Content-Length";
    case field::content_type: return "Content-Type";
    case field::cookie: return "Cookie";
    case field::host: return "Host";
    case field::location: return "Location";
    case field::origin: return "Origin";
    case field::retry_after: return "Retry-After";
    case field::set_cookie: return "Set-Cookie";
  }
  return "";
}

void Fields::set(std::string_view name, std::string value) {
  erase(name);
  insert(name, std::move(value));
}

void Fields::insert(std::string_view name, std::string value) {
  fields_.push_back({std::string(name), std::move(value)});
}

void Fields::erase(std::string_view name) {
  std::erase_if(fields_, [&](const Entry& e) { return EqualsNoCase(e.name, name); });
}

std::optional<std::string_view> Fields::get(std::string_view name) const {
  for (const Entry& e : fields_) {
    if (EqualsNoCase(e.name, name)) return std::string_view(e.value);
  }
  return std::nullopt;
}

bool Request::keep_alive() const {
  bool close = false, keep = false;
  for (const Entry& e : fields()) {
    if (!EqualsNoCase(e.name, to_string(field::connection))) continue;
    close = close || HasToken(e.value, "close");
    keep = keep || HasToken(e.value, "keep-alive");
  }
  return version() < 11 ? keep && !close : !close;
}

}  // namespace http

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}


}  // namespace

std::optional<std::string> RequestContext::Form(const std::string& key) const {
  auto it = form.find(key);
  return it == form.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::string> RequestContext::Param(const std::string& key) const {
  auto it = params.find(key);
  return it == params.end() ? std::nullopt : std::optional<std::string>(it->second);
}

Response MakeResponse(http::status status, std::string body, std::string_view content_type) {
  Response response{status};
  response.set(http::field::content_type, std::string(content_type));
  response.set(http::field::cache_control, "no-store");
  // The pages need nothing from elsewhere: no framing, no foreign scripts.
  response.set("Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  // same-origin, not no-referrer: under no-referrer Chromium sends
  // "Origin: null" with form POSTs, and the origin check refuses them.
  response.set("Referrer-Policy", "same-origin");
  response.body() = std::move(body);
  return response;
}

Response HtmlResponse(std::string body, http::status status) {
  return MakeResponse(status, std::move(body), "text/html; charset=utf-8");
}

Response JsonResponse(std::string body, http::status status) {
  return MakeResponse(status, std::move(body), "application/json");
}

Response TextResponse(http::status status, std::string body) {
  return MakeResponse(status, std::move(body), "text/plain; charset=utf-8");
}

Response Redirect(std::string_view location) {
  Response response = MakeResponse(http::status::see_other, "", "text/plain; charset=utf-8");
  response.set(http::field::location, std::string(location));
  return response;
}

std::string CookieValue(std::string_view name, std::string_view value, std::string_view path, std::int64_t max_age,
                        bool secure) {
  return std::string(name) + "=" + std::string(value) + "; Path=" + std::string(path) +
         "; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) + (secure ? "; Secure" : "");
}

std::string UrlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;  // a stray '%' stays as typed
    }
  }
  return out;
}

std::map<std::string, std::string> ParseUrlEncoded(std::string_view text) {
  std::map<std::string, std::string> fields;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string{} : UrlDecode(pair.substr(eq + 1));
    fields.try_emplace(std::move(key), std::move(value));  // the first wins
  }
  return fields;
}

std::map<std::string, std::string> ParseCookies(std::string_view header) {
  std::map<std::string, std::string> cookies;
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    const std::string_view pair = Trim(header.substr(0, semi), kSpaceAndTab);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    cookies.try_emplace(std::string(Trim(pair.substr(0, eq), kSpaceAndTab)), std::string(Trim(pair.substr(eq + 1), kSpaceAndTab)));
  }
  return cookies;
}

}  // namespace smsdesk::console
