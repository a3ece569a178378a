#include "modem/sim/virtual_modem.h"

#include <algorithm>
#include <cctype>

namespace smsdesk::sim {
namespace {

constexpr char kCtrlZ = 0x1A;
constexpr char kEsc = 0x1B;

const SimProfile& ProfileOrGeneric(const SimProfile* profile) {
  return profile ? *profile : AllProfiles().front();
}

// The sender of a DELIVER part, for the event log (empty for reports).
std::string OriginatorOf(const std::string& pdu_hex) {
  auto pdu = modem::DecodePduHex(pdu_hex);
  if (!pdu.ok() || !std::holds_alternative<modem::DeliverPdu>(*pdu)) return {};
  return std::get<modem::DeliverPdu>(*pdu).originator.number;
}

std::string CommandKey(const AtCommand& cmd) {
  // Count "ATE0" as "E", "AT+CMGF=0" as "+CMGF".
  return cmd.name;
}

}  // namespace

VirtualModem::VirtualModem(ModemIdentity identity, ModemTiming timing, TimePoint now, Hooks hooks)
    : identity_(std::move(identity)), timing_(timing), hooks_(std::move(hooks)), now_(now),
      storage_(timing.sm_slots, timing.me_slots,
               ProfileOrGeneric(identity_.profile).indices_from_zero ? 0 : 1),
      random_(static_cast<std::uint32_t>(std::hash<std::string>{}(identity_.imei))) {
  if (!identity_.profile) identity_.profile = &AllProfiles().front();
  Boot(now, false);
}

void VirtualModem::Boot(TimePoint now, bool announce) {
  now_ = now;
  ++generation_;
  timers_.clear();
  outage_end_.reset();
  // A network outage is not the modem's: it outlives a power cycle, and so
  // does its automatic end.
  ScheduleOutageEnd();
  settings_ = AtSettings{};
  mode_ = Mode::kCommand;
  input_.clear();
  deferred_urcs_.clear();
  faults_.hung = false;
  faults_.drop_next = faults_.garbage_next = 0;
  ussd_.Cancel();
  last_send_end_.reset();
  stats_.Record(MakeEvent(now, "boot"));
  const SimProfile& p = *identity_.profile;
  if (announce) {
    if (p.rdy_after_boot) EmitUrc("RDY");
    if (p.huawei_urc_noise) EmitUrc("^BOOT:20952548,0,0,0,72");
    if (p.simcom_ready_urcs) {
      Schedule(timing_.boot_ready_delay, [this] {
        EmitUrc("+CFUN: 1");
        EmitUrc("+CPIN: READY");
        EmitUrc("Call Ready");
        EmitUrc("SMS Ready");
      });
    }
  }
  ScheduleNoise();
  RetryPendingIncoming();
}

void VirtualModem::Feed(std::string_view bytes, TimePoint now) {
  Advance(now);
  if (faults_.hung) {
    // A hung AT task neither echoes nor answers, but the firmware still acts
    // on a full reset request — the escalation a driver tries after reopening
    // the port (hang -> reopen -> AT+CFUN=1,1 -> re-enumeration). Anything
    // harder is a power cycle: `smsdesk sim reset`.
    hung_input_.append(bytes);
    if (hung_input_.size() > 256) hung_input_.erase(0, hung_input_.size() - 256);
    std::string upper;
    for (char c : hung_input_) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.find("AT+CFUN=1,1\r") != std::string::npos) {
      hung_input_.clear();
      Schedule(std::chrono::milliseconds(50), [this] {
        if (hooks_.reset_requested) hooks_.reset_requested();
      });
    }
    return;
  }
  input_.append(bytes);
  ProcessInput();
}

void VirtualModem::Advance(TimePoint now) {
  now_ = std::max(now_, now);
  while (!timers_.empty() && timers_.begin()->first <= now_) {
    auto action = std::move(timers_.begin()->second);
    timers_.erase(timers_.begin());
    action();
  }
}

std::optional<VirtualModem::TimePoint> VirtualModem::NextDeadline() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first;
}

std::string VirtualModem::TakeOutput() { return std::exchange(output_, {}); }

void VirtualModem::InjectFault(const FaultSpec& fault) {
  if (fault.kind == FaultKind::kOutage || fault.kind == FaultKind::kNoNetwork) {
    NetworkDown(fault.kind == FaultKind::kOutage ? OutageMode::kSmsc : OutageMode::kUnregistered, fault.code,
                fault.duration);
    return;
  }
  faults_.Apply(fault);
}

