// Helpers for VirtualModem unit tests: a modem on a hand-driven clock.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "modem/sim/virtual_modem.h"
#include "modem/sms_pdu.h"

namespace smsdesk::sim::testing {

using namespace std::chrono_literals;

struct SubmittedPart {
  modem::SubmitPdu pdu;
  std::uint8_t mr;
};

class ModemHarness {
 public:
  explicit ModemHarness(const char* profile = "generic", ModemTiming timing = FastTiming())
      : now_(VirtualModem::Clock::time_point{} + 1000s),
        modem_(MakeIdentity(profile), timing, now_,
               VirtualModem::Hooks{.submitted = [this](const modem::SubmitPdu& p, std::uint8_t mr) {
                                     submitted.push_back({p, mr});
                                   },
                                   .reset_requested = [this] { ++resets; }}) {}

  static ModemTiming FastTiming() {
    ModemTiming t;
    t.send_latency = 100ms;
    t.link_setup = 50ms;
    t.sm_slots = 3;
    t.me_slots = 5;
    return t;
  }
  static ModemIdentity MakeIdentity(const char* profile) {
    ModemIdentity id;
    id.profile = FindProfile(profile);
    return id;
  }

  // Feeds bytes and returns what the modem wrote at once.
  std::string Send(const std::string& bytes) {
    modem_.Feed(bytes, now_);
    return modem_.TakeOutput();
  }
  // Advances the clock and returns what the modem wrote meanwhile.
  std::string Wait(std::chrono::milliseconds d) {
    now_ += d;
    modem_.Advance(now_);
    return modem_.TakeOutput();
  }
  void Deliver(const std::string& from, const std::string& text) {
    modem::DeliverOptions o;
    o.from = from;
    o.smsc = "+15550000100";
    modem::ConcatReferenceAllocator refs(7);
    auto parts = modem::EncodeDeliver(text, o, refs);
    for (const auto& p : parts.value()) modem_.Receive(p, "m1", now_);
  }
  static std::vector<modem::EncodedPdu> Submit(const std::string& to, const std::string& text,
                                               bool report = false) {
    modem::SubmitOptions o;
    o.to = to;
    o.status_report = report;
    modem::ConcatReferenceAllocator refs(9);
    auto parts = modem::EncodeSubmit(text, o, refs);
    return parts.value();
  }

  VirtualModem::TimePoint now_;
  VirtualModem modem_;
  std::vector<SubmittedPart> submitted;
  int resets = 0;
};

}  // namespace smsdesk::sim::testing
