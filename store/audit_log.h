// AuditLog: who did what, when — every moderator action, alert, consent
// change made by a person, login and config reload (docs/design.md "Safety").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string actor;   // user name, "desk", "cli:<user>"
  std::string action;  // e.g. "ticket.reply", "ticket.resolve", "faq.import"
  std::optional<std::string> object;  // e.g. "ticket:17"
  std::optional<std::string> detail;  // short, never a newcomer's message body
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  Status Record(const AuditEntry& entry);
  StatusOr<std::vector<AuditEntry>> Recent(int limit = 100);
  // Entries with this action and object since `since` (e.g. wrong PINs).
  StatusOr<std::int64_t> CountSince(const std::string& action, const std::string& object, std::int64_t since);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
