// Composing an alert: what an agency writes (texts per language, topics,
// class), checked against the config, previewed (per language the encoding
// and segments, the recipients, the estimated completion from the modems
// healthy now and their measured send rate), then created as a durable job
// (store/alerts.h). Shared by the console, the JSON API, `smsdesk alert` and
// alerts by SMS from an agency phone.
//
// Classes: emergency preempts all other traffic and ignores quiet hours;
// info waits for the end of quiet hours in the desk's time zone.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/base/quiet_hours.h"
#include "modem/result.h"
#include "store/alerts.h"
#include "store/status.h"

namespace smsdesk::store {
class Database;
}

namespace smsdesk::alerts {

struct AlertSettings {
  std::vector<std::string> topics;     // topic ids from the config
  std::vector<std::string> languages;  // the desk's languages
  std::string fallback_lang = "en";
  std::optional<QuietHours> quiet_hours;
  std::string time_zone = "UTC";
  int max_segments = 4;  // longer texts are refused (cost, and old phones)
  std::int64_t expire_after = 24 * 3600;  // seconds from the start; unsent copies expire then
  // credit.cost_per_sms (0: unknown, not checked) and the modems whose SIM
  // credit is read by USSD (alert_credit.h).
  double cost_per_sms = 0;
  std::vector<std::string> credit_modems;
};

// When an alert of `alert_class` composed at `now` may start: now, or the
// end of the quiet period `now` falls in (info only).
std::int64_t ReleaseAt(const AlertSettings& settings, store::AlertClass alert_class, std::int64_t now);

// A modem as the pool sees it: able to send now, its pace, its measured
// time per segment (0: not measured yet) and its daily cap.
struct ModemCapacity {
  std::string id;
  bool ready = false;
  int sends_per_minute = 0;            // 0: unpaced
  double seconds_per_segment = 0;      // measured over recent sends
  std::int64_t daily_cap = 0;          // 0: none
  std::int64_t sent_today = 0;
};

// Segments per second the pool can carry now (ready modems under their cap).
double PoolRate(const std::vector<ModemCapacity>& pool);

// The pool as JSON and back, for `smsdesk alert` in another process (the
// daemon keeps it in the store's meta table under kPoolMetaKey).
inline constexpr std::string_view kPoolMetaKey = "modem_pool";
std::string PoolToJson(const std::vector<ModemCapacity>& pool, std::int64_t at);
// Entries and the time they were written; nullopt on malformed JSON.
std::optional<std::pair<std::vector<ModemCapacity>, std::int64_t>> PoolFromJson(std::string_view json);

struct AlertDraft {
  std::vector<std::string> topics;
  store::AlertClass alert_class = store::AlertClass::kInfo;
  std::map<std::string, std::string> texts;  // lang -> text
  std::string fallback_lang;                 // empty: the settings' fallback
  std::string source;                        // console, api, cli, sms
  std::optional<std::int64_t> created_by;
};

struct TextPlan {
  std::string lang;
  std::string encoding;  // "GSM-7" or "UCS-2"
  std::size_t characters = 0;
  int segments = 0;
  std::int64_t recipients = 0;  // who get this text
};

struct AlertPreview {
  std::vector<std::string> errors;    // the alert cannot be sent as it is
  std::vector<std::string> warnings;  // it can, but the sender should know
  std::vector<TextPlan> texts;
  std::string fallback_lang;
  std::int64_t recipients = 0;
  std::int64_t segments = 0;          // to send in all
  int modems_ready = 0;
  double segments_per_second = 0;
  std::optional<std::int64_t> seconds;  // estimated sending time; none without a modem
  std::int64_t release_at = 0;          // when it starts
  bool held = false;                    // waits for the end of quiet hours
  bool ok() const { return errors.empty(); }
};

// Checks the draft against the settings and counts its audience.
store::StatusOr<AlertPreview> Preview(store::Database& db, const AlertSettings& settings, const AlertDraft& draft,
                                      const std::vector<ModemCapacity>& pool, std::int64_t now);

// Preview, then the job and its audit row in one transaction. kInvalid with
// the preview's errors when it cannot be sent.
store::StatusOr<std::int64_t> CreateAlert(store::Database& db, const AlertSettings& settings, const AlertDraft& draft,
                                          const std::string& actor, std::int64_t now);
// The same inside the caller's transaction (the desk's routing of an SMS).
store::StatusOr<std::int64_t> CreateAlertInTransaction(store::Database& db, const AlertSettings& settings,
                                                       const AlertDraft& draft, const std::string& actor,
                                                       std::int64_t now);

// "3 min", "1 h 20 min", "40 s": for previews and confirmations.
std::string DescribeDuration(std::int64_t seconds);

}  // namespace smsdesk::alerts
