// Desk, alerts by SMS: an agency's registered phone sends
//   ALERT 4821 BUS No school buses today because of the ice storm.
//   ALERT 4821 URGENT ALL Shelter in place: tornado warning until 18:00.
// (ALERTE and تنبيه work too.) The PIN is checked against the agency user's
// argon2id hash; five wrong PINs in an hour lock the phone out for the rest of
// that hour. The text goes to every subscriber of the topic (ALL: of every
// topic) as the fallback-language text, through the same job as the console's.
// The sender gets a confirmation with the recipients and the estimated time,
// or the reason nothing was sent. A number that is not an active agency
// account's gets nothing sent: its "ALERT …" is an ordinary question.
// The stored message keeps the text with the PIN blanked.
#include <regex>

#include "firmware-host/console/auth.h"
#include "firmware-host/desk/desk.h"
#include "store/accounts.h"
#include "store/alerts.h"
#include "store/audit_log.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

constexpr int kPinFailuresPerHour = 5;

bool MaySendAlerts(const store::UserRecord& user) {
  return !user.disabled && user.pin_hash && (user.role == "agency" || user.role == "admin");
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct SmsAlert {
  std::string pin;
  bool emergency = false;
  std::string topic_word;
  std::string text;
};

// "ALERT <PIN> [URGENT|EMERGENCY|!] <TOPIC> <text>".
std::optional<SmsAlert> ParseSmsAlert(const std::string& body) {
  static const std::regex kAlert(
      R"(^\s*(?:alert|alerte|alerta|تنبيه)\s+(\d{4,8})\s+(?:(urgent|emergency|urgence|!)\s+)?(\S+)\s+([\s\S]+?)\s*$)",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_match(body, m, kAlert)) return std::nullopt;
  return SmsAlert{.pin = m[1], .emergency = m[2].matched, .topic_word = m[3], .text = m[4]};
}

// The topic ids a word names: an id, a name in any language or an alias;
// ALL/TOUS/TODOS: every topic.
std::vector<std::string> TopicsNamed(const std::string& word, const DeskConfig& config) {
  const std::string w = Lower(word);
  std::vector<std::string> ids;
  if (w == "all" || w == "tous" || w == "todos" || w == "الكل") {
    for (const Topic& t : config.topics) ids.push_back(t.id);
    return ids;
  }
  for (const Topic& t : config.topics) {
    bool named = Lower(t.id) == w;
    for (const auto& [lang, name] : t.names) named = named || Lower(name) == w;
    for (const std::string& alias : t.aliases) named = named || Lower(alias) == w;
    if (named) return {t.id};
  }
  return ids;
}

}  // namespace

store::StatusOr<bool> Desk::TryAgencyAlert(const store::MessageRecord& message, const std::string& sender,
                                           sys_seconds now, RouteSummary& summary) {
  const std::string body = message.body.value_or("");
  const auto alert = ParseSmsAlert(body);
  if (!alert) return false;
  store::Accounts accounts(db_);
  auto user = accounts.FindUserByPhone(sender);
  if (!user.ok()) return user.status();
  if (!*user || !MaySendAlerts(**user)) return false;
  const store::UserRecord& agency = **user;
  const std::string object = "user:" + agency.name;

  // The PIN never stays in the store.
  std::string redacted = body;
  if (const auto at = redacted.find(alert->pin); at != std::string::npos) {
    redacted.replace(at, alert->pin.size(), std::string(alert->pin.size(), '*'));
  }
  if (auto s = tickets_.RedactBody(message.id, redacted); !s.ok()) return s;

  std::string answer;
  auto failures = audit_.CountSince("alert.pin_refused", object, Seconds(now) - 3600);
  if (!failures.ok()) return failures.status();
  if (*failures >= kPinFailuresPerHour) {
    answer = "Too many wrong PINs: alerts from this phone are locked for up to an hour. Nothing was sent.";
    if (auto s = audit_.Record({.at = Seconds(now), .actor = agency.name + " (sms)", .action = "alert.locked",
                                .object = object});
        !s.ok()) {
      return s;
    }
  } else if (!console::VerifyPassword(alert->pin, *agency.pin_hash)) {
    answer = "Wrong PIN. Nothing was sent.";
    if (auto s = audit_.Record({.at = Seconds(now), .actor = agency.name + " (sms)", .action = "alert.pin_refused",
                                .object = object});
        !s.ok()) {
      return s;
    }
  } else {
    const std::vector<std::string> topics = TopicsNamed(alert->topic_word, config_);
    const alerts::AlertSettings& settings = config_.alerts;
    if (topics.empty()) {
      std::string known;
      for (const Topic& t : config_.topics) known += (known.empty() ? "" : ", ") + t.id;
      answer = "Unknown topic \"" + alert->topic_word + "\". Topics: " + (known.empty() ? "none" : known) +
               ", or ALL. Nothing was sent.";
    } else {
      alerts::AlertDraft draft{.topics = topics,
                               .alert_class = alert->emergency ? store::AlertClass::kEmergency
                                                               : store::AlertClass::kInfo,
                               .texts = {{settings.fallback_lang, alert->text}},
                               .source = "sms",
                               .created_by = agency.id};
      auto preview = alerts::Preview(db_, settings, draft, pool_(), Seconds(now));
      if (!preview.ok()) return preview.status();
      if (!preview->ok()) {
        answer = "Not sent: " + preview->errors.front();
      } else {
        auto id = alerts::CreateAlertInTransaction(db_, settings, draft, agency.name + " (sms)", Seconds(now));
        if (!id.ok()) return id.status();
        answer = "Alert #" + std::to_string(*id) + " to " + std::to_string(preview->recipients) + " subscriber(s)";
        if (preview->held) {
          answer += ", held for quiet hours, starts in " + alerts::DescribeDuration(preview->release_at - Seconds(now));
        } else if (preview->seconds) {
          answer += ", about " + alerts::DescribeDuration(*preview->seconds);
        }
        answer += ".";
        ++summary.alerts;
      }
    }
  }
  auto out = tickets_.AddMessage(
      {.contact_id = message.contact_id, .direction = "out", .body = answer, .at = Seconds(now), .kind = "alert"});
  if (!out.ok()) return out.status();
  auto sent = outbox_.Enqueue({.to = sender,
                               .body = answer,
                               .priority = store::OutboxPriority::kUrgent,
                               .message_id = *out,
                               .via = message.modem},
                              Seconds(now));
  if (!sent.ok()) return sent.status();
  if (auto s = tickets_.MarkRouted(message.id, Seconds(now), std::nullopt); !s.ok()) return s;
  return true;
}

}  // namespace smsdesk::desk
