#include "modem/io/inbound.h"

#include <algorithm>
#include <cctype>

#include "modem/sms_pdu.h"

namespace smsdesk::modem {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kDirectMemory = 256;  // fingerprints of recent +CMT parts kept

std::string Quote(const std::string& memory) { return "\"" + memory + "\""; }

// An empty slot is not an error: Huawei MU509 answers a bare OK, others
// +CMS ERROR: 321, Samsung +CME ERROR: -1 (gammu), some +CME ERROR: 21/22.
bool EmptySlot(const FinalResult& final) {
  auto cms = final.cms();
  auto cme = final.cme();
  return (cms && *cms == CmsError::kInvalidMemoryIndex) ||
         (cme && (*cme == CmeError::kSamsungEmptyLocation || *cme == CmeError::kInvalidIndex ||
                  *cme == CmeError::kNotFound));
}

std::optional<StatusReport> ReportOf(const std::string& pdu) {
  auto decoded = DecodePduHex(pdu);
  if (!decoded) return std::nullopt;
  const auto* report = std::get_if<StatusReportPdu>(&*decoded);
  if (!report) return std::nullopt;
  StatusReport event;
  event.message_reference = report->message_reference;
  event.recipient = report->recipient.number;
  event.status_code = report->status_code;
  event.delivered = report->status == DeliveryStatus::kDelivered;
  event.permanent_failure = report->status == DeliveryStatus::kPermanent;
  event.discharge_time = report->discharge_time.ToIso8601();
  return event;
}

}  // namespace

std::string_view InboundViaName(InboundVia via) {
  switch (via) {
    case InboundVia::kCmti: return "cmti";
    case InboundVia::kCmt: return "cmt";
    case InboundVia::kSweep: return "sweep";
    case InboundVia::kCdsi: return "cdsi";
    case InboundVia::kCds: return "cds";
  }
  return "?";
}

std::uint64_t PduFingerprint(std::string_view pdu_hex) {
  // Skip the SMSC field: its first octet is its length in octets (TS 23.040
  // via 27.005 §3.1); the same TPDU may come with or without it.
  std::size_t skip = 0;
  if (pdu_hex.size() >= 2) {
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    const int hi = digit(pdu_hex[0]), lo = digit(pdu_hex[1]);
    if (hi >= 0 && lo >= 0) skip = 2 + 2 * static_cast<std::size_t>(hi * 16 + lo);
  }
  if (skip > pdu_hex.size()) skip = 0;
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : pdu_hex.substr(skip)) {
    hash ^= static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(c)));
    hash *= 1099511628211ULL;
  }
  return hash;
}

Inbound::Inbound(AtChannel& channel, const ModemDriverOptions& options, InboundSink sink, EventHandler events)
    : channel_(channel), options_(options), sink_(std::move(sink)), events_(std::move(events)) {}

std::chrono::milliseconds Inbound::SweepInterval() const {
  return info_.cnmi.empty() ? options_.sweep_interval_without_urcs : options_.sweep_interval;
}

void Inbound::OnReady(const ModemInfo& info) {
  info_ = info;
  ready_ = true;
  running_ = false;
  ++generation_;
  jobs_.clear();
  // Init set AT+CPMS to the preferred memory (again after every reset: MF103
  // went back to SM after a reboot, DbusSmsForwardCPlus #10).
  if (info.storage.empty()) {
    mem1_.reset();
  } else {
    mem1_ = info.storage;
  }
  periodic_.clear();
  periodic_.insert(info.storage);
  RequestSweep(true, info.storages.empty() ? std::vector<std::string>{info.storage} : info.storages);
  next_sweep_ = Clock::now() + SweepInterval();
}

void Inbound::OnLost() {
  ready_ = false;
  running_ = false;
  ++generation_;
  jobs_.clear();
  mem1_.reset();
  next_sweep_.reset();
}

void Inbound::OnUrc(const Urc& urc) {
  switch (urc.kind) {
    case UrcKind::kCmti:
    case UrcKind::kCdsi: {
      auto where = urc.kind == UrcKind::kCmti ? ParseCmtiIndication(urc.line) : ParseCdsiIndication(urc.line);
      if (!where || !where->index || *where->index < 0) {
        RequestSweep(true);  // SIM7000G "+CMTI: ,-1" (T-SIM7600X #63)
        return;
      }
      periodic_.insert(where->memory);
      Enqueue(Job{Job::kRead, where->memory, *where->index,
                  urc.kind == UrcKind::kCmti ? InboundVia::kCmti : InboundVia::kCdsi, true});
      return;
    }
    case UrcKind::kCmt:
    case UrcKind::kCds:
      if (!urc.complete || urc.pdu.empty()) {
        RequestSweep(true);  // the PDU line never came: maybe it was stored
        return;
      }
      if (!StoreDirect(urc.pdu, urc.kind == UrcKind::kCmt ? InboundVia::kCmt : InboundVia::kCds)) {
        direct_unstored_.emplace_back(urc.pdu, urc.kind == UrcKind::kCmt ? InboundVia::kCmt : InboundVia::kCds);
        if (!retry_at_) retry_at_ = Clock::now() + options_.store_retry;
      }
      return;
    case UrcKind::kSmsMemoryFull: RequestSweep(true); return;  // Huawei ^SMMEMFULL (chan-dongle #47)
    default: return;
  }
}

