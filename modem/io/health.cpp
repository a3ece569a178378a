#include "modem/io/health.h"

#include <utility>

#include "modem/io/at_redactor.h"

namespace smsdesk::modem {

HealthMonitor::HealthMonitor(AtChannel& channel, const ModemDriverOptions& options, std::function<void()> on_update,
                             std::function<void(std::string)> on_hung)
    : channel_(channel), options_(options), on_update_(std::move(on_update)), on_hung_(std::move(on_hung)) {}

void HealthMonitor::OnReady(bool csq_query_form) {
  ready_ = true;
  probing_ = probe_now_ = false;
  failed_probes_ = 0;
  csq_query_ = csq_query_form;
  ++generation_;
  Query("AT+CREG?", "+CREG:", false);
  Query("AT+COPS?", "+COPS:", false);
  Query(csq_query_ ? "AT+CSQ?" : "AT+CSQ", "+CSQ:", true);
}

void HealthMonitor::OnLost() {
  ready_ = false;
  probing_ = probe_now_ = false;
  ++generation_;
}

void HealthMonitor::OnUrc(const Urc& urc) {
  if (urc.kind != UrcKind::kCreg) return;
  const auto before = health_.registration;
  ApplyRegistration(urc.line);
  // A new registration may mean another operator: ask once, not on a timer.
  if (ready_ && health_.registration != before) Query("AT+COPS?", "+COPS:", true);
  if (on_update_) on_update_();
}

void HealthMonitor::OnCommandTimeout(const CommandDone& done) {
  if (!ready_ || probing_) return;
  health_.last_error = "timed out: " + RedactAtSecrets(done.command);  // shown on the dashboard
  probe_now_ = true;
}

void HealthMonitor::CheckRegistration() {
  if (!ready_) return;
  Query("AT+CREG?", "+CREG:", false);
  Query(csq_query_ ? "AT+CSQ?" : "AT+CSQ", "+CSQ:", true);
}

void HealthMonitor::ProbeNetwork(NetworkProbeCallback done) {
  if (!ready_) return done(NetworkProbe{});
  // Three commands on the control lane, one after another; the last one's
  // answer completes the probe. A modem without LTE answers AT+CEREG? with
  // an error, which only leaves `eps` unset.
  auto probe = std::make_shared<NetworkProbe>();
  const std::uint64_t generation = generation_;
  auto ask = [this, generation, probe](std::string command_text, std::string prefix,
                                       std::function<void(const CommandDone&)> then) {
    AtCommand command{std::move(command_text), {}};
    command.options.timeout = options_.probe_timeout;
    command.options.response_prefix = std::move(prefix);
    channel_.Run(Lane::kControl, std::move(command), [this, generation, then](const CommandDone& d) {
      if (generation == generation_) return then(d);
      CommandDone gone;  // the modem went away meanwhile: answered stays false
      gone.status = CommandStatus::kCancelled;
      then(gone);
    });
  };
  ask("AT+CREG?", "+CREG:", [this, probe](const CommandDone& d) {
    if (d.ok()) {
      probe->answered = true;
      for (const std::string& line : d.lines) {
        if (auto reg = ParseCregResponse(line); reg && reg->domain == RegistrationDomain::kCs) probe->cs = reg->state;
        ApplyRegistration(line);
      }
    }
  });
  ask("AT+CEREG?", "+CEREG:", [probe](const CommandDone& d) {
    if (!d.ok()) return;
    for (const std::string& line : d.lines) {
      if (auto reg = ParseCregResponse(line); reg && reg->domain == RegistrationDomain::kEps) probe->eps = reg->state;
    }
  });
  ask(csq_query_ ? "AT+CSQ?" : "AT+CSQ", "+CSQ:", [this, probe, done](const CommandDone& d) {
    if (d.ok()) {
      probe->answered = true;
      if (auto csq = ParseCsqResponse(d.Response())) probe->signal_dbm = health_.signal_dbm = csq->dbm;
    }
    FinishNetworkProbe(probe, done);
  });
}

void HealthMonitor::FinishNetworkProbe(const std::shared_ptr<NetworkProbe>& probe, const NetworkProbeCallback& done) {
  if (probe->answered && on_update_) on_update_();
  done(*probe);
}

std::optional<HealthMonitor::TimePoint> HealthMonitor::NextDeadline() const {
  if (!ready_ || probing_) return std::nullopt;
  if (probe_now_) return TimePoint::min();
  return channel_.last_heard() + options_.idle_probe;
}

void HealthMonitor::Tick(TimePoint now) {
  if (!ready_ || probing_) return;
  if (probe_now_ || now >= channel_.last_heard() + options_.idle_probe) Probe();
}

void HealthMonitor::Probe() {
  probe_now_ = false;
  probing_ = true;
  AtCommand command{csq_query_ ? "AT+CSQ?" : "AT+CSQ", {}};
  command.options.timeout = options_.probe_timeout;
  command.options.response_prefix = "+CSQ:";
  const std::uint64_t generation = generation_;
  channel_.Run(Lane::kControl, std::move(command), [this, generation](const CommandDone& d) {
    if (generation != generation_ || d.status == CommandStatus::kCancelled) return;
    probing_ = false;
    if (d.status == CommandStatus::kCompleted) {
      failed_probes_ = 0;
      if (auto csq = ParseCsqResponse(d.Response())) health_.signal_dbm = csq->dbm;
      if (on_update_) on_update_();
      return;
    }
    // Timed out: the modem may be hung, or one answer got lost. Ask again
    // at once; reset only after probes_before_reset silences in a row.
    if (++failed_probes_ >= options_.probes_before_reset) {
      failed_probes_ = 0;
      if (on_hung_) on_hung_("no answer to " + std::to_string(options_.probes_before_reset) + " probes");
      return;
    }
    probe_now_ = true;
  });
}

void HealthMonitor::Query(std::string command_text, std::string prefix, bool notify) {
  AtCommand command{std::move(command_text), {}};
  command.options.timeout = options_.probe_timeout;
  command.options.response_prefix = std::move(prefix);
  const std::uint64_t generation = generation_;
  channel_.Run(Lane::kControl, std::move(command), [this, generation, notify](const CommandDone& d) {
    if (generation != generation_ || !d.ok()) return;
    const std::string response = d.Response();
    if (d.command.rfind("AT+CREG", 0) == 0) {
      for (const std::string& line : d.lines) ApplyRegistration(line);
    } else if (d.command.rfind("AT+COPS", 0) == 0) {
      if (auto cops = ParseCopsResponse(response)) health_.operator_name = cops->name;
    } else if (auto csq = ParseCsqResponse(response)) {
      health_.signal_dbm = csq->dbm;
    }
    if (notify && on_update_) on_update_();
  });
}

void HealthMonitor::ApplyRegistration(const std::string& line) {
  auto reg = ParseCregResponse(line);
  if (!reg || reg->domain != RegistrationDomain::kCs) return;
  health_.registration = reg->state;
  if (reg->lac) health_.lac = reg->lac;
  if (reg->cell_id) health_.cell_id = reg->cell_id;
}

bool IsRegistered(RegistrationState state) {
  switch (state) {
    case RegistrationState::kHome: case RegistrationState::kRoaming: case RegistrationState::kHomeSmsOnly:
    case RegistrationState::kRoamingSmsOnly: case RegistrationState::kHomeCsfbNotPreferred:
    case RegistrationState::kRoamingCsfbNotPreferred:
      return true;
    default:
      return false;
  }
}

bool NetworkProbe::registered() const {
  return answered && ((cs && IsRegistered(*cs)) || (eps && IsRegistered(*eps)));
}

std::string NetworkProbe::Describe() const {
  if (!answered) return "no answer from the modem";
  auto name = [](RegistrationState state) -> std::string {
    switch (state) {
      case RegistrationState::kNotRegistered: return "not searching";
      case RegistrationState::kHome: case RegistrationState::kHomeSmsOnly:
      case RegistrationState::kHomeCsfbNotPreferred: return "home";
      case RegistrationState::kSearching: return "searching";
      case RegistrationState::kDenied: return "registration denied";
      case RegistrationState::kRoaming: case RegistrationState::kRoamingSmsOnly:
      case RegistrationState::kRoamingCsfbNotPreferred: return "roaming";
      case RegistrationState::kEmergencyOnly: return "emergency calls only";
      case RegistrationState::kUnknown: break;
    }
    return "unknown";
  };
  std::string text = registered() ? "registered" : "not registered";
  if (cs || eps) text += " (" + name(registered() && cs && !eps ? *cs : eps ? *eps : *cs) + ")";
  if (signal_dbm) text += ", signal " + std::to_string(*signal_dbm) + " dBm";
  return text;
}

}  // namespace smsdesk::modem
