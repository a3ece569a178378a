// ModemOutages: each time a modem stopped sending because of its network,
// its SMSC or its SIM's credit (schema v7), and whether the admins were
// told. The daemon opens one when a modem's sends fail for reasons that are
// not the message's, updates its reason while it lasts, and ends it when
// the modem sends again; the open one survives a restart, so "since when"
// and "the admins were told" are not lost with the process. The console and
// the CLI read it. No phone number and no message text in here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct ModemOutage {
  std::int64_t id = 0;
  std::string modem;
  std::string kind;    // "network" or "credit"
  std::string reason;  // "+CMS ERROR: 500 (unknown error)", "not registered (searching)"…
  std::int64_t started_at = 0;
  std::optional<std::int64_t> alerted_at;
  std::optional<std::int64_t> ended_at;
};

class ModemOutages {
 public:
  explicit ModemOutages(Database& db) : db_(db) {}

  // The modem's outage still going on, if any.
  StatusOr<std::optional<ModemOutage>> Current(const std::string& modem);
  // Opens one (kInvalid: a kind other than network/credit); the caller
  // checks Current first, a modem has at most one open.
  StatusOr<std::int64_t> Start(const std::string& modem, const std::string& kind, const std::string& reason,
                               std::int64_t now);
  Status Update(std::int64_t id, const std::string& kind, const std::string& reason);
  Status MarkAlerted(std::int64_t id, std::int64_t now);
  Status End(std::int64_t id, std::int64_t now);
  // Newest first, open ones included.
  StatusOr<std::vector<ModemOutage>> Recent(int limit = 20);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
