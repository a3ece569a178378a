// VirtualModem: handlers of V.250 basic commands, identification, SIM and network status,
// USSD (3GPP TS 27.007 §5-7).

#include "modem/at_text.h"
#include "modem/gsm_alphabet.h"
#include "modem/unicode.h"
#include "modem/sim/te_charset.h"
#include "modem/sim/virtual_modem.h"

namespace smsdesk::sim {
namespace {

using Kind = AtCommand::Kind;

// AT arguments are decimal (V.250 §5.3.1); the AT layer's parser serves both sides.
using modem::ParseDecimal;

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Whether the GSM 7-bit default alphabet and its extension table hold every
// character (TS 23.038 §6.2.1); if not, only UCS-2 can carry the text.
bool FitsGsm7(std::string_view utf8) {
  std::vector<std::uint8_t> septets;
  for (char32_t cp : modem::Utf8ToCodepointsLenient(utf8)) {
    if (!modem::AppendGsm7(cp, {}, septets)) return false;
  }
  return true;
}

// "0" or "1" for flags such as E and V; an empty argument means 0 (V.250).
std::optional<int> Flag(const AtCommand& cmd) {
  if (cmd.args.empty()) return 0;
  auto v = ParseDecimal(cmd.args);
  if (!v || *v < 0 || *v > 1) return std::nullopt;
  return v;
}

}  // namespace

// Fixed answers (identification, +GCAP, no-op settings, the "=?" forms…) are
// data in the command table (virtual_modem_commands.cpp); a handler here only
// sees the forms the table does not answer.

VirtualModem::Reply VirtualModem::ExecuteFlag(const AtCommand& cmd) {
  auto v = Flag(cmd);
  if (!v) return Reply::Error();
  (cmd.name == "E" ? settings_.echo : settings_.verbose) = *v == 1;
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteReset(const AtCommand&) {
  // Storage choices survive ATZ (they live in the SIM's profile).
  Memory m1 = settings_.mem1, m2 = settings_.mem2, m3 = settings_.mem3;
  settings_ = AtSettings{};
  settings_.mem1 = m1, settings_.mem2 = m2, settings_.mem3 = m3;
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteCnum(const AtCommand&) {
  return Reply::Ok({"+CNUM: \"\"," + Quote(identity_.number) + "," +
                    (identity_.number.starts_with("+") ? "145" : "129")});
}

VirtualModem::Reply VirtualModem::ExecuteCmee(const AtCommand& cmd) {
  if (cmd.kind == Kind::kRead) return Reply::Ok({"+CMEE: " + std::to_string(settings_.cmee)});
  auto v = cmd.args.empty() ? std::optional<int>(0) : ParseDecimal(cmd.args);
  if (!v || *v < 0 || *v > 2) return Reply::Cme(50);
  settings_.cmee = *v;
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteCfun(const AtCommand& cmd) {
  auto args = SplitArguments(cmd.args);
  if (args.empty()) return Reply::Cme(50);
  auto fun = ParseDecimal(args[0]);
  if (!fun || (*fun != 0 && *fun != 1 && *fun != 4)) return Reply::Cme(50);
  if (args.size() > 1 && args[1] == "1") {
    // Reset: the answer goes out first, then the port drops (docs/modem.md §4 "Resets").
    Schedule(std::chrono::milliseconds(50), [this] {
      if (hooks_.reset_requested) hooks_.reset_requested();
    });
  }
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteCpin(const AtCommand&) {
  if (faults_.sim_busy_left > 0) {
    --faults_.sim_busy_left;
    return Reply::Cme(14);
  }
  return Reply::Ok({"+CPIN: READY"});
}

VirtualModem::Reply VirtualModem::ExecuteCscs(const AtCommand& cmd) {
  if (cmd.kind == Kind::kRead) return Reply::Ok({"+CSCS: " + Quote(TeCharsetName(settings_.cscs))});
  auto args = SplitArguments(cmd.args);
  auto cs = args.empty() ? std::nullopt : ParseTeCharset(args[0]);
  if (!cs) return Reply::Cme(50);
  settings_.cscs = *cs;
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteCurc(const AtCommand& cmd) {
  if (cmd.kind == Kind::kRead) return Reply::Ok({cmd.name + ": " + (settings_.curc ? "1" : "0")});
  settings_.curc = cmd.args != "0";
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteRegistration(const AtCommand& cmd) {
  const std::string& n = cmd.name;
  int& setting = n == "+CREG" ? settings_.creg : n == "+CGREG" ? settings_.cgreg : settings_.cereg;
  if (cmd.kind == Kind::kSet) {
    auto v = ParseDecimal(cmd.args);
    if (!v || *v < 0 || *v > 2) return Reply::Cme(50);
    setting = *v;
    return Reply::Ok();
  }
  return Reply::Ok({n + ": " + std::to_string(setting) + "," + RegistrationFields(n, setting)});
}

VirtualModem::Reply VirtualModem::ExecuteCsq(const AtCommand&) {
  return Reply::Ok({registered() ? "+CSQ: 21,99" : "+CSQ: 99,99"});  // 99: not known or not detectable
}

VirtualModem::Reply VirtualModem::ExecuteCops(const AtCommand&) {
  // Automatic selection, no operator while nothing is registered.
  return Reply::Ok({registered() ? "+COPS: 0,0,\"smsdesk Net\",2" : "+COPS: 0"});
}

VirtualModem::Reply VirtualModem::ExecuteCgatt(const AtCommand&) {
  // Packet service: attached (gammu's network check asks).
  return Reply::Ok({registered() ? "+CGATT: 1" : "+CGATT: 0"});
}

std::string VirtualModem::RegistrationFields(const std::string& name, int n) const {
  // <stat> 1: registered, home network; 2: not registered, searching. The
  // cell stays the last one seen (27.007 §7.2).
  std::string fields = registered() ? "1" : "2";
  if (n == 2) fields += ",\"1A2B\",\"00C3D4E5\"" + std::string(name == "+CREG" ? "" : ",7");
  return fields;
}

void VirtualModem::AnnounceRegistration() {
  // <n>=1 or 2 asks for an unsolicited report on each change of <stat>
  // (27.007 §7.2, §10.1.20, §10.1.22).
  const std::pair<std::string, int> reports[] = {
      {"+CREG", settings_.creg}, {"+CGREG", settings_.cgreg}, {"+CEREG", settings_.cereg}};
  for (const auto& [name, n] : reports) {
    if (n != 0) EmitUrc(name + ": " + RegistrationFields(name, n));
  }
}

void VirtualModem::NetworkDown(OutageMode mode, std::optional<int> send_error,
                               std::optional<std::chrono::milliseconds> duration) {
  const bool was_registered = registered();
  CancelOutageEnd();
  outage_ = Outage{.mode = mode,
                   .send_error = send_error.value_or(DefaultOutageError(mode)),
                   .ends_at = duration ? std::optional<TimePoint>(now_ + *duration) : std::nullopt};
  ScheduleOutageEnd();
  stats_.Record(MakeEvent(now_, "network_down").WithMode(OutageModeName(mode)).WithCode(outage_->send_error));
  if (registered() != was_registered) AnnounceRegistration();
}

void VirtualModem::NetworkUp() {
  if (!outage_) return;
  const bool was_registered = registered();
  CancelOutageEnd();
  outage_.reset();
  stats_.Record(MakeEvent(now_, "network_up"));
  if (!was_registered) AnnounceRegistration();
}

void VirtualModem::ScheduleOutageEnd() {
  if (!outage_ || !outage_->ends_at) return;
  outage_end_ = timers_.emplace(*outage_->ends_at, [this] {
    outage_end_.reset();  // Advance already took the entry out of timers_
    NetworkUp();
  });
}

void VirtualModem::CancelOutageEnd() {
  if (!outage_end_) return;
  timers_.erase(*outage_end_);
  outage_end_.reset();
}

// docs/modem.md §2: Huawei E160 packs GSM-7 into hex (DCS 15), E3276 sends UCS-2
// hex (DCS 72), Dell plain text (DCS 15), Quectel M35 the TE charset (UCS-2
// hex under CSCS="UCS2") with DCS 15.
std::string VirtualModem::UssdLine(const UssdReply& reply) const {
  std::string line = "+CUSD: " + std::to_string(reply.status);
  if (reply.text.empty()) return line;
  UssdEncoding encoding = ussd_encoding_;
  if (encoding == UssdEncoding::kAuto) {
    if (!FitsGsm7(reply.text)) encoding = UssdEncoding::kUcs2;
    else if (identity_.profile->ussd_packed_hex) encoding = UssdEncoding::kPacked;
    else if (settings_.cscs == TeCharset::kUcs2) encoding = UssdEncoding::kUcs2;
    else encoding = UssdEncoding::kPlain;
  }
  switch (encoding) {
    case UssdEncoding::kPacked:
      return line + ",\"" + EncodeUssdPackedHex(reply.text) + "\",15";
    case UssdEncoding::kUcs2:
      return line + ",\"" + EncodeTeString(reply.text, TeCharset::kUcs2) + "\",72";
    case UssdEncoding::kAuto:
    case UssdEncoding::kPlain:
      break;
  }
  return line + ",\"" + EncodeTeString(reply.text, settings_.cscs) + "\",15";
}

std::optional<modem::Error> VirtualModem::UpdateUssd(const UssdBalanceUpdate& update) {
  if (update.amount) {
    if (auto error = ussd_.SetBalance(*update.amount)) return error;
  }
  if (update.text) ussd_.set_balance_text(*update.text);
  if (update.encoding) ussd_encoding_ = *update.encoding;
  if (update.sms_cost) ussd_.set_sms_cost(*update.sms_cost);
  if (update.no_credit_error) ussd_.set_no_credit_error(*update.no_credit_error);
  return std::nullopt;
}

VirtualModem::Reply VirtualModem::ExecuteUssd(const AtCommand& cmd) {
  auto ok = [](std::vector<std::string> lines = {}) { return Reply::Ok(std::move(lines)); };
  if (cmd.kind == Kind::kRead) return ok({"+CUSD: " + std::string(settings_.cusd ? "1" : "0")});
  std::vector<bool> quoted;
  auto args = SplitArguments(cmd.args, &quoted);
  int mode = args.empty() ? 0 : ParseDecimal(args[0]).value_or(-1);
  if (mode < 0 || mode > 2) return Reply::Cme(50);
  if (mode == 2) {
    ussd_.Cancel();
    return ok();
  }
  settings_.cusd = mode == 1;
  if (args.size() < 2) return ok();
  // The string is packed hex (Huawei), UCS2 hex under CSCS="UCS2", or plain.
  std::string request = args[1];
  if (identity_.profile->ussd_packed_hex) {
    if (auto decoded = DecodeUssdPackedHex(request)) request = *decoded;
  } else {
    request = DecodeTeString(request, settings_.cscs);
  }
  UssdReply reply = ussd_.in_session() ? ussd_.Answer(request) : ussd_.Start(request);
  std::string line = UssdLine(reply);
  Schedule(timing_.ussd_latency, [this, line] {
    stats_.Record(MakeEvent(now_, "cusd"));
    EmitUrc(line);
  });
  return ok();
}

}  // namespace smsdesk::sim
