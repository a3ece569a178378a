#include "firmware-host/daemon/credit_watch.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "firmware-host/base/store_warn.h"
#include "store/accounts.h"
#include "store/outbox.h"
#include "store/sim_credit.h"

namespace smsdesk::daemon {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// "20801" is an MCC+MNC, matched against the IMSI; anything else a part of
// the operator's name as the modem reports it (AT+COPS?).
bool Matches(const config::CreditRuleConfig& rule, const std::string& operator_name, const std::string& imsi) {
  for (const std::string& m : rule.match) {
    const bool digits = !m.empty() && m.find_first_not_of("0123456789") == std::string::npos;
    if (digits ? imsi.starts_with(m) : (!operator_name.empty() && Lower(operator_name).find(Lower(m)) != std::string::npos)) {
      return true;
    }
  }
  return false;
}

std::string IsoDate(const std::chrono::year_month_day& day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

std::optional<std::chrono::sys_days> ParseIsoDate(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days(day);
}

}  // namespace

struct CreditWatch::Slot {
  std::string id;
  modem::ModemDriver* driver = nullptr;
  std::string setting;
  bool ready = false;
  std::optional<TimePoint> due;
  std::unique_ptr<credit::CreditCheck> check;  // while a dialogue runs
};

CreditWatch::CreditWatch(boost::asio::io_context& io, const Clock& clock, store::Database& db,
                         config::CreditConfig config, std::function<void()> outbox_changed)
    : io_(io),
      clock_(clock),
      db_(db),
      config_(std::move(config)),
      outbox_changed_(std::move(outbox_changed)),
      timer_(clock.MakeTimer(io)) {}

CreditWatch::~CreditWatch() { Stop(); }

void CreditWatch::AddModem(const std::string& id, modem::ModemDriver& driver, const std::string& setting) {
  auto slot = std::make_unique<Slot>();
  slot->id = id;
  slot->driver = &driver;
  slot->setting = setting;
  slots_.push_back(std::move(slot));
}

std::optional<config::CreditRuleConfig> CreditWatch::RuleFor(const Slot& slot) const {
  if (slot.setting == "off") return std::nullopt;
  if (!slot.setting.empty()) {
    for (const auto& rule : config_.operators) {
      if (rule.name == slot.setting) return rule;
    }
    return std::nullopt;  // the config check refuses unknown names
  }
  const std::string operator_name = slot.driver->health().operator_name;
  for (const auto& rule : config_.operators) {
    if (Matches(rule, operator_name, slot.driver->info().imsi)) return rule;
  }
  return config_.rule;
}

void CreditWatch::OnReady(const std::string& id) {
  for (auto& slot : slots_) {
    if (slot->id != id) continue;
    slot->ready = true;
    if (config_.check_every.count() == 0 || slot->setting == "off") return;
    // A reading fresher than check_every (the daemon restarted) is kept.
    TimePoint at = clock_.Steady() + config_.first_check_after;
    if (auto row = store::SimCredit(db_).Get(id); row.ok() && *row && (*row)->checked_at) {
      const auto age = std::chrono::seconds(clock_.NowSeconds() - *(*row)->checked_at);
      if (age >= std::chrono::seconds(0) && age < config_.check_every) {
        at = std::max(at, clock_.Steady() + (config_.check_every - age));
      }
    }
    Schedule(*slot, at);
  }
}

void CreditWatch::OnLost(const std::string& id) {
  for (auto& slot : slots_) {
    if (slot->id != id) continue;
    slot->ready = false;
    slot->due.reset();
    if (slot->check) slot->check->Cancel();
    slot->check.reset();
  }
  Arm();
}

bool CreditWatch::CheckNow(const std::string& id) {
  for (auto& slot : slots_) {
    if (slot->id != id) continue;
    if (!slot->ready || slot->check || !RuleFor(*slot)) return false;
    Run(*slot);
    return true;
  }
  return false;
}

void CreditWatch::CheckAllSoon() {
  if (config_.check_every.count() == 0) return;
  const auto soon = clock_.Steady() + std::chrono::seconds(5);
  for (auto& slot : slots_) {
    if (slot->ready && slot->setting != "off" && (!slot->due || *slot->due > soon)) slot->due = soon;
  }
  Arm();
}

void CreditWatch::SetConfig(config::CreditConfig config) {
  config_ = std::move(config);
  for (auto& slot : slots_) {
    if (config_.check_every.count() == 0) slot->due.reset();
  }
  Arm();
}

void CreditWatch::Stop() {
  stopped_ = true;
  timer_->Cancel();
  for (auto& slot : slots_) {
    if (slot->check) slot->check->Cancel();
    slot->check.reset();
  }
}

void CreditWatch::Schedule(Slot& slot, TimePoint at) {
  slot.due = at;
  Arm();
}

void CreditWatch::Arm() {
  if (stopped_) return;
  std::optional<TimePoint> next;
  for (const auto& slot : slots_) {
    if (slot->due && (!next || *slot->due < *next)) next = slot->due;
  }
  if (!next || (armed_ && *armed_ == *next)) return;
  armed_ = next;
  timer_->ArmAt(*next, [this] {
    armed_.reset();
    OnTimer();
  });
}

void CreditWatch::OnTimer() {
  const auto now = clock_.Steady();
  for (auto& slot : slots_) {
    if (!slot->due || *slot->due > now) continue;
    slot->due.reset();
    if (slot->ready && !slot->check) Run(*slot);
  }
  Arm();
}

void CreditWatch::Run(Slot& slot) {
  const std::optional<config::CreditRuleConfig> rule = RuleFor(slot);
  if (!rule) return;
  auto compiled = credit::CompiledRule::Compile({.code = rule->code,
                                                 .steps = rule->steps,
                                                 .balance_pattern = rule->balance_pattern,
                                                 .expiry_pattern = rule->expiry_pattern,
                                                 .expiry_order = rule->expiry_order,
                                                 .currency = rule->currency});
  if (!compiled) {
    // check-config compiles the same patterns; only a bug lands here.
    spdlog::error("{}: credit rule {}: {}", slot.id, rule->name.empty() ? "[credit]" : rule->name,
                  compiled.error().message);
    return;
  }
  spdlog::debug("{}: checking the SIM's credit with {}", slot.id, rule->code);
  slot.check = std::make_unique<credit::CreditCheck>(*slot.driver, std::move(*compiled));
  slot.check->Start([this, &slot](modem::Result<credit::CreditReading> reading) {
    // Finish may destroy the check this callback belongs to: leave first.
    boost::asio::post(io_, [this, &slot, reading = std::move(reading)] { Finish(slot, reading); });
  });
}

void CreditWatch::Finish(Slot& slot, const modem::Result<credit::CreditReading>& reading) {
  slot.check.reset();
  if (stopped_) return;
  store::SimCredit credit(db_);
  const std::int64_t now = clock_.NowSeconds();
  if (reading && reading->amount) {
    const store::CreditUpdate update{
        .amount = *reading->amount,
        .currency = reading->currency,
        .expires_on = reading->expiry ? std::optional<std::string>(IsoDate(*reading->expiry)) : std::nullopt,
        .screen = reading->text};
    if (auto s = credit.RecordReading(slot.id, update, now); !s.ok()) {
      spdlog::warn("{}: could not store the credit reading: {}", slot.id, s.message());
    } else {
      spdlog::info("{}: SIM credit {}{}", slot.id, credit::FormatAmount(*reading->amount, reading->currency),
                   update.expires_on ? ", valid until " + *update.expires_on : "");
      CheckThresholds(slot.id);
    }
  } else {
    const std::string error = reading ? "no amount in the answer" : reading.error().message;
    spdlog::warn("{}: SIM credit check failed: {}", slot.id, error);
    WarnIfFailed(credit.RecordFailure(slot.id, error, now), slot.id + "'s failed credit check");
  }
  if (on_reading_) {
    on_reading_(slot.id, reading ? reading->amount : std::nullopt,
                reading && reading->amount ? "SIM credit " + credit::FormatAmount(*reading->amount, reading->currency)
                                           : "credit check failed");
  }
  if (slot.ready && config_.check_every.count() > 0) {
    const auto next = reading ? std::chrono::duration_cast<std::chrono::seconds>(config_.check_every)
                              : std::min<std::chrono::seconds>(config_.check_every, kRetry);
    Schedule(slot, clock_.Steady() + next);
  }
}

void CreditWatch::CheckThresholds(const std::string& modem) {
  store::SimCredit credit(db_);
  auto row = credit.Get(modem);
  if (!row.ok() || !*row || !(*row)->amount) return;
  const store::SimCreditRecord& r = **row;
  const std::int64_t now = clock_.NowSeconds();
  if (config_.low_balance > 0) {
    const bool low = *r.amount < config_.low_balance;
    if (low && !r.low_warned_at) {
      spdlog::warn("{}: SIM credit is low: {} (warning below {})", modem, credit::FormatAmount(*r.amount, r.currency),
                   credit::FormatAmount(config_.low_balance, r.currency));
      NotifyAdmins("smsdesk: the SIM of " + modem + " has " + credit::FormatAmount(*r.amount, r.currency) +
                   " credit left (warning below " + credit::FormatAmount(config_.low_balance, r.currency) +
                   "). Top it up, or answers and alerts stop going out.");
      WarnIfFailed(credit.SetLowWarned(modem, now), modem + "'s low-credit warning");
    } else if (!low && r.low_warned_at) {
      spdlog::info("{}: SIM credit topped up: {}", modem, credit::FormatAmount(*r.amount, r.currency));
      WarnIfFailed(credit.SetLowWarned(modem, std::nullopt), modem + "'s top-up");
    }
  }
  if (r.expires_on && !r.expiry_warned_at && config_.expiry_warning.count() > 0) {
    if (auto expiry = ParseIsoDate(*r.expires_on)) {
      const auto left = *expiry - std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(now)));
      if (left <= std::chrono::duration_cast<std::chrono::days>(config_.expiry_warning)) {
        const long days = static_cast<long>(left.count());
        spdlog::warn("{}: SIM validity ends on {} ({} days)", modem, *r.expires_on, days);
        NotifyAdmins("smsdesk: the SIM of " + modem + (days < 0 ? " expired on " : " expires on ") + *r.expires_on +
                     (days >= 0 ? " (in " + std::to_string(days) + " days)" : "") +
                     ". Renew it, or its number stops working.");
        WarnIfFailed(credit.SetExpiryWarned(modem, now), modem + "'s expiry warning");
      }
    }
  }
}

void CreditWatch::NotifyAdmins(const std::string& text) {
  auto users = store::Accounts(db_).Users();
  if (!users.ok()) return;
  store::Outbox outbox(db_);
  int queued = 0;
  for (const store::UserRecord& user : *users) {
    if (user.role != "admin" || user.disabled || !user.phone) continue;
    if (outbox.Enqueue({.to = *user.phone, .body = text, .priority = store::OutboxPriority::kReply}, clock_.NowSeconds()).ok()) {
      ++queued;
    }
  }
  if (queued == 0) spdlog::warn("no admin has a phone number for credit warnings (smsdesk user phone NAME +NUMBER)");
  if (queued > 0 && outbox_changed_) outbox_changed_();
}

}  // namespace smsdesk::daemon
