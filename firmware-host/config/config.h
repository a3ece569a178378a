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

#include "firmware-host/base/config_error.h"
#include "firmware-host/menu/menu_tree.h"
#include "firmware-host/routing/open_period.h"

namespace smsdesk::config {

struct ModemConfig {
  std::string id;            // "modem0"; used in logs, the store and the console
  std::string device;        // a path, "usb:VID:PID[:IF]" or "imei:NNN"
  std::string pin;           // SIM PIN, empty when none
  std::vector<std::string> storage_preference{"ME", "SM", "MT"};
  std::chrono::seconds sweep_interval{300};
  int sends_per_minute = 6;  // docs/modem.md §5: 6-8 per minute per modem; 0: unpaced (virtual modems)
  int daily_cap = 0;         // 0: none
  // "stored" (+CDSI: survive a daemon restart) or "direct" (+CDS: two AT
  // commands fewer per SMS sent; faster alert bursts).
  std::string status_reports = "stored";
  // Which [credit] rule checks this SIM's balance: "" picks by the operator
  // (a rule's `match`), else the default rule; a rule's name; "off": never.
  std::string credit;
};

// Monday to Friday 9:00-17:00, the weekend closed (docs/design.md's moderators' week).
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
  // The box's own word lists (*.toml files like data/lang/'s), added to the
  // compiled-in ones; a folder that does not exist adds nothing.
  std::string word_lists = "/etc/smsdesk/lang";
  // Outbound queue: tries per message before it fails, and how long a reply
  // may wait (modems away) before it expires rather than arrive days late.
  int send_attempts = 5;
  std::chrono::seconds send_expire_after{72 * 3600};
  std::string emergency_numbers = "911";
  std::vector<std::string> blocked_senders;  // never answered automatically
  // New tickets sent to moderators' phones (users with a phone): all, urgent, none.
  std::string relay_notify = "all";
  // Moderators' "#17 <PIN> answer" by SMS (users with a phone and an SMS PIN).
  bool relay_answers = true;
};

struct FaqConfig {
  std::string file;  // CSV to load at start and on SIGHUP; empty: the store's FAQ
  std::map<std::string, double> matcher;  // MatcherConfig overrides by name
  // The trained models (danger and intent) next to the database: used when
  // present, and trained again in a child process whenever the FAQ or the
  // confirmed examples changed. false: the rules alone, nothing trained.
  bool models = true;
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
  // Host names the console answers to besides the bind address, localhost,
  // 127.0.0.1 and [::1] (and, bound beyond loopback, this machine's name and
  // NAME.local; bound to every address, any IP address): a request naming
  // another host is refused (DNS rebinding).
  std::vector<std::string> hostnames;
  // A session ends this long after its login whatever the activity (the
  // idle expiry, 12 h, slides with use; this does not).
  std::chrono::seconds session_max_age{7 * 24 * 3600};
};

// Alerts to subscribers (issue 7). Info alerts composed during quiet hours
// (in desk.time_zone) wait for them to end; emergencies go at once.
struct AlertsConfig {
  std::string fallback_language;         // empty: desk.default_language
  std::string quiet_hours = "21:00-07:00";  // "none": no quiet hours
  int max_segments = 4;                  // SMS per recipient at most
  bool by_sms = true;                    // agencies' "ALERT <PIN> <TOPIC> text" by SMS
  // A recipient's copy still unsent this long after the alert started
  // expires: yesterday's bus cancellation helps nobody.
  std::chrono::seconds expire_after{24 * 3600};
};

// A modem whose sends fail for reasons that are not the message's (its
// network, its SMSC, its SIM's credit) stops taking messages, which wait
// for it or leave through another modem, and looks again after
// `probe_first`, doubling up to `probe_max`. After `alert_after` the admins
// with a phone get one SMS from another modem (0: the journal only).
struct OutagesConfig {
  std::chrono::seconds probe_first{30};
  std::chrono::seconds probe_max{300};
  std::chrono::seconds alert_after{600};
};

// How one operator tells a SIM's balance over USSD: the code, the replies of
// a multi-step dialogue, and patterns (ECMAScript regexes) for the amount
// and the expiry date; empty patterns use firmware-host/credit's heuristics.
struct CreditRuleConfig {
  std::string name;                 // "" for [credit] itself
  std::vector<std::string> match;   // operator names (contained, any case) or MCC+MNC (IMSI prefix)
  std::string code = "*100#";
  std::vector<std::string> steps;   // replies sent in turn after the code
  std::string balance_pattern;      // group 1: the amount
  std::string expiry_pattern;       // groups 1..3: day, month, year in expiry_order
  std::string expiry_order = "dmy";
  std::string currency;
  int line = 0;
};

// SIM credit (issue 8): checked every `check_every` on each ready modem; a
// balance under `low_balance` or an expiry within `expiry_warning` warns the
// admins once; with `cost_per_sms`, alerts the credit cannot pay are refused.
struct CreditConfig {
  std::chrono::seconds check_every{12 * 3600};  // 0: never
  // After a modem becomes ready (its operator name arrives with the first
  // health refresh); a reading fresher than check_every is kept instead.
  std::chrono::seconds first_check_after{20};
  double low_balance = 0;                        // 0: no warning
  std::chrono::seconds expiry_warning{7 * 24 * 3600};
  double cost_per_sms = 0;                       // 0: unknown; alerts not checked
  CreditRuleConfig rule;                         // the default
  std::vector<CreditRuleConfig> operators;       // [credit.operator.<name>]
};

// The menu over USSD through an aggregator's HTTP callback on the console
// server (Africa's Talking style). Off unless a secret or an allow-list is set.
struct UssdConfig {
  std::string path = "/ussd";
  std::string secret;                      // in a header only: Authorization: Basic, X-Smsdesk-Secret
  std::vector<std::string> allow_from;     // addresses or CIDR blocks
  std::vector<std::string> service_codes;  // accepted serviceCode values; empty: any
  int max_chars = 182;                     // per GSM-7 screen; UCS-2 screens get fewer
  bool enabled() const { return !secret.empty() || !allow_from.empty(); }
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
  OutagesConfig outages;
  CreditConfig credit;
  menu::MenuTree menu;
  UssdConfig ussd;
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
