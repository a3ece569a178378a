// ModemDriver against scripted fake ports: init shapes per vendor, inbound,
// outbound, USSD and the hang -> reset path. Time is the io_context's, with
// timeouts shrunk to milliseconds.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "modem/io/modem_driver.h"
#include "tests/modem/io/scripted_port.h"

namespace smsdesk::modem {
namespace {

using namespace std::chrono_literals;
using testing::GenericModem;
using testing::Lines;
using testing::Rule;

constexpr char kDeliver[] = "07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07";  // 30
constexpr char kReport[] = "07917248014000F506B70AA18092020000317071518590803170715185418000";  // 24

ModemDriverOptions FastOptions() {
  ModemDriverOptions o;
  o.wake_timeout = 50ms;
  o.wake_attempts = 4;
  o.init_command_timeout = 300ms;
  o.sim_busy_backoff = 5ms;
  o.sim_busy_max = 20ms;
  o.pin_settle = 5ms;
  o.cmgf_retry = 5ms;
  o.sms_ready_wait = 300ms;
  o.sweep_interval = 1h;
  o.sweep_interval_without_urcs = 1h;
  o.store_retry = 80ms;
  o.read_timeout = 300ms;
  o.prompt_timeout = 100ms;
  o.send_timeout = 500ms;
  o.ussd_timeout = 400ms;
  o.idle_probe = 1h;
  o.probe_timeout = 100ms;
  o.reopen_poll = 20ms;
  o.reset_settle = 40ms;
  o.retry_max = 200ms;
  return o;
}

class DriverTest : public ::testing::Test {
 protected:
  DriverTest() : port(std::make_shared<testing::ScriptedPort>(io)), opener(port) { port->rules = GenericModem(); }

  void Make(ModemDriverOptions options = FastOptions()) {
    driver = std::make_unique<ModemDriver>(
        io, opener, std::move(options),
        [this](const InboundPdu& pdu) {
          stored_attempts.push_back(pdu);
          if (sink_fails > 0) {
            --sink_fails;
            return false;
          }
          stored.push_back(pdu);
          return true;
        },
        [this](const DriverEvent& e) { events.push_back(e); });
  }
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds limit = 3s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
      io.restart();
      io.run_for(2ms);
    }
    return done();
  }
  void Settle(std::chrono::milliseconds d) {
    io.restart();
    io.run_for(d);
  }
  bool Ready() { return driver->state() == ModemDriver::State::kReady; }
  bool StartReady() {
    driver->Start();
    return RunUntil([&] { return driver->idle(); });
  }
  template <class T>
  int CountEvents() const {
    return static_cast<int>(std::count_if(events.begin(), events.end(),
                                          [](const DriverEvent& e) { return std::holds_alternative<T>(e); }));
  }

  boost::asio::io_context io;
  std::shared_ptr<testing::ScriptedPort> port;
  testing::ScriptedOpener opener;
  std::unique_ptr<ModemDriver> driver;
  std::vector<InboundPdu> stored, stored_attempts;
  std::vector<DriverEvent> events;
  int sink_fails = 0;
};

TEST_F(DriverTest, InitGenericOrderAndInfo) {
  Make();
  ASSERT_TRUE(StartReady());
  const std::vector<std::string> head(port->written.begin(), port->written.begin() + 6);
  EXPECT_EQ(head, (std::vector<std::string>{"<ESC>", "AT", "ATZ", "ATE0", "ATV1", "AT+CMEE=1"}));
  const auto& info = driver->info();
  EXPECT_EQ(info.manufacturer, "FakeCo");
  EXPECT_EQ(info.imei, "356938035643809");
  EXPECT_EQ(info.storage, "ME");
  EXPECT_EQ(info.cnmi, "2,1,0,2,0");
  EXPECT_EQ(info.smsc, "+15550000100");
  EXPECT_EQ(CountEvents<ModemReady>(), 1);
  // Start sweep lists ME and SM.
  EXPECT_EQ(port->Count("AT+CMGL=4"), 2);
  EXPECT_EQ(driver->health().operator_name, "Fake Net");
  EXPECT_EQ(driver->health().signal_dbm, -79);
}

