// Accounts for the console and the API: users with a role, their browser
// sessions and their API tokens. Only hashes are stored: the password as an
// argon2id string (made by the console's auth code, libsodium), session and
// API tokens as a keyed hash of the random token the browser or agency holds.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

// Roles: "moderator" (answers, FAQ), "volunteer" (drafts answers a moderator
// approves; sees numbers partly masked), "agency" (alerts), "admin" (all,
// users).
inline constexpr std::array<const char*, 4> kRoles = {"moderator", "volunteer", "agency", "admin"};

struct UserRecord {
  std::int64_t id = 0;
  std::string name;
  std::string role;
  std::string password_hash;           // argon2id string; empty: cannot log in
  std::optional<std::string> phone;    // for the SMS relay (moderators) and agency PIN alerts
  std::optional<std::string> pin_hash; // argon2id of an agency phone's PIN
  std::string language = "en";         // the console's language for this user
  bool disabled = false;
  std::int64_t created_at = 0;
};

struct SessionRecord {
  std::string token_hash;  // hex
  std::int64_t user_id = 0;
  std::string csrf;        // the form token of this session
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string label;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  std::optional<std::int64_t> revoked_at;
};

class Accounts {
 public:
  explicit Accounts(Database& db) : db_(db) {}

  // kConstraint when the name or the phone number is taken, or the role is
  // not one of kRoles.
  StatusOr<std::int64_t> CreateUser(const UserRecord& user);
  StatusOr<std::optional<UserRecord>> FindUser(const std::string& name);
  StatusOr<std::optional<UserRecord>> GetUser(std::int64_t id);
  StatusOr<std::optional<UserRecord>> FindUserByPhone(const std::string& phone);
  StatusOr<std::vector<UserRecord>> Users();
  // The setters return kNotFound when there is no user `id`.
  // A new password also ends every session of the user and revokes their API
  // tokens (at `now`): whoever had the old one, or a token made with it, is
  // out. Three statements: run it inside the caller's transaction (with its
  // audit row).
  Status SetPassword(std::int64_t id, const std::string& password_hash, std::int64_t now);
  // The same at the wall clock's time, for callers that do not pass one.
  Status SetPassword(std::int64_t id, const std::string& password_hash);
  Status SetPhone(std::int64_t id, const std::optional<std::string>& phone);
  Status SetPin(std::int64_t id, const std::optional<std::string>& pin_hash);
  Status SetRole(std::int64_t id, const std::string& role);
  Status SetLanguage(std::int64_t id, const std::string& language);
  // Disabling also ends the user's sessions and revokes their tokens. Three
  // statements: run it inside the caller's transaction (with its audit row).
  Status Disable(std::int64_t id, std::int64_t now);
  // Lets a disabled user log in again; the sessions and tokens that Disable
  // ended stay ended.
  Status Enable(std::int64_t id);

  Status CreateSession(const SessionRecord& session);
  // A session that exists and has not expired at `now`, of a user not disabled.
  StatusOr<std::optional<SessionRecord>> FindSession(const std::string& token_hash, std::int64_t now);
  Status ExtendSession(const std::string& token_hash, std::int64_t expires_at);
  Status DeleteSession(const std::string& token_hash);
  // Ends every session of a user (SetPassword and Disable do it too).
  Status DeleteSessionsOf(std::int64_t user_id);
  // Revokes every API token of a user not yet revoked (SetPassword and
  // Disable do it too); tokens revoked before keep their time.
  Status RevokeApiTokensOf(std::int64_t user_id, std::int64_t now);
  StatusOr<int> DeleteExpiredSessions(std::int64_t now);

  StatusOr<std::int64_t> CreateApiToken(const ApiTokenRecord& token);
  // A token that exists and is not revoked, of a user not disabled; marks it
  // used at `now`.
  StatusOr<std::optional<ApiTokenRecord>> UseApiToken(const std::string& token_hash, std::int64_t now);
  // kNotFound when there is no such token; revoking twice keeps the first time.
  Status RevokeApiToken(std::int64_t id, std::int64_t now);
  StatusOr<std::optional<ApiTokenRecord>> GetApiToken(std::int64_t id);
  StatusOr<std::vector<ApiTokenRecord>> ApiTokensOf(std::int64_t user_id);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
