// `smsdesk backup FILE` and `smsdesk restore FILE`: the database copied with
// SQLite's online backup API (sqlite3_backup), so a backup is consistent
// while the daemon keeps writing; restore only while the daemon is stopped
// (its lock says), after setting the current database aside.
//
//   smsdesk backup  [--config F] [--database D] FILE   FILE must not exist
//   smsdesk restore [--config F] [--database D] FILE   the daemon stopped
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "firmware-host/base/clock.h"
#include "firmware-host/cli/cli.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "store/migrations.h"

namespace smsdesk {
namespace {

namespace fs = std::filesystem;

// A copy must be a whole smsdesk database: SQLite's own check, then a
// schema this smsdesk knows.
std::optional<std::string> CheckCopy(const std::string& path) {
  // 0: read as it is, migrate nothing.
  auto db = store::Database::Open(path, {.schema_version = 0, .create = false});
  if (!db.ok()) return db.status().message();
  auto check = (*db)->Prepare("PRAGMA integrity_check");
  auto row = check.Step();
  if (!row.ok() || !*row || check.Text(0) != "ok") return "integrity check failed";
  const int version = (*db)->SchemaVersion();
  if (version < 1) return "not an smsdesk database";
  if (version > store::LatestSchemaVersion()) return "made by a newer smsdesk (schema " + std::to_string(version) + ")";
  return std::nullopt;
}

int Backup(const std::string& config_path, const std::string& database, const std::string& file) {
  std::error_code error;
  // symlink_status: a dangling link counts as existing too.
  if (fs::exists(fs::symlink_status(file, error))) return Fail(kExitBadInput, file + " exists; name a new file");
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(config_path, database, session); code != kExitOk) return code;
  // A .partial left by an interrupted backup (or a link planted there) is
  // removed, never followed: BackupTo makes a new 0600 file in its place.
  const std::string partial = file + ".partial";
  fs::remove(partial, error);
  if (auto s = session->db->BackupTo(partial); !s.ok()) return Fail(kExitFailure, "backup: " + s.message());
  if (auto problem = CheckCopy(partial)) {
    fs::remove(partial, error);
    return Fail(kExitFailure, "backup: the copy is unusable: " + *problem);
  }
  fs::rename(partial, file, error);
  if (error) {
    fs::remove(partial, error);
    return Fail(kExitFailure, "backup: " + file + ": " + error.message());
  }
  std::printf("backed up %s to %s (%ju bytes)\n", session->database_path.c_str(), file.c_str(),
              static_cast<std::uintmax_t>(fs::file_size(file, error)));
  return kExitOk;
}

int Restore(const std::string& config_path, const std::string& database, const std::string& file) {
  if (!fs::exists(file)) return Fail(kExitBadInput, file + ": no such file");
  if (auto problem = CheckCopy(file)) return Fail(kExitBadInput, file + ": " + *problem);
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(config_path, database, session); code != kExitOk) return code;
  // The daemon holds this lock while it runs: never restore under it.
  auto lock = daemon::DaemonLock::Acquire(session->database_path);
  if (!lock) return Fail(kExitFailure, "stop the daemon first (systemctl stop smsdesk): " + lock.error().message);
  const auto stamp = SystemClock().NowSeconds();
  const std::string aside = session->database_path + ".before-restore-" + std::to_string(stamp);
  if (auto s = session->db->BackupTo(aside); !s.ok()) return Fail(kExitFailure, "setting the current database aside: " + s.message());
  session->db.reset();
  auto source = store::Database::Open(file, {.schema_version = 0, .create = false});
  if (!source.ok()) return Fail(kExitFailure, source.status().message());
  const auto in_place = store::Database::BackupTarget::kReplaceExisting;
  if (auto s = (*source)->BackupTo(session->database_path, in_place); !s.ok()) {
    return Fail(kExitFailure, "restore: " + s.message() + " (the previous database is in " + aside + ")");
  }
  std::printf("restored %s from %s; the previous one is in %s\n", session->database_path.c_str(), file.c_str(),
              aside.c_str());
  return kExitOk;
}

}  // namespace

void AddBackupCommands(CLI::App& app, CliStatus& status) {
  struct Options {
    std::string config, database, file;
  };
  auto o = std::make_shared<Options>();
  auto* backup = app.add_subcommand("backup", "Copy the database while the daemon runs (SQLite online backup)");
  AddStoreOptions(backup, o->config, o->database);
  backup->add_option("file", o->file, "The copy (a new file)")->required();
  backup->callback([o, &status] { status.exit_code = Backup(o->config, o->database, o->file); });
  auto* restore = app.add_subcommand("restore", "Put a backup in place of the database (the daemon stopped)");
  AddStoreOptions(restore, o->config, o->database);
  restore->add_option("file", o->file, "A file made by smsdesk backup")->required();
  restore->callback([o, &status] { status.exit_code = Restore(o->config, o->database, o->file); });
}

}  // namespace smsdesk
