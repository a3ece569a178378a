// MenuSessions: where each person stands in the menu (firmware-host/menu/).
// Over SMS, one row per contact: the position (menu::EncodePosition), the
// language and the last step's time; the desk treats a row older than the
// idle timeout as gone. Over USSD, one row per aggregator session: the
// language fixed at its first request (the screens are a replay of all
// inputs, so it must not change), and the actions the session already did,
// so a retried request does each once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct SmsMenuSession {
  std::string position;
  std::string lang;
  std::int64_t updated_at = 0;
};

struct UssdSessionRecord {
  std::string session_id;
  std::string number;
  std::string lang;  // "": the person picks it on the first screen
  std::int64_t created_at = 0;
};

class MenuSessions {
 public:
  explicit MenuSessions(Database& db) : db_(db) {}

  StatusOr<std::optional<SmsMenuSession>> GetSms(std::int64_t contact_id);
  Status PutSms(std::int64_t contact_id, const SmsMenuSession& session);
  Status EndSms(std::int64_t contact_id);

  // The session `session_id`, created with `lang` if new. kInvalid when the
  // id is known under another number (a forged or confused request).
  StatusOr<UssdSessionRecord> BeginUssd(const std::string& session_id, const std::string& number,
                                        const std::string& lang, std::int64_t now);
  // True the first time `action` is recorded for the session, false after.
  StatusOr<bool> RecordUssdAction(const std::string& session_id, const std::string& action, std::int64_t now);
  // Forgets SMS and USSD sessions idle since before `before`; returns how many.
  StatusOr<int> PurgeBefore(std::int64_t before);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
