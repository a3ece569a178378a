// Vendor profiles and injected faults of the AT interpreter.
#include <gtest/gtest.h>

#include "modem/sim/te_charset.h"
#include "modem_test_util.h"

namespace smsdesk::sim::testing {
namespace {

TEST(VirtualModemQuirks, HuaweiNoiseUntilCurcZero) {
  ModemHarness h("huawei");
  h.Send("ATE0\r");
  std::string noise = h.Wait(21s);
  EXPECT_NE(noise.find("\r\n^"), std::string::npos) << noise;
  EXPECT_EQ(h.Send("AT^CURC=0\r"), "\r\nOK\r\n");
  EXPECT_EQ(h.Wait(60s), "");
  // The noise timer is the only timer: it never fires faster than 5 s.
  ASSERT_TRUE(h.modem_.NextDeadline().has_value());
  EXPECT_GE(*h.modem_.NextDeadline() - h.now_, 0s);
}

TEST(VirtualModemQuirks, HuaweiIndicesFromZeroAndPackedUssd) {
  ModemHarness h("huawei");
  h.Send("ATE0\r");
  h.Send("AT^CURC=0\r");
  h.Deliver("+111", "x");
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\n+CMTI: \"SM\",0\r\n");
  EXPECT_EQ(h.Send("AT+CMGR=2\r"), "\r\nOK\r\n");  // empty index: bare OK (MU509)
  h.Send("AT+CUSD=1,\"AA180C3602\",15\r");          // "*100#" packed
  std::string out = h.Wait(300ms);
  auto q1 = out.find('"'), q2 = out.find('"', q1 + 1);
  auto text = DecodeUssdPackedHex(out.substr(q1 + 1, q2 - q1 - 1));
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, "Your balance is 12.50 EUR. Valid until 31.12.2030.");
}

TEST(VirtualModemQuirks, ZteUrcsInsideTheSendAndCmgrWithoutStat) {
  ModemHarness h("zte");
  h.Send("ATE0\r");
  auto pdu = ModemHarness::Submit("+222", "hi")[0];
  EXPECT_EQ(h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r"),
            "\r\n+ZDONR: \"01\",\"01\",\"01\",\"CS_ONLY\",\"ROAM_OFF\"\r\n\r\n> ");
  EXPECT_EQ(h.Send(pdu.Hex() + "\x1a"), "\r\n+ZPASR: \"UMTS\"\r\n");
  EXPECT_EQ(h.Wait(1s), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  h.Deliver("+111", "x");
  h.modem_.TakeOutput();
  EXPECT_EQ(h.Send("AT+CMGR=1\r").rfind("\r\n+CMGR: ,,", 0), 0u);
}

TEST(VirtualModemQuirks, SimcomAnnouncesReadyAfterBoot) {
  ModemHarness h("simcom");
  h.modem_.Boot(h.now_, true);
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\nRDY\r\n");
  EXPECT_EQ(h.Wait(500ms), "\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n");
}

TEST(VirtualModemQuirks, CfunResetAsksTheHost) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CFUN=1,1\r"), "\r\nOK\r\n");
  h.Wait(100ms);
  EXPECT_EQ(h.resets, 1);
}

TEST(VirtualModemFaults, SimBusyAtBoot) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CMEE=1\r");
  h.modem_.InjectFault(*ParseFaultString("sim-busy:2"));
  EXPECT_EQ(h.Send("AT+CPIN?\r"), "\r\n+CME ERROR: 14\r\n");
  EXPECT_EQ(h.Send("AT+CPIN?\r"), "\r\n+CME ERROR: 14\r\n");
  EXPECT_EQ(h.Send("AT+CPIN?\r"), "\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST(VirtualModemFaults, DropGarbageAndHang) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.InjectFault(*ParseFaultString("drop"));
  EXPECT_EQ(h.Send("AT\r"), "");
  EXPECT_EQ(h.Send("AT\r"), "\r\nOK\r\n");
  h.modem_.InjectFault(*ParseFaultString("garbage"));
  std::string junk = h.Send("AT\r");
  EXPECT_GE(junk.size(), 8u);
  EXPECT_EQ(junk.find("OK"), std::string::npos);
  h.modem_.InjectFault(*ParseFaultString("hang"));
  EXPECT_EQ(h.Send("AT\r"), "");
  h.Deliver("+111", "while hung");
  EXPECT_EQ(h.Wait(10s), "");
  h.modem_.Boot(h.now_, true);
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\nRDY\r\n");
  EXPECT_EQ(h.Send("AT\r"), "AT\r\r\nOK\r\n");  // echo back on after the reset
  EXPECT_NE(h.Send("AT+CMGL=4\r").find("+CMGL: 1,0,,"), std::string::npos);  // kept on the SIM
}

TEST(VirtualModemFaults, AHungFirmwareStillTakesAFullReset) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.InjectFault(*ParseFaultString("hang"));
  EXPECT_EQ(h.Send("AT+CSQ\r"), "");
  EXPECT_EQ(h.Send("AT+CFUN=1\r"), "");  // not the reset: still hung
  h.Wait(1s);
  EXPECT_EQ(h.resets, 0);
  EXPECT_EQ(h.Send("at+cfun=1,1\r"), "");  // no answer, but the firmware resets
  h.Wait(1s);
  EXPECT_EQ(h.resets, 1);
}

TEST(VirtualModemFaults, SendErrorOnTheNthSend) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.modem_.InjectFault(*ParseFaultString("send-error:38:2"));
  auto pdu = ModemHarness::Submit("+222", "hi")[0];
  auto send = [&] {
    h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r");
    h.Send(pdu.Hex() + "\x1a");
    return h.Wait(1s);
  };
  EXPECT_EQ(send(), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(send(), "\r\n+CMS ERROR: 38\r\n");
  EXPECT_EQ(send(), "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.submitted.size(), 2u);
}

TEST(VirtualModemFaults, ParseErrors) {
  EXPECT_FALSE(ParseFaultString("explode").ok());
  EXPECT_FALSE(ParseFaultString("send-error:abc").ok());
  EXPECT_EQ(ParseFaultString("reset:2s")->delay, std::chrono::milliseconds(2000));
  EXPECT_EQ(*ParseDuration("50ms"), std::chrono::milliseconds(50));
  EXPECT_EQ(*ParseDuration("1.5s"), std::chrono::milliseconds(1500));
  EXPECT_FALSE(ParseDuration("fast").ok());
}

TEST(VirtualModemStats, CountsCommandsAndLogsEvents) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CSQ\r");
  h.Send("AT+CSQ;+CREG?\r");
  h.Deliver("+111", "x");
  const ModemStats& s = h.modem_.stats();
  EXPECT_EQ(s.command_lines, 3u);
  EXPECT_EQ(s.commands.at("+CSQ"), 2u);
  EXPECT_EQ(s.commands.at("E"), 1u);
  EXPECT_EQ(s.events.back().kind, "cmti");
  EXPECT_EQ(s.events.back().message_id, "m1");
  EXPECT_EQ(s.events.back().from, "+111");
}

}  // namespace
}  // namespace smsdesk::sim::testing
