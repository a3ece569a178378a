// smsdesk alert preview|send|list|show|wait|cancel and smsdesk subscribers
// import|list: alerts to subscribers from the box's command line, the same
// steps as the console's alert page (firmware-host/alerts/alert_plan.h).
//
//   smsdesk alert send --topic bus --text en="No buses today" --text fr="Pas d'autobus" --yes --wait
//
// The preview (encoding and SMS per language, recipients, estimated time)
// comes first; `send` asks before it creates the job unless --yes. The
// estimate uses the modems the running daemon last reported (the store's
// meta table); without a daemon the job waits for one. A created job wakes
// the daemon (SIGUSR1). `wait` and `send --wait` draw a progress bar.
// Bad input: one line on stderr, exit 2; the database failing: exit 1.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "firmware-host/alerts/alert_json.h"
#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/base/clock.h"
#include "firmware-host/base/csv_reader.h"
#include "firmware-host/cli/cli.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "firmware-host/desk/desk_settings.h"
#include "store/alerts.h"
#include "store/audit_log.h"
#include "store/contacts.h"
#include "store/database.h"

namespace smsdesk {
namespace {

using nlohmann::ordered_json;

struct AlertArgs {
  std::string config_path;
  std::string database;
  std::vector<std::string> topics;
  std::vector<std::string> texts;  // "lang=text"
  std::string alert_class = "info";
  std::string fallback;
  std::string as;
  bool yes = false;
  bool wait = false;
  bool json = false;
  std::int64_t id = 0;
  int timeout_seconds = 0;  // wait: 0 = until done
  std::string file;          // subscribers import
  std::string default_lang;  // subscribers import
};

int WithSession(const AlertArgs& args, int (*run)(const AlertArgs&, StoreSession&)) {
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(args.config_path, args.database, session); code != kExitOk) return code;
  return run(args, *session);
}

// The modems as the running daemon last described them; not ready when no
// daemon runs (the job waits for one).
std::vector<alerts::ModemCapacity> Pool(StoreSession& session) {
  if (daemon::RunningDaemon(session.database_path)) {
    if (auto json = session.db->GetMeta(alerts::kPoolMetaKey); json.ok() && *json) {
      if (auto pool = alerts::PoolFromJson(**json)) return pool->first;
    }
  }
  std::vector<alerts::ModemCapacity> pool;
  for (const config::ModemConfig& m : session.config.modems) {
    pool.push_back({.id = m.id, .ready = false, .sends_per_minute = m.sends_per_minute, .daily_cap = m.daily_cap});
  }
  return pool;
}

int BuildDraft(const AlertArgs& args, alerts::AlertDraft& draft) {
  auto alert_class = store::ParseAlertClass(args.alert_class);
  if (!alert_class) return Fail(kExitBadInput, "--class: \"" + args.alert_class + "\" (use info or emergency)");
  draft.alert_class = *alert_class;
  draft.topics = args.topics;
  draft.fallback_lang = args.fallback;
  draft.source = "cli";
  for (const std::string& t : args.texts) {
    const auto eq = t.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Fail(kExitBadInput, "--text \"" + t.substr(0, 20) + "…\": write LANG=TEXT, e.g. --text fr=\"Pas d'autobus\"");
    }
    const std::string lang = t.substr(0, eq);
    if (draft.texts.contains(lang)) return Fail(kExitBadInput, "--text: two texts in " + lang);
    draft.texts[lang] = t.substr(eq + 1);
  }
  return kExitOk;
}

void PrintPreview(const alerts::AlertPreview& p, const StoreSession& session) {
  for (const auto& t : p.texts) {
    std::printf("  %-3s %-5s %4zu characters, %d SMS each, %lld recipient(s)%s\n", t.lang.c_str(),
                t.encoding.c_str(), t.characters, t.segments, static_cast<long long>(t.recipients),
                t.lang == p.fallback_lang ? "  (fallback)" : "");
  }
  std::printf("recipients: %lld, SMS to send: %lld\n", static_cast<long long>(p.recipients),
              static_cast<long long>(p.segments));
  if (p.held) {
    std::printf("quiet hours: held until %s\n",
                date::format("%Y-%m-%d %H:%M", session.desk.office_hours.ToLocal(
                                                   std::chrono::sys_seconds{std::chrono::seconds{p.release_at}}))
                    .c_str());
  }
  if (p.seconds) {
    std::printf("modems ready: %d, about %.1f SMS/s: done in about %s\n", p.modems_ready, p.segments_per_second,
                alerts::DescribeDuration(*p.seconds).c_str());
  }
  for (const auto& w : p.warnings) std::printf("note: %s\n", w.c_str());
  for (const auto& e : p.errors) std::fprintf(stderr, "error: %s\n", e.c_str());
}

