// smsdesk user add|list|passwd|disable|enable|phone|token|revoke-token|pin|
// relay|sms-unlock:
// console and API accounts, managed at the box by whoever may read its
// database. Secrets are read from standard input (--password-stdin,
// --pin-stdin) or asked for twice on the terminal without echo (cli_secret.h:
// Ctrl-C there gives the echo back); only their hashes are stored (argon2id
// for passwords and PINs, BLAKE2b for API tokens: console/auth.h), and an API
// token is printed once. Every change writes an audit row, never a secret.
// Bad input (unknown user, taken name, short password): one line on stderr,
// exit 2; a database that cannot be opened or written: exit 1.
#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firmware-host/auth/auth.h"
#include "firmware-host/base/clock.h"
#include "firmware-host/cli/cli.h"
#include "firmware-host/cli/cli_secret.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "modem/unicode.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "store/sms_pins.h"

namespace smsdesk {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t kMinPasswordCharacters = 10;
constexpr std::size_t kMaxNameBytes = 64;

struct UserArgs {
  std::string config_path;  // empty: kDefaultConfigPath, or built-in defaults when it is absent
  std::string database;     // empty: the config's
  std::string name;
  std::string role;
  std::string phone;
  bool clear = false;       // phone --clear
  std::string language = "en";
  std::string label;
  std::int64_t token_id = 0;
  bool from_stdin = false;  // --password-stdin / --pin-stdin
  bool trust_number = false;  // relay --trust-number
  bool require_pin = false;   // relay --require-pin
  bool json = false;
};

std::int64_t Now() {
  return SystemClock().NowSeconds();
}

// A user's mistake (a taken name or number, no such user) is exit 2; the
// database failing is exit 1.
int FailAccount(const store::Status& status) {
  if (status.code() == store::Status::Code::kConstraint) return Fail(kExitBadInput, status.message());
  return FailStore(status);
}

// Runs `change` and its audit row in one transaction.
int CommitWithAudit(store::Database& db, store::AuditEntry audit, const std::function<store::Status()>& change) {
  store::Transaction tx(db);
  if (!tx.begin_status().ok()) return FailStore(tx.begin_status());
  if (store::Status s = change(); !s.ok()) return FailAccount(s);
  audit.at = Now();
  audit.actor = CliActor("");
  if (store::Status s = store::AuditLog(db).Record(audit); !s.ok()) return FailStore(s);
  if (store::Status s = tx.Commit(); !s.ok()) return FailStore(s);
  return kExitOk;
}

int ReadPasswordHash(bool from_stdin, std::string& hash) {
  std::string password;
  if (int code = ReadNewSecret(from_stdin, "password", password); code != kExitOk) return code;
  if (modem::Utf8ToCodepointsLenient(password).size() < kMinPasswordCharacters) {
    return Fail(kExitBadInput, "a password needs at least " + std::to_string(kMinPasswordCharacters) + " characters");
  }
  hash = console::HashPassword(password);
  if (hash.empty()) return Fail(kExitFailure, "cannot hash the password (out of memory?)");
  return kExitOk;
}

constexpr const char* kPhoneHelp =
    "a phone number is international: '+', the country code, then the number, e.g. +15145550123";

// A login name: no spaces or control characters, at most 64 bytes.
bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  for (unsigned char c : name) {
    if (c <= ' ' || c == 0x7F) return false;
  }
  return true;
}

int RunAdd(const UserArgs& args, StoreSession& session) {
  if (!ValidName(args.name)) return Fail(kExitBadInput, "a user name has 1 to 64 bytes and no spaces");
  const std::optional<std::string> phone = args.phone.empty() ? std::nullopt : E164(args.phone);
  if (!args.phone.empty() && !phone) return Fail(kExitBadInput, "\"" + args.phone + "\": " + kPhoneHelp);
  store::Accounts accounts(*session.db);
  auto taken = accounts.FindUser(args.name);
  if (!taken.ok()) return FailStore(taken.status());
  if (*taken) return Fail(kExitBadInput, "a user named " + args.name + " already exists");
  store::UserRecord user{.name = args.name, .role = args.role, .language = args.language, .created_at = Now()};
  user.phone = phone;
  if (int code = ReadPasswordHash(args.from_stdin, user.password_hash); code != kExitOk) return code;
  std::int64_t id = 0;
  const int code = CommitWithAudit(*session.db,
                                   {.action = "user.add", .object = "user:" + args.name, .detail = "role " + args.role},
                                   [&] {
                                     auto created = accounts.CreateUser(user);
                                     if (created.ok()) id = *created;
                                     return created.status();
                                   });
  if (code != kExitOk) return code;
  std::printf("user %s added (#%lld, %s)\n", args.name.c_str(), static_cast<long long>(id), args.role.c_str());
  return kExitOk;
}

