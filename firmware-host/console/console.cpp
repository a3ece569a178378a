// Console: requests in, which host and origin, who is asking, which route
// and whether their role may take it (roles.h).
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/http_server.h"
#include "firmware-host/console/password_worker.h"

#include <algorithm>
#include <cctype>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/host_name.hpp>
#include <nlohmann/json.hpp>

#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/html.h"
#include "store/audit_log.h"

namespace smsdesk::console {
namespace {

Reply Plain(Response response) { return Reply{std::move(response), {}}; }

using V = http::verb;
using C = Capability;

// "/tickets/{id}/reply" against "/tickets/17/reply": true, params["id"] = "17".
bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view want = pattern.substr(0, pattern.find('/'));
    const std::string_view got = path.substr(0, path.find('/'));
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (got.empty()) return false;
      params[std::string(want.substr(1, want.size() - 2))] = std::string(got);
    } else if (want != got) {
      return false;
    }
    pattern.remove_prefix(want.size());
    path.remove_prefix(got.size());
  }
  return true;
}

// The host part of a Host header, lower case: "[::1]:8080" -> "::1",
// "Desk.Example.org.:443" -> "desk.example.org".
std::string HostPart(std::string_view host) {
  std::string_view name = host;
  if (name.starts_with('[')) {
    const std::size_t close = name.find(']');
    name = close == std::string_view::npos ? std::string_view{} : name.substr(1, close - 1);
  } else if (const std::size_t colon = name.rfind(':'); colon != std::string_view::npos) {
    name = name.substr(0, colon);
  }
  if (name.ends_with('.')) name.remove_suffix(1);
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

bool IsIpAddress(const std::string& host) {
  boost::system::error_code error;
  (void)boost::asio::ip::make_address(host, error);
  return !error;
}

}  // namespace

