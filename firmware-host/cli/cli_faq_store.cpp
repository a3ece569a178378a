// smsdesk faq import FILE: validate a FAQ CSV, show what it changes in the
// store, replace the store's FAQ with it in one transaction, record who did
// it (audit log) and ask a running daemon to reload (SIGHUP). A bad file
// changes nothing. The readers the other `faq` commands use live here too.
#include "firmware-host/cli/cli_faq_store.h"

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "firmware-host/base/clock.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "firmware-host/desk/faq_source.h"
#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/faq/faq_diff.h"
#include "modem/bidi_marks.h"
#include "store/audit_log.h"
#include "store/faq_store.h"

namespace smsdesk {
namespace {

// Pairs listed per kind of change; the count says the rest.
constexpr std::size_t kListedChanges = 10;

struct ImportArgs {
  std::string file;
  std::string config_path;
  std::string database;
  std::string actor;  // empty: "cli:$USER"
  bool dry_run = false;
};

std::string Join(const std::set<std::string>& words, const char* separator) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

// "147 entries, 25 ids, 6 languages (ar en es fa fr uk)"
std::string Summary(const std::vector<faq::FaqEntry>& entries) {
  std::set<std::string> ids;
  std::set<std::string> langs;
  for (const faq::FaqEntry& e : entries) {
    ids.insert(e.id);
    langs.insert(e.lang);
  }
  return std::to_string(entries.size()) + " entries, " + std::to_string(ids.size()) + " ids, " +
         std::to_string(langs.size()) + " languages (" + Join(langs, " ") + ")";
}

std::string Counts(const faq::FaqDiff& diff) {
  return "added " + std::to_string(diff.added.size()) + ", changed " + std::to_string(diff.changed.size()) +
         ", removed " + std::to_string(diff.removed.size());
}

void PrintChanges(const char* kind, const std::vector<faq::FaqKey>& keys) {
  for (std::size_t i = 0; i < keys.size() && i < kListedChanges; ++i) {
    std::printf("  %-7s %s,%s\n", kind, keys[i].id.c_str(), keys[i].lang.c_str());
  }
  if (keys.size() > kListedChanges) std::printf("  … and %zu more %s\n", keys.size() - kListedChanges, kind);
}

// The rows to write: an entry whose text did not change keeps when and by
// whom it was last edited, so the console's history stays true.
std::vector<store::FaqRow> RowsToWrite(const std::vector<faq::FaqEntry>& entries,
                                       const std::vector<store::FaqRow>& before, std::int64_t now,
                                       const std::string& actor) {
  std::map<faq::FaqKey, const store::FaqRow*> old;
  for (const store::FaqRow& row : before) old.emplace(faq::FaqKey{row.id, row.lang}, &row);
  std::vector<store::FaqRow> rows;
  for (const faq::FaqEntry& e : entries) {
    const auto found = old.find({e.id, e.lang});
    if (found != old.end() && faq::SameContent(desk::EntryFromRow(*found->second), e)) {
      rows.push_back(desk::RowFromEntry(e, found->second->updated_at, found->second->updated_by));
    } else {
      rows.push_back(desk::RowFromEntry(e, now, actor));
    }
  }
  return rows;
}

int Import(const ImportArgs& args) {
  std::vector<faq::FaqEntry> entries;
  if (int code = ReadFaqFile(args.file, entries); code != kExitOk) return code;
  if (entries.empty()) return Fail(kExitBadInput, args.file + ": no FAQ entries (nothing imported)");
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(args.config_path, args.database, session); code != kExitOk) return code;
  store::FaqStore faq_store(*session->db);
  auto before = faq_store.All();
  if (!before.ok()) return FailStore(before.status());
  std::vector<faq::FaqEntry> old_entries;
  for (const store::FaqRow& row : *before) old_entries.push_back(desk::EntryFromRow(row));
  const faq::FaqDiff diff = faq::DiffFaq(old_entries, entries);