void Inbound::RequestSweep(bool forced, std::vector<std::string> memories) {
  if (memories.empty()) {
    memories = info_.storages;
    for (const std::string& m : periodic_) {
      if (std::find(memories.begin(), memories.end(), m) == memories.end()) memories.push_back(m);
    }
    if (memories.empty()) memories.push_back(info_.storage);
  }
  for (const std::string& memory : memories) Enqueue(Job{Job::kSweep, memory, -1, InboundVia::kSweep, forced});
}

std::optional<Inbound::TimePoint> Inbound::NextDeadline() const {
  std::optional<TimePoint> at;
  if (ready_) at = next_sweep_;
  if (retry_at_ && (!at || *retry_at_ < *at)) at = retry_at_;
  return at;
}

void Inbound::Tick(TimePoint now) {
  if (!ready_) return;
  if (retry_at_ && now >= *retry_at_) {
    retry_at_.reset();
    for (auto& [pdu, via] : std::exchange(direct_unstored_, {})) {
      if (!StoreDirect(pdu, via)) direct_unstored_.emplace_back(pdu, via);
    }
    if (!direct_unstored_.empty()) retry_at_ = now + options_.store_retry;
    auto memories = std::exchange(retry_memories_, {});
    if (!memories.empty()) RequestSweep(true, {memories.begin(), memories.end()});
  }
  if (next_sweep_ && now >= *next_sweep_) {
    next_sweep_ = now + SweepInterval();
    RequestSweep(false, {periodic_.begin(), periodic_.end()});
  }
}

void Inbound::Enqueue(Job job) {
  // A queued sweep of the same memory already covers this job.
  for (Job& queued : jobs_) {
    if (queued.kind == Job::kSweep && queued.memory == job.memory) {
      queued.forced = queued.forced || job.forced || job.kind == Job::kRead;
      return;
    }
    if (job.kind == Job::kRead && queued.kind == Job::kRead && queued.memory == job.memory &&
        queued.index == job.index) {
      return;
    }
  }
  jobs_.push_back(std::move(job));
  RunNext();
}

void Inbound::RunNext() {
  if (!ready_ || running_ || jobs_.empty()) return;
  Job job = std::move(jobs_.front());
  jobs_.pop_front();
  running_ = true;
  if (job.kind == Job::kRead) {
    Read(job);
  } else {
    Sweep(job);
  }
}

void Inbound::Finish() {
  running_ = false;
  RunNext();
}

void Inbound::Run(AtCommand command, std::function<void(const CommandDone&)> then) {
  const std::uint64_t generation = generation_;
  channel_.Run(Lane::kInbound, std::move(command), [this, generation, then = std::move(then)](const CommandDone& d) {
    if (generation != generation_ || d.status == CommandStatus::kCancelled) return;
    if (d.status == CommandStatus::kCompleted && d.final.cms() == CmsError::kMemoryFull) {
      RetryLater(mem1_.value_or(""));
    }
    then(d);
  });
}

void Inbound::UseMemory(const std::string& memory, std::function<void(bool, std::optional<StorageUsage>)> then) {
  AtCommand command;
  const bool switch_needed = !memory.empty() && mem1_ != memory;
  // AT+CPMS="SM" sets only mem1 (27.005 §3.2.2); AT+CPMS? tells how full it is.
  command.text = switch_needed ? "AT+CPMS=" + Quote(memory) : "AT+CPMS?";
  command.options.timeout = options_.read_timeout;
  command.options.response_prefix = "+CPMS:";
  Run(std::move(command), [this, memory, switch_needed, then = std::move(then)](const CommandDone& d) {
    if (!d.ok()) {
      if (switch_needed) mem1_.reset();
      then(!switch_needed, std::nullopt);
      return;
    }
    if (switch_needed) mem1_ = memory;
    std::optional<StorageUsage> usage;
    if (auto parsed = ParseCpmsResponse(d.Response()); parsed && !parsed->empty()) {
      usage = parsed->front();
      usage->memory = memory.empty() ? usage->memory : memory;
      usage_[usage->memory] = *usage;
    }
    then(true, usage);
  });
}

