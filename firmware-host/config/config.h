// The daemon's configuration (/etc/smsdesk/smsdesk.toml). Every setting has a
// sane default, so an empty file is a working desk with one modem at
// /dev/ttyUSB2. ParseConfig() reports every error with its line, never just
// the first, so `smsdesk check-config` shows an operator all that is wrong.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/desk/office_hours.h"

namespace smsdesk::config {

struct ModemConfig {
  std::string id;            // "modem0"; used in logs, the store and the console
  std::string device;        // a path, "usb:VID:PID[:IF]" or "imei:NNN"
  std::string pin;           // SIM PIN, empty when none
  std::vector<std::string> storage_preference{"ME", "SM", "MT"};
  std::chrono::seconds sweep_interval{300};
  int sends_per_minute = 6;  // MODEM.md §5: 6-8 per minute per modem; 0: unpaced (virtual modems)
  int daily_cap = 0;         // 0: none
  // "stored" (+CDSI: survive a daemon restart) or "direct" (+CDS: two AT
  // commands fewer per SMS sent; faster alert bursts).
  std::string status_reports = "stored";
};

// Monday to Friday 9:00-17:00, the weekend closed (DESIGN.md's moderators' week).
std::array<std::vector<desk::OpenPeriod>, 7> DefaultOfficeWeek();

struct DeskConfig {
  std::string default_language = "en";
  std::vector<std::string> languages{"ar", "en", "fr", "fa", "uk", "es"};
  std::string time_zone = "America/Toronto";
  std::chrono::seconds promise{24 * 3600};
  // [0] = Monday … [6] = Sunday; each day one or more periods
  // ("09:00-12:00, 13:30-17:00"), none when closed.
  std::array<std::vector<desk::OpenPeriod>, 7> office_hours = DefaultOfficeWeek();
  std::vector<std::string> holidays;       // "YYYY-MM-DD" in time_zone
  int auto_replies_per_hour = 5;
  std::chrono::seconds incomplete_after{600};  // deliver a partial multipart message after this
  std::chrono::seconds duplicate_window{3600};
  int retention_days = 180;
  // Outbound queue: tries per message before it fails, and how long a reply
  // may wait (modems away) before it expires rather than arrive days late.
  int send_attempts = 5;
  std::chrono::seconds send_expire_after{72 * 3600};
  std::string emergency_numbers = "911";
  std::vector<std::string> blocked_senders;  // never answered automatically
  // New tickets sent to moderators' phones (users with a phone): all, urgent, none.
  std::string relay_notify = "all";
};

struct FaqConfig {
  std::string file;  // CSV to load at start and on SIGHUP; empty: the store's FAQ
  std::map<std::string, double> matcher;  // MatcherConfig overrides by name
};

struct TopicConfig {
  std::string id;                             // "bus"
  std::map<std::string, std::string> names;   // per language: "fr" -> "autobus"
  std::vector<std::string> aliases;           // other accepted spellings after JOIN
};

struct ConsoleConfig {
  std::string bind = "127.0.0.1:8080";
  std::string tls_certificate;
  std::string tls_key;
};

// Alerts to subscribers (issue 7). Info alerts composed during quiet hours
// (in desk.time_zone) wait for them to end; emergencies go at once.
struct AlertsConfig {
  std::string fallback_language;         // empty: desk.default_language
  std::string quiet_hours = "21:00-07:00";  // "none": no quiet hours
  int max_segments = 4;                  // SMS per recipient at most
};

struct Config {
  std::string database = "/var/lib/smsdesk/smsdesk.db";
  std::string log_level = "info";
  std::vector<ModemConfig> modems;
  DeskConfig desk;
  FaqConfig faq;
  std::vector<TopicConfig> topics;
  // Replacements for the desk's own texts: texts["ack"]["fr"] = "...{deadline}...".
  std::map<std::string, std::map<std::string, std::string>> texts;
  ConsoleConfig console;
  AlertsConfig alerts;
};

struct ConfigError {
  int line = 0;  // 0 when the error is not tied to a line
  std::string message;
};

struct ParsedConfig {
  Config config;
  std::vector<ConfigError> errors;  // empty: the config is valid
  bool ok() const { return errors.empty(); }
};

// Parses TOML text; `source` names it in messages.
ParsedConfig ParseConfig(std::string_view text, std::string_view source = "smsdesk.toml");
// Reads and parses a file; a missing file is an error.
ParsedConfig LoadConfig(const std::string& path);

// "file:line: message" for each error.
std::string FormatErrors(const ParsedConfig& parsed, std::string_view source);

}  // namespace smsdesk::config
