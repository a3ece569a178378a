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
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/auth/auth.h"
#include "firmware-host/base/clock.h"
#include "firmware-host/config/config.h"
#include "firmware-host/console/http_limits.h"
#include "firmware-host/faq/faq_matcher.h"
#include "modem/result.h"

// What the daemon, the demo and the tools see of the console: no HTTP
// library, no TLS, no Asio beyond the io_context's name. The pages, the
// routes and the server are console_server.h's, inside this module.
namespace boost::asio {
class io_context;
}
namespace smsdesk::store {
class Database;
}
namespace smsdesk::desk {
class Desk;
}

namespace smsdesk::lexicon {
struct Lexicon;
}

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
  // The FAQ, the examples or the word lists in the store changed: reload.
  std::function<void()> faq_changed;
  // The word lists the desk runs with (for their counts); may be empty.
  std::function<std::shared_ptr<const lexicon::Lexicon>()> word_lists;
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
  // Every clock read and timer of the console.
  const Clock* clock = &SystemClock();
};

// Timings and limits with the daemon's values as defaults; tests shorten them.
struct ConsoleTimings {
  std::chrono::seconds stream_recheck{60};  // an event stream's session checked again
  std::chrono::seconds stream_max_age{3600};  // then closed; the browser reconnects
  HttpLimits http;
};

class ConsoleServer;

class Console {
 public:
  Console(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost = InteractiveCost(),
          ConsoleTimings timings = {});
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // Binds console.bind (TLS when a certificate is set) and serves.
  modem::Result<bool> Start(const config::ConsoleConfig& config);
  void Stop();
  unsigned short port() const;
  // The queue changed: open pages and event streams are told.
  void NotifyQueueChanged();
  // Users or tokens changed in another process (SIGUSR1): open event
  // streams are checked again now.
  void AccountsChanged();
  std::size_t logins_waiting() const;  // tests: password checks queued
  std::size_t streams_open();          // tests: event streams open

 private:
  std::unique_ptr<ConsoleServer> server_;
};

}  // namespace smsdesk::console
