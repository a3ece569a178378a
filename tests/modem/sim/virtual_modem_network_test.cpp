// Network outages around a virtual modem (the SMSC failing, no network at
// all) and a SIM out of credit: what AT+CMGS and the registration commands
// answer, how an outage ends, and the control protocol's "network" and
// "ussd-balance" requests that drive them.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "modem/sim/control_commands.h"
#include "modem/sim/simulator.h"
#include "modem_test_util.h"

namespace smsdesk::sim::testing {
namespace {

// One AT+CMGS of a one-part SMS, answered after the harness's 150 ms.
std::string SendSms(ModemHarness& h, const std::string& to = "+15557654321") {
  auto pdu = ModemHarness::Submit(to, "Your answer")[0];
  h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  h.Send(pdu.Hex() + "\x1a");
  return h.Wait(150ms);
}

// The kinds of the modem's events from `first` on.
std::vector<std::string> EventKinds(const ModemHarness& h, std::size_t first = 0) {
  std::vector<std::string> kinds;
  const auto& events = h.modem_.stats().events;
  for (std::size_t i = first; i < events.size(); ++i) kinds.push_back(events[i].kind);
  return kinds;
}

TEST(NetworkOutage, SmscModeFailsEverySendButStaysRegistered) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CREG=1\r");
  const std::size_t before = h.modem_.stats().events.size();
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, std::nullopt);
  EXPECT_EQ(h.modem_.TakeOutput(), "");  // still registered: no +CREG URC
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 1,1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CSQ\r"), "\r\n+CSQ: 21,99\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+COPS?\r"), "\r\n+COPS: 0,0,\"smsdesk Net\",2\r\n\r\nOK\r\n");

  auto pdu = ModemHarness::Submit("+15557654321", "Your answer")[0];
  h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  h.Send(pdu.Hex() + "\x1a");
  EXPECT_EQ(h.Wait(149ms), "");  // the normal latency first
  EXPECT_EQ(h.Wait(1ms), "\r\n+CMS ERROR: 500\r\n");
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 500\r\n");  // every send, not just one
  EXPECT_TRUE(h.submitted.empty());
  EXPECT_EQ(h.modem_.stats().parts_sent, 0u);

  const auto& events = h.modem_.stats().events;
  EXPECT_EQ(EventKinds(h, before), (std::vector<std::string>{"network_down", "cms_error", "cms_error"}));
  EXPECT_EQ(events[before].mode, "smsc");
  EXPECT_EQ(events[before].code, 500);
  EXPECT_EQ(events.back().code, 500);
  EXPECT_EQ(events.back().destination, "+15557654321");

  h.modem_.NetworkUp();
  EXPECT_EQ(h.modem_.TakeOutput(), "");
  EXPECT_EQ(SendSms(h), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(h.submitted.size(), 1u);
  EXPECT_EQ(EventKinds(h, before).back(), "cmgs");
  EXPECT_EQ(h.modem_.stats().events.end()[-2].kind, "network_up");
}

TEST(NetworkOutage, SmscModeWithItsOwnError) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.NetworkDown(OutageMode::kSmsc, 42, std::nullopt);
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 42\r\n");
  EXPECT_EQ(h.modem_.stats().events.back().code, 42);
}

