#include "firmware-host/config/config.h"

#include <gtest/gtest.h>

namespace smsdesk::config {
namespace {

TEST(Config, AnEmptyFileIsAWorkingDesk) {
  auto parsed = ParseConfig("");
  ASSERT_TRUE(parsed.ok()) << FormatErrors(parsed, "t");
  EXPECT_EQ(parsed.config.modems.size(), 1u);
  EXPECT_EQ(parsed.config.desk.promise, std::chrono::hours(24));
  ASSERT_EQ(parsed.config.desk.office_hours[0].size(), 1u);
  EXPECT_EQ(parsed.config.desk.office_hours[0][0].open, std::chrono::hours(9));
  EXPECT_EQ(parsed.config.desk.office_hours[4][0].close, std::chrono::hours(17));
  EXPECT_TRUE(parsed.config.desk.office_hours[5].empty()) << "Saturday is closed by default";
  EXPECT_TRUE(parsed.config.desk.office_hours[6].empty()) << "Sunday is closed by default";
  EXPECT_EQ(parsed.config.console.bind, "127.0.0.1:8080");
}

TEST(Config, ReadsAFullFile) {
  auto parsed = ParseConfig(R"(
database = "/tmp/desk.db"
log_level = "debug"

[[modem]]
id = "quectel"
device = "usb:2c7c:0125:2"
pin = "1234"
storage = ["MT", "SM"]
sweep_interval = "2m"

[[modem]]
device = "/dev/ttyUSB0"

[desk]
default_language = "ar"
time_zone = "America/Toronto"
promise = "24h"
auto_replies_per_hour = 3
emergency_numbers = "911"

[desk.office_hours]
thursday = "09:00-12:00, 13:30-17:00"
friday = "09:00-13:00"
saturday = "closed"
sunday = "10:00-12:00"
holidays = ["2026-12-25", "2027-01-01"]

[faq]
file = "/etc/smsdesk/faq.csv"
[faq.matcher]
auto_min_confidence = 0.6

[topics.bus]
names = { fr = "autobus", ar = "باص" }
aliases = ["school bus"]
[topics.storm]

[texts.ack]
fr = "Merci ! Une modératrice vous répondra d'ici {deadline}."
)");
  ASSERT_TRUE(parsed.ok()) << FormatErrors(parsed, "t");
  const Config& c = parsed.config;
  ASSERT_EQ(c.modems.size(), 2u);
  EXPECT_EQ(c.modems[0].id, "quectel");
  EXPECT_EQ(c.modems[0].storage_preference, (std::vector<std::string>{"MT", "SM"}));
  EXPECT_EQ(c.modems[0].sweep_interval, std::chrono::minutes(2));
  EXPECT_EQ(c.modems[1].id, "modem1");
  EXPECT_EQ(c.desk.default_language, "ar");
  EXPECT_EQ(c.desk.office_hours[4][0].close, std::chrono::hours(13));
  ASSERT_EQ(c.desk.office_hours[3].size(), 2u);
  EXPECT_EQ(c.desk.office_hours[3][1].open, std::chrono::minutes(13 * 60 + 30));
  EXPECT_TRUE(c.desk.office_hours[5].empty());
  EXPECT_EQ(c.desk.office_hours[6][0].open, std::chrono::hours(10));
  EXPECT_EQ(c.desk.holidays.size(), 2u);
  EXPECT_DOUBLE_EQ(c.faq.matcher.at("auto_min_confidence"), 0.6);
  ASSERT_EQ(c.topics.size(), 2u);
  EXPECT_EQ(c.topics[0].names.at("ar"), "باص");
  EXPECT_EQ(c.topics[0].aliases, (std::vector<std::string>{"school bus"}));
  EXPECT_EQ(c.texts.at("ack").at("fr"), "Merci ! Une modératrice vous répondra d'ici {deadline}.");
}

TEST(Config, NamesEveryErrorWithItsLine) {
  auto parsed = ParseConfig(R"(log_level = "loud"
[[modem]]
pin = "12"
storage = ["XX"]
[desk]
promis = "24h"
time_zone = "Mars/Olympus"
default_language = "de"
incomplete_after = "5s"
auto_replies_per_hour = "many"
[desk.office_hours]
monday = "9 to 5"
holidays = ["2026-02-30"]
[console]
bind = "0.0.0.0:8080"
[texts.ack]
fr = "Merci, sans délai."
[texts.bogus]
en = "x"
)");
  ASSERT_FALSE(parsed.ok());
  const std::string all = FormatErrors(parsed, "f.toml");
  for (const char* expected :
       {"f.toml:1: log_level", "f.toml:3: modem[0].pin", "f.toml:4: modem[0].storage", "f.toml:2: modem[0].device",
        "f.toml:6: unknown setting desk.promis", "f.toml:7: desk.time_zone", "f.toml:8: desk.default_language",
        "f.toml:9: desk.incomplete_after", "f.toml:10: desk.auto_replies_per_hour",
        "f.toml:12: desk.office_hours.monday", "f.toml:13: desk.office_hours.holidays", "f.toml:15: console.bind",
        "f.toml:17: texts.ack.fr", "f.toml:18: texts.bogus"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << all;
  }
}

TEST(Config, RefusesOverlappingOfficePeriods) {
  auto parsed = ParseConfig("[desk.office_hours]\nmonday = \"09:00-13:00, 12:00-17:00\"\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(FormatErrors(parsed, "f").find("f:2: desk.office_hours.monday"), std::string::npos)
      << FormatErrors(parsed, "f");
}

TEST(Config, ReportsBrokenTomlWithItsLine) {
  auto parsed = ParseConfig("database = \"a\"\n[desk\nx = 1\n");
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].line, 2);
}

TEST(Config, RefusesDuplicateModemIds) {
  auto parsed = ParseConfig("[[modem]]\nid = \"a\"\ndevice = \"/dev/x\"\n[[modem]]\nid = \"a\"\ndevice = \"/dev/y\"\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(FormatErrors(parsed, "f").find("used twice"), std::string::npos);
}

TEST(Config, ReadsTheAlertsSectionAndModemReportMode) {
  auto parsed = ParseConfig(
      "[[modem]]\ndevice = \"/dev/x\"\nstatus_reports = \"direct\"\ndaily_cap = 300\n"
      "[alerts]\nfallback_language = \"fr\"\nquiet_hours = \"22:00-06:30\"\nmax_segments = 2\n");
  ASSERT_TRUE(parsed.ok()) << FormatErrors(parsed, "f");
  EXPECT_EQ(parsed.config.modems[0].status_reports, "direct");
  EXPECT_EQ(parsed.config.modems[0].daily_cap, 300);
  EXPECT_EQ(parsed.config.alerts.fallback_language, "fr");
  EXPECT_EQ(parsed.config.alerts.quiet_hours, "22:00-06:30");
  EXPECT_EQ(parsed.config.alerts.max_segments, 2);
  EXPECT_EQ(ParseConfig("").config.alerts.quiet_hours, "21:00-07:00");  // the default
}

TEST(Config, NamesWrongAlertSettings) {
  auto parsed = ParseConfig(
      "[[modem]]\ndevice = \"/dev/x\"\nstatus_reports = \"inline\"\n"
      "[alerts]\nfallback_language = \"de\"\nquiet_hours = \"late\"\nmax_segments = 0\nsend = 1\n");
  ASSERT_FALSE(parsed.ok());
  const std::string all = FormatErrors(parsed, "f");
  for (const char* expected : {"f:3: modem[0].status_reports", "f:5: alerts.fallback_language",
                               "f:6: alerts.quiet_hours", "f:7: alerts.max_segments", "f:8: unknown setting alerts.send"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << all;
  }
}

TEST(Config, ReadsOutagesAndAnAlertsOwnExpiry) {
  const Config defaults = ParseConfig("").config;
  EXPECT_EQ(defaults.outages.probe_first, std::chrono::seconds(30));
  EXPECT_EQ(defaults.outages.probe_max, std::chrono::minutes(5));
  EXPECT_EQ(defaults.outages.alert_after, std::chrono::minutes(10));
  EXPECT_EQ(defaults.alerts.expire_after, std::chrono::hours(24));
  auto parsed = ParseConfig(
      "[outages]\nprobe_first = \"1s\"\nprobe_max = \"5s\"\nalert_after = \"2m\"\n"
      "[alerts]\nexpire_after = \"6h\"\n");
  ASSERT_TRUE(parsed.ok()) << FormatErrors(parsed, "f");
  EXPECT_EQ(parsed.config.outages.probe_first, std::chrono::seconds(1));
  EXPECT_EQ(parsed.config.outages.probe_max, std::chrono::seconds(5));
  EXPECT_EQ(parsed.config.outages.alert_after, std::chrono::minutes(2));
  EXPECT_EQ(parsed.config.alerts.expire_after, std::chrono::hours(6));
}

TEST(Config, NamesWrongOutageSettings) {
  auto parsed = ParseConfig(
      "[outages]\nprobe_first = \"0s\"\nprobe_max = \"soon\"\nretry = 3\n"
      "[alerts]\nexpire_after = \"1m\"\n");
  ASSERT_FALSE(parsed.ok());
  const std::string all = FormatErrors(parsed, "f");
  for (const char* expected : {"f:2: outages.probe_first: at least 1s", "f:3: outages.probe_max",
                               "f:4: unknown setting outages.retry", "f:6: alerts.expire_after: at least 10m"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << all;
  }
  // The longest wait may not be shorter than the first.
  auto inverted = ParseConfig("[outages]\nprobe_first = \"2m\"\nprobe_max = \"1m\"\n");
  EXPECT_NE(FormatErrors(inverted, "f").find("outages.probe_max: at least outages.probe_first"), std::string::npos);
}

TEST(Config, ReadsCreditUssdAndMenu) {
  auto parsed = ParseConfig(R"(
[[modem]]
device = "/dev/ttyUSB0"
credit = "orange"
[[modem]]
device = "/dev/ttyUSB1"
credit = "off"
[topics.bus]
[credit]
check_every = "6h"
first_check_after = "1m"
low_balance = 5
expiry_warning = "10d"
cost_per_sms = 0.05
code = "*100#"
[credit.operator.orange]
match = ["Orange", "20801"]
code = "#123#"
steps = ["1", "2"]
balance_pattern = 'solde ([0-9.,]+)'
expiry_order = "ymd"
[menu]
title = { en = "Welcome" }
[[menu.item]]
title = { en = "Bus" }
join = "bus"
[ussd]
secret = "0123456789abcdef0123"
allow_from = ["196.201.214.0/24"]
max_chars = 160
)");
  ASSERT_TRUE(parsed.ok()) << FormatErrors(parsed, "t");
  const Config& c = parsed.config;
  EXPECT_EQ(c.modems[0].credit, "orange");
  EXPECT_EQ(c.credit.check_every, std::chrono::hours(6));
  EXPECT_EQ(c.credit.first_check_after, std::chrono::minutes(1));
  EXPECT_DOUBLE_EQ(c.credit.low_balance, 5.0);
  EXPECT_DOUBLE_EQ(c.credit.cost_per_sms, 0.05);
  ASSERT_EQ(c.credit.operators.size(), 1u);
  EXPECT_EQ(c.credit.operators[0].steps, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(c.credit.operators[0].match, (std::vector<std::string>{"Orange", "20801"}));
  EXPECT_EQ(c.menu.root.children.size(), 1u);
  EXPECT_TRUE(c.ussd.enabled());
  EXPECT_EQ(c.ussd.max_chars, 160);
}

TEST(Config, NamesCreditUssdAndMenuErrors) {
  auto parsed = ParseConfig(R"(
[[modem]]
device = "/dev/ttyUSB0"
credit = "nosuch"
[credit]
check_every = "1m"
low_balance = "five"
balance_pattern = '(unclosed'
expiry_pattern = 'no group'
expiry_order = "dym"
code = "*100\"#"
[ussd]
secret = "short"
allow_from = ["10.0.0.0/33"]
path = "/api/ussd"
)");
  ASSERT_FALSE(parsed.ok());
  const std::string errors = FormatErrors(parsed, "t");
  for (const char* expected : {"t:4: modem[0].credit: no [credit.operator.nosuch]", "t:6: credit.check_every: at least 10m",
                               "t:7: credit.low_balance: expected a number", "t:8: credit.balance_pattern:",
                               "t:9: credit.expiry_pattern: needs a group", "t:10: credit.expiry_order",
                               "t:11: credit.code", "t:13: ussd.secret: at least 16", "t:14: ussd.allow_from",
                               "t:15: ussd.path", "ussd: the USSD service serves the [menu]"}) {
    EXPECT_NE(errors.find(expected), std::string::npos) << expected << "\nin:\n" << errors;
  }
  // No secret and no allow-list: an open endpoint is refused.
  auto open = ParseConfig("[topics.bus]\n[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"Bus\" }\n"
                          "join = \"bus\"\n[ussd]\nmax_chars = 160\n");
  EXPECT_NE(FormatErrors(open, "t").find("set ussd.secret or ussd.allow_from"), std::string::npos)
      << FormatErrors(open, "t");
  // A menu naming a topic the config does not have.
  auto topic = ParseConfig("[menu]\ntitle = { en = \"Hi\" }\n[[menu.item]]\ntitle = { en = \"Bus\" }\njoin = \"bus\"\n");
  EXPECT_FALSE(topic.ok());
}

}  // namespace
}  // namespace smsdesk::config
