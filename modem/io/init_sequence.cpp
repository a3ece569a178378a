#include "modem/io/init_sequence.h"

#include <algorithm>
#include <cctype>
#include <variant>

#include "modem/at_text.h"
#include "modem/io/at_redactor.h"

namespace smsdesk::modem {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Per-manufacturer quirk flags (docs/style.md: a table, not subclasses).
struct Quirks {
  std::string_view manufacturer;  // matched case-insensitively as a substring of AT+CGMI
  bool huawei_curc_off = false;   // AT^CURC=0 silences ^RSSI/^MODE/^BOOT (ModemManager huawei plugin)
  bool huawei_ussdmode = false;   // E1752: AT^USSDMODE=0 or +CUSD=1 returns ERROR
  bool ussd_packed_first = false; // Huawei wants packed GSM-7 hex in AT+CUSD (ModemManager)
  bool wait_sms_ready = false;    // SIM800L rejects +CMGF before "SMS Ready" (GPRS_SIM900 #39)
};
constexpr Quirks kQuirks[] = {
    {"huawei", true, true, true, false},
    {"simcom", false, false, false, true},
};

Quirks QuirksFor(std::string_view manufacturer) {
  std::string lower(manufacturer);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const Quirks& q : kQuirks) {
    if (lower.find(q.manufacturer) != std::string::npos) return q;
  }
  return Quirks{};
}

struct Skip {};
struct WaitSmsReady {};
using Action = std::variant<AtCommand, Skip, WaitSmsReady>;

struct StepResult {
  enum Kind { kNext, kAgain, kAgainAfter, kFail } kind = kNext;
  milliseconds delay{0};
  InitFailure failure = InitFailure::kNone;
  std::string reason{};
};
StepResult Next() { return {}; }
StepResult Again() { return {StepResult::kAgain}; }
StepResult AgainAfter(milliseconds delay) { return {StepResult::kAgainAfter, delay}; }
StepResult Fail(InitFailure failure, std::string reason) {
  return {StepResult::kFail, milliseconds{0}, failure, std::move(reason)};
}

AtCommand Cmd(std::string text, milliseconds timeout, std::string prefix = {}, bool free_form = false) {
  AtCommand c{std::move(text), {}};
  c.options.timeout = timeout;
  c.options.response_prefix = std::move(prefix);
  c.options.free_form = free_form;
  return c;
}

// The first information line, without an echoed "+CGMI: " style prefix.
std::string FirstLine(const CommandDone& done) {
  for (const std::string& line : done.lines) {
    std::string_view text = TrimAt(line);
    if (text.empty()) continue;
    if (text.front() == '+') {
      auto colon = text.find(':');
      if (colon != std::string_view::npos) text = TrimAt(text.substr(colon + 1));
    }
    return std::string(text);
  }
  return {};
}

bool SimBusy(const FinalResult& final) {
  auto cme = final.cme();
  auto cms = final.cms();
  return (cme && (*cme == CmeError::kSimBusy || *cme == CmeError::kWavecomInitInProgress ||
                  *cme == CmeError::kSimFailure)) ||
         (cms && (*cms == CmsError::kSimBusy || *cms == CmsError::kSimFailure));
}

bool Accepts(const std::vector<int>& allowed, int value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// docs/modem.md §1 #11: store-then-read with +CMTI, status reports stored (+CDSI)
// or inline (+CDS); Qualcomm refuses <ds>=1 despite reporting it
// (ModemManager); MSM/Huawei/ZTE/SIMCom may refuse <mode>=2 (oFono).
constexpr int kCnmiCandidates[][5] = {
    {2, 1, 0, 2, 0}, {2, 1, 2, 1, 0}, {2, 1, 2, 2, 0}, {2, 1, 2, 0, 0},
    {1, 1, 0, 2, 0}, {1, 1, 0, 1, 0}, {1, 1, 0, 0, 0}, {2, 1, 0, 0, 0},
};
// ModemDriverOptions::direct_status_reports: messages still stored (+CMTI),
// reports inline (+CDS), tried before the list above.
constexpr int kDirectReportCandidates[][5] = {{2, 1, 0, 1, 0}, {1, 1, 0, 1, 0}};

}  // namespace

