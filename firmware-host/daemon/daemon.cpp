#include "firmware-host/daemon/daemon.h"

#include <csignal>

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "firmware-host/base/log.h"
#include "firmware-host/base/store_warn.h"
#include "firmware-host/desk/desk_settings.h"
#include "firmware-host/desk/faq_source.h"
#include "firmware-host/desk/retention.h"
#include "firmware-host/learn/trainer.h"
#include "store/alerts.h"
#include "store/faq_examples.h"
#include "store/outbox.h"
#include "store/reports.h"
#include "store/sim_credit.h"

namespace smsdesk::daemon {
namespace {

using std::chrono::steady_clock;
using std::chrono::system_clock;

// A store error (SQLITE_BUSY past the busy timeout, a full disk) leaves the
// work in the store; try again after this.
constexpr std::chrono::seconds kStoreRetry{2};
// Messages routed per turn of the loop (each is one transaction: a few ms,
// tens on a Pi's SD card).
constexpr int kRouteSlice = 10;
constexpr std::chrono::hours kHousekeepingEvery{1};
// Unsent rows past their expiry are looked for this often (an alert's own
// expiry can be minutes away; a reply's is days).
constexpr std::chrono::minutes kExpiryEvery{1};

}  // namespace

// A driver's own timeouts end initialization (about 2 min at most with
// every retry) and resets; one in either state this long is stuck.
constexpr std::chrono::minutes kStuckAfter{5};

struct Daemon::Modem {
  std::string id;
  std::unique_ptr<modem::ModemDriver> driver;
  std::unique_ptr<OutboxSender> sender;
  // For the watchdog: the state seen last, and since when.
  modem::ModemDriver::State seen = modem::ModemDriver::State::kStopped;
  steady_clock::time_point seen_since{};
  // Registration was seen once: only losing it afterwards stops the modem
  // (an LTE-only modem never registers in the CS domain at all).
  bool registered_seen = false;
};

Daemon::Daemon(boost::asio::io_context& io, config::Config config, DaemonOptions options)
    : io_(io),
      config_(std::move(config)),
      options_(std::move(options)),
      clock_(*options_.clock),
      opener_(io),
      signals_(io),
      timer_(clock_.MakeTimer(io)) {}

Daemon::~Daemon() {
  if (reload_thread_.joinable()) reload_thread_.join();
  if (credit_) credit_->Stop();
  for (auto& m : modems_) {
    m->sender->Stop();
    m->driver->Stop();
  }
}

modem::Result<bool> Daemon::Start() {
  auto lock = DaemonLock::Acquire(config_.database);
  if (!lock) return lock.error();
  lock_.emplace(std::move(*lock));
  auto db = store::Database::Open(config_.database);
  if (!db.ok()) return modem::MakeError("database " + config_.database + ": " + db.status().message());
  db_ = std::move(*db);

  auto settings = desk::BuildDeskConfig(config_);
  if (!settings) return modem::MakeError("config: " + settings.error().message);
  auto faq = desk::LoadFaq(config_, *db_);
  if (!faq) return faq.error();
  auto index = faq::FaqIndex::Build(faq->entries);
  word_lists_ = desk::LoadWordLists(config_.desk.word_lists, WordListAdditions(*db_));
  LogWordLists(word_lists_);
  InstallFaq(std::move(*faq), std::move(index));
  UpdateModels();
  settings->menu = BakeMenu(config_);
  settings->keywords = word_lists_.keywords;
  desk_ = std::make_unique<desk::Desk>(*db_, matcher_.get(), std::move(*settings));
  credit_ = std::make_unique<CreditWatch>(io_, clock_, *db_, config_.credit, [this] { KickSenders(); });
  alert_jobs_ = std::make_unique<alerts::AlertJobs>(
      io_, clock_, *db_,
      alerts::AlertJobs::Hooks{.pool = [this] { return PoolCapacity(); },
                                   // They spent credit: weigh the next one against fresh readings.
                                   .jobs_finished = [this] { credit_->CheckAllSoon(); },
                                   .changed =
                                       [this] {
                                         if (console_) console_->NotifyQueueChanged();
                                       }});
  credit_->set_on_reading([this](const std::string& id, std::optional<double> amount, const std::string& text) {
    for (auto& m : modems_) {
      if (m->id == id) m->sender->OnCreditReading(amount, text);
    }
  });
  desk_->SetPool([this] { return PoolCapacity(); });

  if (auto next = db_->GetMeta("concat_ref_next"); next.ok() && *next) {
    references_ = modem::ConcatReferenceAllocator(static_cast<std::uint16_t>(std::stoul(**next) & 0xFFFF));
  }
  store::Outbox outbox(*db_);
  auto recovered = outbox.RecoverInterrupted(clock_.NowSeconds());
  if (!recovered.ok()) return modem::MakeError("recovering the outbox: " + recovered.status().message());
  if (recovered->requeued > 0) {
    spdlog::warn("{} message(s) were being sent when smsdesk stopped; each is sent again (at most one duplicate)",
                 recovered->requeued);
  }
  if (auto done = store::Alerts(*db_).FinishCompleted(clock_.NowSeconds()); !done.ok()) {
    return modem::MakeError("alerts: " + done.status().message());
  }
  if (recovered->failed > 0) {
    spdlog::error("{} message(s) were being sent during {} crashes in a row and are suspected of causing them; "
                  "marked failed, not sent again (see smsdesk queue)",
                  recovered->failed, store::kMaxInterruptions);
  }

  signals_.add(SIGTERM);
  signals_.add(SIGINT);
  signals_.add(SIGHUP);
  signals_.add(SIGUSR1);
  WaitSignal();
  // The modems' measured send rates from the last run, until they have new ones.
  if (auto json = db_->GetMeta(alerts::kPoolMetaKey); json.ok() && *json) {
    if (auto pool = alerts::PoolFromJson(**json)) last_pool_ = std::move(pool->first);
  }
  outages_ = std::make_unique<OutageWatch>(
      io_, *db_, config_.outages,
      OutageWatch::Hooks{.modems =
                             [this] {
                               std::vector<OutageWatch::ModemView> modems;
                               for (const auto& m : modems_) {
                                 modems.push_back({.id = m->id,
                                                   .gate = &m->sender->gate(),
                                                   .can_send = m->sender->can_send()});
                               }
                               return modems;
                             },
                         .check_credit = [this](const std::string& id) { return credit_->CheckNow(id); },
                         .changed =
                             [this] {
                               if (notifier_) notifier_->UpdateStatus();
                               if (console_) console_->NotifyQueueChanged();
                               alert_jobs_->PublishPool();
                               KickSenders();  // rows given back leave through the others; a trial claims one
                             },
                         .local_time = [this](std::int64_t t) { return LocalTime(t); },
                         .clock = &clock_});
  for (const config::ModemConfig& m : config_.modems) StartModem(m);
  for (auto& m : modems_) {
    if (auto open = outages_->Resume(m->id)) {
      m->sender->ResumeOutage(open->kind == "credit" ? SendGate::Cause::kCredit : SendGate::Cause::kNetwork,
                              open->reason, open->started_at);
    }
  }
  StartConsole();
  spdlog::info("smsdesk {} serving {} modem(s), database {}, {} FAQ entries", SMSDESK_VERSION, modems_.size(),
               config_.database, faq_index_ ? faq_index_->EntryCount() : 0);
  SchedulePump();  // work left in the store by the last run
  notifier_ = std::make_unique<ServiceNotifier>(
      io_, [this] { return SupervisorProblem(); }, [this] { return ServiceStatus(); });
  if (notifier_->watchdog()) {
    spdlog::info("systemd watchdog: a ping every {} s while the loop and the modems make progress",
                 std::chrono::duration_cast<std::chrono::seconds>(*notifier_->watchdog()).count() / 2);
  }
  notifier_->Ready();
  return true;
}

std::string Daemon::ServiceStatus() const {
  int ready = 0;
  std::string outages;
  for (const auto& m : modems_) {
    const SendGate& gate = m->sender->gate();
    ready += m->driver->state() == modem::ModemDriver::State::kReady && gate.state() == SendGate::State::kOpen;
    if (gate.state() != SendGate::State::kOpen && gate.since()) {
      outages += "; " + m->id + " not sending since " + LocalTime(*gate.since()) + " (" + gate.reason() + ")";
    }
  }
  std::string status = std::to_string(ready) + "/" + std::to_string(modems_.size()) + " modems ready";
  store::Outbox outbox(*db_);
  if (auto queued = outbox.CountInState("queued"); queued.ok()) {
    status += ", " + std::to_string(*queued) + " SMS queued";
  }
  if (auto waiting = outbox.WaitingForNetwork(); waiting.ok() && waiting->rows > 0) {
    status += " (" + std::to_string(waiting->rows) + " waiting for the network)";
  }
  if (auto depth = store::Reports(*db_).QueueDepth(); depth.ok()) {
    status += ", " + std::to_string(depth->first) + " open ticket(s)";
    if (depth->second > 0) status += " (" + std::to_string(depth->second) + " urgent)";
  }
  return status + outages;
}

std::optional<std::string> Daemon::SupervisorProblem() {
  const auto now = clock_.Steady();
  for (auto& m : modems_) {
    const auto state = m->driver->state();
    if (state != m->seen) {
      m->seen = state;
      m->seen_since = now;
      continue;
    }
    const bool transient = state == modem::ModemDriver::State::kInitializing ||
                           state == modem::ModemDriver::State::kResetting;
    if (transient && now - m->seen_since > kStuckAfter) {
      return m->id + " has been " + std::string(modem::ModemStateName(state)) + " for over " +
             std::to_string(kStuckAfter.count()) + " min";
    }
  }
  return std::nullopt;
}

std::vector<store::WordListAddition> Daemon::WordListAdditions(store::Database& db) {
  auto additions = store::WordListAdditions(db).All();
  if (additions.ok()) return std::move(*additions);
  spdlog::warn("word lists: cannot read the moderators' additions: {}", additions.status().message());
  return {};
}

void Daemon::LogWordLists(const desk::WordLists& lists) {
  // A wrong entry is left out; the compiled-in lists always stand.
  for (const lexicon::LexiconError& e : lists.errors) spdlog::warn("word lists: {} (left out)", e.Describe());
  const lexicon::Lexicon& builtin = *lexicon::Builtin();
  spdlog::info("word lists: {} danger patterns and {} keyword spellings ({} and {} added to the compiled-in ones)",
               lists.lexicon->danger.size(), lists.lexicon->spellings.size(),
               lists.lexicon->danger.size() - builtin.danger.size(),
               lists.lexicon->spellings.size() - builtin.spellings.size());
}

void Daemon::InstallFaq(desk::FaqLoad load, std::shared_ptr<const faq::FaqIndex> index) {
  faq_index_ = index;
  matcher_ = std::make_unique<faq::Matcher>(std::move(index), load.matcher, models_, word_lists_.lexicon);
  faq_entries_ = std::move(load.entries);
  if (desk_) desk_->SetMatcher(matcher_.get());
}

void Daemon::UpdateModels() {
  if (!config_.faq.models) {
    model_keeper_.reset();
    models_.reset();
    if (matcher_) matcher_->SetModels(nullptr);
    return;
  }
  if (!model_keeper_) {
    ModelKeeper::Options options{.database = config_.database, .config_path = options_.config_path};
    model_keeper_ = std::make_unique<ModelKeeper>(io_, std::move(options),
                                                  [this](std::shared_ptr<const faq::TextModels> models) {
                                                    models_ = std::move(models);
                                                    if (matcher_) matcher_->SetModels(models_);
                                                  });
  }
  std::vector<learn::ConfirmedExample> examples;
  if (auto confirmed = store::FaqExamples(*db_).Confirmed(); confirmed.ok()) {
    for (const store::FaqExample& x : *confirmed) examples.push_back({x.faq_id, x.text});
  } else {
    spdlog::warn("models: cannot read the confirmed examples: {}", confirmed.status().message());
  }
  model_keeper_->Update(learn::TrainingFingerprint(faq_entries_, examples, /*seed=*/true));
}

std::shared_ptr<const menu::MenuTree> Daemon::BakeMenu(const config::Config& config) const {
  std::vector<std::string> missing;
  auto tree = desk::BakeMenu(config.menu, faq_entries_, missing);
  for (const std::string& id : missing) {
    spdlog::warn("menu: no FAQ entry \"{}\"; its menu item has no answer to give", id);
  }
  return tree;
}

std::vector<console::ModemStatus> Daemon::ModemStatuses() const {
  std::vector<console::ModemStatus> out;
  for (const auto& m : modems_) {
    const modem::Health health = m->driver->health();
    const SendGate& gate = m->sender->gate();
    const bool ready = m->driver->state() == modem::ModemDriver::State::kReady;
    console::ModemStatus status{.id = m->id,
                                .state = ready && gate.state() != SendGate::State::kOpen
                                             ? std::string(GateStateName(gate.state()))
                                             : std::string(modem::ModemStateName(m->driver->state())),
                                .operator_name = health.operator_name,
                                .last_error = health.last_error,
                                .signal_dbm = health.signal_dbm};
    if (gate.state() != SendGate::State::kOpen && gate.since()) {
      status.outage_reason = gate.reason();
      status.outage_since = gate.since();
    }
    for (const auto& s : health.storage) {
      status.storage += (status.storage.empty() ? "" : ", ") + s.memory + " " + std::to_string(s.used) + "/" +
                        std::to_string(s.total);
    }
    out.push_back(std::move(status));
  }
  return out;
}

void Daemon::StartConsole() {
  if (!options_.console || config_.console.bind.empty()) return;
  console_ = std::make_unique<console::Console>(
      io_, console::ConsoleDeps{.db = *db_,
                                .desk = *desk_,
                                .outbox_changed = [this] { KickSenders(); },
                                .faq_answer = [this](const std::string& id, const std::string& lang) {
                                  return desk::AnswerIn(faq_entries_, id, lang);
                                },
                                .modems = [this] { return ModemStatuses(); },
                                .match = [this](std::string_view text) { return matcher_->Match(text); },
                                .faq_changed = [this] { Reload(); },
                                .word_lists = [this] { return word_lists_.lexicon; },
                                .faq_file = [this] { return config_.faq.file; },
                                .pool = [this] { return PoolCapacity(); },
                                .check_credit = [this](const std::string& id) { return credit_->CheckNow(id); },
                                .ussd = [this] { return config_.ussd; },
                                .messages_added = [this] { SchedulePump(); }});
  if (auto started = console_->Start(config_.console); !started) {
    // The SMS desk matters more than the page: it carries on without it.
    spdlog::error("{}; the desk runs without its web console", started.error().message);
    console_.reset();
    return;
  }
  spdlog::info("console on {}://{} (port {})", config_.console.tls_certificate.empty() ? "http" : "https",
               config_.console.bind, console_->port());
}

void Daemon::StartModem(const config::ModemConfig& c) {
  modem::ModemDriverOptions options = options_.driver_defaults.value_or(modem::ModemDriverOptions{});
  options.modem_id = c.id;
  options.pin = c.pin;
  options.storage_preference = c.storage_preference;
  options.direct_status_reports = c.status_reports == "direct";
  if (!options_.driver_defaults) options.sweep_interval = c.sweep_interval;
  if (!modem::ParsePortSelector(c.device, options.selector)) {
    spdlog::error("{}: device \"{}\" is not a path, usb:VID:PID[:IF], serial:S or imei:N; modem skipped", c.id,
                  c.device);
    return;
  }
  auto slot = std::make_unique<Modem>();
  slot->seen_since = clock_.Steady();
  Modem& m = *slot;
  m.id = c.id;
  m.driver = std::make_unique<modem::ModemDriver>(
      io_, opener_, std::move(options), [this](const modem::InboundPdu& pdu) { return OnPdu(pdu); },
      [this, &m](const modem::DriverEvent& event) { OnEvent(m, event); });
  SenderOptions sender{.modem_id = c.id,
                       .sends_per_minute = c.sends_per_minute,
                       .max_attempts = config_.desk.send_attempts,
                       .daily_cap = c.daily_cap,
                       .gate = {.probe_first = config_.outages.probe_first, .probe_max = config_.outages.probe_max}};
  sender.day_start = [this](std::int64_t now) {
    // Caps count the SIM's days in the desk's time zone.
    const desk::OfficeHours& hours = desk_->config().office_hours;
    return hours.LocalDayStart(desk::sys_seconds(std::chrono::seconds(now))).time_since_epoch().count();
  };
  m.sender = std::make_unique<OutboxSender>(
      io_, clock_, *db_, *m.driver, references_, std::move(sender),
      [this] { return ReadyModems(); },
      [this, &m](const SendOutcome& outcome) {
        if (outcome.sent) {
          spdlog::debug("{}: outbox #{} sent ({} part(s))", m.id, outcome.outbox_id, outcome.parts);
        } else if (outcome.modem_fault) {
          spdlog::info("{}: outbox #{} waits for a modem that can send: {}", m.id, outcome.outbox_id, outcome.error);
        } else {
          spdlog::warn("{}: outbox #{} not sent: {}{}", m.id, outcome.outbox_id, outcome.error,
                       outcome.will_retry ? " (will retry)" : "");
        }
        if (outcome.alert) alert_jobs_->Note();
        KickSenders();  // the recipient may have more waiting, for any modem
      });
  if (spdlog::should_log(spdlog::level::trace)) {
    // log_level = "trace": every AT line (PDUs carry numbers and texts;
    // never at info).
    m.driver->set_trace([id = c.id](std::string_view direction, std::string_view text) {
      spdlog::trace("{} {} {}", id, direction, text);
    });
  }
  m.sender->set_on_gate_change([this, &m](const GateChange& change) { outages_->OnGateChange(m.id, change); });
  for (const alerts::ModemCapacity& last : last_pool_) {
    if (last.id == c.id) m.sender->set_seconds_per_segment(last.seconds_per_segment);
  }
  credit_->AddModem(c.id, *m.driver, c.credit);
  m.driver->Start();
  modems_.push_back(std::move(slot));
}

bool Daemon::OnPdu(const modem::InboundPdu& pdu) {
  auto outcome = desk_->AcceptPdu(pdu, Now());
  if (!outcome.ok()) {
    // The modem keeps its copy and offers it again (driver store_retry).
    spdlog::warn("{}: could not store a received message: {}", pdu.modem_id, outcome.status().message());
    return false;
  }
  switch (*outcome) {
    case desk::AcceptOutcome::kStored: SchedulePump(); break;
    case desk::AcceptOutcome::kUnreadable:
      spdlog::warn("{}: a received PDU could not be decoded; kept in the store for an operator", pdu.modem_id);
      break;
    case desk::AcceptOutcome::kStatusReport: break;
    case desk::AcceptOutcome::kDuplicate: spdlog::debug("{}: a message read twice, stored once", pdu.modem_id); break;
  }
  return true;
}

void Daemon::OnEvent(Modem& m, const modem::DriverEvent& event) {
  if (const auto* ready = std::get_if<modem::ModemReady>(&event)) {
    spdlog::info("{}: ready ({} {} on {}, storage {})", m.id, ready->info.manufacturer, ready->info.model,
                 ready->info.port, ready->info.storage);
    m.sender->LookNow();
    KickSenders();
    alert_jobs_->PublishPool();
    credit_->OnReady(m.id);
    if (notifier_) notifier_->UpdateStatus();
  } else if (const auto* lost = std::get_if<modem::ModemLost>(&event)) {
    spdlog::warn("{}: lost ({}); the other modems carry on", m.id, lost->reason);
    m.driver->WithdrawQueuedSends("withdrawn: " + m.id + " went away");
    KickSenders();  // replies meant for it (and alert rows) now leave through the others
    alert_jobs_->PublishPool();
    credit_->OnLost(m.id);
    if (notifier_) notifier_->UpdateStatus();
  } else if (const auto* resetting = std::get_if<modem::ModemResetting>(&event)) {
    spdlog::warn("{}: resetting ({}), attempt {}", m.id, resetting->reason, resetting->attempt);
  } else if (const auto* update = std::get_if<modem::HealthUpdate>(&event)) {
    if (const auto& registration = update->health.registration) {
      const bool registered = modem::IsRegistered(*registration);
      m.registered_seen = m.registered_seen || registered;
      if (registered || m.registered_seen) {
        m.sender->OnRegistration(registered, modem::NetworkProbe{.answered = true, .cs = *registration}.Describe());
      }
    }
  } else if (const auto* report = std::get_if<modem::StatusReport>(&event)) {
    spdlog::debug("{}: status report mr={} to {}: {}", m.id, report->message_reference,
                  MaskNumber(report->recipient), report->delivered ? "delivered" : "not delivered");
  }
}

std::string Daemon::LocalTime(std::int64_t unix_seconds) const {
  const desk::OfficeHours& hours = desk_->config().office_hours;
  return date::format("%F %R", date::floor<std::chrono::minutes>(
                                   hours.ToLocal(desk::sys_seconds(std::chrono::seconds(unix_seconds)))));
}

std::vector<std::string> Daemon::ReadyModems() const {
  std::vector<std::string> ready;
  for (const auto& m : modems_) {
    if (m->sender->can_send()) ready.push_back(m->id);
  }
  return ready;
}

std::vector<alerts::ModemCapacity> Daemon::PoolCapacity() const {
  std::vector<alerts::ModemCapacity> pool;
  for (const auto& m : modems_) {
    const SenderOptions& o = m->sender->options();
    pool.push_back({.id = m->id,
                    .ready = m->sender->can_send(),
                    .sends_per_minute = o.sends_per_minute,
                    .seconds_per_segment = m->sender->seconds_per_segment(),
                    .daily_cap = o.daily_cap,
                    .sent_today = m->sender->sent_today()});
  }
  return pool;
}

void Daemon::KickSenders() {
  if (stopping_) return;
  for (auto& m : modems_) m->sender->Kick();
}

void Daemon::SchedulePump() {
  if (pump_scheduled_ || stopping_) return;
  pump_scheduled_ = true;
  boost::asio::post(io_, [this] { Pump(); });
}

void Daemon::Pump() {
  pump_scheduled_ = false;
  if (stopping_) return;
  const auto now = Now();
  auto made = desk_->AssembleMessages(now, config_.desk.incomplete_after);
  bool retry = !made.ok();
  if (!made.ok()) spdlog::warn("assembling messages: {}", made.status().message());
  // A slice of messages per turn, then the loop serves the modems, the
  // console and the watchdog before the next: a flood of texts is routed in
  // many short turns, never in one long one.
  bool more = false;
  if (auto routed = desk_->RouteMessages(now, kRouteSlice); !routed.ok()) {
    spdlog::warn("routing messages: {}", routed.status().message());
    retry = true;
  } else if (routed->messages > 0) {
    if (console_) console_->NotifyQueueChanged();
    spdlog::info("routed {} message(s): {} reply(ies) queued, {} new ticket(s), {} urgent", routed->messages,
                 routed->replies, routed->tickets_opened, routed->urgent);
    if (routed->quarantined > 0) {
      spdlog::error("{} message(s) could not be processed and wait for a moderator", routed->quarantined);
    }
    more = routed->messages >= kRouteSlice;
  }
  if (more) SchedulePump();
  alert_jobs_->StartDue();
  KickSenders();
  if (clock_.Wall() >= next_expiry_) ExpireUnsent();
  if (clock_.Wall() >= next_housekeeping_) Housekeeping();

  // Wake up for the next multipart message that will time out, the next
  // housekeeping, or a retry after a store error — whichever comes first.
  auto wake = clock_.Steady() + std::chrono::duration_cast<steady_clock::duration>(
                                        std::min(next_housekeeping_, next_expiry_) - clock_.Wall());
  if (retry) wake = std::min(wake, clock_.Steady() + kStoreRetry);
  if (auto release = store::Alerts(*db_).NextRelease(); release.ok() && *release) {
    const auto in = std::chrono::seconds(**release) - Now().time_since_epoch();
    wake = std::min(wake, clock_.Steady() + std::max<steady_clock::duration>(in, steady_clock::duration::zero()));
  }
  if (auto deadline = desk_->NextIncompleteDeadline(config_.desk.incomplete_after); deadline.ok() && *deadline) {
    const auto in = std::chrono::duration_cast<steady_clock::duration>(**deadline - clock_.Wall());
    wake = std::min(wake, clock_.Steady() + std::max(in, steady_clock::duration::zero()));
  }
  ArmTimer(wake);
}

void Daemon::ExpireUnsent() {
  next_expiry_ = clock_.Wall() + kExpiryEvery;
  const std::int64_t now = clock_.NowSeconds();
  if (auto expired = store::Outbox(*db_).ExpireQueued(now - config_.desk.send_expire_after.count(), now);
      expired.ok() && *expired > 0) {
    spdlog::warn("{} queued message(s) expired unsent (replies after desk.send_expire_after = {} h, alerts after "
                 "their own expiry): no modem could send them in time",
                 *expired, config_.desk.send_expire_after.count() / 3600);
    alert_jobs_->Note();
  }
}

void Daemon::Housekeeping() {
  next_housekeeping_ = clock_.Wall() + kHousekeepingEvery;
  auto kept = desk::ApplyRetention(*db_, config_.desk.retention_days, clock_.NowSeconds());
  if (!kept.ok()) {
    spdlog::warn("retention: {}", kept.status().message());
  } else if (kept->bodies_erased > 0 || kept->examples_erased > 0) {
    spdlog::info("retention: erased {} message bodies and {} unconfirmed examples older than {} days",
                 kept->bodies_erased, kept->examples_erased, config_.desk.retention_days);
  }
}

void Daemon::ArmTimer(steady_clock::time_point when) {
  if (timer_at_ && *timer_at_ == when) return;
  timer_at_ = when;
  timer_->ArmAt(when, [this] {
    timer_at_.reset();
    if (stopping_) return FinishStop();
    Pump();
  });
}

void Daemon::WaitSignal() {
  if (stopped_) return;
  signals_.async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;
    if (signal == SIGHUP) {
      Reload();
    } else if (signal == SIGUSR1) {
      // The store changed under us: new work, or an account changed by
      // `smsdesk user` (its open event streams are checked again at once).
      if (console_) console_->AccountsChanged();
      SchedulePump();
    } else if (stopping_) {
      stop_deadline_ = clock_.Steady();  // asked twice: stop now
      FinishStop();
    } else {
      RequestStop();
    }
    WaitSignal();
  });
}