int RunPreview(const AlertArgs& args, StoreSession& session) {
  alerts::AlertDraft draft;
  if (int code = BuildDraft(args, draft); code != kExitOk) return code;
  auto preview = alerts::Preview(*session.db, session.desk.alerts, draft, Pool(session), SystemClock().NowSeconds());
  if (!preview.ok()) return FailStore(preview.status());
  if (args.json) {
    std::cout << alerts::PreviewToJson(*preview).dump(2) << '\n';
  } else {
    PrintPreview(*preview, session);
  }
  return preview->ok() ? kExitOk : kExitBadInput;
}

// "[#########...........]  312/500  delivered 280  failed 0  left 188"
std::string ProgressLine(const store::AlertProgress& p) {
  constexpr int kWidth = 30;
  const std::int64_t done = p.recipients - p.to_go();
  const int filled = p.recipients > 0 ? static_cast<int>(kWidth * done / p.recipients) : kWidth;
  std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(kWidth - filled), '.') + "]";
  char line[200];
  std::snprintf(line, sizeof line, "%s %lld/%lld sent  delivered %lld  failed %lld  to go %lld", bar.c_str(),
                static_cast<long long>(done - p.failed - p.cancelled - p.expired),
                static_cast<long long>(p.recipients), static_cast<long long>(p.delivered),
                static_cast<long long>(p.failed), static_cast<long long>(p.to_go()));
  return line;
}