struct InitSequence::State {
  const ModemDriverOptions* options = nullptr;
  InitOutcome outcome{};
  int attempt = 0;
  int cmee_form = 1;
  bool cfun_on = false;
  bool enter_pin = false, pin_sent = false;
  bool rdy_seen = false, sms_ready_seen = false, waiting_sms_ready = false;
  Quirks quirks{};
  std::vector<std::string> cpms_choices{};
  std::size_t cpms_index = 0;
  std::vector<std::string> cnmi_choices{};
  std::size_t cnmi_index = 0;
  int creg_form = 2;
  bool csq_query = false;
};

namespace {

using State = InitSequence::State;

struct Step {
  std::string_view name;
  bool timeout_tolerant;  // a timeout is an answer (wake polling, Wavecom CPIN without OK)
  Action (*act)(State&);
  StepResult (*handle)(State&, const CommandDone&);
};

StepResult AnyNext(State&, const CommandDone&) { return Next(); }

StepResult HandleCpin(State& s, const CommandDone& done) {
  const ModemDriverOptions& o = *s.options;
  if (done.command.rfind("AT+CPIN=", 0) == 0) {
    // Never retry a PIN automatically: three wrong tries lock the SIM.
    if (!done.ok()) return Fail(InitFailure::kSim, "SIM PIN rejected: " + DescribeFinal(done.final));
    s.enter_pin = false;
    s.pin_sent = true;
    return AgainAfter(o.pin_settle);  // smstools3 pinsleeptime
  }
  auto backoff = [&](const std::string& why) {
    if (s.attempt + 1 >= o.sim_busy_attempts) return Fail(InitFailure::kSim, "SIM not ready: " + why);
    return AgainAfter(std::min(o.sim_busy_backoff * (s.attempt + 1), o.sim_busy_max));
  };
  // An error final first: ParseCpinResponse reads a bare OK as READY.
  const bool error_final = done.status == CommandStatus::kCompleted && !done.ok();
  auto status = ParseCpinResponse(done.Response());
  if (status && !error_final && (!done.lines.empty() || done.ok())) {
    switch (*status) {
      case SimStatus::kReady: return Next();
      case SimStatus::kSimPin:
        if (o.pin.empty()) return Fail(InitFailure::kSim, "SIM PIN required and no PIN configured");
        if (s.pin_sent) return backoff("still asks for the PIN");
        s.enter_pin = true;
        return Again();
      case SimStatus::kNotReady: return backoff("+CPIN: NOT READY");
      case SimStatus::kNotInserted: return Fail(InitFailure::kSim, "no SIM inserted");
      default: return Fail(InitFailure::kSim, "SIM locked (" + FirstLine(done) + ")");
    }
  }
  if (done.status == CommandStatus::kTimedOut) return Fail(InitFailure::kNoAnswer, "no answer to AT+CPIN?");
  if (done.final.kind == FinalKind::kOk) return Next();  // smstools3: a bare OK means ready
  auto cme = done.final.cme();
  auto cms = done.final.cms();
  if ((cme && *cme == CmeError::kSimNotInserted) || (cms && *cms == CmsError::kSimNotInserted)) {
    return Fail(InitFailure::kSim, "no SIM inserted");
  }
  if ((cme && *cme == CmeError::kSimPukRequired) || (cms && *cms == CmsError::kSimPukRequired)) {
    return Fail(InitFailure::kSim, "SIM PUK required");
  }
  if (SimBusy(done.final)) return backoff(DescribeFinal(done.final));
  return backoff(DescribeFinal(done.final));
}

const Step kSteps[] = {
    {"wake", true, [](State& s) -> Action { return Cmd("AT", s.options->wake_timeout); },
     [](State& s, const CommandDone& d) {
       if (d.status == CommandStatus::kCompleted) return Next();
       if (s.attempt + 1 >= s.options->wake_attempts) return Fail(InitFailure::kNoAnswer, "no answer to AT");
       return Again();
     }},
    // ITU V.250: nothing after Z on the same line (ModemManager); E0 alone (smstools3).
    {"reset", false, [](State& s) -> Action { return Cmd("ATZ", s.options->init_command_timeout); }, AnyNext},
    {"echo", false, [](State& s) -> Action { return Cmd("ATE0", s.options->init_command_timeout); }, AnyNext},
    {"verbose", false, [](State& s) -> Action { return Cmd("ATV1", s.options->init_command_timeout); }, AnyNext},
    {"cmee", false,
     [](State& s) -> Action {
       return Cmd("AT+CMEE=" + std::to_string(s.cmee_form), s.options->init_command_timeout);
     },
     [](State& s, const CommandDone& d) {
       if (d.ok()) {
         s.outcome.info.cmee = true;
         return Next();
       }
       if (s.cmee_form == 1) {
         s.cmee_form = 2;
         return Again();
       }
       return Next();
     }},
    {"manufacturer", false,
     [](State& s) -> Action { return Cmd("AT+CGMI", s.options->init_command_timeout, {}, true); },
     [](State& s, const CommandDone& d) {
       if (d.ok()) s.outcome.info.manufacturer = FirstLine(d);
       s.quirks = QuirksFor(s.outcome.info.manufacturer);
       s.outcome.ussd_packed_first = s.quirks.ussd_packed_first;
       return Next();
     }},
    {"model", false, [](State& s) -> Action { return Cmd("AT+CGMM", s.options->init_command_timeout, {}, true); },
     [](State& s, const CommandDone& d) {
       if (d.ok()) s.outcome.info.model = FirstLine(d);
       return Next();
     }},
    {"curc", false,
     [](State& s) -> Action {
       if (!s.quirks.huawei_curc_off) return Skip{};
       return Cmd("AT^CURC=0", s.options->init_command_timeout);
     },
     AnyNext},
    {"ussdmode", false,
     [](State& s) -> Action {
       if (!s.quirks.huawei_ussdmode) return Skip{};
       return Cmd("AT^USSDMODE=0", s.options->init_command_timeout);
     },
     AnyNext},
    {"cfun?", false, [](State& s) -> Action { return Cmd("AT+CFUN?", s.options->init_command_timeout, "+CFUN:"); },
     [](State& s, const CommandDone& d) {
       s.cfun_on = !d.ok() || d.Response().find(": 1") != std::string::npos ||
                   d.Response().find(":1") != std::string::npos;
       return Next();
     }},
    {"cfun=1", false,
     [](State& s) -> Action {
       if (s.cfun_on) return Skip{};
       return Cmd("AT+CFUN=1", s.options->radio_on_timeout);
     },
     AnyNext},
    {"cpin", true,
     [](State& s) -> Action {
       if (s.enter_pin) return Cmd("AT+CPIN=\"" + s.options->pin + "\"", s.options->init_command_timeout);
       return Cmd("AT+CPIN?", s.options->init_command_timeout, "+CPIN:");
     },
     HandleCpin},
    {"sms ready", false,
     [](State& s) -> Action {
       if (s.quirks.wait_sms_ready && s.rdy_seen && !s.sms_ready_seen) return WaitSmsReady{};
       return Skip{};
     },
     AnyNext},
    {"cmgf", false, [](State& s) -> Action { return Cmd("AT+CMGF=0", s.options->init_command_timeout); },
     [](State& s, const CommandDone& d) {
       if (d.ok()) return Next();
       if (s.attempt + 1 >= s.options->cmgf_attempts) {
         return Fail(InitFailure::kNoAnswer, "PDU mode refused: " + DescribeFinal(d.final));
       }
       return AgainAfter(s.options->cmgf_retry);  // oFono drivers/atmodem/sms.c
     }},
    {"cscs", false, [](State& s) -> Action { return Cmd("AT+CSCS=\"GSM\"", s.options->init_command_timeout); },
     AnyNext},
    {"csca", false, [](State& s) -> Action { return Cmd("AT+CSCA?", s.options->init_command_timeout, "+CSCA:"); },
     [](State& s, const CommandDone& d) {
       // gammu tests/at-smsc-failing/04.dump: "+CSCA: "",129" means unset.
       if (auto smsc = ParseCscaResponse(d.Response()); d.ok() && smsc) s.outcome.info.smsc = smsc->number;
       return Next();
     }},
    {"cpms=?", false,
     [](State& s) -> Action { return Cmd("AT+CPMS=?", s.options->init_command_timeout, "+CPMS:"); },
     [](State& s, const CommandDone& d) {
       CpmsSupport support;
       if (auto parsed = ParseCpmsTest(d.Response()); d.ok() && parsed) support = *parsed;
       for (const std::string& pref : s.options->storage_preference) {
         if ((support.mem1.empty() ||
                                std::find(support.mem1.begin(), support.mem1.end(), pref) != support.mem1.end())) {
           s.cpms_choices.push_back(pref);
         }
       }
       // Sweep every message memory once at start; BM is cell broadcast, and
       // MT is ME+SM again (indices shift between them).
       auto& storages = s.outcome.info.storages;
       for (const std::string& m : support.mem1) {
         if (m == "BM" || std::find(storages.begin(), storages.end(), m) != storages.end()) continue;
         storages.push_back(m);
       }
       const bool both = std::count(storages.begin(), storages.end(), "SM") &&
                         std::count(storages.begin(), storages.end(), "ME");
       if (both) std::erase(storages, std::string("MT"));
       return Next();
     }},
    {"cpms", false,
     [](State& s) -> Action {
       if (s.cpms_index >= s.cpms_choices.size()) return Skip{};
       const std::string& m = s.cpms_choices[s.cpms_index];
       return Cmd("AT+CPMS=\"" + m + "\",\"" + m + "\",\"" + m + "\"", s.options->init_command_timeout, "+CPMS:");
     },
     [](State& s, const CommandDone& d) {
       if (d.ok()) {
         // The preferred memory is swept last, so mem1 ends where init set it.
         s.outcome.info.storage = s.cpms_choices[s.cpms_index];
         auto& storages = s.outcome.info.storages;
         std::erase(storages, s.outcome.info.storage);
         storages.push_back(s.outcome.info.storage);
         return Next();
       }
       ++s.cpms_index;
       return Again();
     }},
    {"cnmi=?", false,
     [](State& s) -> Action { return Cmd("AT+CNMI=?", s.options->init_command_timeout, "+CNMI:"); },
     [](State& s, const CommandDone& d) {
       CnmiSupport support;
       if (auto parsed = ParseCnmiTest(d.Response()); d.ok() && parsed) support = *parsed;
       auto consider = [&](const int (&c)[5]) {
         if (!Accepts(support.mode, c[0]) || !Accepts(support.mt, c[1]) || !Accepts(support.bm, c[2]) ||
             !Accepts(support.ds, c[3]) || !Accepts(support.bfr, c[4])) {
           return;
         }
         std::string choice = std::to_string(c[0]) + "," + std::to_string(c[1]) + "," + std::to_string(c[2]) +
                              "," + std::to_string(c[3]) + "," + std::to_string(c[4]);
         if (std::find(s.cnmi_choices.begin(), s.cnmi_choices.end(), choice) == s.cnmi_choices.end()) {
           s.cnmi_choices.push_back(std::move(choice));
         }
       };
       if (s.options->direct_status_reports) {
         for (const auto& c : kDirectReportCandidates) consider(c);
       }
       for (const auto& c : kCnmiCandidates) consider(c);
       if (s.cnmi_choices.empty()) {  // the test answer lied or did not parse: try them all
         for (const auto& c : kCnmiCandidates) {
           s.cnmi_choices.push_back(std::to_string(c[0]) + "," + std::to_string(c[1]) + "," +
                                    std::to_string(c[2]) + "," + std::to_string(c[3]) + "," + std::to_string(c[4]));
         }
       }
       return Next();
     }},
    {"cnmi", false,
     [](State& s) -> Action {
       if (s.cnmi_index >= s.cnmi_choices.size()) return Skip{};
       return Cmd("AT+CNMI=" + s.cnmi_choices[s.cnmi_index], s.options->init_command_timeout);
     },
     [](State& s, const CommandDone& d) {
       if (d.ok()) {
         s.outcome.info.cnmi = s.cnmi_choices[s.cnmi_index];
         return Next();
       }
       ++s.cnmi_index;
       return Again();
     }},
    {"creg", false,
     [](State& s) -> Action {
       return Cmd("AT+CREG=" + std::to_string(s.creg_form), s.options->init_command_timeout);
     },
     [](State& s, const CommandDone& d) {
       if (!d.ok() && s.creg_form == 2) {
         s.creg_form = 1;
         return Again();
       }
       return Next();
     }},
    {"csq", false,
     [](State& s) -> Action {
       return Cmd(s.csq_query ? "AT+CSQ?" : "AT+CSQ", s.options->init_command_timeout, "+CSQ:");
     },
     [](State& s, const CommandDone& d) {
       if (!d.ok() && !s.csq_query) {  // "some firmware wants AT+CSQ?" (ModemManager)
         s.csq_query = true;
         return Again();
       }
       s.outcome.csq_query_form = s.csq_query && d.ok();
       return Next();
     }},
    {"revision", false,
     [](State& s) -> Action { return Cmd("AT+CGMR", s.options->init_command_timeout, {}, true); },
     [](State& s, const CommandDone& d) {
       if (d.ok()) s.outcome.info.revision = FirstLine(d);
       return Next();
     }},
    {"imei", false, [](State& s) -> Action { return Cmd("AT+CGSN", s.options->init_command_timeout, {}, true); },
     [](State& s, const CommandDone& d) {
       if (auto imei = ParseCgsnResponse(d.Response()); d.ok() && imei) s.outcome.info.imei = *imei;
       const std::string& want = s.options->selector.imei;
       if (!want.empty() && s.outcome.info.imei != want) {
         return Fail(InitFailure::kWrongDevice, "IMEI " + s.outcome.info.imei + " is not " + want);
       }
       return Next();
     }},
    {"imsi", false, [](State& s) -> Action { return Cmd("AT+CIMI", s.options->init_command_timeout, {}, true); },
     [](State& s, const CommandDone& d) {
       if (d.ok()) s.outcome.info.imsi = FirstLine(d);
       return Next();
     }},
};

}  // namespace

