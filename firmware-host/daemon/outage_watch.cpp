#include "firmware-host/daemon/outage_watch.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/base/store_warn.h"
#include "store/accounts.h"
#include "store/outbox.h"

namespace smsdesk::daemon {
namespace {

// Worth the admins' attention once it lasts alert_after: one lone network
// error that nothing has tested since may be a fluke (a second failure, a
// zero balance or lost registration is not).
bool WorthTelling(const SendGate& gate) {
  return gate.since() && gate.state() != SendGate::State::kOpen &&
         (gate.failures() >= 2 || gate.cause() != SendGate::Cause::kNetwork);
}

}  // namespace

OutageWatch::OutageWatch(boost::asio::io_context& io, store::Database& db, config::OutagesConfig config, Hooks hooks)
    : io_(io), db_(db), config_(std::move(config)), hooks_(std::move(hooks)), timer_(hooks_.clock->MakeTimer(io)) {}

std::optional<store::ModemOutage> OutageWatch::Resume(const std::string& modem) {
  auto open = store::ModemOutages(db_).Current(modem);
  if (!open.ok() || !*open) return std::nullopt;
  const store::ModemOutage& o = **open;
  records_[modem] = {.outage_id = o.id, .alerted = o.alerted_at.has_value()};
  spdlog::warn("{}: not sending since {} ({}); its first message tests it", modem, hooks_.local_time(o.started_at),
               o.reason);
  return o;
}

void OutageWatch::OnGateChange(const std::string& modem, const GateChange& change) {
  const SendGate& gate = *change.gate;
  Record& r = records_[modem];
  store::ModemOutages outages(db_);
  const std::int64_t now = hooks_.clock->NowSeconds();
  const std::string kind = gate.cause() == SendGate::Cause::kCredit ? "credit" : "network";
  if (change.started || (gate.in_outage() && !r.outage_id)) {
    if (auto id = outages.Start(modem, kind, gate.reason(), gate.since().value_or(now)); id.ok()) {
      r.outage_id = *id;
    } else {
      spdlog::warn("{}: could not record the outage: {}", modem, id.status().message());
    }
    r.alerted = r.texted = false;
    const auto wait = gate.next_probe() ? std::chrono::ceil<std::chrono::seconds>(
                                              *gate.next_probe() - hooks_.clock->Steady())
                                        : std::chrono::seconds(0);
    spdlog::warn("{}: stopped sending ({}); its messages wait, or leave through the other modems, without using "
                 "their attempts; next look in {}",
                 modem, gate.reason(), alerts::DescribeDuration(wait.count()));
    // A credit refusal: read the balance now, for the dashboard and the
    // reason (nothing when the SIM has no credit rule).
    if (gate.cause() == SendGate::Cause::kCredit) (void)hooks_.check_credit(modem);
  } else if (change.ended) {
    const std::int64_t since = change.ended_since.value_or(now);
    if (r.outage_id) WarnIfFailed(outages.End(*r.outage_id, now), modem + "'s outage end");
    // After a credit outage: the balance now (a top-up, or a bundle that
    // sends at zero; outbox_sender.h).
    if (gate.cause() == SendGate::Cause::kCredit) (void)hooks_.check_credit(modem);
    spdlog::info("{}: sending again after {} without ({})", modem, alerts::DescribeDuration(now - since),
                 gate.reason());
    if (r.texted) {
      (void)TellAdmins("smsdesk: " + modem + " sends again since " + hooks_.local_time(now) + ", after " +
                           alerts::DescribeDuration(now - since) + " without.",
                       "");
    }
    records_.erase(modem);
  } else if (gate.in_outage() && r.outage_id) {
    WarnIfFailed(outages.Update(*r.outage_id, kind, gate.reason()), modem + "'s outage reason");
    spdlog::debug("{}: {} ({})", modem, GateStateName(gate.state()), gate.reason());
    // Each look at a SIM out of credit reads the balance again: a top-up
    // shows on the dashboard, and a balance still at zero in the reason.
    if (gate.cause() == SendGate::Cause::kCredit && gate.state() == SendGate::State::kTrial) {
      (void)hooks_.check_credit(modem);
    }
  }
  Arm();
  hooks_.changed();
}

void OutageWatch::SetConfig(config::OutagesConfig config) {
  config_ = std::move(config);
  Arm();
}

void OutageWatch::Stop() {
  stopped_ = true;
  timer_->Cancel();
}

void OutageWatch::Arm() {
  if (stopped_) return;
  std::optional<std::int64_t> due;
  for (const ModemView& m : hooks_.modems()) {
    const SendGate& gate = *m.gate;
    if (records_[m.id].alerted || !WorthTelling(gate)) continue;
    const std::int64_t at = *gate.since() + config_.alert_after.count();
    if (!due || at < *due) due = at;
  }
  timer_->Cancel();
  if (!due) return;
  timer_->ArmAfter(std::chrono::seconds(std::max<std::int64_t>(0, *due - hooks_.clock->NowSeconds())), [this] {
    if (!stopped_) AlertAdmins();
  });
}

void OutageWatch::AlertAdmins() {
  const std::int64_t now = hooks_.clock->NowSeconds();
  store::ModemOutages outages(db_);
  for (const ModemView& m : hooks_.modems()) {
    const SendGate& gate = *m.gate;
    const std::string& modem = m.id;
    Record& r = records_[modem];
    if (r.alerted || !WorthTelling(gate) || now < *gate.since() + config_.alert_after.count()) continue;
    std::int64_t queued = 0;
    if (auto q = store::Outbox(db_).CountInState("queued"); q.ok()) queued = *q;
    const std::string since = hooks_.local_time(*gate.since());
    spdlog::warn("{}: has not sent since {} ({}); {} message(s) queued", modem, since, gate.reason(), queued);
    r.texted = TellAdmins("smsdesk: " + modem + " cannot send since " + since + " (" + gate.reason() + "). " +
                              std::to_string(queued) +
                              " message(s) queued. Check the SIM's credit and the network; it retries by itself.",
                          modem);
    if (!r.texted) spdlog::warn("{}: no other modem can send, so the admins are not told by SMS", modem);
    r.alerted = true;
    if (r.outage_id) WarnIfFailed(outages.MarkAlerted(*r.outage_id, now), modem + "'s outage alert");
  }
  Arm();
}

bool OutageWatch::TellAdmins(const std::string& text, const std::string& avoid) {
  std::optional<std::string> via;
  for (const ModemView& m : hooks_.modems()) {
    if (m.id != avoid && m.can_send) {
      via = m.id;
      break;
    }
  }
  if (!via) return false;
  auto users = store::Accounts(db_).Users();
  if (!users.ok()) return false;
  store::Outbox outbox(db_);
  int queued = 0;
  for (const store::UserRecord& user : *users) {
    if (user.role != "admin" || user.disabled || !user.phone) continue;
    queued += outbox
                  .Enqueue({.to = *user.phone, .body = text, .priority = store::OutboxPriority::kUrgent, .via = via},
                           hooks_.clock->NowSeconds())
                  .ok();
  }
  if (queued == 0) spdlog::warn("no admin has a phone number to be told by SMS (smsdesk user phone NAME +NUMBER)");
  hooks_.changed();  // the senders pick the SMS up
  return true;
}

}  // namespace smsdesk::daemon
