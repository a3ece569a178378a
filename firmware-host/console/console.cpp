// Console: requests in, who is asking, which page or action.
#include "firmware-host/console/console.h"
#include "firmware-host/console/console_parts.h"

#include <charconv>

#include "firmware-host/console/html.h"
#include "firmware-host/wall_clock.h"
#include "store/audit_log.h"

namespace smsdesk::console {
namespace {

Reply Plain(Response response) { return Reply{std::move(response), {}}; }

}  // namespace

Console::Console(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost)
    : io_(io),
      deps_(std::move(deps)),
      cost_(cost),
      server_(io, [this](RequestContext& ctx) { return Handle(ctx); }),
      passwords_(io, deps_.before_password_check) {}

Console::~Console() { Stop(); }

modem::Result<bool> Console::Start(const config::ConsoleConfig& config) {
  if (!InitCrypto()) return modem::MakeError("console: libsodium could not start");
  std::optional<TlsFiles> tls;
  if (!config.tls_certificate.empty()) tls = TlsFiles{config.tls_certificate, config.tls_key};
  return server_.Listen(config.bind, tls);
}

void Console::Stop() {
  for (auto& weak : streams_) {
    if (auto stream = weak.lock()) stream->Send("bye", "");
  }
  streams_.clear();
  logins_.clear();  // their connections close with the server's
  server_.Stop();  // closes every connection, event streams included
}

void Console::NotifyQueueChanged() {
  std::erase_if(streams_, [](const std::weak_ptr<EventStream>& weak) {
    auto stream = weak.lock();
    return !stream || stream->closed();
  });
  for (auto& weak : streams_) {
    if (auto stream = weak.lock()) stream->Send("queue", "changed");
  }
}

bool Console::SameOrigin(const RequestContext& ctx) const {
  // Browsers send Origin on every POST; an API client with a token sends none
  // (and needs no CSRF protection: a token is not ambient like a cookie).
  if (auto site = ctx.request.find("Sec-Fetch-Site"); site != ctx.request.end() && site->value() == "same-origin") {
    return true;
  }
  auto origin = ctx.request.find(http::field::origin);
  auto host = ctx.request.find(http::field::host);
  if (origin == ctx.request.end()) return true;
  if (host == ctx.request.end()) return false;
  const std::string expected = std::string(ctx.tls ? "https://" : "http://") + std::string(host->value());
  return std::string(origin->value()) == expected;
}

std::optional<Principal> Console::Authenticate(RequestContext& ctx) {
  store::Accounts accounts(deps_.db);
  const std::int64_t now = NowSeconds();
  if (auto bearer = ctx.request.find(http::field::authorization); bearer != ctx.request.end()) {
    const std::string value(bearer->value());
    if (!value.starts_with("Bearer ")) return std::nullopt;
    auto token = accounts.UseApiToken(TokenHash(value.substr(7)), now);
    if (!token.ok() || !*token) return std::nullopt;
    auto user = accounts.GetUser((*token)->user_id);
    if (!user.ok() || !*user || (*user)->disabled) return std::nullopt;
    return Principal{std::move(**user), std::nullopt};
  }
  auto cookie = ctx.cookies.find(kSessionCookie);
  if (cookie == ctx.cookies.end()) return std::nullopt;
  auto session = accounts.FindSession(TokenHash(cookie->second), now);
  if (!session.ok() || !*session) return std::nullopt;
  auto user = accounts.GetUser((*session)->user_id);
  if (!user.ok() || !*user || (*user)->disabled) return std::nullopt;
  // Sliding expiry: a moderator at work is not logged out mid-answer.
  if ((*session)->expires_at - now < kSessionSeconds / 2) {
    (void)accounts.ExtendSession((*session)->token_hash, now + kSessionSeconds);
  }
  return Principal{std::move(**user), std::move(**session)};
}

Reply Console::Handle(RequestContext& ctx) {
  const auto method = ctx.request.method();
  if (ctx.path == "/static/app.css") return Plain(MakeResponse(http::status::ok, std::string(StyleSheet()), "text/css"));
  if (ctx.path == "/static/app.js") {
    return Plain(MakeResponse(http::status::ok, std::string(Script()), "text/javascript"));
  }
  if (ctx.path.starts_with("/static/") || ctx.path == "/favicon.ico") {
    return Plain(TextResponse(http::status::not_found, "not found\n"));
  }
  if (deps_.ussd) {
    // Before the origin check and the login: an aggregator is neither a
    // browser nor a user (the secret and the allow-list guard it).
    if (config::UssdConfig ussd = deps_.ussd(); ussd.enabled() && ctx.path == ussd.path) return Ussd(ctx, ussd);
  }
  if (method == http::verb::post && !SameOrigin(ctx)) {
    return Plain(TextResponse(http::status::forbidden, "cross-site request refused\n"));
  }
  if (ctx.path == "/login") {
    if (method == http::verb::get) return LoginPage(ctx);
    if (method == http::verb::post) return Login(ctx);
    return Plain(TextResponse(http::status::method_not_allowed, "GET or POST\n"));
  }
  auto who = Authenticate(ctx);
  if (!who) {
    if (ctx.path.starts_with("/api/")) return Plain(JsonResponse(R"({"error":"unauthorized"})", http::status::unauthorized));
    if (method == http::verb::get && !ctx.query.count("partial") && ctx.path != "/events") {
      return Plain(Redirect("/login"));
    }
    return Plain(TextResponse(http::status::unauthorized, "log in first\n"));
  }
  if (ctx.path.starts_with("/api/")) return Api(ctx, *who);
  if (method == http::verb::post) {
    // Every form carries the session's CSRF token.
    auto token = ctx.Form("csrf");
    if (!who->session || !token || !SameToken(*token, who->session->csrf)) {
      return Plain(TextResponse(http::status::forbidden, "missing or wrong CSRF token\n"));
    }
  }
  return Route(ctx, *who);
}

Reply Console::Route(RequestContext& ctx, const Principal& who) {
  const auto method = ctx.request.method();
  if (ctx.path == "/" ) return Plain(Redirect("/queue"));
  if (ctx.path == "/queue" && method == http::verb::get) return QueuePage(ctx, who);
  if (ctx.path == "/events" && method == http::verb::get) return Events(who);
  if (ctx.path == "/dashboard" && method == http::verb::get) return Dashboard(who);
  if (ctx.path.starts_with("/dashboard/credit/") && method == http::verb::post) {
    return CheckCredit(who, ctx.path.substr(std::string_view("/dashboard/credit/").size()));
  }
  if (ctx.path == "/faq" && method == http::verb::get) return FaqPage(ctx, who);
  if (ctx.path == "/faq/export.csv" && method == http::verb::get) return FaqCsv();
  if (ctx.path == "/faq/edit" && method == http::verb::get) return FaqEditor(ctx, who);
  if (ctx.path == "/canned" || ctx.path.starts_with("/canned/")) return Canned(ctx, who);
  if (ctx.path == "/alerts" || ctx.path.starts_with("/alerts/")) return Alerts(ctx, who);
  if (ctx.path.starts_with("/faq/") && method == http::verb::post) return FaqAction(ctx, who, ctx.path.substr(5));
  if (ctx.path == "/reports/tickets.csv" && method == http::verb::get) {
    if (who.user.role == "volunteer") return Plain(TextResponse(http::status::forbidden, "moderators only\n"));
    return TicketsCsv(ctx, who);
  }
  if (ctx.path == "/logout" && method == http::verb::post) return Logout(ctx, who);
  if (ctx.path.starts_with("/tickets/")) {
    std::string_view rest = std::string_view(ctx.path).substr(9);
    const std::size_t slash = rest.find('/');
    auto id = ParseId(rest.substr(0, slash));
    if (!id) return Plain(TextResponse(http::status::not_found, "no such ticket\n"));
    if (slash == std::string_view::npos && method == http::verb::get) {
      // The notice after an action (Post/Redirect/Get); only known ones.
      const std::string done = ctx.query.count("done") ? ctx.query.at("done") : "";
      const bool known = done == "sent" || done == "resolved" || done == "noted" || done == "drafted" ||
                         done == "rejected";
      return TicketPage(ctx, who, *id, known ? done : "");
    }
    if (slash != std::string_view::npos && method == http::verb::post) {
      return TicketAction(ctx, who, *id, std::string(rest.substr(slash + 1)));
    }
  }
  return Plain(TextResponse(http::status::not_found, "not found\n"));
}

Reply Console::Logout(RequestContext& ctx, const Principal& who) {
  store::Accounts accounts(deps_.db);
  if (who.session) (void)accounts.DeleteSession(who.session->token_hash);
  (void)store::AuditLog(deps_.db).Record({.at = NowSeconds(), .actor = who.user.name, .action = "logout"});
  Response response = Redirect("/login");
  response.insert(http::field::set_cookie, CookieValue(kSessionCookie, "", "/", 0, ctx.tls));
  return Plain(std::move(response));
}

Reply Console::Events(const Principal&) {
  Reply reply;
  reply.on_open = [this](std::shared_ptr<EventStream> stream) {
    stream->Send("hello", "");
    streams_.push_back(stream);
  };
  return reply;
}

}  // namespace smsdesk::console