void Daemon::Reload() {
  if (options_.config_path.empty() || stopping_) return;
  if (reload_thread_.joinable()) {
    reload_again_ = true;  // after the one being built
    return;
  }
  auto parsed = config::LoadConfig(options_.config_path);
  if (!parsed.ok()) {
    spdlog::error("reload: the config has errors, keeping the running one:\n{}",
                  config::FormatErrors(parsed, options_.config_path));
    return;
  }
  auto settings = desk::BuildDeskConfig(parsed.config);
  if (!settings) {
    spdlog::error("reload: {}; keeping the running config", settings.error().message);
    return;
  }
  auto faq = desk::LoadFaq(parsed.config, *db_);
  if (!faq) {
    spdlog::error("reload: {}; keeping the running FAQ and config", faq.error().message);
    return;
  }
  // The store is read here, on the loop; the files and the compiling off it.
  reload_thread_ = std::thread([this, config = std::move(parsed.config), settings = std::move(*settings),
                                faq = std::move(*faq), additions = WordListAdditions(*db_)]() mutable {
    auto index = faq::FaqIndex::Build(faq.entries);
    auto lists = desk::LoadWordLists(config.desk.word_lists, additions);
    boost::asio::post(io_, [this, config = std::move(config), settings = std::move(settings), faq = std::move(faq),
                            index = std::move(index), lists = std::move(lists)]() mutable {
      FinishReload(std::move(config), std::move(settings), std::move(faq), std::move(index), std::move(lists));
    });
  });
}

