#include "firmware-host/demo/demo.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "firmware-host/auth/auth.h"
#include "firmware-host/base/log.h"
#include "firmware-host/base/store_warn.h"
#include "firmware-host/config/config.h"
#include "firmware-host/daemon/daemon.h"
#include "firmware-host/desk/faq_source.h"
#include "firmware-host/faq/demo_faq.h"
#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/menu/demo_menu.h"
#include "modem/sim/simulator.h"
#include "store/accounts.h"
#include "store/faq_store.h"
#include "store/tickets.h"

namespace smsdesk::demo {
namespace {

namespace fs = std::filesystem;

// The tour: newcomers text the desk, a few seconds apart.
struct TourStep {
  const char* from;
  const char* text;
  const char* what;  // what the reader should notice
};
constexpr TourStep kTour[] = {
    {"+16135550101", "How do I get a bus pass?", "an English question, answered from the FAQ"},
    {"+16135550102", "كيف احصل على بطاقة الباص؟", "the same question in Arabic, answered in Arabic"},
    {"+16135550103", "Où trouver une banque alimentaire ?", "French: a food bank"},
    {"+16135550104", "my landlord wants me out tomorrow, can he do that?", "not in the FAQ closely enough: "
                                                                            "a ticket, and an honest deadline"},
    {"+16135550105", "He hits me and I am scared", "danger: the emergency numbers at once, top of the queue"},
    {"+16135550106", "القائمة", "MENU in Arabic: the numbered choices of the menu"},
    {"+16135550106", "٢", "an Arabic-Indic digit picks a choice"},
    {"+16135550101", "STOP", "STOP is confirmed once; nothing more is sent"},
};
constexpr std::chrono::seconds kTourGap{3};

std::string ConfigText(const fs::path& dir, int modems, int console_port, const std::string& ussd_secret) {
  std::string toml = "database = \"" + (dir / "desk.db").string() + "\"\nlog_level = \"warn\"\n";
  toml += "[console]\nbind = \"127.0.0.1:" + std::to_string(console_port) + "\"\n";
  for (int i = 0; i < modems; ++i) {
    const std::string id = "modem" + std::to_string(i);
    toml += "[[modem]]\nid = \"" + id + "\"\ndevice = \"" + (dir / id).string() + "\"\nsends_per_minute = 0\n";
  }
  // The virtual operator answers *100# with 12.50 EUR; the dashboard shows it
  // a few seconds after start.
  toml += "[credit]\nfirst_check_after = \"3s\"\nlow_balance = 5\ncost_per_sms = 0.10\n";
  toml += std::string(DemoMenuToml());
  toml += "[ussd]\nsecret = \"" + ussd_secret + "\"\nallow_from = [\"127.0.0.1/32\", \"::1\"]\n";
  return toml;
}

class Demo {
 public:
  Demo(DemoOptions options, fs::path dir)
      : options_(std::move(options)), dir_(std::move(dir)), signals_(io_, SIGINT, SIGTERM), timer_(io_) {}

  int Run() {
    std::ofstream(dir_ / "faq.csv") << DemoFaqCsv();
    ussd_secret_ = console::NewToken().substr(0, 24);
    std::ofstream(dir_ / "desk.toml") << ConfigText(dir_, options_.modems, options_.console_port, ussd_secret_);
    const config::ParsedConfig parsed = config::LoadConfig((dir_ / "desk.toml").string());
    if (!parsed.ok()) return Fail(config::FormatErrors(parsed, "demo config"));

    sim::SimulatorConfig sim_config{.control_path = (dir_ / "sim.sock").string()};
    for (int i = 0; i < options_.modems; ++i) {
      sim::ModemConfig m{.identity = sim::DefaultIdentity(i), .link = (dir_ / ("modem" + std::to_string(i))).string()};
      m.timing.send_latency = options_.latency;
      m.timing.link_setup = options_.latency / 2;
      sim_config.modems.push_back(std::move(m));
    }
    simulator_ = std::make_unique<sim::Simulator>(io_, std::move(sim_config));
    if (auto error = simulator_->Start()) return Fail("virtual modems: " + error->message);
    simulator_->network().SetObserver(
        [this](const std::string& from, const std::string& to, const std::string& text) { Show(from, to, text); });

    if (auto made = PrepareStore(parsed.config.database); !made) return Fail(made.error().message);
    SetUpLogging("warn");
    daemon_ = std::make_unique<daemon::Daemon>(io_, parsed.config,
                                               daemon::DaemonOptions{.config_path = (dir_ / "desk.toml").string()});
    if (auto started = daemon_->Start(); !started) return Fail(started.error().message);

    console_port_ = daemon_->console_port();
    PrintWelcome();
    signals_.async_wait([this](const boost::system::error_code& error, int) {
      if (!error) Stop();
    });
    started_ = std::chrono::steady_clock::now();
    if (options_.tour) NextStep();
    io_.run();
    return 0;
  }

