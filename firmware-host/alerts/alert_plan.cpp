#include "firmware-host/alerts/alert_plan.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "firmware-host/alerts/alert_credit.h"

#include "modem/bidi_marks.h"
#include "modem/segmenter.h"
#include "store/audit_log.h"
#include "store/database.h"

namespace smsdesk::alerts {
namespace {

// A modem whose speed is not measured yet: a typical USB stick's send time
// (docs/modem.md §5: 1–4 s per SMS-SUBMIT round trip).
constexpr double kUnmeasuredSecondsPerSegment = 3.0;

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string Join(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::int64_t ReleaseAt(const AlertSettings& settings, store::AlertClass alert_class, std::int64_t now) {
  if (alert_class == store::AlertClass::kEmergency || !settings.quiet_hours) return now;
  return QuietUntil(*settings.quiet_hours, settings.time_zone, now);
}

double PoolRate(const std::vector<ModemCapacity>& pool) {
  double rate = 0;
  for (const ModemCapacity& m : pool) {
    if (!m.ready || (m.daily_cap > 0 && m.sent_today >= m.daily_cap)) continue;
    double seconds = m.seconds_per_segment > 0 ? m.seconds_per_segment : kUnmeasuredSecondsPerSegment;
    if (m.sends_per_minute > 0) seconds = std::max(seconds, 60.0 / m.sends_per_minute);
    rate += 1.0 / seconds;
  }
  return rate;
}

std::string PoolToJson(const std::vector<ModemCapacity>& pool, std::int64_t at) {
  nlohmann::json modems = nlohmann::json::array();
  for (const ModemCapacity& m : pool) {
    modems.push_back({{"id", m.id},
                      {"ready", m.ready},
                      {"sends_per_minute", m.sends_per_minute},
                      {"seconds_per_segment", m.seconds_per_segment},
                      {"daily_cap", m.daily_cap},
                      {"sent_today", m.sent_today}});
  }
  return nlohmann::json{{"at", at}, {"modems", modems}}.dump();
}

std::optional<std::pair<std::vector<ModemCapacity>, std::int64_t>> PoolFromJson(std::string_view json) {
  auto parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("modems") || !parsed["modems"].is_array()) {
    return std::nullopt;
  }
  std::vector<ModemCapacity> pool;
  for (const auto& m : parsed["modems"]) {
    if (!m.is_object()) return std::nullopt;
    ModemCapacity c;
    c.id = m.value("id", "");
    c.ready = m.value("ready", false);
    c.sends_per_minute = m.value("sends_per_minute", 0);
    c.seconds_per_segment = m.value("seconds_per_segment", 0.0);
    c.daily_cap = m.value("daily_cap", std::int64_t{0});
    c.sent_today = m.value("sent_today", std::int64_t{0});
    pool.push_back(std::move(c));
  }
  return std::make_pair(std::move(pool), parsed.value("at", std::int64_t{0}));
}

store::StatusOr<AlertPreview> Preview(store::Database& db, const AlertSettings& settings, const AlertDraft& draft,
                                      const std::vector<ModemCapacity>& pool, std::int64_t now) {
  AlertPreview p;
  p.fallback_lang = draft.fallback_lang.empty() ? settings.fallback_lang : draft.fallback_lang;
  if (draft.topics.empty()) p.errors.push_back("choose at least one topic (" + Join(settings.topics) + ")");
  for (const std::string& topic : draft.topics) {
    if (!Contains(settings.topics, topic)) {
      p.errors.push_back("unknown topic \"" + topic + "\" (the config has: " + Join(settings.topics) + ")");
    }
  }
  std::vector<std::string> langs;
  for (const auto& [lang, text] : draft.texts) {
    if (text.empty()) continue;
    if (!Contains(settings.languages, lang)) {
      p.errors.push_back("unknown language \"" + lang + "\" (the desk's languages: " + Join(settings.languages) + ")");
      continue;
    }
    langs.push_back(lang);
    // As it will leave: with its numbers marked left to right (the sender
    // adds the marks, modem/bidi_marks.h), so the count is the real one.
    auto plan = modem::PlanSegments(modem::MarkNumbersLeftToRight(text), {.allow_national_shift = false});
    if (!plan) {
      p.errors.push_back(lang + ": " + plan.error().message);
      continue;
    }
    const int segments = static_cast<int>(plan->segments.size());
    p.texts.push_back({.lang = lang,
                       .encoding = plan->encoding == modem::Encoding::kGsm7 ? "GSM-7" : "UCS-2",
                       .characters = plan->characters,
                       .segments = segments});
    if (segments > settings.max_segments) {
      p.errors.push_back(lang + ": " + std::to_string(segments) + " SMS per recipient; at most " +
                         std::to_string(settings.max_segments) + " (alerts.max_segments) — shorten the text");
    }
  }
  if (langs.empty()) p.errors.push_back("write the alert's text in at least one language");
  if (!langs.empty() && !Contains(langs, p.fallback_lang)) {
    p.errors.push_back("write a text in " + p.fallback_lang +
                       ": subscribers without a text in their language get that one");
  }
  if (!p.errors.empty()) return p;

  store::Alerts alerts(db);
  auto audience = alerts.Audience(draft.topics, langs, p.fallback_lang);
  if (!audience.ok()) return audience.status();
  p.recipients = audience->total;
  for (TextPlan& text : p.texts) {
    const auto count = audience->by_text_lang.find(text.lang);
    text.recipients = count == audience->by_text_lang.end() ? 0 : count->second;
    p.segments += text.recipients * text.segments;
  }
  if (p.recipients == 0) p.warnings.push_back("nobody is subscribed to " + Join(draft.topics) + " yet");

  p.release_at = ReleaseAt(settings, draft.alert_class, now);
  p.held = p.release_at > now;
  for (const ModemCapacity& m : pool) {
    if (m.ready && !(m.daily_cap > 0 && m.sent_today >= m.daily_cap)) ++p.modems_ready;
  }
  p.segments_per_second = PoolRate(pool);
  if (p.segments_per_second > 0) {
    p.seconds = static_cast<std::int64_t>(std::ceil(static_cast<double>(p.segments) / p.segments_per_second));
  } else if (p.recipients > 0) {
    p.warnings.push_back("no modem can send now; the alert waits until one can");
  }
  std::int64_t capacity_today = 0;
  bool capped = false;
  for (const ModemCapacity& m : pool) {
    if (m.daily_cap <= 0) {
      capped = false;
      capacity_today = -1;
      break;
    }
    capped = true;
    capacity_today += std::max<std::int64_t>(0, m.daily_cap - m.sent_today);
  }
  if (capped && capacity_today < p.segments) {
    p.warnings.push_back("the modems' daily caps leave " + std::to_string(capacity_today) + " of " +
                         std::to_string(p.segments) + " SMS for today; the rest goes tomorrow");
  }
  if (auto s = CheckCredit(db, settings, p); !s.ok()) return s;
  return p;
}

store::StatusOr<std::int64_t> CreateAlertInTransaction(store::Database& db, const AlertSettings& settings,
                                                       const AlertDraft& draft, const std::string& actor,
                                                       std::int64_t now) {
  auto preview = Preview(db, settings, draft, {}, now);
  if (!preview.ok()) return preview.status();
  if (!preview->ok()) {
    std::string message;
    for (const std::string& e : preview->errors) message += (message.empty() ? "" : "; ") + e;
    return store::Status::Error(store::Status::Code::kInvalid, message);
  }
  store::NewAlert alert{.topics = draft.topics,
                        .alert_class = draft.alert_class,
                        .fallback_lang = preview->fallback_lang,
                        .source = draft.source,
                        .created_by = draft.created_by,
                        .release_at = preview->release_at,
                        .expire_after = settings.expire_after};
  for (const auto& [lang, text] : draft.texts) {
    if (!text.empty()) alert.texts[lang] = text;
  }
  auto id = store::Alerts(db).Create(alert, now);
  if (!id.ok()) return id.status();
  std::string langs;
  for (const auto& [lang, text] : alert.texts) langs += (langs.empty() ? "" : ",") + lang;
  const std::string detail = std::string(store::AlertClassName(draft.alert_class)) + " to " + Join(draft.topics) +
                             " in " + langs + " via " + draft.source +
                             (preview->held ? ", held for quiet hours" : "");
  if (auto s = store::AuditLog(db).Record({.at = now,
                                          .actor = actor,
                                          .action = "alert.create",
                                          .object = "alert:" + std::to_string(*id),
                                          .detail = detail});
      !s.ok()) {
    return s;
  }
  return id;
}

store::StatusOr<std::int64_t> CreateAlert(store::Database& db, const AlertSettings& settings, const AlertDraft& draft,
                                          const std::string& actor, std::int64_t now) {
  store::Transaction tx(db);
  if (!tx.begin_status().ok()) return tx.begin_status();
  auto id = CreateAlertInTransaction(db, settings, draft, actor, now);
  if (!id.ok()) return id;
  if (auto s = tx.Commit(); !s.ok()) return s;
  return id;
}

std::string DescribeDuration(std::int64_t seconds) {
  if (seconds < 60) return std::to_string(std::max<std::int64_t>(seconds, 1)) + " s";
  const std::int64_t minutes_total = (seconds + 59) / 60;
  if (minutes_total < 60) return std::to_string(minutes_total) + " min";
  const std::int64_t hours = minutes_total / 60, rest = minutes_total % 60;
  return std::to_string(hours) + " h" + (rest ? " " + std::to_string(rest) + " min" : "");
}

}  // namespace smsdesk::alerts