void Daemon::FinishReload(config::Config config, desk::DeskSettings settings, desk::FaqLoad load,
                          std::shared_ptr<const faq::FaqIndex> index, desk::WordLists lists) {
  reload_thread_.join();
  if (stopping_) return;
  word_lists_ = std::move(lists);
  LogWordLists(word_lists_);
  InstallFaq(std::move(load), std::move(index));
  settings.menu = BakeMenu(config);
  settings.keywords = word_lists_.keywords;
  desk_->SetConfig(std::move(settings));
  credit_->SetConfig(config.credit);
  outages_->SetConfig(config.outages);
  SetUpLogging(config.log_level);
  if (config.modems.size() != config_.modems.size() || config.database != config_.database) {
    spdlog::warn("reload: modem and database changes take effect at the next start");
  }
  config.modems = config_.modems;
  config.database = config_.database;
  config_ = std::move(config);
  UpdateModels();
  spdlog::info("reloaded {} and {} FAQ entries", options_.config_path, faq_index_->EntryCount());
  if (reload_again_) {
    reload_again_ = false;
    Reload();
  }
  SchedulePump();
}

void Daemon::RequestStop() {
  if (stopping_) return;
  stopping_ = true;
  spdlog::info("stopping: finishing the sends in flight");
  if (notifier_) notifier_->Stopping();
  for (auto& m : modems_) m->sender->Stop();
  credit_->Stop();
  if (alert_jobs_) alert_jobs_->Stop();
  outages_->Stop();
  if (console_) console_->Stop();
  stop_deadline_ = clock_.Steady() + options_.stop_grace;
  FinishStop();
}

void Daemon::FinishStop() {
  if (stopped_) return;
  bool busy = false;
  for (auto& m : modems_) busy = busy || m->sender->busy();
  if (busy && clock_.Steady() < stop_deadline_) {
    // Check again shortly; a send finishes within the driver's timeouts.
    timer_at_.reset();
    ArmTimer(clock_.Steady() + std::chrono::milliseconds(100));
    return;
  }
  for (auto& m : modems_) m->driver->Stop();
  stopped_ = true;
  timer_->Cancel();
  signals_.cancel();
  spdlog::info("stopped");
}

}  // namespace smsdesk::daemon