 private:
  // The sample FAQ in the store (so the console's FAQ editor changes what the
  // desk answers) and an account for the console, with a fresh password.
  modem::Result<bool> PrepareStore(const std::string& database) {
    if (!console::InitCrypto()) return modem::MakeError("libsodium could not start");
    auto db = store::Database::Open(database);
    if (!db.ok()) return modem::MakeError(db.status().message());
    const faq::FaqCsvResult csv = faq::ParseFaqCsv(DemoFaqCsv());
    if (!csv.ok) return modem::MakeError("sample FAQ line " + std::to_string(csv.error.line) + ": " + csv.error.message);
    std::vector<store::FaqRow> rows;
    for (const auto& entry : csv.entries) rows.push_back(desk::RowFromEntry(entry, 0, std::string("demo")));
    if (auto s = store::FaqStore(**db).ReplaceAll(rows); !s.ok()) return modem::MakeError(s.message());
    password_ = console::NewToken().substr(0, 12);
    store::Accounts accounts(**db);
    const std::string hash = console::HashPassword(password_);
    auto existing = accounts.FindUser("demo");
    if (existing.ok() && *existing) {
      WarnIfFailed(accounts.SetPassword((*existing)->id, hash), "the demo account's password");
      return true;
    }
    auto id = accounts.CreateUser({.name = "demo", .role = "admin", .password_hash = hash, .created_at = 0});
    if (!id.ok()) return modem::MakeError("demo user: " + id.status().message());
    return true;
  }

  int Fail(const std::string& message) {
    std::fprintf(stderr, "smsdesk demo: %s\n", message.c_str());
    return 1;
  }

  void Show(const std::string& from, const std::string& to, const std::string& text) {
    const bool inbound = !simulator_->network().IsModem(from);
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (inbound) {
      std::printf("[%5.1fs] %s -> desk (%s):\n          %s\n", t, from.c_str(), to.c_str(), text.c_str());
    } else {
      std::printf("[%5.1fs] desk (%s) -> %s:\n          %s\n", t, from.c_str(), to.c_str(), text.c_str());
      ++replies_seen_;
    }
    std::fflush(stdout);
    if (options_.exit_after_tour && tour_done_ && replies_seen_ >= std::size(kTour)) Finish();
  }

  void NextStep() {
    if (step_ == std::size(kTour)) {
      tour_done_ = true;
      // Replies still in flight arrive within a few latencies; then the queue.
      timer_.expires_after(std::chrono::seconds(5) + options_.latency * 8);
      timer_.async_wait([this](const boost::system::error_code& error) {
        if (!error) Finish();
      });
      return;
    }
    const TourStep& s = kTour[step_++];
    std::printf("\n-- %s\n", s.what);
    if (auto sent = simulator_->network().SendText(s.from, simulator_->modems()[0]->config().identity.number, s.text, false); !sent) {
      std::fprintf(stderr, "smsdesk demo: %s\n", sent.error().message.c_str());
    }
    timer_.expires_after(kTourGap);
    timer_.async_wait([this](const boost::system::error_code& error) {
      if (!error) NextStep();
    });
  }

  void Finish() {
    if (finished_) return;
    finished_ = true;
    PrintQueue();
    if (options_.exit_after_tour) return Stop();
    PrintTryIt();
  }

