// Desk, alerts by SMS: an agency's registered phone sends
//   ALERT 482193 BUS No school buses today because of the ice storm.
//   ALERT 482193 URGENT ALL Shelter in place: tornado warning until 18:00.
// (ALERTE, ALERTA and تنبيه work too.) The caller ID can be forged, so the
// PIN is what proves the agency: checked against the user's argon2id hash
// (6 digits at least), wrong PINs throttled per sending number with a wait
// that doubles (desk_pins.cpp), the admins told when a lock-out starts.
// The text goes to every subscriber of the topic (ALL: of every topic) as
// the fallback-language text, through the same job as the console's. The
// sender gets a confirmation with the recipients and the estimated time, or
// the reason nothing was sent. A number that is not an active agency
// account's gets nothing sent: its "ALERT …" is an ordinary question (with
// the PIN redacted, as every stored text is: desk_routing.cpp). A text typed
// into a USSD session is never an alert.
#include "firmware-host/desk/desk.h"
#include "firmware-host/routing/sms_commands.h"
#include "store/accounts.h"
#include "store/alerts.h"
#include "store/audit_log.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

bool MaySendAlerts(const store::UserRecord& user) {
  return !user.disabled && user.pin_hash && (user.role == "agency" || user.role == "admin");
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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
  if (!config_.alerts_by_sms || message.modem == kUssdChannel) return false;
  const auto alert = ParseSmsAlertCommand(message.body.value_or(""));
  if (!alert) return false;
  store::Accounts accounts(db_);
  auto user = accounts.FindUserByPhone(sender);
  if (!user.ok()) return user.status();
  if (!*user || !MaySendAlerts(**user)) return false;
  const store::UserRecord& agency = **user;

  std::string answer;
  auto verdict = CheckSmsPin(agency, sender, alert->pin, "alert", now);
  if (!verdict.ok()) return verdict.status();
  if (verdict->check == PinCheck::kLocked) {
    // Told when the lock started; each guess during it gets no SMS.
  } else if (verdict->check == PinCheck::kWrong) {
    answer = "Wrong PIN. Nothing was sent.";
    if (verdict->locked_until > 0) answer += " Too many wrong PINs: alerts from this phone are paused; use the console.";
  } else if (verdict->check == PinCheck::kTooShort) {
    answer = "Not sent: alert PINs need 6 digits or more now. Ask an admin to set a new one, or use the console.";
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
  if (!answer.empty()) {
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
  }
  if (auto s = tickets_.MarkRouted(message.id, Seconds(now), std::nullopt); !s.ok()) return s;
  return true;
}

}  // namespace smsdesk::desk