TEST_F(DriverTest, CmeeAndCnmiFallbacks) {
  port->Prepend({"AT+CMEE=1", Lines({"ERROR"})});
  // Qualcomm: claims <ds>=2 but refuses it; oFono: mode 2 refused.
  port->Prepend({"AT+CNMI=2*", Lines({"+CMS ERROR: 303"})});
  port->Prepend({"AT+CSQ", Lines({"ERROR"}), 1});
  Make();
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(port->Count("AT+CMEE=2"), 1);
  EXPECT_TRUE(driver->info().cmee);
  EXPECT_EQ(driver->info().cnmi, "1,1,0,2,0");
  EXPECT_EQ(port->Count("AT+CNMI=2*"), 4);
  EXPECT_EQ(port->Count("AT+CSQ?"), 2);  // init, then the health refresh keeps the form
}

TEST_F(DriverTest, CnmiChosenFromTestAnswer) {
  port->Prepend({"AT+CNMI=?", Lines({"+CNMI: (0,1,2),(0,1),(0),(0,1),(0)", "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(driver->info().cnmi, "1,1,0,1,0");  // 2,1,0,1,0 is not a candidate; first match wins
  EXPECT_EQ(port->Count("AT+CNMI=2,1,0,2,0"), 0);
}

TEST_F(DriverTest, SimBusyBackoffThenReady) {
  port->Prepend({"AT+CPIN?", Lines({"+CME ERROR: 14"}), 3});
  Make();
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(port->Count("AT+CPIN?"), 4);
}

TEST_F(DriverTest, SimPinEntered) {
  port->Prepend({"AT+CPIN?", Lines({"+CPIN: SIM PIN", "OK"}), 1});
  auto options = FastOptions();
  options.pin = "1234";
  Make(options);
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(port->Count("AT+CPIN=\"1234\""), 1);
}

// log_level = "trace" logs every AT line, but never the PIN: not the
// command, not the modem's echo of it; nor a USSD string (a voucher).
TEST_F(DriverTest, TraceHidesThePinAndUssdStrings) {
  port->Prepend({"AT+CPIN?", Lines({"+CPIN: SIM PIN", "OK"}), 1});
  port->Prepend({"AT+CPIN=\"8642\"", "AT+CPIN=\"8642\"\r\r\nOK\r\n", 1});  // echoed
  port->Add({"AT+CUSD=1,\"*123*4455667788#\",15", Lines({"OK", "+CUSD: 0,\"Topped up\",15"})});
  auto options = FastOptions();
  options.pin = "8642";
  Make(options);
  std::string traced;
  driver->set_trace([&](std::string_view direction, std::string_view text) {
    traced += std::string(direction) + " " + std::string(text) + "\n";
  });
  ASSERT_TRUE(StartReady());
  std::vector<UssdReply> replies;
  driver->StartUssd("*123*4455667788#", [&](const UssdReply& r) { replies.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return replies.size() == 1; }));
  EXPECT_EQ(replies[0].text, "Topped up");
  EXPECT_EQ(port->Count("AT+CPIN=\"8642\""), 1);  // the modem got it
  EXPECT_EQ(traced.find("8642"), std::string::npos) << traced;
  EXPECT_NE(traced.find("--> AT+CPIN=\"****\"<CR>"), std::string::npos) << traced;
  EXPECT_NE(traced.find("<-- AT+CPIN=\"****\"<CR>"), std::string::npos) << traced;
  EXPECT_EQ(traced.find("4455667788"), std::string::npos) << traced;
  EXPECT_NE(traced.find("--> AT+CUSD=1,\"****\",15<CR>"), std::string::npos) << traced;
  EXPECT_NE(traced.find("Topped up"), std::string::npos);  // answers stay
}

// A PIN command that times out is traced ("!!") and reported without it.
TEST_F(DriverTest, PinTimeoutHidesThePin) {
  port->Prepend({"AT+CPIN?", Lines({"+CPIN: SIM PIN", "OK"}), 1});
  port->Prepend({"AT+CPIN=\"8642\"", ""});
  auto options = FastOptions();
  options.pin = "8642";
  Make(options);
  std::string traced;
  driver->set_trace([&](std::string_view direction, std::string_view text) {
    traced += std::string(direction) + " " + std::string(text) + "\n";
  });
  driver->Start();
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemLost>() == 1; }));
  EXPECT_NE(traced.find("!! timed out: AT+CPIN=\"****\""), std::string::npos) << traced;
  EXPECT_EQ(traced.find("8642"), std::string::npos) << traced;
  EXPECT_EQ(std::get<ModemLost>(events.back()).reason.find("8642"), std::string::npos);
  EXPECT_EQ(driver->health().last_error.find("8642"), std::string::npos);
}

