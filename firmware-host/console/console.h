// Console: the moderators' web console and JSON API inside the daemon, on
// its io_context (HttpServer does the bytes, this class the meaning).
//
// Who may do what: every page and API call needs a logged-in user (session
// cookie: HttpOnly, SameSite=Strict, Secure under TLS) or an API token
// (Authorization: Bearer …), and every route names the capability it needs
// in roles.h's table (agencies: their alerts and aggregate numbers only;
// volunteers: masked numbers, drafts; moderators: answers, full numbers).
// Every request must name one of the console's host names (DNS rebinding);
// every state-changing form carries the session's CSRF token and must come
// from our own origin; logins are throttled per (name, address), per address
// and overall. Sessions end after an idle spell and, whatever the activity,
// session_max_age after the login. Every action lands in the audit log.
//
// Pages are server-rendered HTML with a little JavaScript (live queue through
// server-sent events, a segment counter); text from newcomers is always
// escaped and shown with dir="auto" so Arabic reads right to left. Event
// streams are checked again every stream_recheck (the session or token still
// valid, the user still enabled) and end at once on logout, when the session
// expires, and after stream_max_age (the browser reconnects).
//
// Everything runs on the io_context's thread but the password checks of
// logins (argon2id, ~150-200 ms each): a PasswordWorker thread does those,
// so pages, event streams and the modems never wait for one.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/config/config.h"
#include "firmware-host/console/auth.h"
#include "firmware-host/console/http_server.h"
#include "firmware-host/console/password_worker.h"
#include "firmware-host/console/roles.h"
#include "firmware-host/desk/desk.h"
#include "firmware-host/faq_matcher.h"
#include "store/accounts.h"
#include "store/database.h"

namespace smsdesk::console {

// A modem as the dashboard shows it (from the daemon's drivers).
struct ModemStatus {
  std::string id, state, operator_name, storage, last_error;
  std::optional<int> signal_dbm;
  // Not sending because of its network, SMSC or credit (the daemon's
  // SendGate): why, and since when (Unix seconds).
  std::string outage_reason;
  std::optional<std::int64_t> outage_since;
};

struct ConsoleDeps {
  store::Database& db;
  desk::Desk& desk;
  // Called after the console queued an SMS (the daemon kicks its senders).
  std::function<void()> outbox_changed;
  // The FAQ answer of entry `id` in `lang` (else English), for suggestions.
  std::function<std::optional<std::string>(const std::string& id, const std::string& lang)> faq_answer;
  std::function<std::vector<ModemStatus>()> modems;
  // The desk's matcher, for "try a question".
  std::function<faq::MatchResult(std::string_view)> match;
  // The FAQ in the store changed: reload it.
  std::function<void()> faq_changed;
  // The config's faq.file ("" when the desk reads the store).
  std::function<std::string()> faq_file;
  // The modems as the alert pool sees them now, for alert previews.
  std::function<std::vector<alerts::ModemCapacity>()> pool;
  // Starts a SIM credit check on modem `id` (the dashboard's button); false
  // when it cannot start now.
  std::function<bool(const std::string& id)> check_credit;
  // The [ussd] callback's settings (read per request: SIGHUP may change
  // them); unset or disabled: no USSD endpoint.
  std::function<config::UssdConfig()> ussd;
  // The console stored an inbound message (a question typed into the USSD
  // menu): the daemon routes it.
  std::function<void()> messages_added;
  // Tests: runs on the password worker's thread before each password check.
  std::function<void()> before_password_check;
};

// Timings and limits with the daemon's values as defaults; tests shorten them.
struct ConsoleTimings {
  std::chrono::seconds stream_recheck{60};  // an event stream's session checked again
  std::chrono::seconds stream_max_age{3600};  // then closed; the browser reconnects
  HttpLimits http;
};

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

class Console {
 public:
  Console(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost = InteractiveCost(),
          ConsoleTimings timings = {});
  ~Console();

  modem::Result<bool> Start(const config::ConsoleConfig& config);
  void Stop();
  unsigned short port() const { return server_.port(); }
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
  using Handler = Reply (Console::*)(RequestContext&, const Principal&);
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
  HttpServer server_;
  LoginThrottle throttle_;
  std::vector<std::shared_ptr<Watched>> streams_;
  std::deque<LoginAttempt> logins_;  // one at a time, in order
  bool login_running_ = false;       // a password check is on the worker
  PasswordWorker passwords_;         // last: gone first, its answers with it
};

}  // namespace smsdesk::console
