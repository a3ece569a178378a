// VirtualModem: V.250 basic commands, identification, SIM and network status,
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

VirtualModem::Reply VirtualModem::ExecuteGeneral(const AtCommand& cmd, bool& handled) {
  handled = true;
  const SimProfile& p = *identity_.profile;
  const std::string& n = cmd.name;
  auto ok = [](std::vector<std::string> lines = {}) { return Reply::Ok(std::move(lines)); };
  auto cme = [](int code) { return Reply::Cme(code); };
  auto error = [] { return Reply::Error(); };
  auto read_or_action = [&](std::string value) -> Reply {
    if (cmd.kind == Kind::kTest) return ok();
    if (cmd.kind == Kind::kSet) return cme(4);
    return ok({std::move(value)});
  };

  if (n == "E" || n == "V") {
    auto v = Flag(cmd);
    if (!v) return error();
    (n == "E" ? settings_.echo : settings_.verbose) = *v == 1;
    return ok();
  }
  if (n == "Z" || n == "&F") {
    // Storage choices survive ATZ (they live in the SIM's profile).
    Memory m1 = settings_.mem1, m2 = settings_.mem2, m3 = settings_.mem3;
    settings_ = AtSettings{};
    settings_.mem1 = m1, settings_.mem2 = m2, settings_.mem3 = m3;
    return ok();
  }
  if (n == "X" || n == "&C" || n == "&D" || n == "Q" || n == "&W" || n == "L" || n == "M" ||
      n[0] == 'S' || n == "H" || n == "+IFC" || n == "+IPR" || n == "+ICF") {
    if (n[0] == 'S' && n.size() > 1 && cmd.kind == Kind::kRead) return ok({"000"});
    if ((n == "+IPR" || n == "+IFC" || n == "+ICF") && cmd.kind == Kind::kRead) {
      return ok({n + ": " + (n == "+IPR" ? "115200" : n == "+IFC" ? "0,0" : "3,3")});
    }
    return ok();  // accepted and meaningless on a USB port
  }
  if (n == "I") {
    return ok({"Manufacturer: " + std::string(p.manufacturer), "Model: " + std::string(p.model),
               "Revision: " + std::string(p.revision), "IMEI: " + identity_.imei, "+GCAP: +CGSM"});
  }
  if (n == "+CGMI" || n == "+GMI") return read_or_action(std::string(p.manufacturer));
  if (n == "+CGMM" || n == "+GMM") return read_or_action(std::string(p.model));
  if (n == "+CGMR" || n == "+GMR") return read_or_action(std::string(p.revision));
  if (n == "+CGSN" || n == "+GSN") return read_or_action(identity_.imei);
  if (n == "+CIMI") return read_or_action(identity_.imsi);
  if (n == "+CCID" || n == "^ICCID" || n == "+ICCID") {
    return read_or_action(n.substr(1) + ": " + identity_.iccid);
  }
  if (n == "+GCAP") return ok({"+GCAP: +CGSM,+DS,+ES"});
  if (n == "+CNUM") {
    return ok({"+CNUM: \"\"," + Quote(identity_.number) + "," +
               (identity_.number.starts_with("+") ? "145" : "129")});
  }
  if (n == "+CMEE") {
    if (cmd.kind == Kind::kRead) return ok({"+CMEE: " + std::to_string(settings_.cmee)});
    if (cmd.kind == Kind::kTest) return ok({"+CMEE: (0-2)"});
    auto v = cmd.args.empty() ? std::optional<int>(0) : ParseDecimal(cmd.args);
    if (!v || *v < 0 || *v > 2) return cme(50);
    settings_.cmee = *v;
    return ok();
  }
  if (n == "+CFUN") {
    if (cmd.kind == Kind::kRead) return ok({"+CFUN: 1"});
    if (cmd.kind == Kind::kTest) return ok({"+CFUN: (0,1,4),(0-1)"});
    auto args = SplitArguments(cmd.args);
    if (args.empty()) return cme(50);
    auto fun = ParseDecimal(args[0]);
    if (!fun || (*fun != 0 && *fun != 1 && *fun != 4)) return cme(50);
    if (args.size() > 1 && args[1] == "1") {
      // Reset: the answer goes out first, then the port drops (docs/modem.md §4 "Resets").
      Schedule(std::chrono::milliseconds(50), [this] {
        if (hooks_.reset_requested) hooks_.reset_requested();
      });
    }
    return ok();
  }
  if (n == "+CPIN") {
    if (cmd.kind == Kind::kTest) return ok();
    if (cmd.kind == Kind::kSet) return cme(3);  // no PIN set on the virtual SIM
    if (faults_.sim_busy_left > 0) {
      --faults_.sim_busy_left;
      return cme(14);
    }
    return ok({"+CPIN: READY"});
  }
  if (n == "+CSCS") {
    if (cmd.kind == Kind::kTest) return ok({"+CSCS: (\"IRA\",\"GSM\",\"UCS2\")"});
    if (cmd.kind == Kind::kRead) {
      return ok({"+CSCS: " + Quote(TeCharsetName(settings_.cscs))});
    }
    auto args = SplitArguments(cmd.args);
    auto cs = args.empty() ? std::nullopt : ParseTeCharset(args[0]);
    if (!cs) return cme(50);
    settings_.cscs = *cs;
    return ok();
  }
  if (n == "^CURC" || n == "^USSDMODE") {
    if (!p.huawei_urc_noise) return cme(4);
    if (cmd.kind == Kind::kRead) return ok({n + ": " + (settings_.curc ? "1" : "0")});
    if (cmd.kind == Kind::kTest) return ok({n + ": (0-1)"});
    if (n == "^CURC") settings_.curc = cmd.args != "0";
    return ok();
  }
  if (n == "+CUSD") return ExecuteUssd(cmd);
  handled = false;
  return {};
}