// The one list of routes after the login. Dispatch takes the first whose
// pattern and method match; the route's capability is checked against the
// user's role before its handler runs.
std::span<const ConsoleServer::Route> ConsoleServer::RouteTable() {
  static const Route kRoutes[] = {
      {V::get, "/", C::kSignedIn, &ConsoleServer::Home},
      {V::post, "/logout", C::kSignedIn, &ConsoleServer::Logout},
      {V::get, "/events", C::kLiveUpdates, &ConsoleServer::Events},
      {V::get, "/queue", C::kViewQueue, &ConsoleServer::QueuePage},
      {V::get, "/tickets/{id}", C::kViewTickets, &ConsoleServer::TicketPage},
      {V::post, "/tickets/{id}/reply", C::kAnswer, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/resolve", C::kAnswer, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/note", C::kWorkTickets, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/claim", C::kWorkTickets, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/unclaim", C::kWorkTickets, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/urgent", C::kWorkTickets, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/not-urgent", C::kAnswer, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/draft", C::kDraftAnswers, &ConsoleServer::TicketAction},
      {V::post, "/tickets/{id}/drafts/{draft}/approve", C::kAnswer, &ConsoleServer::DraftDecision},
      {V::post, "/tickets/{id}/drafts/{draft}/reject", C::kAnswer, &ConsoleServer::DraftDecision},
      {V::get, "/dashboard", C::kViewDashboard, &ConsoleServer::Dashboard},
      {V::post, "/dashboard/credit/{modem}", C::kCheckCredit, &ConsoleServer::CheckCredit},
      {V::get, "/reports/tickets.csv", C::kTicketReports, &ConsoleServer::TicketsCsv},
      {V::get, "/faq", C::kViewFaq, &ConsoleServer::FaqPage},
      {V::get, "/faq/export.csv", C::kViewFaq, &ConsoleServer::FaqCsv},
      {V::get, "/faq/edit", C::kEditFaq, &ConsoleServer::FaqEditor},
      {V::post, "/faq/entry", C::kEditFaq, &ConsoleServer::FaqAction},
      {V::post, "/faq/import", C::kEditFaq, &ConsoleServer::FaqAction},
      {V::get, "/faq/examples", C::kEditFaq, &ConsoleServer::ExamplesPage},
      {V::post, "/faq/examples/decide", C::kEditFaq, &ConsoleServer::ExamplesDecide},
      {V::get, "/words", C::kEditFaq, &ConsoleServer::WordsPage},
      {V::post, "/words/add", C::kEditFaq, &ConsoleServer::WordsChange},
      {V::post, "/words/{id}/remove", C::kEditFaq, &ConsoleServer::WordsChange},
      {V::get, "/canned", C::kManageCanned, &ConsoleServer::CannedPage},
      {V::post, "/canned/add", C::kManageCanned, &ConsoleServer::CannedChange},
      {V::post, "/canned/{id}/update", C::kManageCanned, &ConsoleServer::CannedChange},
      {V::post, "/canned/{id}/delete", C::kManageCanned, &ConsoleServer::CannedChange},
      {V::get, "/alerts", C::kSendAlerts, &ConsoleServer::AlertsPage},
      {V::post, "/alerts/preview", C::kSendAlerts, &ConsoleServer::AlertsCompose},
      {V::post, "/alerts/send", C::kSendAlerts, &ConsoleServer::AlertsCompose},
      {V::get, "/alerts/{id}", C::kSendAlerts, &ConsoleServer::AlertPage},
      {V::post, "/alerts/{id}/cancel", C::kSendAlerts, &ConsoleServer::AlertCancel},
      {V::get, "/api/queue", C::kViewQueue, &ConsoleServer::ApiQueue},
      {V::get, "/api/tickets/{id}", C::kViewTickets, &ConsoleServer::ApiTicket},
      {V::post, "/api/tickets/{id}/reply", C::kAnswer, &ConsoleServer::ApiTicketAction},
      {V::post, "/api/tickets/{id}/resolve", C::kAnswer, &ConsoleServer::ApiTicketAction},
      {V::post, "/api/tickets/{id}/note", C::kWorkTickets, &ConsoleServer::ApiTicketAction},
      {V::get, "/api/alerts", C::kSendAlerts, &ConsoleServer::ApiAlerts},
      {V::post, "/api/alerts", C::kSendAlerts, &ConsoleServer::ApiAlertsCreate},
      {V::post, "/api/alerts/preview", C::kSendAlerts, &ConsoleServer::ApiAlertsCreate},
      {V::get, "/api/alerts/{id}", C::kSendAlerts, &ConsoleServer::ApiAlert},
      {V::post, "/api/alerts/{id}/cancel", C::kSendAlerts, &ConsoleServer::ApiAlertCancel},
  };
  return kRoutes;
}

std::vector<RouteInfo> ConsoleServer::Routes() {
  std::vector<RouteInfo> routes;
  for (const Route& route : RouteTable()) routes.push_back({route.method, route.pattern, route.need});
  return routes;
}

ConsoleServer::ConsoleServer(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost,
                             ConsoleTimings timings)
    : io_(io),
      deps_(std::move(deps)),
      cost_(cost),
      timings_(timings),
      server_(std::make_unique<HttpServer>(io, [this](RequestContext& ctx) { return Handle(ctx); }, timings.http)),
      passwords_(std::make_unique<PasswordWorker>(io, cost, deps_.before_password_check)) {}

ConsoleServer::~ConsoleServer() { Stop(); }

unsigned short ConsoleServer::port() const { return server_->port(); }

Console::Console(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost, ConsoleTimings timings)
    : server_(std::make_unique<ConsoleServer>(io, std::move(deps), cost, timings)) {}
Console::~Console() = default;
modem::Result<bool> Console::Start(const config::ConsoleConfig& config) { return server_->Start(config); }
void Console::Stop() { server_->Stop(); }
unsigned short Console::port() const { return server_->port(); }
void Console::NotifyQueueChanged() { server_->NotifyQueueChanged(); }
void Console::AccountsChanged() { server_->AccountsChanged(); }
std::size_t Console::logins_waiting() const { return server_->logins_waiting(); }
std::size_t Console::streams_open() { return server_->streams_open(); }

modem::Result<bool> ConsoleServer::Start(const config::ConsoleConfig& config) {
  if (!InitCrypto()) return modem::MakeError("console: libsodium could not start");
  config_ = config;
  hostnames_ = {"localhost", "127.0.0.1", "::1"};
  const std::string bind_host = HostPart(config.bind);
  if (!bind_host.empty()) hostnames_.push_back(bind_host);
  boost::system::error_code not_ip;
  const auto bound = boost::asio::ip::make_address(bind_host == "localhost" ? "127.0.0.1" : bind_host, not_ip);
  if (!not_ip && !bound.is_loopback()) {
    // Reachable from the network: also this machine's own name, bare and
    // as mDNS gives it ("smsdesk", "smsdesk.local").
    boost::system::error_code error;
    const std::string self = HostPart(boost::asio::ip::host_name(error) + ":0");
    if (!error && !self.empty()) hostnames_.insert(hostnames_.end(), {self, self + ".local"});
  }
  for (const std::string& name : config.hostnames) hostnames_.push_back(HostPart(name + ":0"));
  std::optional<TlsFiles> tls;
  if (!config.tls_certificate.empty()) tls = TlsFiles{config.tls_certificate, config.tls_key};
  return server_->Listen(config.bind, tls);
}

void ConsoleServer::Stop() {
  EndStreams(std::nullopt);
  logins_.clear();  // their connections close with the server's
  server_->Stop();  // closes every connection, event streams included
}

bool ConsoleServer::KnownHost(const RequestContext& ctx) const {
  auto host = ctx.request.get(http::field::host);
  // HTTP/1.0 may leave Host out; browsers (the only clients a rebound DNS
  // name can steer) always send it.
  if (!host) return ctx.request.version() < 11;
  const std::string name = HostPart(*host);
  if (std::find(hostnames_.begin(), hostnames_.end(), name) != hostnames_.end()) return true;
  // Bound to every address: any IP literal. A page that reaches us by an
  // address, not a name, is of that address's origin, so it cannot be a
  // rebinding attack.
  const std::string bind_host = HostPart(config_.bind);
  return (bind_host == "0.0.0.0" || bind_host == "::") && IsIpAddress(name);
}

bool ConsoleServer::SameOrigin(const RequestContext& ctx) const {
  // Browsers send Origin on every POST; an API client with a token sends none
  // (and needs no CSRF protection: a token is not ambient like a cookie).
  if (ctx.request.get("Sec-Fetch-Site") == "same-origin") return true;
  auto origin = ctx.request.get(http::field::origin);
  auto host = ctx.request.get(http::field::host);
  if (!origin) return true;
  if (!host) return false;
  return *origin == std::string(ctx.tls ? "https://" : "http://") + std::string(*host);
}

std::int64_t ConsoleServer::SessionEnd(const store::SessionRecord& session) const {
  return session.created_at + config_.session_max_age.count();
}

std::optional<Principal> ConsoleServer::Authenticate(RequestContext& ctx) {
  store::Accounts accounts(deps_.db);
  const std::int64_t now = deps_.clock->NowSeconds();
  if (auto bearer = ctx.request.get(http::field::authorization)) {
    const std::string value(*bearer);
    if (!value.starts_with("Bearer ")) return std::nullopt;
    auto token = accounts.UseApiToken(TokenHash(value.substr(7)), now);
    if (!token.ok() || !*token) return std::nullopt;
    auto user = accounts.GetUser((*token)->user_id);
    if (!user.ok() || !*user || (*user)->disabled) return std::nullopt;
    return Principal{std::move(**user), std::nullopt, (*token)->id};
  }
  auto cookie = ctx.cookies.find(kSessionCookie);
  if (cookie == ctx.cookies.end()) return std::nullopt;
  auto session = accounts.FindSession(TokenHash(cookie->second), now);
  if (!session.ok() || !*session) return std::nullopt;
  if (now >= SessionEnd(**session)) {
    // Its absolute lifetime is over, however busy it was: log in again.
    WarnIfFailed(accounts.DeleteSession((*session)->token_hash), "the end of an expired session");
    return std::nullopt;
  }
  auto user = accounts.GetUser((*session)->user_id);
  if (!user.ok() || !*user || (*user)->disabled) return std::nullopt;
  // Sliding expiry: a moderator at work is not logged out mid-answer, up to
  // the absolute end.
  if ((*session)->expires_at - now < kSessionSeconds / 2) {
    const std::int64_t until = std::min(now + kSessionSeconds, SessionEnd(**session));
    if (until > (*session)->expires_at && accounts.ExtendSession((*session)->token_hash, until).ok()) {
      (*session)->expires_at = until;
    }
  }
  return Principal{std::move(**user), std::move(**session), std::nullopt};
}

Reply ConsoleServer::Handle(RequestContext& ctx) {
  const auto method = ctx.request.method();
  if (!KnownHost(ctx)) {
    return Plain(TextResponse(http::status::misdirected_request,
                              "this console does not answer to that host name (console.hostnames)\n"));
  }
  if (ctx.path == "/static/app.css") return Plain(MakeResponse(http::status::ok, std::string(StyleSheet()), "text/css"));
  if (ctx.path == "/static/app.js") {
    return Plain(MakeResponse(http::status::ok, std::string(Script()), "text/javascript"));
  }
  if (ctx.path.starts_with("/static/") || ctx.path == "/favicon.ico") {
    return Plain(TextResponse(http::status::not_found, "not found\n"));
  }
  if (method == http::verb::post && !SameOrigin(ctx)) {
    return Plain(TextResponse(http::status::forbidden, "cross-site request refused\n"));
  }
  if (deps_.ussd) {
    // No login: an aggregator is not a user (its secret and the allow-list
    // guard it); the host and origin rules above apply as to any request.
    if (config::UssdConfig ussd = deps_.ussd(); ussd.enabled() && ctx.path == ussd.path) return Ussd(ctx, ussd);
  }
  if (ctx.path == "/login") {
    if (method == http::verb::get) return LoginPage(ctx);
    if (method == http::verb::post) return Login(ctx);
    return Plain(TextResponse(http::status::method_not_allowed, "GET or POST\n"));
  }
  const bool api = ctx.path.starts_with("/api/");
  auto who = Authenticate(ctx);
  if (!who) {
    if (api) return Plain(JsonResponse(R"({"error":"unauthorized"})", http::status::unauthorized));
    if (method == http::verb::get && !ctx.query.count("partial") && ctx.path != "/events") {
      return Plain(Redirect("/login"));
    }
    return Plain(TextResponse(http::status::unauthorized, "log in first\n"));
  }
  if (method == http::verb::post && who->session) {
    // Every form carries the session's CSRF token; the API's pages send it
    // as a header. A token is not ambient like a cookie: it needs neither.
    auto header = ctx.request.get("X-CSRF-Token");
    const std::optional<std::string> token =
        api ? (header ? std::optional<std::string>(std::string(*header)) : std::nullopt) : ctx.Form("csrf");
    if (!token || !SameToken(*token, who->session->csrf)) {
      if (api) return Plain(JsonResponse(R"({"error":"missing or wrong CSRF token"})", http::status::forbidden));
      return Plain(TextResponse(http::status::forbidden, "missing or wrong CSRF token\n"));
    }
  }
  return Dispatch(ctx, *who);
}

Reply ConsoleServer::Dispatch(RequestContext& ctx, const Principal& who) {
  const bool api = ctx.path.starts_with("/api/");
  const auto method = ctx.request.method();
  std::map<std::string, std::string> params;
  std::string allow;
  for (const Route& route : RouteTable()) {
    if (!MatchPattern(route.pattern, ctx.path, params)) continue;
    if (route.method != method) {
      allow += (allow.empty() ? "" : ", ") + std::string(http::to_string(route.method));
      continue;
    }
    if (!who.May(route.need)) {
      const std::string why = "the " + who.user.role + " role may not do this (" +
                              std::string(CapabilityName(route.need)) + ")";
      if (api) return Plain(JsonResponse(nlohmann::json{{"error", why}}.dump(), http::status::forbidden));
      return Plain(TextResponse(http::status::forbidden, why + "\n"));
    }
    ctx.params = std::move(params);
    return (this->*route.handle)(ctx, who);
  }
  if (!allow.empty()) {
    Response response = api ? JsonResponse(R"({"error":"method not allowed"})", http::status::method_not_allowed)
                            : TextResponse(http::status::method_not_allowed, "method not allowed\n");
    response.set(http::field::allow, allow);
    return Plain(std::move(response));
  }
  if (api) return Plain(JsonResponse(R"({"error":"no such endpoint"})", http::status::not_found));
  return Plain(TextResponse(http::status::not_found, "not found\n"));
}

Reply ConsoleServer::Home(RequestContext&, const Principal& who) {
  return Plain(Redirect(HomePage(who.user.role)));
}

Reply ConsoleServer::Logout(RequestContext& ctx, const Principal& who) {
  store::Accounts accounts(deps_.db);
  if (who.session) {
    WarnIfFailed(accounts.DeleteSession(who.session->token_hash), "a logout");
    EndStreams(who.session->token_hash);  // its live pages end with it
  }
  WarnIfFailed(store::AuditLog(deps_.db).Record({.at = deps_.clock->NowSeconds(), .actor = who.user.name, .action = "logout"}),
               "an audit row");
  Response response = Redirect("/login");
  response.insert(http::field::set_cookie, CookieValue(kSessionCookie, "", "/", 0, ctx.tls));
  return Plain(std::move(response));
}

}  // namespace smsdesk::console
