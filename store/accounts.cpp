#include "store/accounts.h"

#include <chrono>

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, name, role, password_hash, phone, pin_hash, language, disabled, created_at FROM users ";

UserRecord ReadUser(const Statement& row) {
  UserRecord u;
  u.id = row.Int(0);
  u.name = row.Text(1);
  u.role = row.Text(2);
  u.password_hash = row.Text(3);
  u.phone = row.OptionalText(4);
  u.pin_hash = row.OptionalText(5);
  u.language = row.Text(6);
  u.disabled = row.Int(7) != 0;
  u.created_at = row.Int(8);
  return u;
}

constexpr const char* kTokenColumns =
    "SELECT id, token_hash, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens ";

ApiTokenRecord ReadToken(const Statement& row) {
  return {row.Int(0), row.Text(1), row.Int(2), row.Text(3), row.Int(4), row.OptionalInt(5), row.OptionalInt(6)};
}

// The message of a failed INSERT INTO users in words, not in SQL.
Status UserConstraint(const Status& s, const UserRecord& user) {
  if (s.code() != Status::Code::kConstraint) return s;
  std::string message = s.message();
  if (message.find("users.name") != std::string::npos) {
    message = "a user named " + user.name + " already exists";
  } else if (message.find("users.phone") != std::string::npos) {
    message = "the number " + user.phone.value_or("") + " belongs to another user";
  } else if (message.find("role") != std::string::npos) {
    message = "unknown role " + user.role;
  }
  return Status::Error(Status::Code::kConstraint, std::move(message));
}

// The row of `select` + `where` whose one parameter is `key`, if any.
template <class T, class Key, class Reader>
StatusOr<std::optional<T>> FindBy(Database& db, const char* select, const char* where, const Key& key, Reader read) {
  auto query = db.Prepare(std::string(select) + where);
  query.Bind(1, key);
  return ReadOptionalRow<T>(query, read);
}

// Runs an UPDATE of user `id`: kNotFound when there is no such user.
Status UpdateUser(Database& db, std::int64_t id, Statement& update) {
  if (Status s = update.Run(); !s.ok()) return s;
  if (db.Changes() == 0) return Status::Error(Status::Code::kNotFound, "no user " + std::to_string(id));
  return Status::Ok();
}

}  // namespace