void VirtualModem::Schedule(std::chrono::milliseconds delay, std::function<void()> action) {
  std::uint64_t generation = generation_;
  timers_.emplace(now_ + delay, [this, generation, action = std::move(action)] {
    if (generation == generation_) action();
  });
}

void VirtualModem::ScheduleNoise() {
  if (!identity_.profile->huawei_urc_noise) return;
  std::uniform_int_distribution<long long> pick(
      std::chrono::duration_cast<std::chrono::milliseconds>(timing_.noise_min).count(),
      std::chrono::duration_cast<std::chrono::milliseconds>(timing_.noise_max).count());
  Schedule(std::chrono::milliseconds(pick(random_)), [this] {
    // Only between transactions, and not while AT^CURC=0 or hung.
    if (settings_.curc && !faults_.hung && mode_ == Mode::kCommand && input_.empty()) {
      static constexpr const char* kNoise[] = {"^RSSI: 21", "^MODE: 5,4", "^BOOT:20952548,0,0,0,72",
                                               "^RSSI: 19", "^DSFLOWRPT:00000002,00000000,00000000"};
      std::uniform_int_distribution<int> which(0, 4);
      output_ += "\r\n" + std::string(kNoise[which(random_)]) + "\r\n";
    }
    ScheduleNoise();
  });
}

void VirtualModem::EmitUrc(const std::string& text) {
  if (faults_.hung) return;
  if (mode_ != Mode::kCommand) {
    deferred_urcs_.push_back(text);  // TS 27.005 <mode>=2: buffered while the link is reserved
    return;
  }
  output_ += "\r\n" + text + "\r\n";
}

void VirtualModem::FlushDeferredUrcs() {
  for (const std::string& urc : std::exchange(deferred_urcs_, {})) EmitUrc(urc);
}

void VirtualModem::FinishBusy() {
  mode_ = Mode::kCommand;
  FlushDeferredUrcs();
  ProcessInput();
}

void VirtualModem::ProcessInput() {
  while (!faults_.hung) {
    if (mode_ == Mode::kBusy) return;
    if (mode_ == Mode::kPdu) {
      ProcessPduInput();
      if (mode_ == Mode::kPdu) return;
      continue;
    }
    auto cr = input_.find('\r');
    if (cr == std::string::npos) {
      // Keep a partial line, but never let a client grow it without bound.
      if (input_.size() > 4096) input_.clear();
      return;
    }
    std::string line = input_.substr(0, cr);
    input_.erase(0, cr + 1);
    // V.250 §5.2.1: characters before "AT" (LF, NUL, ESC, noise) are ignored.
    std::erase_if(line, [](char c) { return c == '\n' || c == '\0'; });
    std::size_t at = 0;
    while (at + 1 < line.size() &&
           !(std::toupper(static_cast<unsigned char>(line[at])) == 'A' &&
             std::toupper(static_cast<unsigned char>(line[at + 1])) == 'T')) {
      ++at;
    }
    if (at + 1 >= line.size()) continue;  // no command on this line
    ProcessLine(std::string_view(line).substr(at));
  }
}

void VirtualModem::ProcessLine(std::string_view line) {
  ++stats_.command_lines;
  if (settings_.echo) output_ += std::string(line) + "\r";
  auto parsed = ParseCommandLine(line);
  if (parsed) {
    if (parsed->empty()) ++stats_.commands["AT"];
    for (const AtCommand& cmd : *parsed) ++stats_.commands[CommandKey(cmd)];
  } else {
    ++stats_.commands["?"];
  }
  if (faults_.drop_next > 0) {
    --faults_.drop_next;
    return;
  }
  if (faults_.garbage_next > 0) {
    --faults_.garbage_next;
    std::uniform_int_distribution<int> len(8, 24), byte(0, 255);
    int n = len(random_);
    for (int i = 0; i < n; ++i) output_.push_back(static_cast<char>(byte(random_)));
    return;
  }
  if (!parsed) {
    Respond(Reply::Error());
    return;
  }
  Reply combined;
  for (const AtCommand& cmd : *parsed) {
    Reply r = Execute(cmd);
    combined.lines.insert(combined.lines.end(), r.lines.begin(), r.lines.end());
    combined.final = r.final;
    combined.code = r.code;
    if (r.final != Reply::Final::kOk) break;
    // V.250 §6.1.1: commands after Z on the same line may be ignored.
    if (cmd.name == "Z") break;
  }
  Respond(combined);
}