ordered_json OrNull(const std::optional<std::int64_t>& value) { return value ? ordered_json(*value) : nullptr; }

ordered_json UserJson(const store::UserRecord& u, const std::vector<store::ApiTokenRecord>& tokens) {
  ordered_json token_rows = ordered_json::array();
  for (const store::ApiTokenRecord& t : tokens) {
    token_rows.push_back({{"id", t.id},
                          {"label", t.label},
                          {"created_at", t.created_at},
                          {"last_used_at", OrNull(t.last_used_at)},
                          {"revoked_at", OrNull(t.revoked_at)}});
  }
  return {{"id", u.id},
          {"name", u.name},
          {"role", u.role},
          {"language", u.language},
          {"phone", u.phone ? ordered_json(*u.phone) : nullptr},
          {"has_password", !u.password_hash.empty()},
          {"has_pin", u.pin_hash.has_value()},
          {"disabled", u.disabled},
          {"created_at", u.created_at},
          {"tokens", token_rows}};
}

std::string LocalTime(const StoreSession& session, std::int64_t unix_seconds) {
  return date::format("%Y-%m-%d %H:%M",
                      session.desk.office_hours.ToLocal(date::sys_seconds{std::chrono::seconds{unix_seconds}}));
}

// A user on one line; their live API tokens below it, indented.
void PrintUser(const StoreSession& session, const store::UserRecord& u,
               const std::vector<store::ApiTokenRecord>& tokens) {
  std::printf("%-5lld %-20s %-10s %-4s %-16s %-3s %s\n", static_cast<long long>(u.id), u.name.c_str(), u.role.c_str(),
              u.language.c_str(), u.phone.value_or("-").c_str(), u.pin_hash ? "yes" : "no",
              u.disabled ? "disabled" : "active");
  for (const store::ApiTokenRecord& t : tokens) {
    if (t.revoked_at) continue;
    const std::string used = t.last_used_at ? LocalTime(session, *t.last_used_at) : "never";
    std::printf("      API token #%lld  %s  made %s, last used %s\n", static_cast<long long>(t.id), t.label.c_str(),
                LocalTime(session, t.created_at).c_str(), used.c_str());
  }
}

int RunList(const UserArgs& args, StoreSession& session) {
  store::Accounts accounts(*session.db);
  auto users = accounts.Users();
  if (!users.ok()) return FailStore(users.status());
  ordered_json rows = ordered_json::array();
  if (!args.json) {
    std::printf("%-5s %-20s %-10s %-4s %-16s %-3s %s\n", "ID", "NAME", "ROLE", "LANG", "PHONE", "PIN", "STATE");
  }
  for (const store::UserRecord& u : *users) {
    auto tokens = accounts.ApiTokensOf(u.id);
    if (!tokens.ok()) return FailStore(tokens.status());
    if (args.json) {
      rows.push_back(UserJson(u, *tokens));
    } else {
      PrintUser(session, u, *tokens);
    }
  }
  if (args.json) std::cout << rows.dump(2) << '\n';
  return kExitOk;
}

int RunPasswd(const UserArgs& args, StoreSession& session, const store::UserRecord& user) {
  std::string hash;
  if (int code = ReadPasswordHash(args.from_stdin, hash); code != kExitOk) return code;
  store::Accounts accounts(*session.db);
  // A new password logs out everywhere and revokes the user's API tokens.
  const int code = CommitWithAudit(*session.db, {.action = "user.passwd", .object = "user:" + user.name},
                                   [&] { return accounts.SetPassword(user.id, hash, Now()); });
  if (code != kExitOk) return code;
  (void)daemon::NotifyDaemon(session.database_path);  // its open event streams end now
  std::printf("password of %s changed; their console sessions have ended and their API tokens are revoked\n",
              user.name.c_str());
  return kExitOk;
}

