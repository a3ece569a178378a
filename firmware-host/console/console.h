// Console: the moderators' web console and JSON API inside the daemon, on
// its io_context (HttpServer does the bytes, this class the meaning).
//
// Who may do what: every page and API call needs a logged-in user (session
// cookie: HttpOnly, SameSite=Strict, Secure under TLS) or an API token
// (Authorization: Bearer …). Every state-changing form carries the session's
// CSRF token and must come from our own origin; logins are throttled per
// name and per address. Moderators and admins answer; volunteers see the
// queue with numbers partly masked. Every action lands in the audit log.
//
// Pages are server-rendered HTML with a little JavaScript (live queue through
// server-sent events, a segment counter); text from newcomers is always
// escaped and shown with dir="auto" so Arabic reads right to left.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "firmware-host/config/config.h"
#include "firmware-host/console/auth.h"
#include "firmware-host/console/http_server.h"
#include "firmware-host/desk/desk.h"
#include "firmware-host/faq_matcher.h"
#include "store/accounts.h"
#include "store/database.h"

namespace smsdesk::console {

// A modem as the dashboard shows it (from the daemon's drivers).
struct ModemStatus {
  std::string id, state, operator_name, storage, last_error;
  std::optional<int> signal_dbm;
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
};

// The signed-in user of one request.
struct Principal {
  store::UserRecord user;
  std::optional<store::SessionRecord> session;  // absent for API tokens
  bool CanAnswer() const { return user.role == "moderator" || user.role == "admin"; }
};

class Console {
 public:
  Console(boost::asio::io_context& io, ConsoleDeps deps, HashCost cost = InteractiveCost());
  ~Console();

  modem::Result<bool> Start(const config::ConsoleConfig& config);
  void Stop();
  unsigned short port() const { return server_.port(); }
  // The queue changed (a new ticket, a reply, a resolution): live pages refresh.
  void NotifyQueueChanged();

 private:
  Reply Handle(RequestContext& ctx);
  Reply Route(RequestContext& ctx, const Principal& who);
  std::optional<Principal> Authenticate(RequestContext& ctx);
  bool SameOrigin(const RequestContext& ctx) const;

  Reply LoginPage(RequestContext& ctx, const std::string& error = {});
  Reply Login(RequestContext& ctx);
  Reply Logout(RequestContext& ctx, const Principal& who);
  Reply QueuePage(RequestContext& ctx, const Principal& who);
  Reply TicketPage(RequestContext& ctx, const Principal& who, std::int64_t id, const std::string& notice = {});
  Reply TicketAction(RequestContext& ctx, const Principal& who, std::int64_t id, const std::string& action);
  Reply DraftDecision(RequestContext& ctx, const Principal& who, std::int64_t ticket_id, const std::string& rest);
  Reply Events(const Principal& who);
  Reply Dashboard(const Principal& who);
  Reply FaqPage(RequestContext& ctx, const Principal& who, const std::string& notice = {});
  Reply FaqAction(RequestContext& ctx, const Principal& who, const std::string& action);
  Reply FaqCsv();
  Reply TicketsCsv(RequestContext& ctx, const Principal& who);
  Reply Api(RequestContext& ctx, const Principal& who);

  boost::asio::io_context& io_;
  ConsoleDeps deps_;
  HashCost cost_;
  HttpServer server_;
  LoginThrottle throttle_;
  std::vector<std::weak_ptr<EventStream>> streams_;
};

}  // namespace smsdesk::console
