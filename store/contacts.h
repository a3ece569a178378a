// Contacts: the people who text the desk, their language, their opt-out
// state, their topic subscriptions, and a consent record for every change
// (keyword, time, source) so an agency can show who agreed to what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct ContactRecord {
  std::int64_t id = 0;
  std::string number;
  std::optional<std::string> lang;           // chosen with LANG
  std::optional<std::string> detected_lang;  // from their messages
  bool opted_out = false;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_inbound_at;
};

struct ConsentChange {
  std::string action;  // subscribe, unsubscribe, stop, start
  std::optional<std::string> topic;
  std::string keyword;  // as typed, e.g. "ARRET" or "JOIN BUS"
  std::string source;   // sms, console, api, ussd, import
  std::int64_t at = 0;
};

class Contacts {
 public:
  explicit Contacts(Database& db) : db_(db) {}

  StatusOr<ContactRecord> GetOrCreate(const std::string& number, std::int64_t now);
  StatusOr<std::optional<ContactRecord>> Find(const std::string& number);
  StatusOr<std::optional<ContactRecord>> Get(std::int64_t id);

  Status SetLanguage(std::int64_t id, const std::string& lang);
  Status SetDetectedLanguage(std::int64_t id, const std::string& lang);
  Status TouchInbound(std::int64_t id, std::int64_t at);

  // STOP / START, with their consent records; STOP also ends every subscription
  // and cancels the alerts still queued for them.
  Status OptOut(std::int64_t id, const ConsentChange& consent);
  Status OptIn(std::int64_t id, const ConsentChange& consent);
  Status Subscribe(std::int64_t id, const std::string& topic, const ConsentChange& consent);
  Status Unsubscribe(std::int64_t id, const std::string& topic, const ConsentChange& consent);

  StatusOr<std::vector<std::string>> Subscriptions(std::int64_t id);
  StatusOr<std::vector<ConsentChange>> ConsentHistory(std::int64_t id);
  // Subscribers of a topic who have not opted out, by contact id.
  StatusOr<std::vector<ContactRecord>> SubscribersOf(const std::string& topic);

 private:
  Status RecordConsent(std::int64_t id, const ConsentChange& consent);
  Database& db_;
};

}  // namespace smsdesk::store
