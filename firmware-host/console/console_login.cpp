// Logging in: the form, and each attempt in turn. The password check
// (argon2id, ~150-200 ms) runs on the PasswordWorker, so the loop keeps
// serving pages, event streams and modems meanwhile. Attempts still go one
// at a time, in the order they came, and each sees the throttle as the ones
// before it left it, exactly as when the check ran on the loop: of a burst
// of guesses for one name, one is checked and the rest are refused (429)
// until the wait is over. Every attempt that the throttle lets through has
// its password checked, also for a name that does not exist (against a
// dummy hash): the time an answer takes does not tell which names exist.
#include <algorithm>

#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "firmware-host/console/password_worker.h"
#include "store/audit_log.h"

namespace smsdesk::console {
namespace {

// Attempts waiting for the one being checked; beyond, 503 (a flood of
// logins must not grow memory without bound), and one address may not take
// more than a few of the places.
constexpr std::size_t kMaxWaitingLogins = 32;
constexpr std::size_t kMaxWaitingLoginsPerAddress = 4;

// The login form, with its double-submit token (also set as a cookie).
Response LoginForm(const std::string& lang, const std::string& token, bool tls, const std::string& error) {
  std::string body = "<div class=\"card\"><h1>" + std::string(T(lang, "login")) + "</h1>";
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + std::string(T(lang, error)) + "</p>";
  body += "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"login_token\" value=\"" +
          Escape(token) + "\"><label>" + std::string(T(lang, "name")) +
          " <input type=\"text\" name=\"name\" autocomplete=\"username\" required autofocus></label><label>" +
          std::string(T(lang, "password")) +
          " <input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label><button>" +
          std::string(T(lang, "login")) + "</button></form></div>";
  Response response = HtmlResponse(Page(T(lang, "login"), body, lang));
  response.insert(http::field::set_cookie, CookieValue("smsdesk_login", token, "/login", 3600, tls));
  return response;
}

std::string LangOf(const RequestContext& ctx) { return ctx.query.count("lang") ? ctx.query.at("lang") : "en"; }

// Reuse the form token the browser already holds: a second GET /login (a
// second tab) must not invalidate the form the user is typing into.
std::string FormToken(const RequestContext& ctx) {
  auto held = ctx.cookies.find("smsdesk_login");
  return held != ctx.cookies.end() && held->second.size() == 43 ? held->second : NewToken();
}

}  // namespace

Reply ConsoleServer::LoginPage(RequestContext& ctx, const std::string& error) {
  return Reply{LoginForm(LangOf(ctx), FormToken(ctx), ctx.tls, error), {}};
}

Reply ConsoleServer::Login(RequestContext& ctx) {
  auto form_token = ctx.Form("login_token");
  auto cookie = ctx.cookies.find(kLoginCookie);
  if (!form_token || cookie == ctx.cookies.end() || !SameToken(*form_token, cookie->second)) {
    return Reply{TextResponse(http::status::forbidden, "missing or wrong CSRF token\n"), {}};
  }
  const auto from_here = std::count_if(logins_.begin(), logins_.end(),
                                       [&](const LoginAttempt& waiting) { return waiting.peer == ctx.peer; });
  if (logins_.size() >= kMaxWaitingLogins || static_cast<std::size_t>(from_here) >= kMaxWaitingLoginsPerAddress) {
    Response busy = TextResponse(http::status::service_unavailable, "too many logins at once, try again\n");
    busy.set(http::field::retry_after, "1");
    return Reply{std::move(busy), {}};
  }
  LoginAttempt attempt{.name = ctx.Form("name").value_or(""),
                       .password = ctx.Form("password").value_or(""),
                       .peer = ctx.peer,
                       .lang = LangOf(ctx),
                       .form_token = FormToken(ctx),
                       .tls = ctx.tls};
  Reply reply;
  reply.later = [this, attempt = std::move(attempt)](Respond respond) mutable {
    attempt.respond = std::move(respond);
    logins_.push_back(std::move(attempt));
    NextLogin();
  };
  return reply;
}

void ConsoleServer::NextLogin() {
  while (!login_running_ && !logins_.empty()) {
    auto attempt = std::make_shared<LoginAttempt>(std::move(logins_.front()));
    logins_.pop_front();
    const auto now = deps_.clock->Steady();
    if (auto wait = throttle_.WaitBefore(attempt->name, attempt->peer, now); wait.count() > 0) {
      // Too early: refused without looking at the password.
      Response response = LoginForm(attempt->lang, attempt->form_token, attempt->tls, "slow_down");
      response.result(http::status::too_many_requests);
      response.set(http::field::retry_after, std::to_string((wait.count() + 999) / 1000));
      attempt->respond(std::move(response));
      continue;
    }
    // No such user, a disabled one, one without a password: the same check
    // against the worker's dummy hash, and the same answer.
    auto user = store::Accounts(deps_.db).FindUser(attempt->name);
    const bool usable = user.ok() && *user && !(*user)->disabled;
    const std::int64_t user_id = usable ? (*user)->id : 0;
    std::string hash = usable ? (*user)->password_hash : std::string();
    login_running_ = true;
    passwords_->Verify(attempt->password, std::move(hash), [this, attempt, user_id, now](bool matches) {
      login_running_ = false;
      FinishLogin(*attempt, matches && user_id > 0 ? std::optional<std::int64_t>(user_id) : std::nullopt, now);
      NextLogin();
    });
  }
}

void ConsoleServer::FinishLogin(const LoginAttempt& attempt, std::optional<std::int64_t> user_id,
                          LoginThrottle::Clock::time_point started) {
  store::Accounts accounts(deps_.db);
  store::AuditLog audit(deps_.db);
  std::optional<store::UserRecord> user;
  if (user_id) {
    // Disabled while the password was being checked: as good as wrong.
    auto found = accounts.GetUser(*user_id);
    if (found.ok() && *found && !(*found)->disabled) user = std::move(**found);
  }
  if (!user) {
    throttle_.Failed(attempt.name, attempt.peer, started);
    // The name as typed, but bounded: a megabyte of name is not stored.
    const std::string name = BoundedName(attempt.name);
    WarnIfFailed(audit.Record({.at = deps_.clock->NowSeconds(),
                               .actor = name.empty() ? "?" : name,
                               .action = "login.failed",
                               .detail = "from " + attempt.peer}),
                 "an audit row");
    Response response = LoginForm(attempt.lang, attempt.form_token, attempt.tls, "bad_login");
    response.result(http::status::unauthorized);
    return attempt.respond(std::move(response));
  }
  throttle_.Succeeded(attempt.name, attempt.peer, started);
  const std::string token = NewToken();
  const std::int64_t now = deps_.clock->NowSeconds();
  const std::int64_t lifetime = std::min<std::int64_t>(kSessionSeconds, config_.session_max_age.count());
  auto created = accounts.CreateSession({.token_hash = TokenHash(token),
                                         .user_id = user->id,
                                         .csrf = NewToken(),
                                         .created_at = now,
                                         .expires_at = now + lifetime});
  if (!created.ok()) return attempt.respond(TextResponse(http::status::service_unavailable, "try again\n"));
  WarnIfFailed(audit.Record({.at = now, .actor = user->name, .action = "login", .detail = "from " + attempt.peer}),
               "an audit row");
  Response response = Redirect(HomePage(user->role));
  // The cookie lasts as long as the session can (the server ends it sooner
  // when it idles).
  response.insert(http::field::set_cookie, CookieValue(kSessionCookie, token, "/", config_.session_max_age.count(),
                                                       attempt.tls));
  response.insert(http::field::set_cookie, CookieValue(kLoginCookie, "", "/login", 0, attempt.tls));
  attempt.respond(std::move(response));
}

}  // namespace smsdesk::console