  void PrintWelcome() {
    std::string numbers;
    for (const auto& m : simulator_->modems()) numbers += (numbers.empty() ? "" : ", ") + m->config().identity.number;
    std::printf("smsdesk demo: %d virtual modems (%s), the desk, and a sample FAQ in Arabic, English,\n"
                "French, Dari, Ukrainian and Spanish.\n",
                options_.modems, numbers.c_str());
    std::printf("Files (database, config, FAQ): %s\n", dir_.c_str());
    if (console_port_ != 0) {
      std::printf("Web console: http://127.0.0.1:%u/  (user \"demo\", password \"%s\")\n", console_port_,
                  password_.c_str());
    } else {
      std::printf("Web console: not started (port %d busy? try --console-port 0)\n", options_.console_port);
    }
    std::fflush(stdout);
  }

  void PrintQueue() {
    auto db = store::Database::Open((dir_ / "desk.db").string());
    if (!db.ok()) return;
    auto queue = store::Tickets(**db).Queue();
    if (!queue.ok()) return;
    std::printf("\n-- the moderators' queue now (%zu ticket(s)):\n", queue->size());
    for (const store::TicketRecord& t : *queue) {
      std::printf("   #%lld %s%s from %s\n", static_cast<long long>(t.id), t.priority > 0 ? "URGENT " : "",
                  t.status.c_str(), t.number.c_str());
    }
    std::fflush(stdout);
  }

  void PrintTryIt() {
    const std::string& s = options_.smsdesk;
    const std::string config = (dir_ / "desk.toml").string();
    std::printf(
        "\nYour turn, from another terminal:\n"
        "  export SMSDESK_SIM_SOCKET=%s\n"
        "  %s sim text +16135550199 \"Where can I learn English?\"     # any phone number, any language\n"
        "  %s sim text +16135550198 \"وين بقدر اتعلم انكليزي؟\"\n"
        "  %s sim inbox +16135550199                                  # what that phone received\n"
        "  %s queue list --config %s                 # the moderators' queue\n"
        "  %s queue reply 1 \"We can help: call us at 613-555-0100.\" --config %s\n"
        "  %s sim text +16135550197 MENU                             # the menu by SMS; reply 1, 2, ٣…\n"
        "  curl -d sessionId=s1 -d phoneNumber=+16135550196 -d text=1*2 \\\n"
        "       -H 'X-Ussd-Secret: %s' http://127.0.0.1:%u/ussd    # the same menu as a USSD aggregator\n"
        "Conversations appear here as they happen. Ctrl-C stops the demo.\n",
        simulator_->control_path().c_str(), s.c_str(), s.c_str(), s.c_str(), s.c_str(), config.c_str(), s.c_str(),
        config.c_str(), s.c_str(), ussd_secret_.c_str(), console_port_);
    std::fflush(stdout);
  }

  void Stop() {
    timer_.cancel();
    signals_.cancel();
    daemon_->RequestStop();
    // Let the daemon close its ports before the modems disappear.
    timer_.expires_after(std::chrono::milliseconds(200));
    timer_.async_wait([this](const boost::system::error_code&) { simulator_->Stop(); });
  }

  DemoOptions options_;
  fs::path dir_;
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer timer_;
  std::unique_ptr<sim::Simulator> simulator_;
  std::unique_ptr<daemon::Daemon> daemon_;
  std::chrono::steady_clock::time_point started_{};
  std::string password_;
  unsigned short console_port_ = 0;
  std::string ussd_secret_;
  std::size_t step_ = 0;
  std::size_t replies_seen_ = 0;
  bool tour_done_ = false;
  bool finished_ = false;
};

}  // namespace

int RunDemo(const DemoOptions& options) {
  fs::path dir = options.dir;
  const bool scratch = dir.empty();
  if (scratch) {
    std::string pattern = (fs::temp_directory_path() / "smsdesk-demo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("smsdesk demo: mkdtemp");
      return 1;
    }
    dir = pattern;
  }
  std::error_code error;
  fs::create_directories(dir, error);
  int code = 0;
  {
    Demo demo(options, fs::absolute(dir));
    code = demo.Run();
  }
  if (scratch) fs::remove_all(dir, error);
  return code;
}

}  // namespace smsdesk::demo
