#include "store/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/migrations.h"

namespace smsdesk::store {
namespace {

Status FromSqlite(sqlite3* db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
  Status::Code code = Status::Code::kIo;
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = Status::Code::kBusy; break;
    case SQLITE_CONSTRAINT: code = Status::Code::kConstraint; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = Status::Code::kCorrupt; break;
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_ERROR: code = Status::Code::kInvalid; break;
    default: break;
  }
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Status::Error(code, std::move(message));
}

Status ErrnoStatus(std::string_view what, const std::string& path) {
  return Status::Error(Status::Code::kIo, std::string(what) + " " + path + ": " + std::strerror(errno));
}

// Creates `path` for a copy of the database and returns its descriptor.
// O_EXCL fails on anything already there, a symlink too (even a dangling
// one), so a link planted at `path` never redirects the copy; fchmod because
// the umask can only take bits away from the 0600 asked for.
StatusOr<int> CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus("create", path);
  if (::fchmod(fd, 0600) != 0) {
    Status s = ErrnoStatus("chmod", path);
    ::close(fd);
    ::unlink(path.c_str());
    return s;
  }
  return fd;
}

// True when `path` (not followed) is the file open as `fd`.
bool IsFile(int fd, const std::string& path) {
  struct stat open_file {}, named {};
  return ::fstat(fd, &open_file) == 0 && ::lstat(path.c_str(), &named) == 0 && open_file.st_dev == named.st_dev &&
         open_file.st_ino == named.st_ino;
}

// sqlite3_backup of `source` into the database at `path`, opened with
// `flags`; `created` (or -1) is the descriptor of the file just made for
// it, which SQLite must have opened, not one swapped in since.
Status CopyDatabase(sqlite3* source, const std::string& path, int flags, int created) {
  sqlite3* target = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &target, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = FromSqlite(target, rc, "open backup " + path);
    sqlite3_close(target);
    return s;
  }
  if (created >= 0 && !IsFile(created, path)) {
    sqlite3_close(target);
    return Status::Error(Status::Code::kIo, "backup: " + path + " was replaced while it was being opened");
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (backup == nullptr) {
    Status s = FromSqlite(target, sqlite3_errcode(target), "backup");
    sqlite3_close(target);
    return s;
  }
  // Copy in steps so that a busy daemon can keep writing between them.
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  Status s = rc == SQLITE_DONE ? Status::Ok() : FromSqlite(target, rc, "backup");
  sqlite3_close(target);
  return s;
}

}  // namespace

// ---- Statement -------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_), error_(std::move(other.error_)) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::Bind(int index, std::int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (stmt_) sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindBlob(int index, std::span<const std::uint8_t> blob) {
  if (stmt_) sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindReal(int index, const std::optional<double>& value) {
  if (!value) return BindNull(index);
  if (stmt_) sqlite3_bind_double(stmt_, index, *value);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

StatusOr<bool> Statement::Step() {
  if (stmt_ == nullptr) return Status::Error(Status::Code::kInvalid, error_);
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status status = FromSqlite(db_->handle(), rc, sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  return status;
}

Status Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<double> Statement::OptionalReal(int column) const {
  if (IsNull(column)) return std::nullopt;
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::vector<std::uint8_t> Statement::Blob(int column) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr || size <= 0) return {};
  return std::vector<std::uint8_t>(data, data + size);
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

// ---- Database --------------------------------------------------------------

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, DatabaseOptions options) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Database> db(new Database(raw));
  if (rc != SQLITE_OK) return FromSqlite(raw, rc, "open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(options.busy_timeout.count()));
  // secure_delete: deleted and overwritten content is zeroed, not left in
  // freed pages and free space, so a purged body or a blanked PIN cannot be
  // read back from the file (a copied SD card, a backup). Debian's SQLite
  // has it on by default, other builds do not. The cost: a freed page is
  // written once more (zeroed), and more CPU per delete.
  std::string pragmas = "PRAGMA foreign_keys=ON;PRAGMA secure_delete=ON;";
  if (path != ":memory:") pragmas += "PRAGMA journal_mode=WAL;";
  pragmas += options.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  if (Status s = db->Execute(pragmas); !s.ok()) return s;
  if (Status s = Migrate(*db, options.schema_version); !s.ok()) return s;
  return db;
}

Database::~Database() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Statement Database::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(this, it->second.stmt, &it->second.in_use, {});
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return Statement(this, nullptr, nullptr, FromSqlite(db_, rc, "prepare").message());
  }
  if (it == cache_.end()) {
    auto [slot, inserted] = cache_.emplace(std::string(sql), CachedStatement{stmt, true});
    return Statement(this, stmt, &slot->second.in_use, {});
  }
  // The cached copy is in use (a nested query of the same SQL): a private one.
  return Statement(this, stmt, nullptr, {});
}

Status Database::Execute(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = error ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  Status status = FromSqlite(db_, rc, "execute");
  return Status::Error(status.code(), "execute: " + message);
}

StatusOr<int> Database::SynchronousMode() {
  auto mode = Prepare("PRAGMA synchronous");
  auto read = mode.Step();
  if (!read.ok()) return read.status();
  if (!*read) return Status::Error(Status::Code::kIo, "PRAGMA synchronous returned no row");
  const int value = static_cast<int>(mode.Int(0));
  if (auto done = mode.Step(); !done.ok()) return done.status();
  return value;
}

std::int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

int Database::SchemaVersion() {
  auto stmt = Prepare("PRAGMA user_version");
  auto row = stmt.Step();
  return row.ok() && *row ? static_cast<int>(stmt.Int(0)) : 0;
}

StatusOr<std::optional<std::string>> Database::GetMeta(std::string_view key) {
  auto query = Prepare("SELECT value FROM meta WHERE key = ?");
  query.Bind(1, key);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>(query.Text(0));
}

Status Database::SetMeta(std::string_view key, std::string_view value) {
  return Prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .Bind(1, key)
      .Bind(2, value)
      .Run();
}

Status Database::LastError(std::string_view what) const {
  return FromSqlite(db_, sqlite3_errcode(db_), what);
}

Status Database::BackupTo(const std::string& path, BackupTarget target) {
  if (target == BackupTarget::kReplaceExisting) {
    return CopyDatabase(db_, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, -1);
  }
  auto created = CreatePrivateFile(path);
  if (!created.ok()) return created.status();
  // SQLite opens it by name: NOFOLLOW, no CREATE, and CopyDatabase checks
  // that it is the file just made.
  Status s = CopyDatabase(db_, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, *created);
  if (!s.ok() && IsFile(*created, path)) ::unlink(path.c_str());  // a failed copy leaves nothing
  ::close(*created);
  return s;
}

// ---- Transaction -----------------------------------------------------------

Transaction::Transaction(Database& db) : db_(db), begin_(db.Execute("BEGIN IMMEDIATE")) {
  done_ = !begin_.ok();
}

Transaction::~Transaction() {
  // Nothing to tell from a destructor: a ROLLBACK that failed leaves the
  // transaction open, and SQLite rolls it back with the next BEGIN's error
  // or when the connection closes; nothing of it was committed.
  if (!done_) (void)db_.Execute("ROLLBACK");
}

Status Transaction::Commit() {
  if (!begin_.ok()) return begin_;
  Status s = db_.Execute("COMMIT");
  if (s.ok()) done_ = true;
  return s;
}

}  // namespace smsdesk::store