InitSequence::InitSequence(AtChannel& channel, const ModemDriverOptions& options)
    : channel_(channel), options_(options) {}

InitSequence::~InitSequence() = default;

void InitSequence::Start(const std::string& port, DoneHandler done) {
  Abort();
  state_ = std::make_unique<State>();
  state_->options = &options_;
  state_->outcome.info.modem_id = options_.modem_id;
  state_->outcome.info.port = port;
  done_ = std::move(done);
  running_ = true;
  step_ = 0;
  // ESC leaves a +CMGS prompt a crash left open (gammu atgen.c).
  channel_.WriteRaw("\x1B\r");
  RunStep();
}

void InitSequence::Abort() {
  ++generation_;
  running_ = false;
  wake_at_.reset();
}

void InitSequence::OnUrc(const Urc& urc) {
  if (!state_) return;
  if (urc.kind == UrcKind::kReady) {
    state_->rdy_seen = true;
    state_->sms_ready_seen = false;
  } else if (urc.kind == UrcKind::kSmsReady) {
    state_->sms_ready_seen = true;
    if (running_ && state_->waiting_sms_ready) {
      state_->waiting_sms_ready = false;
      wake_at_.reset();
      ++step_;
      RunStep();
    }
  }
}

void InitSequence::Tick(TimePoint now) {
  if (!running_ || !wake_at_ || now < *wake_at_) return;
  wake_at_.reset();
  if (state_->waiting_sms_ready) {  // no "SMS Ready": go on, +CMGF retries cover it
    state_->waiting_sms_ready = false;
    ++step_;
  }
  RunStep();
}

