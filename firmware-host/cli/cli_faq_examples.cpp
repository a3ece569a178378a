// smsdesk faq examples | confirm | reject: the texts moderators' answers
// turned into examples of an FAQ entry (or of danger, "!"), pending until
// a moderator confirms them. A confirmation or rejection is audited and
// tells a running daemon (SIGHUP), which trains its models again with the
// confirmed examples. Texts are newcomers' words: the list is for
// moderators at the terminal, never logged.
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware-host/base/clock.h"
#include "firmware-host/base/terminal_text.h"
#include "firmware-host/cli/cli_faq_store.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "store/audit_log.h"
#include "store/faq_examples.h"

namespace smsdesk {
namespace {

struct ExampleArgs {
  std::string config_path;
  std::string database;
  std::string status = "pending";
  int limit = 100;
  std::vector<std::int64_t> ids;
  std::string actor;
};

int List(const ExampleArgs& args) {
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(args.config_path, args.database, session); code != kExitOk) return code;
  auto rows = store::FaqExamples(*session->db).List(args.status == "all" ? "" : args.status, args.limit);
  if (!rows.ok()) return FailStore(rows.status());
  for (const store::FaqExample& x : *rows) {
    std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(x.id), x.status.c_str(), x.faq_id.c_str(),
                x.lang.empty() ? "-" : x.lang.c_str(), TerminalSafeText(x.text).c_str());
  }
  if (rows->empty()) std::printf("no %s examples\n", args.status == "all" ? "" : args.status.c_str());
  return kExitOk;
}

int Decide(const ExampleArgs& args, bool confirm) {
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(args.config_path, args.database, session); code != kExitOk) return code;
  const std::string actor = CliActor(args.actor);
  const std::int64_t now = SystemClock().NowSeconds();
  store::Transaction tx(*session->db);
  if (!tx.begin_status().ok()) return FailStore(tx.begin_status());
  store::FaqExamples examples(*session->db);
  for (std::int64_t id : args.ids) {
    if (auto s = examples.Decide(id, confirm, actor, now); !s.ok()) return FailStore(s);
    if (auto s = store::AuditLog(*session->db)
                     .Record({.at = now,
                              .actor = actor,
                              .action = confirm ? "faq.example.confirm" : "faq.example.reject",
                              .object = "example:" + std::to_string(id)});
        !s.ok()) {
      return FailStore(s);
    }
  }
  if (auto s = tx.Commit(); !s.ok()) return FailStore(s);
  std::printf("%s %zu example(s)\n", confirm ? "confirmed" : "rejected", args.ids.size());
  if (daemon::NotifyDaemon(session->database_path, SIGHUP)) {
    std::printf("daemon notified: it trains its models again\n");
  }
  return kExitOk;
}

}  // namespace

void AddFaqExampleCommands(CLI::App& faq, CliStatus& status) {
  auto args = std::make_shared<ExampleArgs>();
  auto* list = faq.add_subcommand("examples", "List the examples moderators' answers proposed (pending by default)");
  AddStoreOptions(list, args->config_path, args->database);
  list->add_option("--status", args->status, "pending, confirmed, rejected or all")
      ->check(CLI::IsMember({"pending", "confirmed", "rejected", "all"}));
  list->add_option("--limit", args->limit, "At most this many, newest first")->check(CLI::Range(1, 100000));
  list->callback([args, &status] { status.exit_code = List(*args); });

  for (const bool confirm : {true, false}) {
    auto* cmd = faq.add_subcommand(confirm ? "confirm" : "reject",
                                   confirm ? "Confirm examples: the next training learns them"
                                           : "Reject examples: never learnt");
    cmd->add_option("ID", args->ids, "Example ids (smsdesk faq examples)")->required();
    AddStoreOptions(cmd, args->config_path, args->database);
    cmd->add_option("--as", args->actor, "Who decides, for the audit log (default cli:$USER)");
    cmd->callback([args, confirm, &status] { status.exit_code = Decide(*args, confirm); });
  }
}

}  // namespace smsdesk
