// HealthMonitor: what the modem's radio and SIM look like, and whether the
// modem still answers. Refreshes registration, operator and signal when the
// modem becomes ready, follows +CREG URCs (AT+CREG=2), and probes with AT+CSQ
// only when nothing has been heard for idle_probe (60 s: with the 5-minute
// sweep an idle modem sees about one AT line a minute) or right after a
// command timed out. probes_before_reset unanswered probes in a row mean the
// modem hangs: on_hung runs and the driver resets it.
//
// Owned by ModemDriver; used on its io_context only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "modem/io/at_channel.h"
#include "modem/io/driver_options.h"
#include "modem/io/driver_types.h"

namespace smsdesk::modem {

class HealthMonitor {
 public:
  using TimePoint = AtChannel::TimePoint;

  HealthMonitor(AtChannel& channel, const ModemDriverOptions& options, std::function<void()> on_update,
                std::function<void(std::string)> on_hung);

  void OnReady(bool csq_query_form);
  void OnLost();
  void OnUrc(const Urc& urc);
  // A command timed out: probe now (a lost response or garbage needs no
  // reset; a hung modem does).
  void OnCommandTimeout(const CommandDone& done);
  // +CMS ERROR: 300/500 on a send often means no network (Huawei E169,
  // gammu #216): look at registration and signal.
  void CheckRegistration();
  void set_last_error(std::string error) { health_.last_error = std::move(error); }
  // Asks registration (AT+CREG?, AT+CEREG? where the modem has it) and the
  // signal now, for a sender that stopped after network errors; `done` runs
  // once, with answered = false when the modem went away meanwhile.
  void ProbeNetwork(NetworkProbeCallback done);

  std::optional<TimePoint> NextDeadline() const;
  void Tick(TimePoint now);
  const Health& health() const { return health_; }

 private:
  void Probe();
  void Query(std::string command, std::string prefix, bool notify);
  void ApplyRegistration(const std::string& line);
  void FinishNetworkProbe(const std::shared_ptr<NetworkProbe>& probe, const NetworkProbeCallback& done);

  AtChannel& channel_;
  const ModemDriverOptions& options_;
  std::function<void()> on_update_;
  std::function<void(std::string)> on_hung_;
  Health health_{};
  bool ready_ = false, probing_ = false, probe_now_ = false, csq_query_ = false;
  int failed_probes_ = 0;
  std::uint64_t generation_ = 0;
};

}  // namespace smsdesk::modem