  std::printf("%s: %s\n", args.file.c_str(), Summary(entries).c_str());
  std::printf("changes: %s\n", Counts(diff).c_str());
  PrintChanges("added", diff.added);
  PrintChanges("changed", diff.changed);
  PrintChanges("removed", diff.removed);
  // Numbers a phone would show backwards in a right-to-left answer: the
  // sender marks them; say so, and what it costs.
  std::size_t marked_answers = 0;
  std::size_t marked_numbers = 0;
  for (const faq::FaqEntry& e : entries) {
    const std::size_t n = modem::NumbersNeedingMarks(e.answer);
    marked_answers += n > 0;
    marked_numbers += n;
  }
  if (marked_answers > 0) {
    std::printf("note: %zu right-to-left answer(s) hold %zu number(s) a phone would show backwards "
                "(613-560-5000 as 5000-560-613); the desk sends them with directional marks, 2 characters each\n",
                marked_answers, marked_numbers);
  }
  const std::string& faq_file = session->config.faq.file;
  if (!faq_file.empty()) {
    std::fprintf(stderr, "smsdesk: warning: %s names faq.file %s: the daemon answers from that file, not the store\n",
                 session->config_path.c_str(), faq_file.c_str());
  }
  if (args.dry_run) {
    std::printf("dry run: nothing written\n");
    return kExitOk;
  }

  const std::string actor = CliActor(args.actor);
  const std::int64_t now =
      SystemClock().NowSeconds();
  if (auto s = faq_store.ReplaceAll(RowsToWrite(entries, *before, now, actor)); !s.ok()) return FailStore(s);
  const std::string detail = Summary(entries) + " from " + std::filesystem::path(args.file).filename().string() +
                             "; " + Counts(diff);
  if (auto s = store::AuditLog(*session->db).Record(
          {.at = now, .actor = actor, .action = "faq.import", .object = "faq", .detail = detail});
      !s.ok()) {
    return FailStore(s);
  }
  std::printf("imported into %s\n", session->database_path.c_str());
  if (daemon::NotifyDaemon(session->database_path, SIGHUP)) {
    std::printf("daemon notified: it reloads the FAQ now\n");
  } else {
    std::printf("no daemon running: smsdesk run uses it when it starts\n");
  }
  return kExitOk;
}

}  // namespace

int ReadFaqFile(const std::string& path, std::vector<faq::FaqEntry>& entries) {
  faq::FaqCsvResult csv = faq::ReadFaqCsvFile(path);
  if (!csv.ok && csv.error.line == 0) return Fail(kExitBadInput, csv.error.message);
  if (!csv.ok) return Fail(kExitBadInput, path + ":" + std::to_string(csv.error.line) + ": " + csv.error.message);
  entries = std::move(csv.entries);
  return kExitOk;
}

int ReadStoreFaq(const std::string& config_path, const std::string& database, std::vector<faq::FaqEntry>& entries) {
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(config_path, database, session); code != kExitOk) return code;
  auto rows = store::FaqStore(*session->db).All();
  if (!rows.ok()) return FailStore(rows.status());
  for (const store::FaqRow& row : *rows) entries.push_back(desk::EntryFromRow(row));
  return kExitOk;
}

int LoadDaemonFaq(const std::string& config_path, const std::string& database, std::vector<faq::FaqEntry>& entries,
                  faq::MatcherConfig& matcher, std::string* database_path) {
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(config_path, database, session); code != kExitOk) return code;
  auto loaded = desk::LoadFaqEntries(session->config, *session->db);
  if (!loaded) return Fail(kExitBadInput, loaded.error().message);
  if (loaded->empty()) {
    const std::string& file = session->config.faq.file;
    return Fail(kExitBadInput, file.empty() ? "the store " + session->database_path +
                                                  " holds no FAQ entries (smsdesk faq import FILE, or --faq FILE)"
                                            : "faq.file " + file + ": no FAQ entries");
  }
  for (const auto& [name, value] : session->config.faq.matcher) {
    if (std::string wrong = faq::SetMatcherParam(matcher, name, value); !wrong.empty()) {
      return Fail(kExitBadInput, "faq.matcher." + name + ": " + wrong);
    }
  }
  entries = std::move(*loaded);
  if (database_path) *database_path = session->database_path;
  return kExitOk;
}

void AddFaqImportCommand(CLI::App& faq, CliStatus& status) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = faq.add_subcommand("import", "Replace the store's FAQ with a CSV file; a running daemon reloads it");
  import->add_option("FILE", args->file, "FAQ CSV (id,lang,keywords,question,answer)")->required();
  AddStoreOptions(import, args->config_path, args->database);
  import->add_option("--as", args->actor, "Who imports, for the audit log (default cli:$USER)");
  import->add_flag("--dry-run", args->dry_run, "Validate and show the changes; write nothing");
  import->callback([args, &status] { status.exit_code = Import(*args); });
}

}  // namespace smsdesk