TEST_F(DriverTest, SimPinMissingIsReportedNotRetriedFast) {
  port->Prepend({"AT+CPIN?", Lines({"+CPIN: SIM PIN", "OK"})});
  Make();
  driver->Start();
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemLost>() == 1; }));
  EXPECT_EQ(std::get<ModemLost>(events.back()).reason, "SIM PIN required and no PIN configured");
  Settle(100ms);
  EXPECT_EQ(port->Count("AT+CPIN?"), 1);
}

TEST_F(DriverTest, SimcomWaitsForSmsReadyAfterRdy) {
  port->Prepend({"AT+CGMI", Lines({"SIMCOM_Ltd", "OK"})});
  port->Prepend({"AT+CPIN?", Lines({"+CPIN: READY", "OK"})});
  Make();
  driver->Start();
  port->Inject("\r\nRDY\r\n");
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CPIN?") == 1; }));
  Settle(50ms);
  EXPECT_EQ(port->Count("AT+CMGF=0"), 0);  // waiting for SMS Ready
  port->Inject("\r\nSMS Ready\r\n");
  ASSERT_TRUE(RunUntil([&] { return Ready(); }));
  EXPECT_EQ(port->Count("AT+CMGF=0"), 1);
}

TEST_F(DriverTest, CmgfRetriedUntilAccepted) {
  port->Prepend({"AT+CMGF=0", Lines({"+CMS ERROR: 302"}), 2});
  Make();
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(port->Count("AT+CMGF=0"), 3);
}