VirtualModem::Reply VirtualModem::ExecuteNetwork(const AtCommand& cmd, bool& handled) {
  handled = true;
  const std::string& n = cmd.name;
  auto ok = [](std::vector<std::string> lines = {}) { return Reply::Ok(std::move(lines)); };
  auto cme = [](int code) { return Reply::Cme(code); };

  if (n == "+CREG" || n == "+CGREG" || n == "+CEREG") {
    int& setting = n == "+CREG" ? settings_.creg : n == "+CGREG" ? settings_.cgreg : settings_.cereg;
    if (cmd.kind == Kind::kTest) return ok({n + ": (0-2)"});
    if (cmd.kind == Kind::kSet) {
      auto v = ParseDecimal(cmd.args);
      if (!v || *v < 0 || *v > 2) return cme(50);
      setting = *v;
      return ok();
    }
    if (cmd.kind != Kind::kRead) return cme(4);
    return ok({n + ": " + std::to_string(setting) + "," + RegistrationFields(n, setting)});
  }
  if (n == "+CSQ") {
    if (cmd.kind == Kind::kTest) return ok({"+CSQ: (0-31,99),(0-7,99)"});
    return ok({registered() ? "+CSQ: 21,99" : "+CSQ: 99,99"});  // 99: not known or not detectable
  }
  if (n == "+COPS") {
    // Automatic selection, no operator while nothing is registered.
    if (cmd.kind == Kind::kRead) return ok({registered() ? "+COPS: 0,0,\"smsdesk Net\",2" : "+COPS: 0"});
    if (cmd.kind == Kind::kTest) {
      return ok({"+COPS: (2,\"smsdesk Net\",\"smsdesk\",\"00101\",2),,(0-4),(0-2)"});
    }
    return ok();
  }
  if (n == "+CBC") return ok({"+CBC: 0,100,4200"});
  if (n == "+CGATT") {  // packet service: attached (gammu's network check asks)
    if (cmd.kind == Kind::kTest) return ok({"+CGATT: (0,1)"});
    if (cmd.kind != Kind::kRead) return ok();
    return ok({registered() ? "+CGATT: 1" : "+CGATT: 0"});
  }
  if (n == "+CHUP") return ok({});  // no call to hang up
  if (n == "+CLAC") return ok({"+CMGS", "+CMGR", "+CMGL", "+CMGD", "+CPMS", "+CNMI", "+CUSD"});
  handled = false;
  return {};
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
  if (cmd.kind == Kind::kTest) return ok({"+CUSD: (0-2)"});
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