int WaitFor(std::int64_t id, const AlertArgs& args, StoreSession& session) {
  store::Alerts alerts(*session.db);
  const bool tty = isatty(STDOUT_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  auto last_print = start - std::chrono::hours(1);
  for (;;) {
    auto alert = alerts.Get(id);
    if (!alert.ok()) return FailStore(alert.status());
    if (!*alert) return Fail(kExitBadInput, "no alert #" + std::to_string(id));
    auto progress = alerts.Progress(id);
    if (!progress.ok()) return FailStore(progress.status());
    const bool finished = (*alert)->state == "done" || (*alert)->state == "cancelled" ||
                          ((*alert)->state == "sending" && progress->to_go() == 0);
    const auto now = std::chrono::steady_clock::now();
    if (tty) {
      std::printf("\r%s", ProgressLine(*progress).c_str());
      std::fflush(stdout);
    } else if (finished || now - last_print >= std::chrono::seconds(5)) {
      std::printf("%s\n", ProgressLine(*progress).c_str());
      std::fflush(stdout);
      last_print = now;
    }
    if (finished) {
      if (tty) std::printf("\n");
      std::printf("alert #%lld %s\n", static_cast<long long>(id),
                  (*alert)->state == "cancelled" ? "cancelled" : "sent");
      return kExitOk;
    }
    if (args.timeout_seconds > 0 && now - start >= std::chrono::seconds(args.timeout_seconds)) {
      if (tty) std::printf("\n");
      return Fail(kExitFailure, "alert #" + std::to_string(id) + " still sending after " +
                                    std::to_string(args.timeout_seconds) + " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

int RunSend(const AlertArgs& args, StoreSession& session) {
  alerts::AlertDraft draft;
  if (int code = BuildDraft(args, draft); code != kExitOk) return code;
  const std::int64_t now = SystemClock().NowSeconds();
  auto preview = alerts::Preview(*session.db, session.desk.alerts, draft, Pool(session), now);
  if (!preview.ok()) return FailStore(preview.status());
  PrintPreview(*preview, session);
  if (!preview->ok()) return kExitBadInput;
  if (!args.yes) {
    if (isatty(STDIN_FILENO) == 0) return Fail(kExitBadInput, "not a terminal: add --yes to send");
    std::printf("send it? [y/N] ");
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      std::printf("not sent\n");
      return kExitOk;
    }
  }
  auto id = alerts::CreateAlert(*session.db, session.desk.alerts, draft, CliActor(args.as), now);
  if (!id.ok()) return FailStore(id.status());
  std::printf("alert #%lld created\n", static_cast<long long>(*id));
  if (daemon::NotifyDaemon(session.database_path)) {
    std::printf("daemon notified: sending starts now\n");
  } else {
    std::printf("no daemon running: it will be sent when smsdesk run starts\n");
  }
  return args.wait ? WaitFor(*id, args, session) : kExitOk;
}

int RunList(const AlertArgs& args, StoreSession& session) {
  store::Alerts alerts(*session.db);
  auto recent = alerts.Recent(50);
  if (!recent.ok()) return FailStore(recent.status());
  ordered_json out = ordered_json::array();
  for (const store::AlertRecord& a : *recent) {
    auto p = alerts.Progress(a.id);
    if (!p.ok()) return FailStore(p.status());
    if (args.json) {
      out.push_back(alerts::AlertToJson(a, *p));
      continue;
    }
    std::string topics;
    for (const auto& t : a.topics) topics += (topics.empty() ? "" : ",") + t;
    std::printf("#%-5lld %-9s %-9s %-16s %6lld recipients  delivered %lld  failed %lld  to go %lld\n",
                static_cast<long long>(a.id), store::AlertClassName(a.alert_class), a.state.c_str(), topics.c_str(),
                static_cast<long long>(p->recipients), static_cast<long long>(p->delivered),
                static_cast<long long>(p->failed), static_cast<long long>(p->to_go()));
  }
  if (args.json) std::cout << out.dump(2) << '\n';
  if (!args.json && recent->empty()) std::printf("no alerts yet\n");
  return kExitOk;
}

int RunShow(const AlertArgs& args, StoreSession& session) {
  store::Alerts alerts(*session.db);
  auto alert = alerts.Get(args.id);
  if (!alert.ok()) return FailStore(alert.status());
  if (!*alert) return Fail(kExitBadInput, "no alert #" + std::to_string(args.id));
  auto p = alerts.Progress(args.id);
  if (!p.ok()) return FailStore(p.status());
  if (args.json) {
    std::cout << alerts::AlertToJson(**alert, *p).dump(2) << '\n';
    return kExitOk;
  }
  const store::AlertRecord& a = **alert;
  std::string topics;
  for (const auto& t : a.topics) topics += (topics.empty() ? "" : ", ") + t;
  std::printf("alert #%lld: %s to %s, %s (from %s)\n", static_cast<long long>(a.id),
              store::AlertClassName(a.alert_class), topics.c_str(), a.state.c_str(), a.source.c_str());
  for (const auto& [lang, body] : a.texts) {
    std::printf("  %s%s: %s\n", lang.c_str(), lang == a.fallback_lang ? " (fallback)" : "", body.c_str());
  }
  std::printf("%s\n", ProgressLine(*p).c_str());
  std::printf("recipients %lld: queued %lld, sending %lld, sent (no report yet) %lld, delivered %lld, failed %lld, "
              "expired %lld, cancelled %lld; %lld SMS segments sent\n",
              static_cast<long long>(p->recipients), static_cast<long long>(p->queued),
              static_cast<long long>(p->sending), static_cast<long long>(p->sent),
              static_cast<long long>(p->delivered), static_cast<long long>(p->failed),
              static_cast<long long>(p->expired), static_cast<long long>(p->cancelled),
              static_cast<long long>(p->segments));
  return kExitOk;
}

int RunWait(const AlertArgs& args, StoreSession& session) { return WaitFor(args.id, args, session); }

int RunCancel(const AlertArgs& args, StoreSession& session) {
  auto cancelled = alerts::CancelAlert(*session.db, args.id, CliActor(args.as), SystemClock().NowSeconds());
  if (!cancelled.ok()) return FailStore(cancelled.status());
  std::printf("alert #%lld cancelled: %lld message(s) not sent\n", static_cast<long long>(args.id),
              static_cast<long long>(*cancelled));
  (void)daemon::NotifyDaemon(session.database_path);
  return kExitOk;
}

// number,lang,topics — topics separated by ';' or spaces. A header row is
// optional. Every row is checked before anything is written: one bad row
// and nothing is imported.
int RunImport(const AlertArgs& args, StoreSession& session) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return Fail(kExitBadInput, "cannot read " + args.file);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  struct Row {
    std::string number, lang;
    std::vector<std::string> topics;
  };
  std::vector<Row> rows;
  CsvReader reader(text);
  CsvRecord record;
  const auto& known_topics = session.desk.alerts.topics;
  const auto& languages = session.desk.alerts.languages;
  while (reader.Next(record)) {
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
    if (record.line == 1 && !record.fields.empty() && record.fields[0] == "number") continue;
    const std::string where = args.file + ":" + std::to_string(record.line) + ": ";
    if (record.fields.size() < 1 || record.fields.size() > 3) {
      return Fail(kExitBadInput, where + "expected number,lang,topics");
    }
    Row row;
    auto number = E164(record.fields[0]);
    if (!number) {
      return Fail(kExitBadInput,
                  where + "\"" + record.fields[0] + "\" is not a phone number (international: +16135550123)");
    }
    row.number = *number;
    row.lang = record.fields.size() > 1 && !record.fields[1].empty() ? record.fields[1] : args.default_lang;
    if (!row.lang.empty() && std::find(languages.begin(), languages.end(), row.lang) == languages.end()) {
      return Fail(kExitBadInput, where + "unknown language \"" + row.lang + "\"");
    }
    std::string topics = record.fields.size() > 2 ? record.fields[2] : "";
    for (char& c : topics) c = c == ';' ? ' ' : c;
    std::istringstream words(topics);
    for (std::string t; words >> t;) row.topics.push_back(t);
    for (const std::string& t : args.topics) row.topics.push_back(t);
    if (row.topics.empty()) return Fail(kExitBadInput, where + "no topic (a third column, or --topic)");
    for (const std::string& t : row.topics) {
      if (std::find(known_topics.begin(), known_topics.end(), t) == known_topics.end()) {
        return Fail(kExitBadInput, where + "unknown topic \"" + t + "\"");
      }
    }
    rows.push_back(std::move(row));
  }
  if (const CsvReadError* e = reader.error()) {
    return Fail(kExitBadInput, args.file + ":" + std::to_string(e->line) + ": " + e->message);
  }
  const std::int64_t now = SystemClock().NowSeconds();
  store::Transaction tx(*session.db);
  if (!tx.begin_status().ok()) return FailStore(tx.begin_status());
  store::Contacts contacts(*session.db);
  std::int64_t subscriptions = 0;
  for (const Row& row : rows) {
    auto contact = contacts.GetOrCreate(row.number, now);
    if (!contact.ok()) return FailStore(contact.status());
    if (!row.lang.empty()) {
      if (auto s = contacts.SetLanguage(contact->id, row.lang); !s.ok()) return FailStore(s);
    }
    for (const std::string& topic : row.topics) {
      const store::ConsentChange consent{
          .action = "subscribe", .topic = topic, .keyword = "import " + args.file, .source = "import", .at = now};
      if (auto s = contacts.Subscribe(contact->id, topic, consent); !s.ok()) return FailStore(s);
      ++subscriptions;
    }
  }
  if (auto s = store::AuditLog(*session.db)
                   .Record({.at = now, .actor = CliActor(args.as), .action = "subscribers.import",
                            .object = "file:" + args.file,
                            .detail = std::to_string(rows.size()) + " numbers, " + std::to_string(subscriptions) +
                                      " subscriptions"});
      !s.ok()) {
    return FailStore(s);
  }
  if (auto s = tx.Commit(); !s.ok()) return FailStore(s);
  std::printf("imported %zu number(s), %lld subscription(s)\n", rows.size(), static_cast<long long>(subscriptions));
  return kExitOk;
}

int RunSubscribers(const AlertArgs& args, StoreSession& session) {
  std::vector<std::string> topics = args.topics.empty() ? session.desk.alerts.topics : args.topics;
  ordered_json out = ordered_json::object();
  store::Alerts alerts(*session.db);
  for (const std::string& topic : topics) {
    auto audience = alerts.Audience({topic}, session.desk.alerts.languages, session.desk.alerts.fallback_lang);
    if (!audience.ok()) return FailStore(audience.status());
    if (args.json) {
      out[topic] = {{"total", audience->total}, {"by_lang", audience->by_text_lang}};
      continue;
    }
    std::printf("%-16s %6lld", topic.c_str(), static_cast<long long>(audience->total));
    for (const auto& [lang, n] : audience->by_text_lang) std::printf("  %s %lld", lang.c_str(), static_cast<long long>(n));
    std::printf("\n");
  }
  if (args.json) std::cout << out.dump(2) << '\n';
  return kExitOk;
}

void AddDraftOptions(CLI::App* cmd, AlertArgs& args) {
  AddStoreOptions(cmd, args.config_path, args.database);
  cmd->add_option("--topic", args.topics, "Topic (repeat for several; subscribers of any get it once)")->required();
  cmd->add_option("--text", args.texts, "LANG=TEXT, one per language (repeat)")->required();
  cmd->add_option("--class", args.alert_class, "info (held in quiet hours) or emergency (preempts everything)");
  cmd->add_option("--fallback", args.fallback, "Language for subscribers without a text in theirs");
}

}  // namespace

void AddAlertCommands(CLI::App& app, CliStatus& status) {
  auto args = std::make_shared<AlertArgs>();
  auto* alert = app.add_subcommand("alert", "Alerts to subscribers: preview, send, follow, cancel");
  alert->require_subcommand(1);

  auto* preview = alert->add_subcommand("preview", "What an alert would cost and take, without sending it");
  AddDraftOptions(preview, *args);
  preview->add_flag("--json", args->json, "Print JSON");
  preview->callback([args, &status] { status.exit_code = WithSession(*args, RunPreview); });

  auto* send = alert->add_subcommand("send", "Preview an alert, then create its job");
  AddDraftOptions(send, *args);
  send->add_flag("--yes,-y", args->yes, "Send without asking");
  send->add_flag("--wait", args->wait, "Follow the progress until it is sent");
  send->add_option("--as", args->as, "Who sends it, for the audit log (default cli:$USER)");
  send->callback([args, &status] { status.exit_code = WithSession(*args, RunSend); });

  auto* list = alert->add_subcommand("list", "The latest alerts and their progress");
  AddStoreOptions(list, args->config_path, args->database);
  list->add_flag("--json", args->json, "Print JSON");
  list->callback([args, &status] { status.exit_code = WithSession(*args, RunList); });

  auto* show = alert->add_subcommand("show", "One alert: texts, progress, delivery reports");
  AddStoreOptions(show, args->config_path, args->database);
  show->add_option("ID", args->id, "Alert number")->required();
  show->add_flag("--json", args->json, "Print JSON");
  show->callback([args, &status] { status.exit_code = WithSession(*args, RunShow); });

  auto* wait = alert->add_subcommand("wait", "A progress bar until the alert is sent");
  AddStoreOptions(wait, args->config_path, args->database);
  wait->add_option("ID", args->id, "Alert number")->required();
  wait->add_option("--timeout", args->timeout_seconds, "Give up after this many seconds (exit 1)");
  wait->callback([args, &status] { status.exit_code = WithSession(*args, RunWait); });

  auto* cancel = alert->add_subcommand("cancel", "Stop an alert: what is not sent yet is not sent");
  AddStoreOptions(cancel, args->config_path, args->database);
  cancel->add_option("ID", args->id, "Alert number")->required();
  cancel->add_option("--as", args->as, "Who cancels, for the audit log");
  cancel->callback([args, &status] { status.exit_code = WithSession(*args, RunCancel); });

  auto* subscribers = app.add_subcommand("subscribers", "Who receives alerts: counts, and importing a list");
  subscribers->require_subcommand(1);
  auto* count = subscribers->add_subcommand("list", "Subscribers per topic and language");
  AddStoreOptions(count, args->config_path, args->database);
  count->add_option("--topic", args->topics, "Only this topic (repeat)");
  count->add_flag("--json", args->json, "Print JSON");
  count->callback([args, &status] { status.exit_code = WithSession(*args, RunSubscribers); });

  auto* import = subscribers->add_subcommand(
      "import", "Subscribe the numbers of a CSV file (number,lang,topics) who agreed elsewhere (consent: import)");
  AddStoreOptions(import, args->config_path, args->database);
  import->add_option("FILE", args->file, "CSV: number,lang,topics (topics separated by ';')")->required();
  import->add_option("--topic", args->topics, "Also subscribe every row to this topic (repeat)");
  import->add_option("--lang", args->default_lang, "Language for rows without one");
  import->add_option("--as", args->as, "Who imports, for the audit log");
  import->callback([args, &status] { status.exit_code = WithSession(*args, RunImport); });
}

}  // namespace smsdesk
