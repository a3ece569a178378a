// ConsoleServer: the console behind console.h — the route table (every
// route names the capability it needs, roles.h), authentication, and the
// pages and API in console_*.cpp, over HttpServer (Beast, TLS). Only this
// module's files include it (and the console's tests). It names neither the
// HTTP library nor Asio's headers: the pages see http_types.h's own
// request and response, and the server and the password thread are held by
// pointer, so a page compiles without Beast, TLS or Asio.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "firmware-host/auth/auth.h"
#include "firmware-host/base/clock.h"
#include "firmware-host/config/config.h"
#include "firmware-host/console/console.h"
#include "firmware-host/console/http_types.h"
#include "firmware-host/console/roles.h"
#include "firmware-host/desk/desk.h"
#include "firmware-host/faq/faq_matcher.h"
#include "store/accounts.h"
#include "store/database.h"

namespace smsdesk::console {

class HttpServer;
class PasswordWorker;

// The signed-in user of one request.
struct Principal {
  store::UserRecord user;
  std::optional<store::SessionRecord> session;  // absent for API tokens
  std::optional<std::int64_t> api_token_id;     // the token of an API call
  bool May(Capability capability) const { return RoleMay(user.role, capability); }
};

// One route of the console: method, path pattern ("/tickets/{id}/reply";
// "{name}" matches one path segment) and the capability it needs.
struct RouteInfo {
  http::verb method;
  std::string_view pattern;
  Capability need;
};

class ConsoleServer {
 public:
  ConsoleServer(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost = InteractiveCost(),
                ConsoleTimings timings = {});
  ~ConsoleServer();

  modem::Result<bool> Start(const config::ConsoleConfig& config);
  void Stop();
  unsigned short port() const;
  // The queue changed (a new ticket, a reply, a resolution): live pages refresh.
  void NotifyQueueChanged();
  // Accounts changed outside the console (a password, a disabled user): every
  // event stream is checked now instead of at its next stream_recheck.
  void AccountsChanged();
  // Login attempts waiting behind the one whose password is being checked
  // (tests).
  std::size_t logins_waiting() const { return logins_.size(); }
  // Open event streams (tests).
  std::size_t streams_open();
  // Every route after the login, in the order they are matched (tests walk
  // them; the README's table lists them).
  static std::vector<RouteInfo> Routes();

 private:
  using Handler = Reply (ConsoleServer::*)(RequestContext&, const Principal&);
  struct Route {
    http::verb method;
    std::string_view pattern;
    Capability need;
    Handler handle;
  };
  static std::span<const Route> RouteTable();

  Reply Handle(RequestContext& ctx);
  Reply Dispatch(RequestContext& ctx, const Principal& who);
  std::optional<Principal> Authenticate(RequestContext& ctx);
  bool SameOrigin(const RequestContext& ctx) const;
  bool KnownHost(const RequestContext& ctx) const;
  std::int64_t SessionEnd(const store::SessionRecord& session) const;

  static constexpr const char* kSessionCookie = "smsdesk_session";
  static constexpr const char* kLoginCookie = "smsdesk_login";  // double-submit token of the login form
  static constexpr std::int64_t kSessionSeconds = 12 * 3600;    // idle expiry, sliding

  // A login attempt waiting for its turn (console_login.cpp).
  struct LoginAttempt {
    std::string name, password, peer;
    std::string lang, form_token;  // to show the form again
    bool tls = false;
    Respond respond;
  };

  Reply LoginPage(RequestContext& ctx, const std::string& error = {});
  Reply Login(RequestContext& ctx);
  void NextLogin();
  void FinishLogin(const LoginAttempt& attempt, std::optional<std::int64_t> user_id,
                   LoginThrottle::Clock::time_point started);
  Reply Home(RequestContext& ctx, const Principal& who);
  Reply Logout(RequestContext& ctx, const Principal& who);
  Reply QueuePage(RequestContext& ctx, const Principal& who);
  Reply TicketPage(RequestContext& ctx, const Principal& who);
  Reply TicketAction(RequestContext& ctx, const Principal& who);
  Reply DraftDecision(RequestContext& ctx, const Principal& who);
  Reply Dashboard(RequestContext& ctx, const Principal& who);
  Reply DashboardPage(const Principal& who, const std::string& notice);
  Reply CheckCredit(RequestContext& ctx, const Principal& who);
  Reply FaqPage(RequestContext& ctx, const Principal& who);
  Reply FaqPageWith(RequestContext& ctx, const Principal& who, const std::string& notice);
  Reply FaqAction(RequestContext& ctx, const Principal& who);
  Reply FaqCsv(RequestContext& ctx, const Principal& who);
  Reply FaqEditor(RequestContext& ctx, const Principal& who);
  // The examples the desk learns from (console_examples.cpp).
  Reply ExamplesPage(RequestContext& ctx, const Principal& who);
  Reply ExamplesDecide(RequestContext& ctx, const Principal& who);
  // The word lists a moderator adds to (console_words.cpp).
  Reply WordsPage(RequestContext& ctx, const Principal& who);
  Reply WordsChange(RequestContext& ctx, const Principal& who);
  Reply CannedPage(RequestContext& ctx, const Principal& who);
  Reply CannedChange(RequestContext& ctx, const Principal& who);
  Reply TicketsCsv(RequestContext& ctx, const Principal& who);
  // The JSON API (console_api.cpp).
  Reply ApiQueue(RequestContext& ctx, const Principal& who);
  Reply ApiTicket(RequestContext& ctx, const Principal& who);
  Reply ApiTicketAction(RequestContext& ctx, const Principal& who);
  // Alerts: the agency's pages and API (console_alerts.cpp).
  Reply AlertsPage(RequestContext& ctx, const Principal& who);
  Reply AlertsCompose(RequestContext& ctx, const Principal& who);
  Reply AlertPage(RequestContext& ctx, const Principal& who);
  Reply AlertCancel(RequestContext& ctx, const Principal& who);
  Reply ApiAlerts(RequestContext& ctx, const Principal& who);
  Reply ApiAlertsCreate(RequestContext& ctx, const Principal& who);
  Reply ApiAlert(RequestContext& ctx, const Principal& who);
  Reply ApiAlertCancel(RequestContext& ctx, const Principal& who);
  // The USSD aggregator's callback (console_ussd.cpp); no login.
  Reply Ussd(RequestContext& ctx, const config::UssdConfig& config);

  // Event streams (console_events.cpp).
  struct Watched;
  Reply Events(RequestContext& ctx, const Principal& who);
  void ArmRecheck(const std::shared_ptr<Watched>& watched);
  void Recheck(const std::shared_ptr<Watched>& watched);
  void PruneStreams();
  // Ends the streams of session `session_hash` (its token's hash); all of
  // them without one.
  void EndStreams(const std::optional<std::string>& session_hash);

  boost::asio::io_context& io_;
  ConsoleDeps deps_;
  HashCost cost_;
  ConsoleTimings timings_;
  config::ConsoleConfig config_;
  std::vector<std::string> hostnames_;  // lower case, without port or brackets
  std::unique_ptr<HttpServer> server_;
  LoginThrottle throttle_;
  std::vector<std::shared_ptr<Watched>> streams_;
  std::deque<LoginAttempt> logins_;  // one at a time, in order
  bool login_running_ = false;       // a password check is on the worker
  std::unique_ptr<PasswordWorker> passwords_;  // last: gone first, its answers with it
};

}  // namespace smsdesk::console
