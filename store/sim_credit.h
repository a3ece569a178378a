// SimCredit: each SIM's credit as its operator last reported it over USSD
// (one row per configured modem), and the warnings already sent about it, so
// a low balance or a near expiry is announced once per episode, across
// restarts. The daemon writes; the console, the alert preview and the CLI read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct SimCreditRecord {
  std::string modem;
  std::optional<double> amount;        // nullopt: never read
  std::string currency;
  std::optional<std::string> expires_on;  // YYYY-MM-DD
  std::optional<std::string> screen;      // the operator's answer
  std::optional<std::int64_t> checked_at;
  std::optional<std::int64_t> attempted_at;
  std::optional<std::string> error;       // the last try's failure
  std::optional<std::int64_t> low_warned_at;
  std::optional<std::int64_t> expiry_warned_at;
};

struct CreditUpdate {
  double amount = 0;
  std::string currency;
  std::optional<std::string> expires_on;
  std::string screen;
};

class SimCredit {
 public:
  explicit SimCredit(Database& db) : db_(db) {}

  StatusOr<std::vector<SimCreditRecord>> All();
  StatusOr<std::optional<SimCreditRecord>> Get(const std::string& modem);
  // A successful reading: amount, expiry, the screen; clears the error. A new
  // expiry date clears expiry_warned_at (the SIM was renewed).
  Status RecordReading(const std::string& modem, const CreditUpdate& reading, std::int64_t at);
  // A failed try: the values of the last good reading stay.
  Status RecordFailure(const std::string& modem, const std::string& error, std::int64_t at);
  // Warnings: set when sent, cleared (nullopt) when the condition is over.
  Status SetLowWarned(const std::string& modem, std::optional<std::int64_t> at);
  Status SetExpiryWarned(const std::string& modem, std::optional<std::int64_t> at);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
