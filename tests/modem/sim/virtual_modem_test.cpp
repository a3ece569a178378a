// The AT interpreter fed bytes directly, without a pty (generic profile).
#include <gtest/gtest.h>

#include "modem_test_util.h"

namespace smsdesk::sim::testing {
namespace {

TEST(VirtualModem, EchoIsOnByDefaultAndAte0IsHonoured) {
  ModemHarness h;
  EXPECT_EQ(h.Send("AT\r"), "AT\r\r\nOK\r\n");
  EXPECT_EQ(h.Send("ATE0\r"), "ATE0\r\r\nOK\r\n");  // the modem still echoes ATE0 itself
  EXPECT_EQ(h.Send("AT\r"), "\r\nOK\r\n");
}

TEST(VirtualModem, LinesMaySplitAcrossReadsAndCarryNoise) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+C"), "");
  EXPECT_EQ(h.Send("SQ\r\n"), "\r\n+CSQ: 21,99\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("\x1b\r"), "");  // ESC CR (docs/modem.md §1 step 0): ignored
  EXPECT_EQ(h.Send("\r"), "");
}

TEST(VirtualModem, UnknownCommandErrorFollowsCmee) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+FOO\r"), "\r\nERROR\r\n");
  h.Send("AT+CMEE=1\r");
  EXPECT_EQ(h.Send("AT+FOO\r"), "\r\n+CME ERROR: 4\r\n");
  h.Send("AT+CMEE=2\r");
  EXPECT_EQ(h.Send("AT+FOO\r"), "\r\n+CME ERROR: operation not supported\r\n");
  EXPECT_EQ(h.Send("ATZ\r"), "\r\nOK\r\n");  // ATZ restores CMEE=0 and echo
  EXPECT_EQ(h.Send("AT+FOO\r"), "AT+FOO\r\r\nERROR\r\n");
}

TEST(VirtualModem, ConcatenatedCommandsShareOneFinalResult) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CMGF=0;+CSCS=\"GSM\";+CMGF?\r"), "\r\n+CMGF: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("ATE0V1X4&C1\r"), "\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CMGF=0;+BOGUS;+CSQ\r"), "\r\nERROR\r\n");
}

TEST(VirtualModem, Identification) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CGMI\r"), "\r\nsmsdesk\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CGMM\r"), "\r\nVM-1 virtual modem\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CGSN\r"), "\r\n356938035643809\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CIMI\r"), "\r\n001010000000001\r\n\r\nOK\r\n");
  EXPECT_NE(h.Send("ATI\r").find("Model: VM-1"), std::string::npos);
  EXPECT_EQ(h.Send("AT+CGMR=?\r"), "\r\nOK\r\n");
}

TEST(VirtualModem, SimAndNetworkStatus) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CPIN?\r"), "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CFUN?\r"), "\r\n+CFUN: 1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 0,1\r\n\r\nOK\r\n");
  h.Send("AT+CREG=2\r");
  EXPECT_EQ(h.Send("AT+CREG?\r"), "\r\n+CREG: 2,1,\"1A2B\",\"00C3D4E5\"\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CGREG?\r"), "\r\n+CGREG: 0,1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CEREG?\r"), "\r\n+CEREG: 0,1\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+COPS?\r"), "\r\n+COPS: 0,0,\"smsdesk Net\",2\r\n\r\nOK\r\n");
}

TEST(VirtualModem, CscsChangesCscaStrings) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CSCA?\r"), "\r\n+CSCA: \"+15550000100\",145\r\n\r\nOK\r\n");
  h.Send("AT+CSCS=\"UCS2\"\r");
  EXPECT_EQ(h.Send("AT+CSCA?\r"),
            "\r\n+CSCA: \"002B00310035003500350030003000300030003100300030\",145\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CSCS=?\r"), "\r\n+CSCS: (\"IRA\",\"GSM\",\"UCS2\")\r\n\r\nOK\r\n");
}

TEST(VirtualModem, TextModeIsRefused) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CMGF=1\r"), "\r\n+CMS ERROR: 302\r\n");
  EXPECT_EQ(h.Send("AT+CMGF=?\r"), "\r\n+CMGF: (0)\r\n\r\nOK\r\n");
}

TEST(VirtualModem, StorageSelection) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CPMS=?\r"),
            "\r\n+CPMS: (\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\"),(\"SM\",\"ME\",\"MT\")\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CPMS=\"ME\",\"ME\",\"ME\"\r"), "\r\n+CPMS: 0,5,0,5,0,5\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CPMS?\r"), "\r\n+CPMS: \"ME\",0,5,\"ME\",0,5,\"ME\",0,5\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CPMS=\"XX\"\r"), "\r\n+CMS ERROR: 302\r\n");
}

