#include "firmware-host/alerts/alert_credit.h"

#include <algorithm>
#include <cmath>

#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/credit/credit_parser.h"
#include "store/outbox.h"
#include "store/sim_credit.h"

namespace smsdesk::alerts {

store::StatusOr<PoolFunds> EstimateFunds(store::Database& db, const std::vector<std::string>& modems,
                                         double cost_per_sms) {
  PoolFunds funds;
  store::SimCredit credit(db);
  store::Outbox outbox(db);
  for (const std::string& modem : modems) {
    auto row = credit.Get(modem);
    if (!row.ok()) return row.status();
    if (!*row || !(*row)->amount || !(*row)->checked_at) {
      funds.unknown.push_back(modem);
      continue;
    }
    auto spent = outbox.SegmentsSentBy(modem, *(*row)->checked_at);
    if (!spent.ok()) return spent.status();
    funds.balance += std::max(0.0, *(*row)->amount - cost_per_sms * static_cast<double>(*spent));
    if (funds.currency.empty()) funds.currency = (*row)->currency;
  }
  for (const char* state : {"queued", "sending"}) {
    auto count = outbox.CountInState(state);
    if (!count.ok()) return count.status();
    funds.queued += *count;
  }
  return funds;
}

store::Status CheckCredit(store::Database& db, const AlertSettings& settings, AlertPreview& p) {
  if (settings.cost_per_sms <= 0 || settings.credit_modems.empty() || p.segments == 0) return store::Status::Ok();
  auto funds = EstimateFunds(db, settings.credit_modems, settings.cost_per_sms);
  if (!funds.ok()) return funds.status();
  const double cost = settings.cost_per_sms;
  const double needed = cost * static_cast<double>(p.segments);
  const double ahead = cost * static_cast<double>(funds->queued);  // at least one SMS each
  auto money = [&](double amount) { return credit::FormatAmount(amount, funds->currency); };
  if (!funds->unknown.empty()) {
    std::string names;
    for (const auto& m : funds->unknown) names += (names.empty() ? "" : ", ") + m;
    p.warnings.push_back("the credit of " + names + " is not known yet (no USSD balance reading); this alert costs about " +
                         money(needed));
    return store::Status::Ok();
  }
  const auto payable = static_cast<std::int64_t>(std::floor(std::max(0.0, funds->balance - ahead) / cost));
  if (needed + ahead > funds->balance) {
    p.errors.push_back("the SIMs' credit (about " + money(funds->balance) + ") pays for about " +
                       std::to_string(payable) + " SMS" +
                       (funds->queued > 0 ? " after the " + std::to_string(funds->queued) + " already queued" : "") +
                       "; this alert needs " + std::to_string(p.segments) + " (" + money(needed) +
                       "). Top up the SIMs, or send to fewer topics.");
  } else if (needed + ahead > 0.8 * funds->balance) {
    p.warnings.push_back("this alert uses most of the SIMs' credit (" + money(needed) + " of about " +
                         money(funds->balance) + ")");
  }
  return store::Status::Ok();
}

}  // namespace smsdesk::alerts
