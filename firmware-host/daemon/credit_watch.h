// CreditWatch: the daemon's SIM credit checks (issue 8). Each modem with a
// credit rule is checked over USSD when it becomes ready (unless its last
// reading is fresher than credit.check_every) and then every check_every.
// A reading is stored (store/sim_credit.h) and compared with the thresholds:
// credit under credit.low_balance, or an expiry within credit.expiry_warning,
// warns the admins once per episode (SMS to every admin with a phone, and
// the log); topping up or renewing ends the episode. One timer for all
// modems; runs on the daemon's io_context, like the drivers it uses.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "firmware-host/base/clock.h"
#include "firmware-host/config/config.h"
#include "firmware-host/credit/credit_check.h"
#include "modem/io/modem_driver.h"
#include "store/database.h"

namespace smsdesk::daemon {

class CreditWatch {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // A failed check is tried again after this (or check_every, if shorter).
  static constexpr std::chrono::minutes kRetry{30};

  CreditWatch(boost::asio::io_context& io, const Clock& clock, store::Database& db, config::CreditConfig config,
              std::function<void()> outbox_changed);
  ~CreditWatch();

  // `setting`: the modem's `credit` ("", "off" or an operator rule's name).
  void AddModem(const std::string& id, modem::ModemDriver& driver, const std::string& setting);
  void OnReady(const std::string& id);
  void OnLost(const std::string& id);
  // Checks at once (the console's button); false when the modem is unknown,
  // not ready, set to "off", or already being checked.
  bool CheckNow(const std::string& id);
  // Something spent credit in bulk (an alert finished): every ready modem
  // is checked again shortly, so the next alert is weighed against fresh
  // numbers. Nothing when checks are off (check_every = 0).
  void CheckAllSoon();
  // Each reading as it arrives (amount nullopt: the check failed), for the
  // modem's sender: a zero balance stops it, a top-up lets it try again.
  using OnReading = std::function<void(const std::string& modem, std::optional<double> amount, const std::string& text)>;
  void set_on_reading(OnReading handler) { on_reading_ = std::move(handler); }
  // SIGHUP: new thresholds and rules; running checks finish with the old rule.
  void SetConfig(config::CreditConfig config);
  void Stop();

 private:
  struct Slot;
  std::optional<config::CreditRuleConfig> RuleFor(const Slot& slot) const;
  void Schedule(Slot& slot, TimePoint at);
  void Arm();
  void OnTimer();
  void Run(Slot& slot);
  void Finish(Slot& slot, const modem::Result<credit::CreditReading>& reading);
  void CheckThresholds(const std::string& modem);
  void NotifyAdmins(const std::string& text);

  boost::asio::io_context& io_;
  const Clock& clock_;
  store::Database& db_;
  config::CreditConfig config_;
  std::function<void()> outbox_changed_;
  OnReading on_reading_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::unique_ptr<Timer> timer_;
  std::optional<TimePoint> armed_;
  bool stopped_ = false;
};

}  // namespace smsdesk::daemon