TEST(NetworkOutage, UnregisteredReportsStat2NoSignalAndRefusesSends) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, std::nullopt);
  EXPECT_EQ(h.modem_.TakeOutput(), "");  // reports are off (AT+CREG=0)
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 0,2\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CGREG?\r"), "\r\n+CGREG: 0,2\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CEREG?\r"), "\r\n+CEREG: 0,2\r\n\r\nOK\r\n");
  h.Send("AT+CREG=2;+CEREG=2\r");
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 2,2,\"1A2B\",\"00C3D4E5\"\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CEREG?\r"), "\r\n+CEREG: 2,2,\"1A2B\",\"00C3D4E5\",7\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CSQ\r"), "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+COPS?\r"), "\r\n+COPS: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CGATT?\r"), "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 331\r\n");
  EXPECT_TRUE(h.submitted.empty());
  EXPECT_EQ(h.modem_.stats().events.back().kind, "cms_error");
  EXPECT_EQ(h.modem_.stats().events.back().code, 331);

  h.modem_.NetworkDown(OutageMode::kUnregistered, 38, std::nullopt);  // a chosen error wins
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 38\r\n");

  h.modem_.NetworkUp();
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\n+CREG: 1,\"1A2B\",\"00C3D4E5\"\r\n\r\n+CEREG: 1,\"1A2B\",\"00C3D4E5\",7\r\n");
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 2,1,\"1A2B\",\"00C3D4E5\"\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CSQ\r"), "\r\n+CSQ: 21,99\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CGATT?\r"), "\r\n+CGATT: 1\r\n\r\nOK\r\n");
}

TEST(NetworkOutage, RegistrationUrcsWhenTheClientAskedForThem) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CREG=1;+CEREG=2\r");
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, std::nullopt);
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\n+CREG: 2\r\n\r\n+CEREG: 2,\"1A2B\",\"00C3D4E5\",7\r\n");
  h.modem_.NetworkDown(OutageMode::kUnregistered, 500, std::nullopt);  // no change of <stat>
  EXPECT_EQ(h.modem_.TakeOutput(), "");
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, std::nullopt);  // registered again
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\n+CREG: 1\r\n\r\n+CEREG: 1,\"1A2B\",\"00C3D4E5\",7\r\n");
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, std::nullopt);
  h.modem_.TakeOutput();
  h.modem_.NetworkUp();
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\n+CREG: 1\r\n\r\n+CEREG: 1,\"1A2B\",\"00C3D4E5\",7\r\n");

  // During a send the link is reserved: the URC waits for the +CMGS answer.
  auto pdu = ModemHarness::Submit("+15557654321", "x")[0];
  h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, std::nullopt);
  EXPECT_EQ(h.modem_.TakeOutput(), "");
  h.Send(pdu.Hex() + "\x1a");
  EXPECT_EQ(h.Wait(150ms), "\r\n+CMS ERROR: 331\r\n\r\n+CREG: 2\r\n\r\n+CEREG: 2,\"1A2B\",\"00C3D4E5\",7\r\n");
}

TEST(NetworkOutage, ForMsEndsItByItself) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CREG=1\r");
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, 10min);
  h.modem_.TakeOutput();
  ASSERT_TRUE(h.modem_.NextDeadline().has_value());  // the host's timer wakes the modem for it
  EXPECT_EQ(*h.modem_.NextDeadline() - h.now_, 10min);
  EXPECT_EQ(h.Wait(10min - 1ms), "");
  EXPECT_TRUE(h.modem_.outage().has_value());
  EXPECT_EQ(h.Wait(1ms), "\r\n+CREG: 1\r\n");
  EXPECT_FALSE(h.modem_.outage().has_value());
  EXPECT_EQ(h.modem_.stats().events.back().kind, "network_up");
  EXPECT_EQ(h.modem_.NextDeadline(), std::nullopt);
  EXPECT_EQ(SendSms(h), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST(NetworkOutage, AnOutageEndingDuringASendLetsItThrough) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, 100ms);
  EXPECT_EQ(SendSms(h), "\r\n+CMGS: 0\r\n\r\nOK\r\n");  // the network answers at 150 ms
}

TEST(NetworkOutage, UpEndsItAndCancelsTheAutomaticEnd) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, 1s);
  h.modem_.NetworkUp();
  EXPECT_FALSE(h.modem_.outage().has_value());
  EXPECT_EQ(h.modem_.NextDeadline(), std::nullopt);
  // A later outage without for_ms is not ended by the first one's timer.
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, std::nullopt);
  h.Wait(2s);
  EXPECT_TRUE(h.modem_.outage().has_value());
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 500\r\n");
  const auto kinds = EventKinds(h);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "network_up"), 1);
}