void InitSequence::RunStep() {
  while (running_ && step_ < std::size(kSteps)) {
    Action action = kSteps[step_].act(*state_);
    if (std::holds_alternative<Skip>(action)) {
      ++step_;
      state_->attempt = 0;
      continue;
    }
    if (std::holds_alternative<WaitSmsReady>(action)) {
      state_->waiting_sms_ready = true;
      wake_at_ = Clock::now() + options_.sms_ready_wait;
      return;
    }
    const std::uint64_t generation = generation_;
    channel_.Run(Lane::kControl, std::get<AtCommand>(std::move(action)), [this, generation](const CommandDone& d) {
      if (generation == generation_) OnDone(d);
    });
    return;
  }
  if (running_) Finish(InitFailure::kNone, {});
}

void InitSequence::OnDone(const CommandDone& done) {
  const Step& step = kSteps[step_];
  if (done.status == CommandStatus::kCancelled) return Finish(InitFailure::kCancelled, "port closed");
  if (done.status == CommandStatus::kTimedOut && !step.timeout_tolerant) {
    return Finish(InitFailure::kNoAnswer, "no answer to " + RedactAtSecrets(done.command));  // logged
  }
  StepResult result = step.handle(*state_, done);
  switch (result.kind) {
    case StepResult::kNext:
      ++step_;
      state_->attempt = 0;
      RunStep();
      return;
    case StepResult::kAgain:
      ++state_->attempt;
      RunStep();
      return;
    case StepResult::kAgainAfter:
      ++state_->attempt;
      wake_at_ = Clock::now() + result.delay;
      return;
    case StepResult::kFail: Finish(result.failure, result.reason); return;
  }
}

void InitSequence::Finish(InitFailure failure, std::string reason) {
  running_ = false;
  wake_at_.reset();
  ++generation_;
  InitOutcome outcome = std::move(state_->outcome);
  outcome.failure = failure;
  outcome.reason = std::move(reason);
  if (outcome.info.storages.empty() && !outcome.info.storage.empty()) {
    outcome.info.storages.push_back(outcome.info.storage);
  }
  DoneHandler done = done_;
  if (done) done(std::move(outcome));
}

}  // namespace smsdesk::modem
