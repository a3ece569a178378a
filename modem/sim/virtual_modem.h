// VirtualModem: the AT interpreter of one simulated GSM modem, as a state
// machine with no I/O. Bytes from the client go in with Feed(); bytes for the
// client come out of TakeOutput(); time goes in with Advance(), and
// NextDeadline() says when it next needs to be called. The host (ModemHost)
// moves bytes between a pseudo-terminal and this object; tests call it directly.
//
// Speaks the PDU-mode subset of 3GPP TS 27.005/27.007 and ITU-T V.250 that
// SMS clients use (docs/modem.md §1-2), with the vendor quirks of its SimProfile and
// the faults of its FaultState. Single-threaded: call it from one thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "modem/sim/at_command_line.h"
#include "modem/sim/modem_settings.h"
#include "modem/sim/modem_stats.h"
#include "modem/sim/sim_faults.h"
#include "modem/sim/sim_storage.h"
#include "modem/sim/ussd_menu.h"
#include "modem/sms_pdu.h"

namespace smsdesk::sim {

class VirtualModem {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;

  struct Hooks {
    // A SUBMIT the network accepted (after the send latency), with its TP-MR.
    std::function<void(const modem::SubmitPdu&, std::uint8_t mr)> submitted;
    // AT+CFUN=1,1: the host drops the port and boots the modem again.
    std::function<void()> reset_requested;
    // The network's answer to a destination it refuses (+CMS ERROR code:
    // 1 an unassigned number, 0xC4 barred…); nullopt: it takes it.
    std::function<std::optional<int>(const std::string& destination)> destination_refused;
  };

  VirtualModem(ModemIdentity identity, ModemTiming timing, TimePoint now, Hooks hooks = {});

  // Bytes written by the client.
  void Feed(std::string_view bytes, TimePoint now);
  // Runs everything scheduled up to `now`.
  void Advance(TimePoint now);
  std::optional<TimePoint> NextDeadline() const;
  // Bytes for the client since the last call.
  std::string TakeOutput();

  // Power-on after a reset: settings back to defaults, pending work dropped,
  // hang cleared; `announce` prints the profile's boot URCs (RDY, SMS Ready).
  void Boot(TimePoint now, bool announce);

  // An SMS-DELIVER part from the network. Stored and announced per AT+CNMI;
  // kept pending (and retried when space frees) while the memory is full.
  void Receive(const modem::EncodedPdu& pdu, const std::string& message_id, TimePoint now);

  // kOutage and kNoNetwork go to NetworkDown, from the modem's clock (now_).
  void InjectFault(const FaultSpec& fault);

  // A network outage around this modem.
  struct Outage {
    OutageMode mode = OutageMode::kSmsc;
    int send_error = 500;              // what every AT+CMGS answers after its latency
    std::optional<TimePoint> ends_at;  // none: until NetworkUp
  };
  // The network fails from now_ on: in kSmsc mode every AT+CMGS answers +CMS
  // ERROR `send_error` (default 500); in kUnregistered mode the modem also
  // loses registration (stat 2, +CREG/+CGREG/+CEREG URCs when enabled) and
  // signal, and sends fail with 331 unless `send_error` says otherwise. With
  // `duration` the network comes back by itself after that long. A second
  // call replaces the first. Resets (Boot) do not end it: the network is
  // outside the modem.
  void NetworkDown(OutageMode mode, std::optional<int> send_error,
                   std::optional<std::chrono::milliseconds> duration);
  // Ends the outage (and a pending automatic end); nothing when there is none.
  void NetworkUp();
  const std::optional<Outage>& outage() const { return outage_; }

  // The operator's balance service (*100#, *123#) and how this modem frames
  // its +CUSD answers. Errors (nothing changed) on an amount with no number.
  // The operator charges each part the network accepts and refuses parts the
  // balance cannot pay (UssdMenu::CanPaySms) with +CMS ERROR no_credit_error.
  std::optional<modem::Error> UpdateUssd(const UssdBalanceUpdate& update);
  std::optional<modem::Error> SetUssdBalance(std::string_view amount) { return ussd_.SetBalance(amount); }
  const UssdMenu& ussd() const { return ussd_; }
  UssdEncoding ussd_encoding() const { return ussd_encoding_; }

  const ModemIdentity& identity() const { return identity_; }
  const ModemStats& stats() const { return stats_; }
  const SimStorage& storage() const { return storage_; }
  const FaultState& faults() const { return faults_; }
  std::size_t pending_incoming() const { return pending_incoming_.size(); }

 private:
  enum class Mode { kCommand, kPdu, kBusy };
  // The outcome of one command: info lines, then a final result code unless
  // the command finishes later (a prompt, a delayed +CMGS).
  struct Reply {
    enum class Final { kOk, kError, kCme, kCms, kNone };
    std::vector<std::string> lines;
    Final final = Final::kOk;
    int code = 0;

    static Reply Ok(std::vector<std::string> lines = {}) {
      Reply r;
      r.lines = std::move(lines);
      return r;
    }
    static Reply WithFinal(Final final, int code) {
      Reply r;
      r.final = final;
      r.code = code;
      return r;
    }
    static Reply Error() { return WithFinal(Final::kError, 0); }
    static Reply Cme(int code) { return WithFinal(Final::kCme, code); }
    static Reply Cms(int code) { return WithFinal(Final::kCms, code); }
    static Reply Pending() { return WithFinal(Final::kNone, 0); }
  };

