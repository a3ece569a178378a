#include "firmware-host/desk/desk_settings.h"

#include <algorithm>

namespace smsdesk::desk {

modem::Result<DeskSettings> BuildDeskConfig(const config::Config& config) {
  const config::DeskConfig& in = config.desk;
  OfficeHoursConfig hours{.time_zone = in.time_zone,
                          .promise = std::chrono::duration_cast<std::chrono::hours>(in.promise)};
  // The config's week starts on Monday; OfficeHoursConfig's on Sunday (c_encoding).
  for (size_t day = 0; day < 7; ++day) hours.week[(day + 1) % 7] = in.office_hours[day];
  for (const std::string& holiday : in.holidays) {
    auto date = ParseLocalDate(holiday);
    if (!date) return date.error();
    hours.holidays.push_back(*date);
  }
  auto office_hours = OfficeHours::Create(std::move(hours));
  if (!office_hours) return office_hours.error();

  DeskSettings out{{.office_hours = std::move(*office_hours)}};
  for (const config::TopicConfig& t : config.topics) {
    Topic topic{.id = t.id, .aliases = t.aliases};
    for (const auto& [code, name] : t.names) {
      const faq::Lang lang = faq::LangFromCode(code);
      if (lang == faq::Lang::kUnknown) return modem::MakeError("topics." + t.id + ": unknown language " + code);
      topic.names[lang] = name;
    }
    out.topics.push_back(std::move(topic));
  }
  out.loop.auto_replies_per_hour = in.auto_replies_per_hour;
  out.loop.repeat_window = in.duplicate_window;
  out.emergency_numbers = in.emergency_numbers;
  out.default_lang = faq::LangFromCode(in.default_language);
  if (out.default_lang == faq::Lang::kUnknown) out.default_lang = faq::Lang::kEn;
  for (const auto& [name, by_lang] : config.texts) {
    const auto key = TextKeyFromName(name);
    if (!key) return modem::MakeError("texts." + name + ": unknown text");
    for (const auto& [code, text] : by_lang) {
      if (!out.texts.Override(*key, faq::LangFromCode(code), text))
        return modem::MakeError("texts." + name + "." + code + ": wrong placeholders");
    }
  }
  out.blocked_senders = in.blocked_senders;
  out.relay = in.relay_notify == "none"     ? DeskConfig::RelayNotify::kNone
              : in.relay_notify == "urgent" ? DeskConfig::RelayNotify::kUrgent
                                            : DeskConfig::RelayNotify::kAll;
  out.relay_answers = in.relay_answers;
  out.alerts_by_sms = config.alerts.by_sms;
  auto alert_settings = BuildAlertSettings(config);
  if (!alert_settings) return alert_settings.error();
  out.alerts = std::move(*alert_settings);
  return out;
}

modem::Result<alerts::AlertSettings> BuildAlertSettings(const config::Config& config) {
  alerts::AlertSettings out{.languages = config.desk.languages,
                            .fallback_lang = config.alerts.fallback_language.empty()
                                                 ? config.desk.default_language
                                                 : config.alerts.fallback_language,
                            .time_zone = config.desk.time_zone,
                            .max_segments = config.alerts.max_segments,
                            .expire_after = config.alerts.expire_after.count()};
  for (const config::TopicConfig& t : config.topics) out.topics.push_back(t.id);
  out.cost_per_sms = config.credit.cost_per_sms;
  for (const config::ModemConfig& m : config.modems) {
    if (m.credit != "off") out.credit_modems.push_back(m.id);
  }
  auto quiet = ParseQuietHours(config.alerts.quiet_hours);
  if (!quiet) return modem::MakeError("alerts.quiet_hours: " + quiet.error().message);
  out.quiet_hours = *quiet;
  return out;
}

}  // namespace smsdesk::desk
