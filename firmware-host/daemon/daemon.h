// Daemon: `smsdesk run`. One io_context carries every modem driver, its
// outbox sender, the signals and one housekeeping timer; the store is
// SQLite on the same thread (short transactions, nothing sleeps on the loop).
//
//   modem -> driver -> sink: Desk::AcceptPdu (committed before the modem
//   deletes its copy) -> Pump: AssembleMessages, RouteMessages -> outbox rows
//   -> Kick every OutboxSender -> driver -> modem
//
// Pump runs after anything that may have produced work (a stored PDU, a
// finished send, SIGUSR1 from `smsdesk queue reply`, the timer for a
// multipart message still missing parts). A store error (busy past the
// timeout, disk full) leaves the work in the store and Pump runs again a
// little later; the sink answers false, so the modem keeps its copy.
//
// Signals: SIGTERM/SIGINT stop claiming new sends, wait (bounded) for the
// ones in flight, close the ports and return from Run(); SIGHUP reloads the
// config and the FAQ (modem changes need a restart); SIGUSR1 pumps.
// A reload builds the new FAQ index on a short-lived thread (a 1,000-entry
// FAQ takes a noticeable moment) while messages keep flowing with the old
// one; the new index and settings are installed on the loop between two
// messages. That thread is the only one besides the loop, and only while a
// reload runs.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "firmware-host/alerts/alert_jobs.h"
#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/base/clock.h"
#include "firmware-host/config/config.h"
#include "firmware-host/console/console.h"
#include "firmware-host/daemon/credit_watch.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "firmware-host/daemon/model_keeper.h"
#include "firmware-host/daemon/outage_watch.h"
#include "firmware-host/daemon/outbox_sender.h"
#include "firmware-host/daemon/service_notifier.h"
#include "firmware-host/desk/desk.h"
#include "firmware-host/desk/faq_source.h"
#include "firmware-host/desk/word_lists.h"
#include "firmware-host/faq/faq_index.h"
#include "firmware-host/faq/faq_matcher.h"
#include "modem/io/modem_driver.h"
#include "modem/io/serial_port.h"
#include "store/database.h"
#include "store/word_list_additions.h"

namespace smsdesk::daemon {

struct DaemonOptions {
  std::string config_path;  // re-read on SIGHUP; empty: no reload
  // How long a stop waits for sends in flight.
  std::chrono::seconds stop_grace{20};
  // Test hook: every driver gets these timings (ms-scale for the virtual modem).
  std::optional<modem::ModemDriverOptions> driver_defaults;
  // Start the web console (console.bind); off for tools that only need SMS.
  bool console = true;
  // Every clock read and timer of the daemon, its senders and watches.
  const Clock* clock = &SystemClock();
};

class Daemon {
 public:
  Daemon(boost::asio::io_context& io, config::Config config, DaemonOptions options);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Opens the store, loads the FAQ, starts the modems. Errors are start-up
  // errors (bad database, FAQ file unreadable, a second daemon): main prints
  // them and exits non-zero.
  modem::Result<bool> Start();
  // Stops gracefully, as SIGTERM does.
  void RequestStop();
  // The console's port (0: not running), e.g. after binding port 0.
  unsigned short console_port() const { return console_ ? console_->port() : 0; }

 private:
  struct Modem;

  void StartConsole();
  std::vector<console::ModemStatus> ModemStatuses() const;
  // A FAQ (re)load (desk::LoadFaq, read on the loop) with its index, built
  // from it off the loop on a reload.
  void InstallFaq(desk::FaqLoad load, std::shared_ptr<const faq::FaqIndex> index);
  // The config's menu with the installed FAQ's answers filled in; null without a menu.
  std::shared_ptr<const menu::MenuTree> BakeMenu(const config::Config& config) const;
  // The moderators' additions to the word lists (none when unreadable:
  // logged), and what the word lists hold and their errors, logged.
  static std::vector<store::WordListAddition> WordListAdditions(store::Database& db);
  static void LogWordLists(const desk::WordLists& lists);
  void FinishReload(config::Config config, desk::DeskSettings settings, desk::FaqLoad load,
                    std::shared_ptr<const faq::FaqIndex> index, desk::WordLists lists);
  void StartModem(const config::ModemConfig& modem_config);
  bool OnPdu(const modem::InboundPdu& pdu);
  void OnEvent(Modem& modem, const modem::DriverEvent& event);
  void SchedulePump();
  void Pump();
  void Housekeeping();
  // Unsent rows past their expiry become expired (every kExpiryEvery).
  void ExpireUnsent();
  void ArmTimer(std::chrono::steady_clock::time_point when);
  void KickSenders();
  // "2026-12-07 14:02" in the desk's time zone, for logs and admins.
  std::string LocalTime(std::int64_t unix_seconds) const;
  std::vector<std::string> ReadyModems() const;
  std::chrono::sys_seconds Now() const { return std::chrono::floor<std::chrono::seconds>(clock_.Wall()); }
  // The modems as alert estimates see them (alert_jobs_ publishes it).
  std::vector<alerts::ModemCapacity> PoolCapacity() const;
  // systemd (service_notifier.h): the STATUS= line, and why the watchdog
  // should not be fed (a driver stuck initializing or resetting), if so.
  std::string ServiceStatus() const;
  std::optional<std::string> SupervisorProblem();
  void WaitSignal();
  void Reload();
  void FinishStop();
  // Has the model keeper load or train the models for the FAQ now running.
  void UpdateModels();

  boost::asio::io_context& io_;
  config::Config config_;
  DaemonOptions options_;
  const Clock& clock_;
  std::optional<DaemonLock> lock_;
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const faq::FaqIndex> faq_index_;
  std::unique_ptr<faq::Matcher> matcher_;
  std::shared_ptr<const faq::TextModels> models_;  // null: the rules alone
  desk::WordLists word_lists_;
  std::unique_ptr<ModelKeeper> model_keeper_;      // null: faq.models = false
  std::vector<faq::FaqEntry> faq_entries_;  // for the console's suggested answers
  std::unique_ptr<desk::Desk> desk_;
  std::unique_ptr<console::Console> console_;
  std::unique_ptr<CreditWatch> credit_;
  std::unique_ptr<alerts::AlertJobs> alert_jobs_;
  std::unique_ptr<OutageWatch> outages_;
  std::unique_ptr<ServiceNotifier> notifier_;
  modem::SystemPortOpener opener_;
  modem::ConcatReferenceAllocator references_;
  std::vector<std::unique_ptr<Modem>> modems_;
  boost::asio::signal_set signals_;
  std::unique_ptr<Timer> timer_;
  std::vector<alerts::ModemCapacity> last_pool_;  // read at start
  std::optional<std::chrono::steady_clock::time_point> timer_at_;
  std::chrono::system_clock::time_point next_housekeeping_{};
  std::chrono::system_clock::time_point next_expiry_{};
  std::thread reload_thread_;
  bool reload_again_ = false;  // SIGHUP while a reload was building
  bool pump_scheduled_ = false;
  bool stopping_ = false;
  bool stopped_ = false;
  std::chrono::steady_clock::time_point stop_deadline_{};
};

}  // namespace smsdesk::daemon