TEST_F(DriverTest, CpmsShapes) {
  // Wavecom: (("SM","BM","SR"),("SM")) — nested lists, no ME.
  port->Prepend({"AT+CPMS=?", Lines({"+CPMS: ((\"SM\",\"BM\",\"SR\"),(\"SM\"))", "OK"})});
  port->Prepend({"AT+CPMS=\"SM\",\"SM\",\"SM\"", Lines({"+CPMS: 0,10,0,10,0,10", "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(driver->info().storage, "SM");
}

TEST_F(DriverTest, CmtiReadStoreDelete) {
  port->Add({"AT+CMGR=3", Lines({"+CMGR: 0,,30", kDeliver, "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  port->Inject("\r\n+CMTI: \"SM\",3\r\n");
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGD=3") == 1 && driver->idle(); }));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].memory, "SM");
  EXPECT_EQ(stored[0].index, 3);
  EXPECT_EQ(stored[0].via, InboundVia::kCmti);
  // Read from the memory the URC named: switch mem1 first (chan-dongle #31).
  auto it = std::find(port->written.begin(), port->written.end(), "AT+CMGR=3");
  ASSERT_NE(it, port->written.begin());
  EXPECT_EQ(*(it - 1), "AT+CPMS=\"SM\"");
  EXPECT_EQ(CountEvents<InboundStored>(), 1);
}

TEST_F(DriverTest, SinkFailureKeepsMessageAndRetries) {
  sink_fails = 1;
  port->Add({"AT+CMGR=1", Lines({"+CMGR: 0,,30", kDeliver, "OK"})});
  port->Prepend({"AT+CMGL=4", Lines({"+CMGL: 1,0,,30", kDeliver, "OK"}), 3});
  Make();
  ASSERT_TRUE(StartReady());
  port->Inject("\r\n+CMTI: \"ME\",1\r\n");
  ASSERT_TRUE(RunUntil([&] { return !stored.empty() && driver->idle(); }));
  EXPECT_GE(stored_attempts.size(), 2u);
  // Never deleted before the sink said yes.
  auto first_delete = std::find(port->written.begin(), port->written.end(), "AT+CMGD=1");
  ASSERT_NE(first_delete, port->written.end());
  EXPECT_EQ(stored.size(), 1u);
}

TEST_F(DriverTest, EmptySlotsAreQuiet) {
  port->Add({"AT+CMGR=5", Lines({"OK"})});                  // Huawei MU509
  port->Add({"AT+CMGR=6", Lines({"+CMS ERROR: 321"})});
  Make();
  ASSERT_TRUE(StartReady());
  port->Inject("\r\n+CMTI: \"ME\",5\r\n\r\n+CMTI: \"ME\",6\r\n");
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGR=6") == 1 && driver->idle(); }));
  Settle(150ms);
  EXPECT_TRUE(stored_attempts.empty());
  EXPECT_EQ(port->Count("AT+CMGD*"), 0);
  EXPECT_EQ(port->Count("AT+CMGL=4"), 2);  // no retry storm
}

TEST_F(DriverTest, CmtStoredOnceEvenWithStoredCopy) {
  Make();
  ASSERT_TRUE(StartReady());
  // Huawei E303: +CMT and a stored copy announced by +CMTI.
  port->Add({"AT+CMGR=2", Lines({"+CMGR: 0,,30", kDeliver, "OK"})});
  port->Inject(std::string("\r\n+CMT: ,30\r\n") + kDeliver + "\r\n\r\n+CMTI: \"ME\",2\r\n");
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGD=2") == 1 && driver->idle(); }));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].via, InboundVia::kCmt);
}

TEST_F(DriverTest, StatusReportsInlineAndStored) {
  port->Add({"AT+CMGR=4", Lines({"+CMGR: 0,,24", kReport, "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  port->Inject(std::string("\r\n+CDS: 24\r\n") + kReport + "\r\n");
  ASSERT_TRUE(RunUntil([&] { return CountEvents<StatusReport>() == 1; }));
  const auto& report = std::get<StatusReport>(*std::find_if(events.begin(), events.end(), [](const DriverEvent& e) {
    return std::holds_alternative<StatusReport>(e);
  }));
  EXPECT_EQ(report.message_reference, 183);
  EXPECT_TRUE(report.delivered);
  // A stored report with another SMSC timestamp is a different PDU: the
  // same octets here, so it is recognised as already stored and deleted.
  port->Inject("\r\n+CDSI: \"SR\",4\r\n");
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGD=4") == 1 && driver->idle(); }));
  EXPECT_EQ(stored.size(), 1u);
}

TEST_F(DriverTest, MemoryFullAndMinusOneTriggerSweeps) {
  Make();
  ASSERT_TRUE(StartReady());
  const int before = port->Count("AT+CMGL=4");
  port->Inject("\r\n+CMTI: ,-1\r\n");  // SIM7000G
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGL=4") == before + 2 && driver->idle(); }));
  port->Inject("\r\n^SMMEMFULL: \"SM\"\r\n");  // Huawei E1750
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGL=4") == before + 4 && driver->idle(); }));
}

TEST_F(DriverTest, SendUsesPromptAndReportsMr) {
  port->Add({"AT+CMGS=17", "\r\n> "});
  port->Add({"PDU:*", Lines({"+CMGS: 42", "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  driver->Send({"0001000B915155661632F400000541F45B0D06", 17},
               [&](const SendResult& r) { results.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return results.size() == 1; }));
  EXPECT_TRUE(results[0].ok);
  EXPECT_EQ(results[0].message_reference, 42);
  EXPECT_EQ(port->Count("AT+CMMS=2"), 1);  // the link kept up from the first send on
  driver->Send({"0001000B915155661632F400000541F45B0D06", 17}, [&](const SendResult& r) { results.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return results.size() == 2; }));
  EXPECT_EQ(port->Count("AT+CMMS=2"), 1);  // once per initialisation
}

TEST_F(DriverTest, SendBurstSetsCmmsOnceAndPromptTimeoutWritesEsc) {
  port->Add({"AT+CMGS=17", "\r\n> ", 2});
  port->Add({"AT+CMGS=17", ""});  // third send: no prompt at all
  port->Add({"PDU:*", Lines({"+CMGS: 7", "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  for (int i = 0; i < 3; ++i) {
    driver->Send({"0001000B915155661632F400000541F45B0D06", 17},
                 [&](const SendResult& r) { results.push_back(r); });
  }
  ASSERT_TRUE(RunUntil([&] { return results.size() == 3; }));
  EXPECT_EQ(port->Count("AT+CMMS=2"), 1);
  EXPECT_TRUE(results[0].ok && results[1].ok);
  EXPECT_FALSE(results[2].ok);
  EXPECT_FALSE(results[2].maybe_sent);
  EXPECT_EQ(port->Count("<ESC>"), 2);  // one before init, one for the prompt
}

TEST_F(DriverTest, SendErrorsCarryVerdicts) {
  port->Add({"AT+CMGS=17", "\r\n> "});
  port->Add({"PDU:*", Lines({"+CMS ERROR: 500"}), 1});
  port->Add({"PDU:*", Lines({"+CMS ERROR: 38"}), 1});
  port->Add({"PDU:*", Lines({"+CMS ERROR: 304"}), 1});
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  for (int i = 0; i < 3; ++i) {
    driver->Send({"0001000B915155661632F400000541F45B0D06", 17},
                 [&](const SendResult& r) { results.push_back(r); });
  }
  ASSERT_TRUE(RunUntil([&] { return results.size() == 3; }));
  EXPECT_EQ(results[0].cms, CmsError::kUnknownError);
  EXPECT_EQ(results[0].verdict, ErrorVerdict::kRetryThenReset);
  EXPECT_EQ(results[1].cms, CmsError::kNetworkOutOfOrder);
  EXPECT_EQ(results[1].verdict, CmsVerdict(CmsError::kNetworkOutOfOrder));
  EXPECT_EQ(results[2].verdict, ErrorVerdict::kPermanent);
  // Whose failure each one is: the network's (500, 38) or the message's (304).
  EXPECT_EQ(results[0].scope, FailureScope::kNetwork);
  EXPECT_EQ(results[1].scope, FailureScope::kNetwork);
  EXPECT_EQ(results[2].scope, FailureScope::kMessage);
}

TEST_F(DriverTest, ASendThatTimesOutOrFindsNoCreditIsTheModemsFailure) {
  port->Add({"AT+CMGS=17", "\r\n> "});
  port->Add({"PDU:*", Lines({"+CMS ERROR: 21"}), 1});
  port->Add({"PDU:*", "", 1});  // no answer after the PDU
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  for (int i = 0; i < 2; ++i) {
    driver->Send({"0001000B915155661632F400000541F45B0D06", 17},
                 [&](const SendResult& r) { results.push_back(r); });
  }
  ASSERT_TRUE(RunUntil([&] { return results.size() == 2; }));
  EXPECT_EQ(results[0].scope, FailureScope::kCredit);
  EXPECT_EQ(results[1].scope, FailureScope::kNetwork);
  EXPECT_TRUE(results[1].maybe_sent);
}

TEST_F(DriverTest, ProbeNetworkReadsRegistrationInBothDomainsAndTheSignal) {
  port->Add({"AT+CEREG?", Lines({"ERROR"}), 1});  // a 2G/3G modem without LTE
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<NetworkProbe> probes;
  driver->ProbeNetwork([&](const NetworkProbe& p) { probes.push_back(p); });
  ASSERT_TRUE(RunUntil([&] { return probes.size() == 1; }));
  EXPECT_TRUE(probes[0].answered);
  EXPECT_TRUE(probes[0].registered());
  EXPECT_EQ(probes[0].cs, RegistrationState::kHome);
  EXPECT_FALSE(probes[0].eps.has_value());
  EXPECT_EQ(probes[0].Describe(), "registered (home), signal -79 dBm");

  // The network goes: searching in CS, no signal; LTE registered counts.
  port->Prepend({"AT+CREG?", Lines({"+CREG: 2,2", "OK"}), 2});
  port->Prepend({"AT+CSQ", Lines({"+CSQ: 99,99", "OK"}), 2});
  port->Prepend({"AT+CEREG?", Lines({"+CEREG: 2,2", "OK"}), 1});
  driver->ProbeNetwork([&](const NetworkProbe& p) { probes.push_back(p); });
  ASSERT_TRUE(RunUntil([&] { return probes.size() == 2; }));
  EXPECT_FALSE(probes[1].registered());
  EXPECT_EQ(probes[1].Describe(), "not registered (searching)");
  port->Prepend({"AT+CEREG?", Lines({"+CEREG: 2,1,\"1A2B\",\"00C3D4E5\",7", "OK"}), 1});
  driver->ProbeNetwork([&](const NetworkProbe& p) { probes.push_back(p); });
  ASSERT_TRUE(RunUntil([&] { return probes.size() == 3; }));
  EXPECT_TRUE(probes[2].registered());

  // A modem that is not ready answers at once, unanswered.
  driver->Stop();
  driver->ProbeNetwork([&](const NetworkProbe& p) { probes.push_back(p); });
  ASSERT_EQ(probes.size(), 4u);
  EXPECT_FALSE(probes[3].answered);
  EXPECT_EQ(probes[3].Describe(), "no answer from the modem");
}

TEST_F(DriverTest, SendsAndReadsAlternate) {
  for (int i = 1; i <= 3; ++i) {
    port->Add({"AT+CMGR=" + std::to_string(i), Lines({"+CMGR: 0,,30", kDeliver, "OK"})});
  }
  port->Add({"AT+CMGS=17", "\r\n> "});
  port->Add({"PDU:*", Lines({"+CMGS: 1", "OK"}), -1, 20ms});
  Make();
  ASSERT_TRUE(StartReady());
  int sent = 0;
  for (int i = 0; i < 3; ++i) {
    driver->Send({"0001000B915155661632F400000541F45B0D06", 17}, [&](const SendResult&) { ++sent; });
  }
  port->Inject("\r\n+CMTI: \"ME\",1\r\n+CMTI: \"ME\",2\r\n+CMTI: \"ME\",3\r\n");
  ASSERT_TRUE(RunUntil([&] { return sent == 3 && stored.size() == 3 && driver->idle(); }));
  // The first read happens before the last send: inbound is not starved.
  auto first_read = std::find(port->written.begin(), port->written.end(), "AT+CMGR=1");
  auto last_send = std::find_end(port->written.begin(), port->written.end(),
                                 std::vector<std::string>{"AT+CMGS=17"}.begin(),
                                 std::vector<std::string>{"AT+CMGS=17"}.end());
  EXPECT_LT(first_read - port->written.begin(), last_send - port->written.begin());
}

TEST_F(DriverTest, UssdPlainAnswerBeforeOkAndRelease) {
  port->Add({"AT+CUSD=1,\"*100#\",15",
             "\r\n+CUSD: 1,\"Balance 5.00. 1 Top up\",15\r\n\r\nOK\r\n\r\n+CUSD: 2,\"Initiating Release\"\r\n"});
  port->Add({"AT+CUSD=1,\"1\",15", Lines({"OK", "+CUSD: 0,\"Done\",15"})});
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<UssdReply> replies;
  driver->StartUssd("*100#", [&](const UssdReply& r) { replies.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return replies.size() == 1; }));
  EXPECT_TRUE(replies[0].session_open());
  EXPECT_EQ(replies[0].text, "Balance 5.00. 1 Top up");
  driver->RespondUssd("1", [&](const UssdReply& r) { replies.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return replies.size() == 2; }));
  EXPECT_EQ(replies[1].text, "Done");
  EXPECT_EQ(CountEvents<UssdNotification>(), 0);  // the release tail is swallowed
}

TEST_F(DriverTest, UssdHuaweiPackedFallbackIsRemembered) {
  port->Prepend({"AT+CGMI", Lines({"huawei", "OK"})});
  port->Add({"AT+CUSD=1,\"AA180C3602\",15", Lines({"ERROR"})});
  port->Add({"AT+CUSD=1,\"*100#\",15", Lines({"OK", "+CUSD: 0,\"Credit 1\",15"})});
  Make();
  ASSERT_TRUE(StartReady());
  EXPECT_EQ(port->Count("AT^CURC=0"), 1);
  std::vector<UssdReply> replies;
  driver->StartUssd("*100#", [&](const UssdReply& r) { replies.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return replies.size() == 1; }));
  EXPECT_EQ(replies[0].text, "Credit 1");
  driver->StartUssd("*100#", [&](const UssdReply& r) { replies.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return replies.size() == 2; }));
  EXPECT_EQ(port->Count("AT+CUSD=1,\"AA180C3602\",15"), 1);  // plain remembered
}

TEST_F(DriverTest, UssdTimesOutAndCancels) {
  port->Add({"AT+CUSD=1,\"*100#\",15", Lines({"OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<UssdReply> replies;
  driver->StartUssd("*100#", [&](const UssdReply& r) { replies.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return replies.size() == 1; }));
  EXPECT_EQ(replies[0].error, "timed out");
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CUSD=2") == 1; }));
}

TEST_F(DriverTest, HangIsResetAndReinitialised) {
  Make();
  ASSERT_TRUE(StartReady());
  port->hung = true;
  port->Add({"AT+CSQ", "", 0});
  std::vector<SendResult> results;
  driver->Send({"0001000B915155661632F400000541F45B0D06", 17},
               [&](const SendResult& r) { results.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemResetting>() == 1; }));
  EXPECT_EQ(CountEvents<ModemLost>(), 1);
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CFUN=1,1") == 1; }));
  port->hung = false;  // the reset revived it
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemReady>() == 2; }));
  // The full init ran again, CPMS included.
  EXPECT_EQ(port->Count("AT+CPMS=\"ME\",\"ME\",\"ME\""), 2);
  ASSERT_EQ(results.size(), 1u);  // the send timed out or was cancelled, never silently lost
  EXPECT_FALSE(results[0].ok);
}

TEST_F(DriverTest, PortVanishesAndComesBack) {
  Make();
  ASSERT_TRUE(StartReady());
  opener.away = true;
  port->Vanish();
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemLost>() == 1; }));
  const int asked = opener.candidates_asked;
  Settle(100ms);
  EXPECT_LE(opener.candidates_asked - asked, 7);  // polled every 20 ms, not busy
  opener.away = false;
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemReady>() == 2; }));
}

TEST_F(DriverTest, WithdrawReachesTheSendWaitingForTheLinkSetting) {
  port->Add({"AT+CMMS=2", ""});  // never answered
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  driver->Send({"0001000B915155661632F400000541F45B0D06", 17}, [&](const SendResult& r) { results.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMMS=2") == 1; }));
  driver->WithdrawQueuedSends("withdrawn: test");
  ASSERT_EQ(results.size(), 1u);  // at once, not when the modem returns
  EXPECT_TRUE(results[0].withdrawn);
  EXPECT_FALSE(results[0].maybe_sent);
  // The unanswered setting times out; the withdrawn send is never written.
  Settle(500ms);
  EXPECT_EQ(port->Count("AT+CMGS=*"), 0);
  EXPECT_EQ(results.size(), 1u);
}

TEST_F(DriverTest, ASendWaitingForTheLinkSettingWhenThePortVanishesGoesFirstAfterTheReInit) {
  port->Add({"AT+CMMS=2", "", 1});  // unanswered the first time only
  port->Add({"AT+CMGS=17", "\r\n> "});
  port->Add({"PDU:*", Lines({"+CMGS: 9", "OK"})});
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  driver->Send({"0001000B915155661632F400000541F45B0D06", 17}, [&](const SendResult& r) { results.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMMS=2") == 1; }));
  port->Vanish();
  ASSERT_TRUE(RunUntil([&] { return CountEvents<ModemReady>() == 2; }));
  ASSERT_TRUE(RunUntil([&] { return results.size() == 1; }));
  EXPECT_TRUE(results[0].ok);  // kept, not lost, not reported as maybe sent
  EXPECT_EQ(results[0].message_reference, 9);
  EXPECT_EQ(port->Count("AT+CMGS=17"), 1);
}

TEST_F(DriverTest, ASendCutOffBeforeItsPduIsWithdrawnNotMaybeSent) {
  port->Add({"AT+CMGS=17", ""});  // the prompt never comes
  Make();
  ASSERT_TRUE(StartReady());
  std::vector<SendResult> results;
  driver->Send({"0001000B915155661632F400000541F45B0D06", 17}, [&](const SendResult& r) { results.push_back(r); });
  ASSERT_TRUE(RunUntil([&] { return port->Count("AT+CMGS=17") == 1; }));
  port->Vanish();
  ASSERT_TRUE(RunUntil([&] { return results.size() == 1; }));
  EXPECT_FALSE(results[0].ok);
  EXPECT_FALSE(results[0].maybe_sent) << results[0].error;
  EXPECT_TRUE(results[0].withdrawn) << results[0].error;
  EXPECT_EQ(port->Count("PDU:*"), 0);
}

TEST_F(DriverTest, IdleTrafficIsAboutOneLinePerMinuteScaled) {
  auto options = FastOptions();
  options.idle_probe = 60ms;      // 1 min scaled to 60 ms
  options.sweep_interval = 300ms;  // 5 min
  Make(options);
  ASSERT_TRUE(StartReady());
  const auto before = driver->lines_written();
  Settle(600ms);  // 10 "minutes"
  const auto lines = driver->lines_written() - before;
  EXPECT_LE(lines, 11u);
  EXPECT_GE(lines, 5u);
}

TEST_F(DriverTest, PduFingerprintIgnoresSmsc) {
  const std::string tpdu = std::string(kDeliver).substr(16);
  EXPECT_EQ(PduFingerprint(kDeliver), PduFingerprint("00" + tpdu));
  EXPECT_NE(PduFingerprint(kDeliver), PduFingerprint(kReport));
}

}  // namespace
}  // namespace smsdesk::modem
