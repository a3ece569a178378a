// Inbound: gets every stored message and status report off the modem into
// the application's durable sink, then deletes it (docs/design.md: delete only
// after commit). Triggers: +CMTI/+CDSI (read the index from the memory the
// URC names, chan-dongle #31), +CMT/+CDS (the PDU is inline), SIM7000G
// "+CMTI: ,-1" / Huawei ^SMMEMFULL / +CMS ERROR: 322 / an incomplete +CMT
// (sweep), and a periodic sweep (AT+CMGL=4, default every 5 min).
//
// The periodic sweep first asks AT+CPMS for the used count and lists only a
// memory that holds something, so an idle modem costs one line per sweep.
// Memories: all mem1 memories at start; afterwards the preferred one plus
// every memory a URC has named.
//
// Doubles: a slot stored but not yet deleted (AT+CMGD lost) and the stored
// copy of a +CMT message (Huawei E303 sends both, docs/modem.md §1) are
// recognised by PDU fingerprint and deleted without a second Store(). The
// daemon still dedups by fingerprint across restarts.
//
// +CMT/+CDS with a failing sink: the PDU exists only in RAM (no +CNMA under
// CSMS=0), so it is kept and offered again every store_retry until stored.
//
// Owned by ModemDriver; used on its io_context only.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "modem/io/at_channel.h"
#include "modem/io/driver_options.h"
#include "modem/io/driver_types.h"

namespace smsdesk::modem {

class Inbound {
 public:
  using TimePoint = AtChannel::TimePoint;

  Inbound(AtChannel& channel, const ModemDriverOptions& options, InboundSink sink, EventHandler events);

  // After a (re-)init: the mem1 in use is the preferred one; sweep everything.
  void OnReady(const ModemInfo& info);
  void OnLost();
  void OnUrc(const Urc& urc);
  // Lists `memories` (all known when empty). `forced`: even if CPMS says 0 used.
  void RequestSweep(bool forced, std::vector<std::string> memories = {});

  std::optional<TimePoint> NextDeadline() const;
  void Tick(TimePoint now);

  const std::map<std::string, StorageUsage>& storage() const { return usage_; }
  std::uint64_t received() const { return received_; }
  std::uint64_t store_failures() const { return store_failures_; }
  bool busy() const { return running_ || !jobs_.empty(); }

 private:
  struct Job {
    enum Kind { kRead, kSweep } kind = kSweep;
    std::string memory;
    int index = -1;
    InboundVia via = InboundVia::kSweep;
    bool forced = false;
  };
  using Continue = std::function<void()>;

  void Enqueue(Job job);
  void RunNext();
  void Finish();
  void Read(const Job& job);
  void Sweep(const Job& job);
  void ListAll(const std::string& memory);
  void ProcessEntries(std::string memory, std::vector<CmglEntry> entries, std::size_t next);
  void UseMemory(const std::string& memory, std::function<void(bool ok, std::optional<StorageUsage>)> then);
  void StoreThenDelete(const std::string& memory, int index, std::string pdu, InboundVia via, Continue then);
  bool StoreDirect(const std::string& pdu, InboundVia via);
  bool Store(const InboundPdu& pdu);
  void RetryLater(const std::string& memory);
  void Run(AtCommand command, std::function<void(const CommandDone&)> then);
  std::chrono::milliseconds SweepInterval() const;

  AtChannel& channel_;
  const ModemDriverOptions& options_;
  InboundSink sink_;
  EventHandler events_;
  ModemInfo info_{};
  bool ready_ = false, running_ = false;
  std::uint64_t generation_ = 0;
  std::deque<Job> jobs_;
  std::optional<std::string> mem1_;  // what AT+CPMS last set; nullopt: unknown
  std::set<std::string> periodic_;   // memories the periodic sweep covers
  std::optional<TimePoint> next_sweep_, retry_at_;
  std::set<std::string> retry_memories_;
  std::map<std::pair<std::string, int>, std::uint64_t> undeleted_;  // stored, CMGD not confirmed
  std::deque<std::uint64_t> direct_;  // fingerprints of +CMT/+CDS parts stored lately
  std::vector<std::pair<std::string, InboundVia>> direct_unstored_;
  std::map<std::string, StorageUsage> usage_;
  std::uint64_t received_ = 0, store_failures_ = 0;
};

}  // namespace smsdesk::modem