int RunDisable(const UserArgs& /*args*/, StoreSession& session, const store::UserRecord& user) {
  if (user.disabled) {
    std::printf("%s is already disabled\n", user.name.c_str());
    return kExitOk;
  }
  const int code = CommitWithAudit(*session.db, {.action = "user.disable", .object = "user:" + user.name},
                                   [&] { return store::Accounts(*session.db).Disable(user.id, Now()); });
  if (code != kExitOk) return code;
  (void)daemon::NotifyDaemon(session.database_path);
  std::printf("user %s disabled: their sessions have ended and their API tokens are revoked\n", user.name.c_str());
  return kExitOk;
}

int RunEnable(const UserArgs& /*args*/, StoreSession& session, const store::UserRecord& user) {
  if (!user.disabled) {
    std::printf("%s is not disabled\n", user.name.c_str());
    return kExitOk;
  }
  const int code = CommitWithAudit(*session.db, {.action = "user.enable", .object = "user:" + user.name},
                                   [&] { return store::Accounts(*session.db).Enable(user.id); });
  if (code != kExitOk) return code;
  std::printf("user %s enabled: they can log in again; their old API tokens stay revoked\n", user.name.c_str());
  return kExitOk;
}

// The number the SMS relay (moderators) and agency PIN alerts use. The audit
// row names only its last digits.
int RunPhone(const UserArgs& args, StoreSession& session, const store::UserRecord& user) {
  if (args.clear == !args.phone.empty()) return Fail(kExitBadInput, "give a phone number (+15145550123) or --clear");
  const std::optional<std::string> phone = args.clear ? std::nullopt : E164(args.phone);
  if (!args.clear && !phone) return Fail(kExitBadInput, "\"" + args.phone + "\": " + kPhoneHelp);
  const std::string detail = phone ? "set, ends " + phone->substr(phone->size() - 4) : "cleared";
  const int code = CommitWithAudit(*session.db, {.action = "user.phone", .object = "user:" + user.name, .detail = detail},
                                   [&] { return store::Accounts(*session.db).SetPhone(user.id, phone); });
  if (code != kExitOk) return code;
  if (phone) {
    std::printf("phone of %s set to %s\n", user.name.c_str(), phone->c_str());
  } else {
    std::printf("phone of %s cleared\n", user.name.c_str());
  }
  return kExitOk;
}

int RunToken(const UserArgs& args, StoreSession& session, const store::UserRecord& user) {
  if (args.label.find_first_not_of(" \t") == std::string::npos) return Fail(kExitBadInput, "the label is empty");
  if (user.disabled) return Fail(kExitBadInput, user.name + " is disabled");
  const std::string token = console::NewToken();
  std::int64_t id = 0;
  store::ApiTokenRecord record{
      .token_hash = console::TokenHash(token), .user_id = user.id, .label = args.label, .created_at = Now()};
  const int code = CommitWithAudit(*session.db, {.action = "user.token", .object = "user:" + user.name}, [&] {
    auto created = store::Accounts(*session.db).CreateApiToken(record);
    if (created.ok()) id = *created;
    return created.status();
  });
  if (code != kExitOk) return code;
  // The token alone on standard output, for scripts; it is never shown again.
  std::printf("%s\n", token.c_str());
  std::fprintf(stderr, "API token #%lld for %s (%s): store it now, smsdesk keeps only its hash\n",
               static_cast<long long>(id), user.name.c_str(), args.label.c_str());
  return kExitOk;
}

