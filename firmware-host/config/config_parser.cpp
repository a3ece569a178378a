#include <date/tz.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "firmware-host/base/config_reader.h"
#include "firmware-host/base/language.h"
#include "firmware-host/base/net_address.h"
#include "firmware-host/base/quiet_hours.h"
#include "firmware-host/config/config.h"
#include "firmware-host/menu/menu_reader.h"
#include "firmware-host/routing/office_hours.h"
#include "firmware-host/routing/reply_texts.h"

namespace smsdesk::config {
namespace {

using Errors = std::vector<ConfigError>;

// A language of the registry (base/language.h), written as it names it.
bool KnownLanguage(std::string_view code) {
  const LanguageInfo* info = FindLanguage(code);
  return info != nullptr && info->code == code;
}

constexpr std::array<const char*, 7> kWeekdays = {"monday", "tuesday", "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};

bool ValidDate(const std::string& text) {
  static const std::regex kDate(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch m;
  if (!std::regex_match(text, m, kDate)) return false;
  const date::year_month_day ymd{date::year{std::stoi(m[1])}, date::month{static_cast<unsigned>(std::stoi(m[2]))},
                                 date::day{static_cast<unsigned>(std::stoi(m[3]))}};
  return ymd.ok();
}

void ReadModem(const toml::table& table, std::size_t index, ModemConfig& m, Errors& errors) {
  TableReader r(table, "modem[" + std::to_string(index) + "]", errors);
  m.id = "modem" + std::to_string(index);
  r.String("id", m.id);
  r.String("device", m.device);
  r.String("pin", m.pin);
  r.StringList("storage", m.storage_preference);
  r.Duration("sweep_interval", m.sweep_interval);
  r.Int("sends_per_minute", m.sends_per_minute, 0, 120);  // 0: unpaced (virtual modems only)
  r.Int("daily_cap", m.daily_cap, 0, 1'000'000);
  r.String("status_reports", m.status_reports);
  r.String("credit", m.credit);
  r.ReportUnknownKeys();
  if (m.status_reports != "stored" && m.status_reports != "direct") {
    r.Error(table.get("status_reports"), r.path() + ".status_reports: \"" + m.status_reports +
                                             "\" (use stored or direct)");
  }
  if (m.device.empty()) r.Error(nullptr, r.path() + ".device: required (a path, usb:VID:PID[:IF] or imei:N)");
  if (!m.pin.empty() &&
      (m.pin.size() < 4 || m.pin.size() > 8 || m.pin.find_first_not_of("0123456789") != std::string::npos)) {
    r.Error(table.get("pin"), r.path() + ".pin: a SIM PIN is 4 to 8 digits");
  }
  for (const auto& s : m.storage_preference) {
    if (s != "ME" && s != "SM" && s != "MT" && s != "SR") {
      r.Error(table.get("storage"), r.path() + ".storage: unknown storage \"" + s + "\" (use ME, SM, MT)");
    }
  }
  if (m.sweep_interval < std::chrono::seconds(10)) {
    r.Error(table.get("sweep_interval"), r.path() + ".sweep_interval: at least 10s");
  }
}

void ReadModems(TableReader& root, Config& config, Errors& errors) {
  const toml::array* modems = root.Array("modem");
  if (!modems) {
    // The usual AT port of a single Huawei/Quectel stick; override in the file.
    config.modems.push_back({.id = "modem0", .device = "/dev/ttyUSB2"});
    return;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < modems->size(); ++i) {
    const toml::table* table = (*modems)[i].as_table();
    if (!table) {
      root.Error(&(*modems)[i], "modem: write each modem as a [[modem]] table");
      continue;
    }
    ModemConfig m;
    ReadModem(*table, i, m, errors);
    if (!ids.insert(m.id).second) {
      errors.push_back({LineOf(table->get("id")), "modem id \"" + m.id + "\" is used twice"});
    }
    config.modems.push_back(std::move(m));
  }
}

void ReadOfficeHours(const toml::table& table, DeskConfig& desk, Errors& errors) {
  TableReader r(table, "desk.office_hours", errors);
  for (std::size_t day = 0; day < kWeekdays.size(); ++day) {
    std::string text;
    r.String(kWeekdays[day], text);
    if (text.empty()) continue;
    auto periods = desk::ParseOpenPeriods(text == "closed" ? "" : text);
    if (periods && !desk::OfficeHours::Create({.week = {*periods}}).ok()) {
      r.Error(table.get(kWeekdays[day]), std::string("desk.office_hours.") + kWeekdays[day] + ": \"" + text +
                                             "\": periods must be in order, not overlap, and end by 24:00");
    } else if (periods) {
      desk.office_hours[day] = std::move(*periods);
    } else {
      r.Error(table.get(kWeekdays[day]),
              std::string("desk.office_hours.") + kWeekdays[day] + ": \"" + text +
                  "\" is not like \"09:00-17:00\", \"09:00-12:00, 13:30-17:00\" or \"closed\" (" +
                  periods.error().message + ")");
    }
  }
  r.StringList("holidays", desk.holidays);
  for (const auto& day : desk.holidays) {
    if (!ValidDate(day)) {
      r.Error(table.get("holidays"), "desk.office_hours.holidays: \"" + day + "\" is not a date (YYYY-MM-DD)");
    }
  }
  r.ReportUnknownKeys();
}

void ReadDesk(const toml::table& table, DeskConfig& desk, Errors& errors) {
  TableReader r(table, "desk", errors);
  r.String("default_language", desk.default_language);
  r.StringList("languages", desk.languages);
  r.String("time_zone", desk.time_zone);
  r.Duration("promise", desk.promise);
  if (const toml::table* hours = r.Table("office_hours")) ReadOfficeHours(*hours, desk, errors);
  r.Int("auto_replies_per_hour", desk.auto_replies_per_hour, 0, 100);
  r.Duration("incomplete_after", desk.incomplete_after);
  r.Duration("duplicate_window", desk.duplicate_window);
  r.Int("retention_days", desk.retention_days, 1, 3650);
  r.String("word_lists", desk.word_lists);
  r.String("emergency_numbers", desk.emergency_numbers);
  r.Int("send_attempts", desk.send_attempts, 1, 20);
  r.Duration("send_expire_after", desk.send_expire_after);
  r.StringList("blocked_senders", desk.blocked_senders);
  r.String("relay_notify", desk.relay_notify);
  r.Bool("relay_answers", desk.relay_answers);
  r.ReportUnknownKeys();
  if (desk.relay_notify != "all" && desk.relay_notify != "urgent" && desk.relay_notify != "none") {
    r.Error(table.get("relay_notify"), "desk.relay_notify: \"" + desk.relay_notify + "\" (use all, urgent, none)");
  }
  for (const auto& lang : desk.languages) {
    if (!KnownLanguage(lang)) r.Error(table.get("languages"), "desk.languages: unknown language \"" + lang + "\"");
  }
  if (std::find(desk.languages.begin(), desk.languages.end(), desk.default_language) == desk.languages.end()) {
    r.Error(table.get("default_language"), "desk.default_language: \"" + desk.default_language +
                                               "\" is not one of desk.languages");
  }
  try {
    (void)date::locate_zone(desk.time_zone);
  } catch (const std::exception&) {
    r.Error(table.get("time_zone"), "desk.time_zone: unknown time zone \"" + desk.time_zone +
                                        "\" (use an IANA name such as America/Toronto)");
  }
  if (desk.promise < std::chrono::hours(1)) r.Error(table.get("promise"), "desk.promise: at least 1h");
  if (desk.incomplete_after < std::chrono::seconds(30)) {
    r.Error(table.get("incomplete_after"), "desk.incomplete_after: at least 30s (parts arrive seconds apart)");
  }
}

void ReadFaq(const toml::table& table, FaqConfig& faq, Errors& errors) {
  TableReader r(table, "faq", errors);
  r.String("file", faq.file);
  r.Bool("models", faq.models);
  if (const toml::table* matcher = r.Table("matcher")) {
    for (const auto& [key, node] : *matcher) {
      if (auto v = node.value<double>()) {
        faq.matcher[std::string(key.str())] = *v;
      } else {
        errors.push_back({LineOf(&node), "faq.matcher." + std::string(key.str()) + ": expected a number"});
      }
    }
  }
  r.ReportUnknownKeys();
}

void ReadTopics(const toml::table& table, Config& config, Errors& errors) {
  static const std::regex kTopicId("^[a-z][a-z0-9-]{0,31}$");
  for (const auto& [key, node] : table) {
    const std::string id(key.str());
    TopicConfig topic{.id = id};
    if (!std::regex_match(id, kTopicId)) {
      errors.push_back({LineOf(&node), "topics." + id + ": a topic id is lowercase letters, digits and '-'"});
    }
    if (const toml::table* t = node.as_table()) {
      TableReader r(*t, "topics." + id, errors);
      if (const toml::table* names = r.Table("names")) {
        for (const auto& [lang, name] : *names) {
          if (auto s = name.value<std::string>()) topic.names[std::string(lang.str())] = *s;
          else errors.push_back({LineOf(&name), "topics." + id + ".names: expected strings"});
        }
      }
      r.StringList("aliases", topic.aliases);
      r.ReportUnknownKeys();
    } else {
      errors.push_back({LineOf(&node), "topics." + id + ": expected a table, e.g. [topics." + id + "]"});
    }
    config.topics.push_back(std::move(topic));
  }
}

// [texts.ack] fr = "..." — checked against the built-in templates' placeholders.
void ReadTexts(const toml::table& table, Config& config, Errors& errors) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const auto text_key = desk::TextKeyFromName(name);
    const toml::table* langs = node.as_table();
    if (!text_key || !langs) {
      errors.push_back({LineOf(&node), "texts." + name + ": unknown text (use ack, stop, start, join, leave, "
                                       "unknown_topic, help, lang, lang_options, urgent, menu) as a table"});
      continue;
    }
    for (const auto& [lang, value] : *langs) {
      const std::string code(lang.str());
      auto text = value.value<std::string>();
      desk::ReplyTexts probe;
      if (!text) {
        errors.push_back({LineOf(&value), "texts." + name + "." + code + ": expected a string"});
      } else if (faq::LangFromCode(code) == faq::Lang::kUnknown) {
        errors.push_back({LineOf(&value), "texts." + name + "." + code + ": unknown language"});
      } else if (!probe.Override(*text_key, faq::LangFromCode(code), *text)) {
        errors.push_back({LineOf(&value), "texts." + name + "." + code +
                                              ": wrong placeholders (the built-in text shows which it needs)"});
      } else {
        config.texts[name][code] = *text;
      }
    }
  }
}

void ReadConsole(const toml::table& table, ConsoleConfig& console, Errors& errors) {
  TableReader r(table, "console", errors);
  r.String("bind", console.bind);
  r.String("tls_certificate", console.tls_certificate);
  r.String("tls_key", console.tls_key);
  r.StringList("hostnames", console.hostnames);
  r.Duration("session_max_age", console.session_max_age);
  r.ReportUnknownKeys();
  static const std::regex kHostname(R"(^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^\[[0-9a-fA-F:.]+\]$)");
  for (const std::string& name : console.hostnames) {
    if (!std::regex_match(name, kHostname)) {
      r.Error(table.get("hostnames"), "console.hostnames: \"" + name + "\" is not a host name (no scheme, no port)");
    }
  }
  if (console.session_max_age < std::chrono::minutes(5)) {
    r.Error(table.get("session_max_age"), "console.session_max_age: at least 5 minutes");
  }
  static const std::regex kBind(R"(^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$)");
  std::smatch m;
  if (!std::regex_match(console.bind, m, kBind) || std::stoi(m[2]) > 65535) {
    r.Error(table.get("bind"), "console.bind: \"" + console.bind + "\" is not host:port");
  } else {
    const std::string host = m[1];
    const bool local = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    if (!local && (console.tls_certificate.empty() || console.tls_key.empty())) {
      r.Error(table.get("bind"), "console.bind: listening beyond localhost needs console.tls_certificate and "
                                 "console.tls_key (passwords must not cross a network in clear text)");
    }
  }
}

void ReadAlerts(const toml::table& table, Config& config, Errors& errors) {
  AlertsConfig& alerts = config.alerts;
  TableReader r(table, "alerts", errors);
  r.String("fallback_language", alerts.fallback_language);
  r.String("quiet_hours", alerts.quiet_hours);
  r.Int("max_segments", alerts.max_segments, 1, 10);
  r.Bool("by_sms", alerts.by_sms);
  r.Duration("expire_after", alerts.expire_after);
  r.ReportUnknownKeys();
  if (alerts.expire_after < std::chrono::minutes(10)) {
    r.Error(table.get("expire_after"), "alerts.expire_after: at least 10m (an alert needs time to go out)");
  }
  if (auto quiet = ParseQuietHours(alerts.quiet_hours); !quiet) {
    r.Error(table.get("quiet_hours"), "alerts.quiet_hours: " + quiet.error().message);
  }
}

void ReadOutages(const toml::table& table, OutagesConfig& outages, Errors& errors) {
  TableReader r(table, "outages", errors);
  r.Duration("probe_first", outages.probe_first);
  r.Duration("probe_max", outages.probe_max);
  r.Duration("alert_after", outages.alert_after);
  r.ReportUnknownKeys();
  if (outages.probe_first < std::chrono::seconds(1)) {
    r.Error(table.get("probe_first"), "outages.probe_first: at least 1s");
  }
  if (outages.probe_max < outages.probe_first) {
    r.Error(table.get("probe_max"), "outages.probe_max: at least outages.probe_first");
  }
}

bool ValidRegex(const std::string& pattern, std::string& why) {
  try {
    const std::regex compiled(pattern, std::regex::ECMAScript | std::regex::icase);
    if (compiled.mark_count() < 1) {
      why = "needs a group in parentheses around the value";
      return false;
    }
    return true;
  } catch (const std::regex_error& e) {
    why = e.what();
    return false;
  }
}

// The USSD code and replies a modem dials: digits, * and #, or short words
// for menus that want them.
bool ValidUssdInput(const std::string& text) {
  return !text.empty() && text.size() <= 160 && text.find('"') == std::string::npos &&
         text.find_first_of("\r\n") == std::string::npos;
}

void ReadCreditRule(TableReader& r, const toml::table& table, CreditRuleConfig& rule) {
  r.String("code", rule.code);
  r.StringList("steps", rule.steps);
  r.String("balance_pattern", rule.balance_pattern);
  r.String("expiry_pattern", rule.expiry_pattern);
  r.String("expiry_order", rule.expiry_order);
  r.String("currency", rule.currency);
  rule.line = r.line();
  if (!ValidUssdInput(rule.code)) r.Error(table.get("code"), r.path() + ".code: \"" + rule.code + "\" is not a USSD code");
  for (const auto& step : rule.steps) {
    if (!ValidUssdInput(step)) r.Error(table.get("steps"), r.path() + ".steps: \"" + step + "\" is not a USSD reply");
  }
  std::string why;
  if (!rule.balance_pattern.empty() && !ValidRegex(rule.balance_pattern, why)) {
    r.Error(table.get("balance_pattern"), r.path() + ".balance_pattern: " + why);
  }
  if (!rule.expiry_pattern.empty() && !ValidRegex(rule.expiry_pattern, why)) {
    r.Error(table.get("expiry_pattern"), r.path() + ".expiry_pattern: " + why);
  }
  if (rule.expiry_order != "dmy" && rule.expiry_order != "mdy" && rule.expiry_order != "ymd") {
    r.Error(table.get("expiry_order"), r.path() + ".expiry_order: \"" + rule.expiry_order + "\" (use dmy, mdy or ymd)");
  }
}

void ReadCredit(const toml::table& table, CreditConfig& credit, Errors& errors) {
  TableReader r(table, "credit", errors);
  r.Duration("check_every", credit.check_every);
  r.Duration("first_check_after", credit.first_check_after);
  r.Number("low_balance", credit.low_balance, 0, 1e9);
  r.Duration("expiry_warning", credit.expiry_warning);
  r.Number("cost_per_sms", credit.cost_per_sms, 0, 1e6);
  ReadCreditRule(r, table, credit.rule);
  if (const toml::table* operators = r.Table("operator")) {
    for (const auto& [key, node] : *operators) {
      CreditRuleConfig rule{.name = std::string(key.str())};
      const toml::table* t = node.as_table();
      if (!t) {
        errors.push_back({LineOf(&node), "credit.operator." + rule.name + ": expected a table"});
        continue;
      }
      TableReader op(*t, "credit.operator." + rule.name, errors);
      op.StringList("match", rule.match);
      ReadCreditRule(op, *t, rule);
      op.ReportUnknownKeys();
      credit.operators.push_back(std::move(rule));
    }
  }
  r.ReportUnknownKeys();
  if (credit.first_check_after > std::chrono::hours(1)) {
    r.Error(table.get("first_check_after"), "credit.first_check_after: at most 1h");
  }
  if (credit.check_every.count() != 0 && credit.check_every < std::chrono::minutes(10)) {
    r.Error(table.get("check_every"), "credit.check_every: at least 10m (each check is a USSD session), or \"0s\" for never");
  }
}

void ReadUssd(const toml::table& table, UssdConfig& ussd, Errors& errors) {
  TableReader r(table, "ussd", errors);
  r.String("path", ussd.path);
  r.String("secret", ussd.secret);
  r.StringList("allow_from", ussd.allow_from);
  r.StringList("service_codes", ussd.service_codes);
  r.Int("max_chars", ussd.max_chars, 40, 182);
  r.ReportUnknownKeys();
  static const std::regex kPath("^/[A-Za-z0-9/_-]{1,63}$");
  if (!std::regex_match(ussd.path, kPath) || ussd.path.starts_with("/api") || ussd.path.starts_with("/static")) {
    r.Error(table.get("path"), "ussd.path: \"" + ussd.path + "\" (a path such as /ussd, outside /api)");
  }
  if (!ussd.secret.empty() && ussd.secret.size() < 16) {
    r.Error(table.get("secret"), "ussd.secret: at least 16 characters (it is all that guards the menu)");
  }
  for (const auto& block : ussd.allow_from) {
    if (!ParseCidr(block)) {
      r.Error(table.get("allow_from"), "ussd.allow_from: \"" + block + "\" is not an address or a CIDR block");
    }
  }
  if (!ussd.enabled()) {
    r.Error(nullptr, "ussd: set ussd.secret or ussd.allow_from (or both); an open USSD endpoint answers anyone");
  }
}

// Cross-checks: modems name credit rules that exist.
void CheckCreditNames(const toml::table& root, Config& config, Errors& errors) {
  for (std::size_t i = 0; i < config.modems.size(); ++i) {
    const std::string& name = config.modems[i].credit;
    if (name.empty() || name == "off") continue;
    const bool known = std::any_of(config.credit.operators.begin(), config.credit.operators.end(),
                                   [&](const CreditRuleConfig& r) { return r.name == name; });
    if (!known) {
      const toml::node* node = root.at_path("modem[" + std::to_string(i) + "].credit").node();
      errors.push_back({LineOf(node), "modem[" + std::to_string(i) + "].credit: no [credit.operator." + name +
                                          "] (or use \"off\")"});
    }
  }
}

}  // namespace

std::array<std::vector<desk::OpenPeriod>, 7> DefaultOfficeWeek() {
  std::array<std::vector<desk::OpenPeriod>, 7> week;
  for (int day = 0; day < 5; ++day) week[day] = {{std::chrono::hours(9), std::chrono::hours(17)}};
  return week;
}

ParsedConfig ParseConfig(std::string_view text, std::string_view source) {
  ParsedConfig parsed;
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    parsed.errors.push_back({static_cast<int>(e.source().begin.line), std::string(e.description())});
    return parsed;
  }
  Errors& errors = parsed.errors;
  Config& config = parsed.config;
  TableReader r(root, "", errors);
  r.String("database", config.database);
  r.String("log_level", config.log_level);
  ReadModems(r, config, errors);
  if (const toml::table* t = r.Table("desk")) ReadDesk(*t, config.desk, errors);
  if (const toml::table* t = r.Table("faq")) ReadFaq(*t, config.faq, errors);
  if (const toml::table* t = r.Table("topics")) ReadTopics(*t, config, errors);
  if (const toml::table* t = r.Table("texts")) ReadTexts(*t, config, errors);
  if (const toml::table* t = r.Table("console")) ReadConsole(*t, config.console, errors);
  if (const toml::table* t = r.Table("alerts")) ReadAlerts(*t, config, errors);
  if (const toml::table* t = r.Table("outages")) ReadOutages(*t, config.outages, errors);
  if (const toml::table* t = r.Table("credit")) ReadCredit(*t, config.credit, errors);
  if (const toml::table* t = r.Table("menu")) {
    std::set<std::string> topics;
    for (const TopicConfig& topic : config.topics) topics.insert(topic.id);
    menu::ReadMenu(*t, topics, config.desk.default_language, config.menu, errors);
  }
  if (const toml::table* t = r.Table("ussd")) {
    ReadUssd(*t, config.ussd, errors);
    if (config.menu.empty()) r.Error(t, "ussd: the USSD service serves the [menu]; define one");
  }
  r.ReportUnknownKeys();
  CheckCreditNames(root, config, errors);
  const std::string& fallback = config.alerts.fallback_language;
  if (!fallback.empty() &&
      std::find(config.desk.languages.begin(), config.desk.languages.end(), fallback) == config.desk.languages.end()) {
    const toml::table* alerts = root.get_as<toml::table>("alerts");
    r.Error(alerts ? alerts->get("fallback_language") : nullptr,
            "alerts.fallback_language: \"" + fallback + "\" is not one of desk.languages");
  }
  static const std::set<std::string, std::less<>> kLevels = {"trace", "debug", "info", "warn", "error"};
  if (!kLevels.contains(config.log_level)) {
    r.Error(root.get("log_level"), "log_level: \"" + config.log_level + "\" (use trace, debug, info, warn, error)");
  }
  if (config.database.empty()) r.Error(root.get("database"), "database: must not be empty");
  std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) { return a.line < b.line; });
  return parsed;
}

ParsedConfig LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ParsedConfig parsed;
    parsed.errors.push_back({0, "cannot read " + path});
    return parsed;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseConfig(buffer.str(), path);
}

std::string FormatErrors(const ParsedConfig& parsed, std::string_view source) {
  std::string out;
  for (const auto& e : parsed.errors) {
    out += std::string(source);
    if (e.line > 0) out += ":" + std::to_string(e.line);
    out += ": " + e.message + "\n";
  }
  return out;
}

}  // namespace smsdesk::config