TEST(VirtualModem, IncomingSmsIsStoredAnnouncedReadAndDeleted) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CNMI=2,1,0,2,0\r");
  h.Deliver("+4915112345678", "Hello desk");
  EXPECT_EQ(h.modem_.TakeOutput(), "\r\n+CMTI: \"SM\",1\r\n");
  std::string read = h.Send("AT+CMGR=1\r");
  ASSERT_EQ(read.rfind("\r\n+CMGR: 0,,", 0), 0u) << read;
  auto pdu_start = read.find("\r\n", 2) + 2;
  std::string hex = read.substr(pdu_start, read.find("\r\n", pdu_start) - pdu_start);
  auto decoded = modem::DecodePduHex(hex);
  ASSERT_TRUE(decoded.ok());
  const auto& deliver = std::get<modem::DeliverPdu>(*decoded);
  EXPECT_EQ(deliver.originator.number, "+4915112345678");
  EXPECT_EQ(deliver.user_data.text, "Hello desk");
  EXPECT_EQ(h.Send("AT+CMGR=1\r").rfind("\r\n+CMGR: 1,,", 0), 0u);  // now read
  EXPECT_EQ(h.Send("AT+CMGD=1\r"), "\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CMGR=1\r"), "\r\n+CMS ERROR: 321\r\n");
}

TEST(VirtualModem, ListByStat) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Deliver("+111", "one");
  h.Deliver("+222", "two");
  h.modem_.TakeOutput();
  h.Send("AT+CMGR=1\r");
  std::string unread = h.Send("AT+CMGL=0\r");
  EXPECT_EQ(unread.find("+CMGL: 1,"), std::string::npos);
  EXPECT_NE(unread.find("+CMGL: 2,0,,"), std::string::npos);
  std::string all = h.Send("AT+CMGL=4\r");
  EXPECT_NE(all.find("+CMGL: 1,1,,"), std::string::npos);
  EXPECT_NE(all.find("+CMGL: 2,1,,"), std::string::npos);
  EXPECT_EQ(all.substr(all.size() - 6), "\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CMGD=1,4\r"), "\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CMGL=4\r"), "\r\nOK\r\n");
}

TEST(VirtualModem, DirectDeliveryWithCnmiMt2) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CNMI=2,2,0,0,0\r");
  h.Deliver("+111", "direct");
  std::string out = h.modem_.TakeOutput();
  EXPECT_EQ(out.rfind("\r\n+CMT: ,", 0), 0u) << out;
  EXPECT_EQ(h.modem_.storage().Used(Memory::kSm), 0);
}

TEST(VirtualModem, FullStorageGivesNoCmtiUntilSpaceFrees) {
  ModemHarness h;  // 3 SM slots
  h.Send("ATE0\r");
  for (int i = 0; i < 4; ++i) h.Deliver("+111", "msg " + std::to_string(i));
  std::string out = h.modem_.TakeOutput();
  EXPECT_NE(out.find("+CMTI: \"SM\",3"), std::string::npos);
  EXPECT_EQ(out.find("+CMTI: \"SM\",4"), std::string::npos);
  EXPECT_EQ(h.modem_.pending_incoming(), 1u);
  // AT+CMGW into a full memory: +CMS ERROR: 322.
  auto pdu = ModemHarness::Submit("+222", "draft")[0];
  EXPECT_EQ(h.Send("AT+CMGW=" + std::to_string(pdu.tpdu_length) + "\r"), "\r\n> ");
  EXPECT_EQ(h.Send(pdu.Hex() + "\x1a"), "\r\n+CMS ERROR: 322\r\n");
  h.Send("AT+CMGD=2\r");
  EXPECT_EQ(h.Wait(200ms), "\r\n+CMTI: \"SM\",2\r\n");
  EXPECT_EQ(h.modem_.pending_incoming(), 0u);
}

TEST(VirtualModem, MtStorageNumbersThroughMt) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CPMS=\"MT\",\"MT\",\"MT\"\r");
  for (int i = 0; i < 6; ++i) h.Deliver("+111", "m" + std::to_string(i));
  std::string out = h.modem_.TakeOutput();
  EXPECT_NE(out.find("+CMTI: \"MT\",6"), std::string::npos);  // 5 ME slots, then SM
  EXPECT_EQ(h.Send("AT+CPMS?\r"), "\r\n+CPMS: \"MT\",6,8,\"MT\",6,8,\"MT\",6,8\r\n\r\nOK\r\n");
  EXPECT_EQ(h.Send("AT+CMGR=6\r").rfind("\r\n+CMGR: 0,,", 0), 0u);
}

}  // namespace
}  // namespace smsdesk::sim::testing