TEST(NetworkOutage, ASecondDownReplacesTheFirst) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, 1s);
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, 5s);
  EXPECT_EQ(*h.modem_.NextDeadline() - h.now_, 5s);
  h.Wait(1s);
  ASSERT_TRUE(h.modem_.outage().has_value());
  EXPECT_EQ(h.modem_.outage()->mode, OutageMode::kUnregistered);
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 331\r\n");
  h.Wait(4s);
  EXPECT_FALSE(h.modem_.outage().has_value());
}

TEST(NetworkOutage, AResetDoesNotEndIt) {
  ModemHarness h;
  h.modem_.NetworkDown(OutageMode::kUnregistered, std::nullopt, 2s);
  h.Wait(1s);
  h.modem_.Boot(h.now_, true);  // the power cycle clears the modem's own timers
  h.modem_.TakeOutput();
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 0,2\r\n\r\nOK\r\n");
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 331\r\n");
  h.Wait(850ms);  // 1 s + 150 ms + 850 ms: the outage's 2 s are over
  EXPECT_FALSE(h.modem_.outage().has_value());
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 0,1\r\n\r\nOK\r\n");
}

TEST(NetworkOutage, FaultStrings) {
  auto outage = ParseFaultString("outage:500:10m");
  ASSERT_TRUE(outage.ok()) << outage.error().message;
  EXPECT_EQ(outage->kind, FaultKind::kOutage);
  EXPECT_EQ(outage->code, 500);
  EXPECT_EQ(outage->duration, std::chrono::milliseconds(600'000));
  EXPECT_STREQ(FaultKindName(outage->kind), "outage");

  auto bare = ParseFaultString("outage");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->code, 500);
  EXPECT_EQ(bare->duration, std::nullopt);
  EXPECT_EQ(ParseFaultString("outage:38")->code, 38);

  auto none = ParseFaultString("no-network:10m");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(none->kind, FaultKind::kNoNetwork);
  EXPECT_EQ(none->code, 331);
  EXPECT_EQ(none->duration, std::chrono::milliseconds(600'000));
  EXPECT_STREQ(FaultKindName(none->kind), "no-network");
  EXPECT_EQ(ParseFaultString("no-network")->duration, std::nullopt);

  for (const char* bad : {"outage:0", "outage:1000", "outage:abc", "outage:-5", "outage:500:soon",
                          "outage:500:10m:x", "no-network:fast", "no-network:10m:500", "outage:500:9000000m"}) {
    auto parsed = ParseFaultString(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_FALSE(parsed.error().message.empty()) << bad;
  }
  EXPECT_NE(ParseFaultString("outage:1000").error().message.find("1..999"), std::string::npos);
  EXPECT_NE(ParseFaultString("explode").error().message.find("no-network"), std::string::npos);
  // The old kinds still parse.
  EXPECT_EQ(ParseFaultString("send-error:38:2")->nth, 2);
  EXPECT_EQ(ParseFaultString("sim-busy:2")->count, 2);
}

TEST(NetworkOutage, InjectedAsAFault) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.InjectFault(*ParseFaultString("no-network:1s"));
  EXPECT_EQ(h.Send("AT+CSQ\r"), "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  h.Wait(1s);
  EXPECT_EQ(h.Send("AT+CSQ\r"), "\r\n+CSQ: 21,99\r\n\r\nOK\r\n");
  h.modem_.InjectFault(*ParseFaultString("outage:27"));
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 27\r\n");
}

TEST(NoCredit, RefusedWith21AndNothingCharged) {
  ModemHarness h;
  h.Send("ATE0\r");
  UssdBalanceUpdate update;
  update.amount = "0.25 EUR";
  update.sms_cost = 0.10;
  ASSERT_FALSE(h.modem_.UpdateUssd(update).has_value());
  EXPECT_EQ(SendSms(h), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(SendSms(h), "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.modem_.ussd().balance(), "0.05 EUR");  // each accepted part was charged

  auto pdu = ModemHarness::Submit("+15557654321", "Your answer")[0];
  h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
  h.Send(pdu.Hex() + "\x1a");
  EXPECT_EQ(h.Wait(149ms), "");  // after the normal latency, like the network's answer
  EXPECT_EQ(h.Wait(1ms), "\r\n+CMS ERROR: 21\r\n");
  EXPECT_EQ(h.modem_.ussd().balance(), "0.05 EUR");
  EXPECT_EQ(h.submitted.size(), 2u);
  EXPECT_EQ(h.modem_.stats().events.back().kind, "cms_error");
  EXPECT_EQ(h.modem_.stats().events.back().code, 21);

  // The balance query still works with no credit, and tells the truth.
  h.Send("AT+CUSD=1,\"*100#\",15\r");
  EXPECT_EQ(h.Wait(300ms), "\r\n+CUSD: 0,\"Your balance is 0.05 EUR. Valid until 31.12.2030.\",15\r\n");

  UssdBalanceUpdate top_up;
  top_up.amount = "5.00";
  ASSERT_FALSE(h.modem_.UpdateUssd(top_up).has_value());
  EXPECT_EQ(SendSms(h), "\r\n+CMGS: 2\r\n\r\nOK\r\n");
  EXPECT_EQ(h.modem_.ussd().balance(), "4.90 EUR");
}

TEST(NoCredit, ExactBalancePaysTheLastPartAndFreeSmsNeverFail) {
  ModemHarness h;
  h.Send("ATE0\r");
  UssdBalanceUpdate update;
  update.amount = "0.30 EUR";
  update.sms_cost = 0.10;
  ASSERT_FALSE(h.modem_.UpdateUssd(update).has_value());
  for (int i = 0; i < 3; ++i) EXPECT_NE(SendSms(h).find("+CMGS: "), std::string::npos) << i;
  EXPECT_EQ(h.modem_.ussd().balance(), "0.00 EUR");
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 21\r\n");

  UssdBalanceUpdate free;
  free.sms_cost = 0;
  ASSERT_FALSE(h.modem_.UpdateUssd(free).has_value());
  EXPECT_NE(SendSms(h).find("+CMGS: "), std::string::npos);  // 0.00 pays free SMS
}

TEST(NoCredit, ChosenErrorCodeAndOutagePrecedence) {
  ModemHarness h;
  h.Send("ATE0\r");
  UssdBalanceUpdate update;
  update.amount = "0";
  update.sms_cost = 0.05;
  update.no_credit_error = 38;
  ASSERT_FALSE(h.modem_.UpdateUssd(update).has_value());
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 38\r\n");
  // An SMSC that is down answers before charging is asked.
  h.modem_.NetworkDown(OutageMode::kSmsc, std::nullopt, std::nullopt);
  EXPECT_EQ(SendSms(h), "\r\n+CMS ERROR: 500\r\n");
}

class ControlTest : public ::testing::Test {
 protected:
  ControlTest() {
    SimulatorConfig config;
    ModemConfig mc;
    mc.identity = DefaultIdentity(0);
    mc.identity.profile = FindProfile("generic");
    config.modems.push_back(mc);
    sim_ = std::make_unique<Simulator>(io_, std::move(config));  // not started: no ports needed
  }
  nlohmann::json Ask(nlohmann::json request) {
    if (!request.contains("modem")) request["modem"] = "0";
    return HandleControlRequest(*sim_, request);
  }
  const VirtualModem& modem() const { return sim_->modems()[0]->modem(); }

  boost::asio::io_context io_;
  std::unique_ptr<Simulator> sim_;
};

TEST_F(ControlTest, NetworkDownAndUp) {
  auto down = Ask({{"cmd", "network"}, {"state", "down"}, {"mode", "unregistered"}, {"for_ms", 600000}});
  ASSERT_TRUE(down.value("ok", false)) << down.dump();
  EXPECT_EQ(down["modem"], "modem0");
  EXPECT_EQ(down["state"], "down");
  EXPECT_EQ(down["mode"], "unregistered");
  EXPECT_EQ(down["send_error"], 331);
  ASSERT_TRUE(modem().outage().has_value());
  EXPECT_EQ(modem().outage()->mode, OutageMode::kUnregistered);
  ASSERT_TRUE(modem().outage()->ends_at.has_value());
  const auto left = *modem().outage()->ends_at - VirtualModem::Clock::now();
  EXPECT_GT(left, 599s);
  EXPECT_LE(left, 600s);
  EXPECT_TRUE(down.contains("ends_at_us"));

  auto smsc = Ask({{"cmd", "network"}, {"state", "down"}, {"send_error", 500}});
  EXPECT_EQ(smsc["mode"], "smsc");  // the default mode
  EXPECT_EQ(smsc["send_error"], 500);
  EXPECT_FALSE(smsc.contains("ends_at_us"));
  EXPECT_FALSE(modem().outage()->ends_at.has_value());  // replaced, with no automatic end

  auto stats = Ask({{"cmd", "stats"}});
  EXPECT_EQ(stats["modems"][0]["network"]["state"], "down");
  EXPECT_EQ(stats["modems"][0]["events"].back()["kind"], "network_down");
  EXPECT_EQ(stats["modems"][0]["events"].back()["mode"], "smsc");
  EXPECT_EQ(stats["modems"][0]["events"].back()["code"], 500);

  auto query = Ask({{"cmd", "network"}});
  EXPECT_EQ(query["state"], "down");

  auto up = Ask({{"cmd", "network"}, {"state", "up"}});
  ASSERT_TRUE(up.value("ok", false)) << up.dump();
  EXPECT_EQ(up["state"], "up");
  EXPECT_FALSE(modem().outage().has_value());
  EXPECT_EQ(Ask({{"cmd", "stats"}})["modems"][0]["events"].back()["kind"], "network_up");

  auto fault = Ask({{"cmd", "fault"}, {"kind", "outage"}, {"args", {"27", "10m"}}});
  ASSERT_TRUE(fault.value("ok", false)) << fault.dump();
  EXPECT_EQ(fault["kind"], "outage");
  ASSERT_TRUE(modem().outage().has_value());
  EXPECT_EQ(modem().outage()->send_error, 27);
}

TEST_F(ControlTest, NetworkRefusesBadInput) {
  const std::vector<std::pair<nlohmann::json, std::string>> bad = {
      {{{"state", "sideways"}}, "state must be up or down"},
      {{{"state", 0}}, "state must be up or down"},
      {{{"state", "down"}, {"mode", "partial"}}, "mode must be smsc or unregistered"},
      {{{"state", "down"}, {"for_ms", -1}}, "for_ms must be"},
      {{{"state", "down"}, {"for_ms", "10m"}}, "for_ms must be"},
      {{{"state", "down"}, {"for_ms", 1.5}}, "for_ms must be"},
      {{{"state", "down"}, {"for_ms", 1e18}}, "for_ms must be"},
      {{{"state", "down"}, {"for_ms", 18446744073709551615ULL}}, "for_ms must be"},
      {{{"state", "down"}, {"send_error", 0}}, "send_error must be"},
      {{{"state", "down"}, {"send_error", 1000}}, "send_error must be"},
      {{{"state", "down"}, {"send_error", "500"}}, "send_error must be"},
      {{{"state", "up"}, {"mode", "smsc"}}, "go with state down"},
  };
  for (const auto& [fields, message] : bad) {
    nlohmann::json request = fields;
    request["cmd"] = "network";
    auto answer = Ask(request);
    EXPECT_FALSE(answer.value("ok", true)) << request.dump();
    EXPECT_NE(answer.value("error", "").find(message), std::string::npos) << answer.dump();
  }
  EXPECT_FALSE(modem().outage().has_value());  // refused requests change nothing
  auto nobody = Ask({{"cmd", "network"}, {"modem", "9"}, {"state", "down"}});
  EXPECT_EQ(nobody.value("error", ""), "no such modem");
  auto fault = Ask({{"cmd", "fault"}, {"kind", "outage"}, {"args", {"1000"}}});
  EXPECT_FALSE(fault.value("ok", true));
}

TEST_F(ControlTest, UssdBalanceNoCreditError) {
  auto answer = Ask({{"cmd", "ussd-balance"}});
  EXPECT_EQ(answer["no_credit_error"], 21);
  answer = Ask({{"cmd", "ussd-balance"}, {"no_credit_error", 38}});
  ASSERT_TRUE(answer.value("ok", false)) << answer.dump();
  EXPECT_EQ(answer["no_credit_error"], 38);
  EXPECT_EQ(modem().ussd().no_credit_error(), 38);
  using nlohmann::json;
  for (const json& bad : {json(0), json(1000), json("21"), json(2.5)}) {
    auto refused = Ask({{"cmd", "ussd-balance"}, {"no_credit_error", bad}});
    EXPECT_FALSE(refused.value("ok", true)) << bad.dump();
    EXPECT_NE(refused.value("error", "").find("no_credit_error must be"), std::string::npos) << refused.dump();
  }
  EXPECT_EQ(modem().ussd().no_credit_error(), 38);
}

TEST_F(ControlTest, RefuseMakesTheNetworkRefuseOneDestination) {
  auto answer = Ask({{"cmd", "refuse"}, {"number", "+16135553999"}});
  ASSERT_TRUE(answer.value("ok", false)) << answer.dump();
  EXPECT_EQ(answer["code"], 1);  // an unassigned number by default
  EXPECT_EQ(sim_->network().Refusal("+16135553999"), 1);
  EXPECT_EQ(sim_->network().Refusal("+16135553998"), std::nullopt);
  ASSERT_TRUE(Ask({{"cmd", "refuse"}, {"number", "+16135553999"}, {"code", 196}}).value("ok", false));
  EXPECT_EQ(sim_->network().Refusal("+16135553999"), 196);
  ASSERT_TRUE(Ask({{"cmd", "refuse"}, {"number", "+16135553999"}, {"code", 0}}).value("ok", false));
  EXPECT_EQ(sim_->network().Refusal("+16135553999"), std::nullopt);
  using nlohmann::json;
  for (const json& bad : {json(-1), json(1000), json("1"), json(2.5)}) {
    auto refused = Ask({{"cmd", "refuse"}, {"number", "+1"}, {"code", bad}});
    EXPECT_FALSE(refused.value("ok", true)) << bad.dump();
    EXPECT_NE(refused.value("error", "").find("code must be"), std::string::npos) << refused.dump();
  }
  EXPECT_FALSE(Ask({{"cmd", "refuse"}}).value("ok", true));
}

TEST(RefusedDestination, OnlySendsToThatNumberAreRefused) {
  auto now = VirtualModem::Clock::time_point{} + 1000s;
  std::vector<std::uint8_t> accepted;
  VirtualModem modem(ModemHarness::MakeIdentity("generic"), ModemHarness::FastTiming(), now,
                     {.submitted = [&](const modem::SubmitPdu&, std::uint8_t mr) { accepted.push_back(mr); },
                      .destination_refused = [](const std::string& to) -> std::optional<int> {
                        if (to == "+16135553999") return 1;
                        return std::nullopt;
                      }});
  auto send = [&](const std::string& to) {
    auto pdu = ModemHarness::Submit(to, "Your answer")[0];
    modem.Feed("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r", now);
    (void)modem.TakeOutput();  // the "> " prompt
    modem.Feed(pdu.Hex() + "\x1a", now);
    now += 150ms;
    modem.Advance(now);
    return modem.TakeOutput();
  };
  modem.Feed("ATE0\r", now);
  (void)modem.TakeOutput();
  EXPECT_EQ(send("+16135553999"), "\r\n+CMS ERROR: 1\r\n");
  EXPECT_EQ(send("+16135553998"), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(accepted.size(), 1u);
  EXPECT_EQ(modem.stats().events.end()[-2].code, 1);
}

}  // namespace
}  // namespace smsdesk::sim::testing