StatusOr<std::int64_t> Accounts::CreateUser(const UserRecord& u) {
  auto insert = db_.Prepare(
      "INSERT INTO users(name, role, password_hash, phone, pin_hash, language, disabled, created_at) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, u.name).Bind(2, u.role).Bind(3, u.password_hash).Bind(4, u.phone).Bind(5, u.pin_hash);
  insert.Bind(6, u.language).Bind(7, std::int64_t{u.disabled ? 1 : 0}).Bind(8, u.created_at);
  if (Status s = insert.Run(); !s.ok()) return UserConstraint(s, u);
  return db_.LastInsertId();
}

StatusOr<std::optional<UserRecord>> Accounts::FindUser(const std::string& name) {
  return FindBy<UserRecord>(db_, kUserColumns, "WHERE name = ?", name, ReadUser);
}

StatusOr<std::optional<UserRecord>> Accounts::GetUser(std::int64_t id) {
  return FindBy<UserRecord>(db_, kUserColumns, "WHERE id = ?", id, ReadUser);
}

StatusOr<std::optional<UserRecord>> Accounts::FindUserByPhone(const std::string& phone) {
  return FindBy<UserRecord>(db_, kUserColumns, "WHERE phone = ?", phone, ReadUser);
}

StatusOr<std::vector<UserRecord>> Accounts::Users() {
  auto query = db_.Prepare(std::string(kUserColumns) + "ORDER BY name");
  return ReadRows<UserRecord>(query, ReadUser);
}

Status Accounts::SetPassword(std::int64_t id, const std::string& password_hash, std::int64_t now) {
  auto update = db_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?");
  if (Status s = UpdateUser(db_, id, update.Bind(1, password_hash).Bind(2, id)); !s.ok()) return s;
  if (Status s = DeleteSessionsOf(id); !s.ok()) return s;
  return RevokeApiTokensOf(id, now);
}

Status Accounts::SetPassword(std::int64_t id, const std::string& password_hash) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return SetPassword(id, password_hash, std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

Status Accounts::SetPhone(std::int64_t id, const std::optional<std::string>& phone) {
  Status s = UpdateUser(db_, id, db_.Prepare("UPDATE users SET phone = ? WHERE id = ?").Bind(1, phone).Bind(2, id));
  if (s.code() != Status::Code::kConstraint) return s;
  return Status::Error(s.code(), "the number " + phone.value_or("") + " belongs to another user");
}

Status Accounts::SetPin(std::int64_t id, const std::optional<std::string>& pin_hash) {
  return UpdateUser(db_, id, db_.Prepare("UPDATE users SET pin_hash = ? WHERE id = ?").Bind(1, pin_hash).Bind(2, id));
}

Status Accounts::SetRole(std::int64_t id, const std::string& role) {
  return UpdateUser(db_, id, db_.Prepare("UPDATE users SET role = ? WHERE id = ?").Bind(1, role).Bind(2, id));
}

Status Accounts::SetLanguage(std::int64_t id, const std::string& language) {
  return UpdateUser(db_, id, db_.Prepare("UPDATE users SET language = ? WHERE id = ?").Bind(1, language).Bind(2, id));
}

Status Accounts::Disable(std::int64_t id, std::int64_t now) {
  if (Status s = UpdateUser(db_, id, db_.Prepare("UPDATE users SET disabled = 1 WHERE id = ?").Bind(1, id)); !s.ok()) {
    return s;
  }
  if (Status s = DeleteSessionsOf(id); !s.ok()) return s;
  return RevokeApiTokensOf(id, now);
}

Status Accounts::Enable(std::int64_t id) {
  return UpdateUser(db_, id, db_.Prepare("UPDATE users SET disabled = 0 WHERE id = ?").Bind(1, id));
}

Status Accounts::CreateSession(const SessionRecord& s) {
  return db_.Prepare("INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at) VALUES(?, ?, ?, ?, ?)")
      .Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.csrf).Bind(4, s.created_at).Bind(5, s.expires_at).Run();
}

StatusOr<std::optional<SessionRecord>> Accounts::FindSession(const std::string& token_hash, std::int64_t now) {
  // The user's state is checked too: a session must never outlive a disable,
  // even one made by hand in the database.
  auto query = db_.Prepare(
      "SELECT s.token_hash, s.user_id, s.csrf, s.created_at, s.expires_at FROM sessions s "
      "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0");
  query.Bind(1, token_hash).Bind(2, now);
  return ReadOptionalRow<SessionRecord>(query, [](const Statement& row) {
    return SessionRecord{row.Text(0), row.Int(1), row.Text(2), row.Int(3), row.Int(4)};
  });
}

Status Accounts::ExtendSession(const std::string& token_hash, std::int64_t expires_at) {
  return db_.Prepare("UPDATE sessions SET expires_at = ? WHERE token_hash = ?")
      .Bind(1, expires_at).Bind(2, token_hash).Run();
}

Status Accounts::DeleteSession(const std::string& token_hash) {
  return db_.Prepare("DELETE FROM sessions WHERE token_hash = ?").Bind(1, token_hash).Run();
}

Status Accounts::DeleteSessionsOf(std::int64_t user_id) {
  return db_.Prepare("DELETE FROM sessions WHERE user_id = ?").Bind(1, user_id).Run();
}

Status Accounts::RevokeApiTokensOf(std::int64_t user_id, std::int64_t now) {
  return db_.Prepare("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
      .Bind(1, now).Bind(2, user_id).Run();
}

StatusOr<int> Accounts::DeleteExpiredSessions(std::int64_t now) {
  if (Status s = db_.Prepare("DELETE FROM sessions WHERE expires_at <= ?").Bind(1, now).Run(); !s.ok()) return s;
  return db_.Changes();
}

StatusOr<std::int64_t> Accounts::CreateApiToken(const ApiTokenRecord& t) {
  auto insert = db_.Prepare(
      "INSERT INTO api_tokens(token_hash, user_id, label, created_at, last_used_at, revoked_at) "
      "VALUES(?, ?, ?, ?, ?, ?)");
  insert.Bind(1, t.token_hash).Bind(2, t.user_id).Bind(3, t.label).Bind(4, t.created_at);
  if (Status s = insert.Bind(5, t.last_used_at).Bind(6, t.revoked_at).Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

StatusOr<std::optional<ApiTokenRecord>> Accounts::UseApiToken(const std::string& token_hash, std::int64_t now) {
  auto use = db_.Prepare(
      "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ? AND revoked_at IS NULL "
      "AND user_id IN (SELECT id FROM users WHERE disabled = 0)");
  if (Status s = use.Bind(1, now).Bind(2, token_hash).Run(); !s.ok()) return s;
  if (db_.Changes() == 0) return std::optional<ApiTokenRecord>{};
  return FindBy<ApiTokenRecord>(db_, kTokenColumns, "WHERE token_hash = ?", token_hash, ReadToken);
}

Status Accounts::RevokeApiToken(std::int64_t id, std::int64_t now) {
  auto revoke = db_.Prepare("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
  if (Status s = revoke.Bind(1, now).Bind(2, id).Run(); !s.ok()) return s;
  if (db_.Changes() == 0) return Status::Error(Status::Code::kNotFound, "no API token " + std::to_string(id));
  return Status::Ok();
}

StatusOr<std::optional<ApiTokenRecord>> Accounts::GetApiToken(std::int64_t id) {
  return FindBy<ApiTokenRecord>(db_, kTokenColumns, "WHERE id = ?", id, ReadToken);
}

StatusOr<std::vector<ApiTokenRecord>> Accounts::ApiTokensOf(std::int64_t user_id) {
  auto query = db_.Prepare(std::string(kTokenColumns) + "WHERE user_id = ? ORDER BY id");
  query.Bind(1, user_id);
  return ReadRows<ApiTokenRecord>(query, ReadToken);
}

}  // namespace smsdesk::store
