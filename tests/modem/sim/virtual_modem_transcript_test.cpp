// Golden transcripts of the AT interpreter: every command the virtual modem
// knows, in every form (action, "=?" test, "?" read, set with typical and bad
// arguments), plus unknown and malformed lines and a few stateful scenarios
// (sending, outages, USSD, faults, boot), for each vendor profile. The exact
// bytes answered are compared with transcripts/<profile>.txt, so any change of
// behaviour shows up as a diff there.
//
// After an intended change of behaviour, regenerate and review the diff:
//   SMSDESK_UPDATE_GOLDEN=1 build/tests/sim_tests --gtest_filter='VirtualModemTranscript*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "modem/sim/sim_faults.h"
#include "modem_test_util.h"

namespace smsdesk::sim::testing {
namespace {

// Control characters and non-ASCII bytes as C escapes; one step stays one line.
std::string Escape(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c == '\\') out += "\\\\";
    else if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string JoinArgs(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// One modem on a hand-driven clock and what it answered, step by step.
class Recorder {
 public:
  Recorder(std::string& out, const std::string& profile, ModemTiming timing, const std::string& title)
      : out_(out), h_(std::make_unique<ModemHarness>(profile.c_str(), timing)), start_(h_->now_) {
    out_ += "\n== " + title + "\n";
  }
  ~Recorder() { Summary(); }

  // Feeds `bytes`; records what came back at once and, after `settle` (to
  // catch delayed answers such as +CUSD), anything that followed.
  std::string Send(const std::string& bytes, std::chrono::milliseconds settle = 0ms) {
    std::string answer = h_->Send(bytes);
    out_ += "> " + Escape(bytes) + " => " + Escape(answer) + "\n";
    if (settle > 0ms) {
      std::string later = h_->Wait(settle);
      if (!later.empty()) out_ += "  ~" + std::to_string(settle.count()) + "ms => " + Escape(later) + "\n";
    }
    return answer;
  }
  void Wait(std::chrono::milliseconds d) {
    out_ += "~ wait " + std::to_string(d.count()) + "ms => " + Escape(h_->Wait(d)) + "\n";
  }
  void Deliver(const std::string& from, const std::string& text) {
    h_->Deliver(from, text);
    out_ += "~ deliver " + from + " \"" + Escape(text) + "\" => " + Escape(h_->modem_.TakeOutput()) + "\n";
  }
  void Fault(const std::string& spec) {
    h_->modem_.InjectFault(*ParseFaultString(spec));
    out_ += "~ fault " + spec + " => " + Escape(h_->modem_.TakeOutput()) + "\n";
  }
  void NetworkDown(OutageMode mode, std::optional<int> code, std::optional<std::chrono::milliseconds> d) {
    h_->modem_.NetworkDown(mode, code, d);
    out_ += std::string("~ network down ") + OutageModeName(mode) + " => " + Escape(h_->modem_.TakeOutput()) +
            "\n";
  }
  void NetworkUp() {
    h_->modem_.NetworkUp();
    out_ += "~ network up => " + Escape(h_->modem_.TakeOutput()) + "\n";
  }
  void Boot() {
    h_->modem_.Boot(h_->now_, true);
    out_ += "~ boot => " + Escape(h_->modem_.TakeOutput()) + "\n";
  }
  void Ussd(const UssdBalanceUpdate& update) {
    auto error = h_->modem_.UpdateUssd(update);
    out_ += std::string("~ ussd update => ") + (error ? "error" : "ok") + "\n";
  }
  // A whole AT+CMGS / AT+CMGW with one PDU part, answered or not.
  void SendPdu(const char* command, const modem::EncodedPdu& pdu, int length_delta = 0) {
    Send(std::string("AT") + command + "=" + std::to_string(pdu.tpdu_length + length_delta) + "\r");
    Send(pdu.Hex() + "\x1a");
    Wait(200ms);
  }

 private:
  void Summary() {
    const ModemStats& s = h_->modem_.stats();
    std::string commands;
    for (const auto& [name, count] : s.commands) commands += " " + name + "=" + std::to_string(count);
    out_ += "-- lines=" + std::to_string(s.command_lines) + " sent=" + std::to_string(s.parts_sent) +
            " received=" + std::to_string(s.parts_received) + " resets=" + std::to_string(h_->resets) +
            " pending=" + std::to_string(h_->modem_.pending_incoming()) + "\n";
    out_ += "-- commands:" + commands + "\n";
    for (const auto& p : h_->submitted) {
      out_ += "-- submitted mr=" + std::to_string(p.mr) + " to=" + p.pdu.destination.number + " text=\"" +
              Escape(p.pdu.user_data.text) + "\"\n";
    }
    for (const ModemEvent& e : s.events) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(e.time - start_).count();
      std::vector<std::string> f{"+" + std::to_string(ms) + "ms", e.kind};
      if (!e.message_id.empty()) f.push_back("id=" + e.message_id);
      if (!e.memory.empty()) f.push_back("mem=" + e.memory);
      if (e.index >= 0) f.push_back("index=" + std::to_string(e.index));
      if (!e.destination.empty()) f.push_back("to=" + e.destination);
      if (!e.from.empty()) f.push_back("from=" + e.from);
      if (!e.text_hash.empty()) f.push_back("hash=" + e.text_hash);
      if (e.mr >= 0) f.push_back("mr=" + std::to_string(e.mr));
      if (e.parts) f.push_back("part=" + std::to_string(e.part) + "/" + std::to_string(e.parts));
      if (e.code) f.push_back("code=" + std::to_string(e.code));
      if (!e.mode.empty()) f.push_back("mode=" + e.mode);
      out_ += "-- event " + JoinArgs(f) + "\n";
    }
  }

  std::string& out_;
  std::unique_ptr<ModemHarness> h_;
  VirtualModem::TimePoint start_;
};

// Every command the modem knows, with typical set arguments (action, "?",
// "=?" and "=" come for free).
struct Known {
  const char* name;
  std::vector<std::string> set_args;
};

const std::vector<Known>& ExtendedCommands() {
  static const std::vector<Known> kCommands = {
      {"+IFC", {"2,2", "0,0"}},
      {"+IPR", {"115200", "9600"}},
      {"+ICF", {"3,3"}},
      {"+CGMI", {"1"}},
      {"+GMI", {"1"}},
      {"+CGMM", {"1"}},
      {"+GMM", {"1"}},
      {"+CGMR", {"1"}},
      {"+GMR", {"1"}},
      {"+CGSN", {"1"}},
      {"+GSN", {"1"}},
      {"+CIMI", {"1"}},
      {"+CCID", {"1"}},
      {"^ICCID", {"1"}},
      {"+ICCID", {"1"}},
      {"+GCAP", {"1"}},
      {"+CNUM", {"1"}},
      {"+CMEE", {"0", "2", "3", "x", "-1", "1"}},
      {"+CFUN", {"1", "0", "4", "5", "x", "1,0", "4,1", "1,1"}},
      {"+CPIN", {"1234", "\"1234\""}},
      {"+CSCS", {"\"IRA\"", "\"UCS2\"", "\"FOO\"", "UCS2", "\"GSM\""}},
      {"^CURC", {"0", "1", "2", "x"}},
      {"^USSDMODE", {"0", "1"}},
      {"+CUSD",
       {"0", "1", "2", "3", "x", "1,\"*100#\",15", "1,\"*123#\",15", "1,\"1\",15", "1,\"*123#\"", "1,\"2\"",
        "1,\"0\"", "1,\"*123#\"", "2", "1,\"AA180C3602\",15", "1,\"002A0031003000300023\",15", "0,\"*100#\"",
        "1,\"*999#\""}},
      {"+CREG", {"0", "1", "2", "3", "x", "2,1"}},
      {"+CGREG", {"0", "1", "2", "3", "x"}},
      {"+CEREG", {"0", "1", "2", "3", "x"}},
      {"+CSQ", {"1"}},
      {"+COPS", {"0", "1,2,\"00101\"", "3,0"}},
      {"+CBC", {"1"}},
      {"+CGATT", {"1", "0"}},
      {"+CHUP", {"1"}},
      {"+CLAC", {"1"}},
      {"+CMGF", {"0", "1", "x", "2"}},
      {"+CSCA", {"\"+15550000199\",145", "\"\"", "15550000100,129", "\"+15550000100\""}},
      {"+CSMS", {"0", "1", "2", "x"}},
      {"+CPMS",
       {"\"SM\"", "\"ME\",\"ME\",\"ME\"", "\"MT\",\"SM\"", "\"SM\",\"SM\",\"SM\",\"SM\"", "\"XX\"", "ME",
        "\"SM\",\"SM\",\"SM\""}},
      {"+CNMI", {"2,1,0,0,0", "2,2", "1,1,0,1", "2,1,0,2,0", ",,,1", "9", "1,2,3,4,5,6", "x", "2,1,0,0,0"}},
      {"+CMMS", {"0", "1", "2", "3", "x"}},
      {"+CGSMS", {"0", "3", "4", "x"}},
      {"+CNMA", {"0", "1"}},
      {"+CMGL", {"4", "0", "1", "5", "x", "\"ALL\""}},
      {"+CMGR", {"0", "1", "2", "3", "99", "x", "1,0"}},
      {"+CMGD", {"99", "x", "1,5", "2", "1,0", "0,1", "1,4", ",4"}},
      {"+CMGS", {"6", "181", "x", "20"}},
      {"+CMGW", {"6", "181", "x", "20"}},
  };
  return kCommands;
}

// Basic (V.250) commands: a letter (or &letter) and digits.
const std::vector<std::string>& BasicCommands() {
  static const std::vector<std::string> kCommands = {"E", "V", "Z", "&F", "X", "&C", "&D", "Q",
                                                     "&W", "L", "M", "H", "I"};
  return kCommands;
}

ModemTiming QuietTiming() {
  ModemTiming t = ModemHarness::FastTiming();
  t.noise_min = t.noise_max = std::chrono::hours(1);  // no Huawei noise in the sweeps
  return t;
}

// A modem that answers +CME ERROR codes and holds two received messages.
void Prepare(Recorder& r, int cmee) {
  r.Send("ATE0\r");
  r.Send("AT+CMEE=" + std::to_string(cmee) + "\r");
  r.Deliver("+15551230001", "Hello one");
  r.Deliver("+15551230002", "Second message");
}

// Each command, each form, on a fresh modem.
void SweepKnown(std::string& out, const std::string& profile) {
  for (const Known& k : ExtendedCommands()) {
    Recorder r(out, profile, QuietTiming(), std::string("known ") + k.name);
    Prepare(r, 1);
    std::vector<std::string> forms = {"", "?", "=?", "="};
    for (const auto& a : k.set_args) forms.push_back("=" + a);
    for (const auto& form : forms) {
      std::string answer = r.Send("AT" + std::string(k.name) + form + "\r", 400ms);
      if (answer.ends_with("> ")) r.Send("\x1b", 400ms);  // leave the PDU prompt
    }
    r.Send("AT+CMEE=2;" + std::string(k.name) + "=x\r", 400ms);
    r.Send("AT+CMEE=0;" + std::string(k.name) + "=x\r", 400ms);
    r.Send("ATV0;" + std::string(k.name) + "?\r", 400ms);
    r.Send("AT" + std::string(k.name) + "=?\r", 400ms);
  }
  for (const std::string& b : BasicCommands()) {
    Recorder r(out, profile, QuietTiming(), "basic " + b);
    Prepare(r, 1);
    for (const char* form : {"", "0", "1", "2", "9", "?", "=1", "=?", "0;+CSQ", "1;E0"}) {
      r.Send("AT" + b + form + "\r", 400ms);
    }
    r.Send("AT+CMEE?;+CSCS?;+CPMS?\r");
    r.Send("AT" + b + "\r");
  }
  {
    Recorder r(out, profile, QuietTiming(), "S-registers");
    Prepare(r, 1);
    for (const char* line : {"ATS0?", "ATS0=0", "ATS7=60", "ATS", "ATS?", "ATS0", "ATS=5", "ATS3?",
                             "ATS25=1;S25?", "ATS0=1S0?", "ATS999?", "ATS7=x", "ATS0=?", "ats0?"}) {
      r.Send(std::string(line) + "\r");
    }
  }
}

const std::vector<std::string>& UnknownAndMalformed() {
  static const std::vector<std::string> kLines = {
      "AT+FOO", "AT+FOO?", "AT+FOO=?", "AT+FOO=1", "AT^FOO", "AT^FOO=1,2", "AT$QCSIMSTAT?", "AT#CLS?",
      "AT%IPR?", "AT+CMG", "AT+CMGSX=1", "AT+CGMIX", "AT+CREGX?", "AT+GCA", "AT+CSCB?", "AT+CGDCONT?",
      "AT^SYSINFO", "AT^ICCIDX", "AT+CSIM=?", "AT^CGMI", "AT+CURC", "AT+USSDMODE?", "AT^CUSD",
      "AT+SYSINFO", "ATD+15551234567;", "ATD*99#", "ATA", "ATO", "ATP", "ATT", "ATB0", "ATY", "ATW", "ATN",
      "AT&V", "AT&K3", "AT&Y0", "AT&S", "AT*", "AT+", "AT^", "AT+CGMI?x", "AT+CMGF?=", "AT&", "AT&1",
      "AT!", "ATE0?", "AT+CSQ junk", "AT;", "AT;;+CSQ;;", "A", "xyzAT+CSQ", "at+cgmi", "At+CgMi?",
      "AT+cmgf=?", "AT+CMGF=0;+FOO;+CSQ", "AT+CSQ;+FOO", "ATZ;+FOO", "AT+FOO;Z", "AT+CPIN=1;+CSQ",
      "AT+CMGF=1;+CSQ", "AT+CMGR=99;+CSQ", "AT+CSQ;+CSQ;+CGMI", "AT+CGMI;I;+GCAP", "ATE1V1Q0X4&C1&D2",
      "AT+CMEE=2;+FOO", "AT+CMEE=1;+CFUN=9", "AT+CMEE=0;+FOO", "AT", "AT  ", "AT+CSQ ", "AT + CSQ",
      "AT+CSQ\nAT+CGMI", "\x1b", "", "\n", std::string("AT\0+CSQ", 7), "AT+C_Q", "AT+CSQ=?;+CSQ?",
  };
  return kLines;
}

void SweepUnknown(std::string& out, const std::string& profile) {
  for (int cmee : {0, 1, 2}) {
    Recorder r(out, profile, QuietTiming(), "unknown and malformed, CMEE=" + std::to_string(cmee));
    Prepare(r, cmee);
    for (const std::string& line : UnknownAndMalformed()) {
      r.Send(line + "\r");
      r.Send("AT+CMEE=" + std::to_string(cmee) + ";E0\r");  // undo what a line changed
    }
    r.Send("ATV0\r");
    for (const char* line : {"AT+FOO", "AT+FOO=?", "AT!", "AT+CMGF=1", "AT+CSQ", "AT+CPIN=1"}) {
      r.Send(std::string(line) + "\r");
    }
  }
}

void Scenarios(std::string& out, const std::string& profile) {
  ModemTiming fast = ModemHarness::FastTiming();
  {
    Recorder r(out, profile, fast, "echo and numeric results");
    r.Send("AT\r");
    r.Send("AT+CGMI\r");
    r.Send("AT+FOO\r");
    r.Send("ATV0\r");
    r.Send("AT+CSQ\r");
    r.Send("AT+FOO\r");
    r.Send("AT+CMEE=2\r");
    r.Send("AT+FOO\r");
    r.Send("AT+CMGF=1\r");
    r.Send("AT+CMGR=99\r");
    r.Send("ATV1E0\r");
    r.Send("AT+CMEE=2;+CPIN=1\r");
    r.Send("AT+CMEE=2;+CMGR\r");
  }
  {
    Recorder r(out, profile, fast, "send, status reports, write, list, delete");
    r.Send("ATE0\r");
    r.Send("AT+CMEE=1\r");
    auto one = ModemHarness::Submit("+15557654321", "Hi there", true)[0];
    r.Send("AT+CNMI=2,1,0,1,0\r");
    r.SendPdu("+CMGS", one);
    r.Wait(600ms);
    r.Send("AT+CMMS=1\r");
    r.Send("AT+CNMI=2,1,0,2,0\r");
    r.SendPdu("+CMGS", one);
    r.Wait(600ms);
    for (const auto& part : ModemHarness::Submit("+15557654321", std::string(200, 'x'))) r.SendPdu("+CMGS", part);
    r.Wait(3s);
    r.SendPdu("+CMGS", one, 1);
    r.Send("AT+CMGS=10\r");
    r.Send("ZZ\x1a");
    r.Send("AT+CMGS=10\r");
    r.Send("0011\x1b");
    r.Send("AT\r");
    r.Fault("send-error:38:1");
    r.SendPdu("+CMGS", one);
    r.SendPdu("+CMGW", one);
    r.SendPdu("+CMGW", ModemHarness::Submit("+15550001111", "draft")[0]);
    r.Send("AT+CMGL=4\r");
    r.Send("AT+CMGL=2\r");
    r.Send("AT+CMGL=3\r");
    r.Send("AT+CPMS?\r");
    r.Send("AT+CMGD=?\r");
    r.Send("AT+CMGD=1,2\r");
    r.Send("AT+CMGL=4\r");
    r.Send("AT+CMGD=0,4\r");
    r.Send("AT+CMGL=4\r");
    r.Send("AT+CPMS=\"ME\",\"ME\",\"ME\"\r");
    r.SendPdu("+CMGW", one);
    r.Send("AT+CPMS?\r");
    r.Send("ATZ\r");
    r.Send("AT+CPMS?\r");
    r.Send("AT&F\r");
    r.Send("AT+CPMS?\r");
  }
  {
    Recorder r(out, profile, fast, "incoming, full memory, +CMT");
    r.Send("ATE0\r");
    for (int i = 0; i < 5; ++i) r.Deliver("+1555123000" + std::to_string(i), "Message " + std::to_string(i));
    r.Send("AT+CPMS?\r");
    r.Send("AT+CMGL\r");
    r.Send("AT+CMGL=4\r");
    r.Send("AT+CMGR=1\r");
    r.Send("AT+CMGD=1\r");
    r.Wait(200ms);
    r.Send("AT+CPMS=\"SM\",\"SM\",\"ME\"\r");
    r.Wait(200ms);
    r.Send("AT+CPMS?\r");
    r.Send("AT+CNMI=2,2,0,0,0\r");
    r.Deliver("+15559990000", "Direct");
    r.Send("AT+CNMI=2,0,0,0,0\r");
    r.Deliver("+15559990001", "Silent");
    r.Send("AT+CPMS=\"ME\"\r");
    r.Send("AT+CMGL=4\r");
  }
  {
    Recorder r(out, profile, fast, "network outages");
    r.Send("ATE0\r");
    r.Send("AT+CREG=2;+CGREG=1;+CEREG=2\r");
    r.NetworkDown(OutageMode::kUnregistered, std::nullopt, 1000ms);
    r.Send("AT+CREG?;+CGREG?;+CEREG?\r");
    r.Send("AT+CSQ;+COPS?;+CGATT?\r");
    auto one = ModemHarness::Submit("+15557654321", "during outage")[0];
    r.SendPdu("+CMGS", one);
    r.Wait(1000ms);
    r.Send("AT+CREG?;+CSQ;+COPS?;+CGATT?\r");
    r.NetworkDown(OutageMode::kSmsc, 503, std::nullopt);
    r.Send("AT+CREG?;+CSQ\r");
    r.SendPdu("+CMGS", one);
    r.NetworkUp();
    r.Fault("no-network");
    r.Send("AT+CREG=0;+CGREG=0;+CEREG=1\r");
    r.NetworkUp();
    r.SendPdu("+CMGS", one);
  }
  {
    Recorder r(out, profile, fast, "USSD and credit");
    r.Send("ATE0\r");
    r.Send("AT+CUSD=1,\"*100#\",15\r", 400ms);
    r.Send("AT+CSCS=\"UCS2\"\r");
    r.Send("AT+CUSD=1,\"002A0031003000300023\",15\r", 400ms);
    r.Send("AT+CUSD=1,\"*123#\",15\r", 400ms);
    r.Send("AT+CSCS=\"GSM\"\r");
    r.Send("AT+CUSD=1,\"*123#\",15\r", 400ms);
    r.Send("AT+CUSD=1,\"2\",15\r", 400ms);
    r.Send("AT+CUSD=1,\"0\",15\r", 400ms);
    r.Send("AT+CUSD?\r");
    UssdBalanceUpdate low;
    low.amount = "0.04 EUR";
    low.sms_cost = 0.05;
    r.Ussd(low);
    auto one = ModemHarness::Submit("+15557654321", "costly")[0];
    r.SendPdu("+CMGS", one);
    r.Send("AT+CUSD=1,\"*100#\",15\r", 400ms);
    UssdBalanceUpdate top;
    top.amount = "1.00";
    top.encoding = UssdEncoding::kUcs2;
    top.text = "Solde {balance}";
    r.Ussd(top);
    r.SendPdu("+CMGS", one);
    r.Send("AT+CUSD=1,\"*100#\",15\r", 400ms);
    r.Send("AT+CUSD=2\r", 400ms);
  }
  {
    Recorder r(out, profile, fast, "faults");
    r.Send("ATE0\r");
    r.Fault("sim-busy:2");
    r.Send("AT+CPIN?\r");
    r.Send("AT+CMEE=1\r");
    r.Send("AT+CPIN?\r");
    r.Send("AT+CPIN?\r");
    r.Fault("drop");
    r.Send("AT+CSQ\r");
    r.Send("AT+CSQ\r");
    r.Fault("garbage");
    r.Send("AT+CSQ\r");
    r.Send("AT+CSQ\r");
    r.Fault("hang");
    r.Send("AT+CSQ\r");
    r.Send("AT+CFUN=1,1\r");
    r.Wait(100ms);
    r.Boot();
    r.Wait(1000ms);
    r.Send("AT\r");
  }
  {
    Recorder r(out, profile, fast, "boot and vendor noise");
    r.Boot();
    r.Wait(1000ms);
    r.Send("ATE0\r");
    r.Wait(25s);
    r.Send("AT^CURC=0\r");
    r.Wait(25s);
    r.Send("AT^CURC?;^USSDMODE?\r");
    r.Send("AT^CURC=1\r");
    r.Wait(25s);
    r.Send("AT+CFUN=1,1\r");
    r.Wait(100ms);
  }
}

std::string Transcript(const std::string& profile) {
  std::string out = "# Virtual modem transcript, profile " + profile +
                    " (tests/modem/sim/virtual_modem_transcript_test.cpp)\n"
                    "# > input => output, ~ events, -- stats at the end of each modem\n";
  SweepKnown(out, profile);
  SweepUnknown(out, profile);
  Scenarios(out, profile);
  return out;
}

std::filesystem::path GoldenPath(const std::string& profile) {
  return std::filesystem::path(SMSDESK_TEST_DATA).parent_path() / "modem" / "sim" / "transcripts" /
         (profile + ".txt");
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class VirtualModemTranscript : public ::testing::TestWithParam<std::string> {};

TEST_P(VirtualModemTranscript, MatchesGolden) {
  const std::string profile = GetParam();
  ASSERT_NE(FindProfile(profile), nullptr);
  const std::string actual = Transcript(profile);
  const auto path = GoldenPath(profile);
  if (const char* update = std::getenv("SMSDESK_UPDATE_GOLDEN"); update && *update) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "wrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no golden transcript at " << path << " (SMSDESK_UPDATE_GOLDEN=1 writes it)";
  std::stringstream expected;
  expected << in.rdbuf();
  if (expected.str() == actual) return;
  const auto want = Lines(expected.str()), got = Lines(actual);
  const auto actual_path = std::filesystem::temp_directory_path() / ("virtual_modem_transcript_" + profile + ".txt");
  std::ofstream(actual_path, std::ios::binary) << actual;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < std::max(want.size(), got.size()) && shown < 10; ++i) {
    const std::string w = i < want.size() ? want[i] : "<end>", g = i < got.size() ? got[i] : "<end>";
    if (w == g) continue;
    ADD_FAILURE() << path.filename() << ":" << i + 1 << "\n  expected: " << w << "\n  actual:   " << g;
    ++shown;
  }
  FAIL() << "transcript differs from " << path << "; actual written to " << actual_path;
}

INSTANTIATE_TEST_SUITE_P(Profiles, VirtualModemTranscript,
                         ::testing::Values("generic", "huawei", "zte", "simcom"),
                         [](const auto& info) { return info.param; });

TEST(VirtualModemTranscriptProfiles, EveryProfileHasATranscript) {
  for (const SimProfile& p : AllProfiles()) {
    EXPECT_TRUE(std::filesystem::exists(GoldenPath(std::string(p.name)))) << p.name;
  }
}

}  // namespace
}  // namespace smsdesk::sim::testing