void Inbound::Read(const Job& job) {
  auto read = [this, job]() {
    AtCommand command{"AT+CMGR=" + std::to_string(job.index), {}};
    command.options.timeout = options_.read_timeout;
    command.options.response_prefix = "+CMGR:";
    command.options.pdu_lines = true;
    Run(std::move(command), [this, job](const CommandDone& d) {
      if (d.status == CommandStatus::kCompleted && EmptySlot(d.final)) return Finish();
      auto message = ParseCmgrResponse(d.Response());
      if (!d.ok() || !message) {
        RetryLater(job.memory);
        return Finish();
      }
      if (message->empty) return Finish();  // MU509 bare OK: nothing there, no error
      StoreThenDelete(job.memory, job.index, message->pdu, job.via, [this] { Finish(); });
    });
  };
  if (job.memory.empty() || mem1_ == job.memory) return read();
  AtCommand command{"AT+CPMS=" + Quote(job.memory), {}};
  command.options.timeout = options_.read_timeout;
  command.options.response_prefix = "+CPMS:";
  Run(std::move(command), [this, job, read](const CommandDone& d) {
    if (!d.ok()) {
      mem1_.reset();
      RetryLater(job.memory);
      return Finish();
    }
    mem1_ = job.memory;
    read();
  });
}

void Inbound::Sweep(const Job& job) {
  UseMemory(job.memory, [this, job](bool ok, std::optional<StorageUsage> usage) {
    if (!ok) {
      RetryLater(job.memory);
      return Finish();
    }
    // E3531 reports 0 used right after an SMS arrives (gammu), so a forced
    // sweep lists anyway.
    if (!job.forced && usage && usage->used == 0) return Finish();
    ListAll(job.memory);
  });
}

void Inbound::ListAll(const std::string& memory) {
  AtCommand command{"AT+CMGL=4", {}};
  command.options.timeout = options_.list_timeout;
  command.options.response_prefix = "+CMGL:";
  command.options.pdu_lines = true;
  Run(std::move(command), [this, memory](const CommandDone& d) {
    auto list = ParseCmglResponse(d.Response());
    if (!list) {
      if (!d.ok()) RetryLater(memory);
      return Finish();
    }
    if (!d.ok() && list->entries.empty()) {
      if (!(d.status == CommandStatus::kCompleted && EmptySlot(d.final))) RetryLater(memory);
      return Finish();
    }
    ProcessEntries(memory, std::move(list->entries), 0);
  });
}

void Inbound::ProcessEntries(std::string memory, std::vector<CmglEntry> entries, std::size_t next) {
  if (next >= entries.size()) return Finish();
  const CmglEntry entry = entries[next];
  const std::uint64_t generation = generation_;
  StoreThenDelete(memory, entry.index, entry.pdu, InboundVia::kSweep,
                  [this, generation, memory, entries = std::move(entries), next]() mutable {
                    if (generation == generation_) ProcessEntries(std::move(memory), std::move(entries), next + 1);
                  });
}

bool Inbound::Store(const InboundPdu& pdu) {
  if (!sink_ || !sink_(pdu)) {
    ++store_failures_;
    return false;
  }
  ++received_;
  events_(InboundStored{pdu});
  if (auto report = ReportOf(pdu.pdu)) events_(*report);
  return true;
}

void Inbound::StoreThenDelete(const std::string& memory, int index, std::string pdu, InboundVia via,
                              Continue then) {
  const std::uint64_t fingerprint = PduFingerprint(pdu);
  const auto slot = std::make_pair(memory, index);
  auto known = undeleted_.find(slot);
  const bool stored_before = (known != undeleted_.end() && known->second == fingerprint) ||
                             std::find(direct_.begin(), direct_.end(), fingerprint) != direct_.end();
  if (!stored_before) {
    if (!Store(InboundPdu{options_.modem_id, memory, index, std::move(pdu), via})) {
      RetryLater(memory);  // keep the modem's copy; offer it again later
      return then();
    }
    undeleted_[slot] = fingerprint;
  }
  AtCommand command{"AT+CMGD=" + std::to_string(index), {}};
  command.options.timeout = options_.read_timeout;
  Run(std::move(command), [this, slot, then = std::move(then)](const CommandDone& d) {
    // Not deleted (timeout, error): the slot stays in undeleted_, so the next
    // sweep deletes it without storing it again.
    if (d.ok() || (d.status == CommandStatus::kCompleted && EmptySlot(d.final))) undeleted_.erase(slot);
    then();
  });
}

bool Inbound::StoreDirect(const std::string& pdu, InboundVia via) {
  const std::uint64_t fingerprint = PduFingerprint(pdu);
  if (std::find(direct_.begin(), direct_.end(), fingerprint) != direct_.end()) return true;
  if (!Store(InboundPdu{options_.modem_id, {}, -1, pdu, via})) return false;
  direct_.push_back(fingerprint);
  if (direct_.size() > kDirectMemory) direct_.pop_front();
  return true;
}

void Inbound::RetryLater(const std::string& memory) {
  retry_memories_.insert(memory);
  if (!retry_at_) retry_at_ = Clock::now() + options_.store_retry;
}

}  // namespace smsdesk::modem
