// Database: one SQLite connection in WAL mode, with prepared statements,
// transactions and versioned migrations that run at open.
//
// Message text and numbers only ever reach SQLite as bound parameters, never
// as SQL. Statements are cached per SQL string. Not thread-safe: the daemon
// uses one Database from its io_context thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace smsdesk::store {

class Database;

// A prepared statement with bound parameters; reset when it goes out of scope.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& BindBlob(int index, std::span<const std::uint8_t> blob);
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);
  Statement& Bind(int index, const std::optional<std::string>& value);
  // Named apart: an int argument would be ambiguous between int64 and double.
  Statement& BindReal(int index, const std::optional<double>& value);

  // Steps once: true when a row is available, false when done.
  StatusOr<bool> Step();
  // Runs to completion (INSERT/UPDATE/DELETE).
  Status Run();

  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  std::optional<double> OptionalReal(int column) const;
  std::string Text(int column) const;
  std::optional<std::string> OptionalText(int column) const;
  std::vector<std::uint8_t> Blob(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt, bool* in_use, std::string error)
      : db_(db), stmt_(stmt), in_use_(in_use), error_(std::move(error)) {}
  Database* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;       // the cache slot's flag; null for an uncached statement
  std::string error_;  // a prepare error, reported by Step()/Run()
};

struct DatabaseOptions {
  std::chrono::milliseconds busy_timeout{5000};
  // FULL survives power cuts with WAL at the cost of one fsync per commit;
  // a Pi on a flaky supply loses nothing (docs/design.md durability rules).
  bool synchronous_full = true;
  // Schema version to migrate to at open; -1: the latest. Tests of migrations
  // open at an older version.
  int schema_version = -1;
  // false: a missing file is an error, never created (a backup being
  // checked, a restore's source).
  bool create = true;
};

class Database {
 public:
  // Opens (creating if needed) and migrates to the latest schema version.
  // ":memory:" gives a private in-memory database for tests.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path, DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // A cached prepared statement. Errors (bad SQL) are programming errors and
  // are reported through the statement's Step()/Run().
  Statement Prepare(std::string_view sql);
  Status Execute(std::string_view sql);  // several statements, no parameters

  // Runs `write` (returning Status) at synchronous=NORMAL, then restores the
  // connection's mode. In WAL mode such a commit is safe from a crash of the
  // process once written, not from a power cut; the next full commit makes
  // it durable too. For counts that only have to outlive a crash.
  template <class Write>
  Status WithoutSync(Write write) {
    auto previous = SynchronousMode();
    if (!previous.ok()) return previous.status();
    if (Status s = Execute("PRAGMA synchronous=NORMAL"); !s.ok()) return s;
    Status result = write();
    if (Status s = Execute("PRAGMA synchronous=" + std::to_string(*previous)); !s.ok() && result.ok()) return s;
    return result;
  }
  StatusOr<int> SynchronousMode();

  std::int64_t LastInsertId() const;
  int Changes() const;
  int SchemaVersion();

  // Small named values that outlive restarts (the meta table), e.g. the next
  // concatenation reference.
  StatusOr<std::optional<std::string>> GetMeta(std::string_view key);
  Status SetMeta(std::string_view key, std::string_view value);

  // Online backup (sqlite3_backup) to `path`, for `smsdesk backup` and
  // `smsdesk restore`. A new file (the default) holds every number and
  // message: it is created here, 0600 whatever the umask, and never through
  // a symlink; it must not exist yet. kReplaceExisting writes over a
  // database in place (restore), keeping its file and mode.
  enum class BackupTarget { kNewPrivateFile, kReplaceExisting };
  Status BackupTo(const std::string& path, BackupTarget target = BackupTarget::kNewPrivateFile);

  sqlite3* handle() { return db_; }
  Status LastError(std::string_view what) const;

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, CachedStatement> cache_;
};

// Every row of `query`, each turned into a T by `read(const Statement&)`.
template <class T, class Reader>
StatusOr<std::vector<T>> ReadRows(Statement& query, Reader read) {
  std::vector<T> rows;
  for (;;) {
    auto row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return rows;
    rows.push_back(read(query));
  }
}

// The first row of `query`, if any, turned into a T by `read`.
template <class T, class Reader>
StatusOr<std::optional<T>> ReadOptionalRow(Statement& query, Reader read) {
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<T>{};
  return std::optional<T>(read(query));
}

// RAII transaction: BEGIN IMMEDIATE on construction (so a writer waits for the
// busy timeout at the start, not halfway), ROLLBACK unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& begin_status() const { return begin_; }
  Status Commit();

 private:
  Database& db_;
  Status begin_;
  bool done_ = false;
};

}  // namespace smsdesk::store