int RunRevokeToken(const UserArgs& args, StoreSession& session) {
  store::Accounts accounts(*session.db);
  auto token = accounts.GetApiToken(args.token_id);
  if (!token.ok()) return FailStore(token.status());
  if (!*token) return Fail(kExitBadInput, "no API token " + std::to_string(args.token_id));
  if ((*token)->revoked_at) {
    std::printf("API token #%lld is already revoked\n", static_cast<long long>(args.token_id));
    return kExitOk;
  }
  auto owner = accounts.GetUser((*token)->user_id);
  if (!owner.ok()) return FailStore(owner.status());
  const std::string detail = (*owner ? (*owner)->name : "?") + ": " + (*token)->label;
  const int code = CommitWithAudit(
      *session.db,
      {.action = "user.revoke-token", .object = "token:" + std::to_string(args.token_id), .detail = detail},
      [&] { return accounts.RevokeApiToken(args.token_id, Now()); });
  if (code != kExitOk) return code;
  std::printf("API token #%lld revoked\n", static_cast<long long>(args.token_id));
  return kExitOk;
}

int RunPin(const UserArgs& args, StoreSession& session, const store::UserRecord& user) {
  std::string pin;
  if (int code = ReadNewSecret(args.from_stdin, "PIN", pin); code != kExitOk) return code;
  // Six digits at least: the desk throttles wrong PINs per sending number,
  // and a million PINs against ~15 guesses a day keeps a forger's odds tiny.
  if (pin.size() < 6 || pin.size() > 12 || pin.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(kExitBadInput, "a PIN has 6 to 12 digits");
  }
  const std::string hash = console::HashPassword(pin);
  if (hash.empty()) return Fail(kExitFailure, "cannot hash the PIN (out of memory?)");
  const int code = CommitWithAudit(*session.db, {.action = "user.pin", .object = "user:" + user.name},
                                   [&] { return store::Accounts(*session.db).SetPin(user.id, hash); });
  if (code != kExitOk) return code;
  std::printf("PIN of %s set\n", user.name.c_str());
  if (!user.phone) std::fprintf(stderr, "smsdesk: note: %s has no phone number, so no phone can use the PIN yet\n",
                                user.name.c_str());
  return kExitOk;
}

int RunRelay(const UserArgs& args, StoreSession& session, const store::UserRecord& user) {
  if (args.trust_number == args.require_pin) return Fail(kExitBadInput, "say --trust-number or --require-pin");
  if (user.role != "moderator" && user.role != "admin") {
    return Fail(kExitBadInput, user.name + " is a " + user.role + ": only moderators and admins answer by SMS");
  }
  const bool trust = args.trust_number;
  const int code = CommitWithAudit(*session.db,
                                   {.action = trust ? "user.relay-trust-number" : "user.relay-require-pin",
                                    .object = "user:" + user.name},
                                   [&] { return store::SmsPins(*session.db).SetRelayTrustsNumber(user.id, trust); });
  if (code != kExitOk) return code;
  if (trust) {
    std::printf("%s's SMS answers (#17 text) are taken on their phone number alone\n", user.name.c_str());
    std::fprintf(stderr,
                 "smsdesk: warning: a caller ID can be forged; anyone who fakes %s's number can now answer as the "
                 "desk. Undo: smsdesk user relay %s --require-pin\n",
                 user.name.c_str(), user.name.c_str());
  } else {
    std::printf("%s's SMS answers need their SMS PIN (#17 PIN text)\n", user.name.c_str());
  }
  return kExitOk;
}

int RunSmsUnlock(const UserArgs& args, StoreSession& session, const store::UserRecord& user) {
  (void)args;
  if (!user.phone) return Fail(kExitBadInput, user.name + " has no phone number");
  const int code = CommitWithAudit(*session.db, {.action = "user.sms-unlock", .object = "user:" + user.name},
                                   [&] { return store::SmsPins(*session.db).Clear(*user.phone); });
  if (code != kExitOk) return code;
  std::printf("SMS PIN texts from %s's phone are accepted again\n", user.name.c_str());
  return kExitOk;
}

using SessionRun = std::function<int(const UserArgs&, StoreSession&)>;
using UserRun = int (*)(const UserArgs&, StoreSession&, const store::UserRecord&);

// Registers `name` under `user`, with --config and --database: `run` gets
// the opened store once libsodium has started.
CLI::App* AddCommand(CLI::App* user, const char* name, const char* help, const std::shared_ptr<UserArgs>& args,
                     CliStatus& status, SessionRun run) {
  auto* cmd = user->add_subcommand(name, help);
  AddStoreOptions(cmd, args->config_path, args->database);
  cmd->callback([args, run, &status] {
    if (!console::InitCrypto()) {
      status.exit_code = Fail(kExitFailure, "libsodium cannot start");
      return;
    }
    std::optional<StoreSession> session;
    status.exit_code = OpenStoreSession(args->config_path, args->database, session);
    if (status.exit_code == kExitOk) status.exit_code = run(*args, *session);
  });
  return cmd;
}