void VirtualModem::Respond(const Reply& reply) {
  for (const std::string& line : reply.lines) output_ += "\r\n" + line + "\r\n";
  if (reply.final == Reply::Final::kNone) return;
  if (settings_.verbose) {
    output_ += "\r\n" + FinalText(reply) + "\r\n";
  } else {
    output_ += (reply.final == Reply::Final::kOk ? "0\r" : reply.final == Reply::Final::kError
                                                               ? "4\r"
                                                               : FinalText(reply) + "\r\n");
  }
}

std::string VirtualModem::FinalText(const Reply& reply) const {
  switch (reply.final) {
    case Reply::Final::kOk: return "OK";
    case Reply::Final::kError: return "ERROR";
    case Reply::Final::kCms: return "+CMS ERROR: " + std::to_string(reply.code);
    case Reply::Final::kCme:
      if (settings_.cmee == 0) return "ERROR";
      if (settings_.cmee == 2) {
        switch (reply.code) {
          case 3: return "+CME ERROR: operation not allowed";
          case 4: return "+CME ERROR: operation not supported";
          case 10: return "+CME ERROR: SIM not inserted";
          case 14: return "+CME ERROR: SIM busy";
          case 21: return "+CME ERROR: invalid index";
          case 50: return "+CME ERROR: incorrect parameters";
          default: break;
        }
      }
      return "+CME ERROR: " + std::to_string(reply.code);
    case Reply::Final::kNone: return "";
  }
  return "ERROR";
}

void VirtualModem::ProcessPduInput() {
  // The client types hex then Ctrl-Z (send) or ESC (cancel), 27.005 §3.5.1.
  auto end = input_.find_first_of(std::string{kCtrlZ, kEsc});
  std::string typed = input_.substr(0, end);
  std::erase_if(typed, [](char c) { return c == '\r' || c == '\n'; });
  if (end == std::string::npos) return;  // echo comes with the terminator
  char terminator = input_[end];
  input_.erase(0, end + 1);
  if (settings_.echo) output_ += typed;
  if (terminator == kEsc) {
    mode_ = Mode::kCommand;
    FlushDeferredUrcs();
    return;
  }
  CompletePdu(typed);
}

void VirtualModem::AnnounceStored(Memory memory, int index, const std::string& message_id,
                                  bool report) {
  std::string urc = std::string(report ? "+CDSI: \"" : "+CMTI: \"") + MemoryName(memory) +
                    "\"," + std::to_string(index);
  ModemEvent event = MakeEvent(now_, report ? "cdsi" : "cmti");
  event.WithMessageId(message_id).WithMemory(MemoryName(memory)).WithIndex(index);
  if (const StoredMessage* m = storage_.Find(memory, index); m && !report) {
    event.WithFrom(OriginatorOf(m->pdu_hex));
  }
  stats_.Record(std::move(event));
  EmitUrc(urc);
}

bool VirtualModem::TryStoreIncoming(const modem::EncodedPdu& pdu, const std::string& message_id) {
  std::string hex = pdu.Hex();
  // <mt>=2 routes class 0/1/none directly to the TE as +CMT (27.005 §3.4.1).
  if (settings_.cnmi_mt == 2 && !faults_.hung) {
    stats_.Record(MakeEvent(now_, "cmt").WithMessageId(message_id).WithFrom(OriginatorOf(hex)));
    EmitUrc("+CMT: ," + std::to_string(pdu.tpdu_length) + "\r\n" + hex);
    ++stats_.parts_received;
    return true;
  }
  auto stored = storage_.Store(settings_.mem3, StoredMessage{.stat = MessageStat::kReceivedUnread,
                                                             .pdu_hex = hex,
                                                             .tpdu_length = pdu.tpdu_length,
                                                             .message_id = message_id});
  if (!stored) return false;  // memory full: no +CMTI, the SMSC keeps it
  ++stats_.parts_received;
  if (settings_.cnmi_mt == 1 || settings_.cnmi_mt == 3) {
    AnnounceStored(stored->first, stored->second, message_id, false);
  }
  return true;
}

void VirtualModem::Receive(const modem::EncodedPdu& pdu, const std::string& message_id,
                           TimePoint now) {
  Advance(now);
  if (!pending_incoming_.empty() || !TryStoreIncoming(pdu, message_id)) {
    pending_incoming_.emplace_back(pdu, message_id);
  }
}

void VirtualModem::RetryPendingIncoming() {
  while (!pending_incoming_.empty()) {
    auto& [pdu, id] = pending_incoming_.front();
    if (!TryStoreIncoming(pdu, id)) return;
    pending_incoming_.pop_front();
  }
}

}  // namespace smsdesk::sim