  // Framing (virtual_modem.cpp).
  void ProcessInput();
  void ProcessLine(std::string_view line);
  void ProcessPduInput();
  void Respond(const Reply& reply);
  std::string FinalText(const Reply& reply) const;
  void EmitUrc(const std::string& text);
  void FlushDeferredUrcs();
  void Schedule(std::chrono::milliseconds delay, std::function<void()> action);
  void ScheduleNoise();
  void FinishBusy();
  void AnnounceStored(Memory memory, int index, const std::string& message_id, bool report);
  bool TryStoreIncoming(const modem::EncodedPdu& pdu, const std::string& message_id);
  void RetryPendingIncoming();

  // Dispatch (virtual_modem_commands.cpp): the command table maps each name
  // to its fixed answers (data) and a handler below for the rest.
  struct CommandSpec;
  using Handler = Reply (VirtualModem::*)(const AtCommand& cmd);
  Reply Execute(const AtCommand& cmd);

  // Handlers of general commands (virtual_modem_general.cpp).
  Reply ExecuteFlag(const AtCommand& cmd);   // E, V
  Reply ExecuteReset(const AtCommand& cmd);  // Z, &F
  Reply ExecuteCnum(const AtCommand& cmd);
  Reply ExecuteCmee(const AtCommand& cmd);
  Reply ExecuteCfun(const AtCommand& cmd);
  Reply ExecuteCpin(const AtCommand& cmd);
  Reply ExecuteCscs(const AtCommand& cmd);
  Reply ExecuteCurc(const AtCommand& cmd);   // ^CURC, ^USSDMODE?
  Reply ExecuteUssd(const AtCommand& cmd);
  std::string UssdLine(const UssdReply& reply) const;

  // Handlers of network commands (virtual_modem_general.cpp).
  Reply ExecuteRegistration(const AtCommand& cmd);  // +CREG, +CGREG, +CEREG
  Reply ExecuteCsq(const AtCommand& cmd);
  Reply ExecuteCops(const AtCommand& cmd);
  Reply ExecuteCgatt(const AtCommand& cmd);
  bool registered() const { return !outage_ || outage_->mode != OutageMode::kUnregistered; }
  // "<stat>[,<lac>,<ci>[,<AcT>]]" of +CREG/+CGREG/+CEREG under setting <n>.
  std::string RegistrationFields(const std::string& name, int n) const;
  void AnnounceRegistration();
  // The automatic end of the outage as an entry in timers_ (not Schedule's:
  // its timers die with a reset, the network's do not).
  void ScheduleOutageEnd();
  void CancelOutageEnd();

  // Handlers of SMS commands (virtual_modem_sms.cpp).
  Reply ExecuteCmgf(const AtCommand& cmd);
  Reply ExecuteCsca(const AtCommand& cmd);
  Reply ExecuteCsms(const AtCommand& cmd);
  Reply ExecuteCpms(const AtCommand& cmd);
  Reply ExecuteCnmi(const AtCommand& cmd);
  Reply ExecuteCmms(const AtCommand& cmd);  // +CMMS, +CGSMS
  Reply ExecuteList(const AtCommand& cmd);
  Reply ExecuteRead(const AtCommand& cmd);
  Reply ExecuteDelete(const AtCommand& cmd);
  Reply ExecuteSend(const AtCommand& cmd) { return StartPdu(cmd, false); }
  Reply ExecuteWrite(const AtCommand& cmd) { return StartPdu(cmd, true); }
  Reply StartPdu(const AtCommand& cmd, bool write_to_memory);
  void CompletePdu(const std::string& hex);
  void FinishSubmit(const modem::SubmitPdu& submit);
  // The +CMS ERROR the network answers a send with now, if it refuses it.
  std::optional<int> SendRefusal(const std::string& destination) const;
  void SendStatusReport(const modem::SubmitPdu& submit, std::uint8_t mr);

  ModemIdentity identity_;
  ModemTiming timing_;
  Hooks hooks_;
  TimePoint now_;
  AtSettings settings_;
  SimStorage storage_;
  FaultState faults_;
  UssdMenu ussd_;
  UssdEncoding ussd_encoding_ = UssdEncoding::kAuto;  // survives resets: it is the model's
  ModemStats stats_;
  std::mt19937 random_;

  Mode mode_ = Mode::kCommand;
  std::string input_;
  std::string hung_input_;  // bytes seen while hung, scanned for AT+CFUN=1,1
  std::string output_;
  std::vector<std::string> deferred_urcs_;
  using Timers = std::multimap<TimePoint, std::function<void()>>;
  Timers timers_;
  std::uint64_t generation_ = 0;  // bumped by Boot; stale timers check it
  std::optional<Outage> outage_;  // survives Boot, like the network
  std::optional<Timers::iterator> outage_end_;  // its automatic end in timers_

  // AT+CMGS / AT+CMGW in progress.
  int pdu_length_ = 0;
  bool pdu_write_ = false;
  std::uint8_t next_mr_ = 0;
  int sends_ = 0;
  std::optional<TimePoint> last_send_end_;

  std::deque<std::pair<modem::EncodedPdu, std::string>> pending_incoming_;
};

}  // namespace smsdesk::sim