// A command on one existing user, named by its NAME argument.
CLI::App* AddUserCommand(CLI::App* user, const char* name, const char* help, const std::shared_ptr<UserArgs>& args,
                         CliStatus& status, UserRun run) {
  auto* cmd = AddCommand(user, name, help, args, status, [run](const UserArgs& a, StoreSession& session) {
    auto found = store::Accounts(*session.db).FindUser(a.name);
    if (!found.ok()) return FailStore(found.status());
    if (!*found) return Fail(kExitBadInput, "no user " + a.name);
    return run(a, session, **found);
  });
  cmd->add_option("NAME", args->name, "Login name")->required();
  return cmd;
}

}  // namespace

void AddUserCommands(CLI::App& app, CliStatus& status) {
  auto* user = app.add_subcommand("user", "Console and API accounts: add, list, passwords, phones, PINs, tokens");
  user->require_subcommand(1);
  auto args = std::make_shared<UserArgs>();
  const std::vector<std::string> roles(store::kRoles.begin(), store::kRoles.end());
  const char* password_stdin = "Read the password from one line of standard input";

  auto* add = AddCommand(user, "add", "Add a user (asks for the password)", args, status, RunAdd);
  add->add_option("NAME", args->name, "Login name")->required();
  add->add_option("--role", args->role, "moderator, volunteer, agency or admin")
      ->required()
      ->check(CLI::IsMember(roles));
  add->add_option("--phone", args->phone, "Their phone number, international (+1...): SMS relay, agency PIN");
  add->add_option("--language", args->language, "The console's language (default en)")
      ->check(CLI::IsMember({"en", "fr"}));
  add->add_flag("--password-stdin", args->from_stdin, password_stdin);

  auto* list = AddCommand(user, "list", "Users, their roles and live API tokens", args, status, RunList);
  list->add_flag("--json", args->json, "Print JSON");

  AddUserCommand(user, "passwd", "Set a user's password (ends their sessions)", args, status, RunPasswd)
      ->add_flag("--password-stdin", args->from_stdin, password_stdin);
  AddUserCommand(user, "disable", "Disable a user: ends their sessions, revokes their tokens", args, status,
                 RunDisable);
  AddUserCommand(user, "enable", "Let a disabled user log in again (their old tokens stay revoked)", args, status,
                 RunEnable);
  auto* phone = AddUserCommand(user, "phone", "Set or clear a user's phone (SMS relay, agency PIN alerts)", args,
                               status, RunPhone);
  auto* number = phone->add_option("NUMBER", args->phone, "International number, e.g. +15145550123");
  phone->add_flag("--clear", args->clear, "Remove the user's phone number")->excludes(number);
  AddUserCommand(user, "token", "Make an API token (printed once)", args, status, RunToken)
      ->add_option("--label", args->label, "What it is for, e.g. the agency's system")
      ->required();
  AddUserCommand(user, "pin",
                 "Set a user's SMS PIN (6-12 digits): moderators' answers by SMS, agencies' alerts by SMS", args,
                 status, RunPin)
      ->add_flag("--pin-stdin", args->from_stdin, "Read the PIN from one line of standard input");
  auto* relay = AddUserCommand(user, "relay", "How a moderator's SMS answers are trusted: by PIN (default) or number",
                               args, status, RunRelay);
  relay->add_flag("--trust-number", args->trust_number,
                  "Take their answers on the phone number alone (a caller ID can be forged)");
  relay->add_flag("--require-pin", args->require_pin, "Answers need their SMS PIN: #17 PIN text");
  AddUserCommand(user, "sms-unlock", "Lift the pause on a user's phone after wrong SMS PINs", args, status,
                 RunSmsUnlock);

  AddCommand(user, "revoke-token", "Revoke an API token (its number in user list)", args, status, RunRevokeToken)
      ->add_option("ID", args->token_id, "Token number")
      ->required();
}

}  // namespace smsdesk
