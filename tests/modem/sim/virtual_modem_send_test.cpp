// AT+CMGS, AT+CMMS, status reports and USSD on the AT interpreter.
#include <gtest/gtest.h>

#include "modem_test_util.h"

namespace smsdesk::sim::testing {
namespace {

std::string CmgsLine(const modem::EncodedPdu& pdu) {
  return "AT+CMGS=" + std::to_string(pdu.tpdu_length) + "\r";
}

TEST(VirtualModemSend, PromptWithoutEolThenCmgsAfterLatency) {
  ModemHarness h;
  h.Send("ATE0\r");
  auto pdu = ModemHarness::Submit("+15557654321", "Hi there")[0];
  EXPECT_EQ(h.Send(CmgsLine(pdu)), "\r\n> ");
  EXPECT_EQ(h.Send(pdu.Hex() + "\x1a"), "");
  EXPECT_EQ(h.Send("AT\r"), "");  // queued behind the send, like a real modem
  EXPECT_EQ(h.Wait(149ms), "");   // latency 100 ms + link setup 50 ms
  EXPECT_EQ(h.Wait(1ms), "\r\n+CMGS: 0\r\n\r\nOK\r\n\r\nOK\r\n");
  ASSERT_EQ(h.submitted.size(), 1u);
  EXPECT_EQ(h.submitted[0].pdu.destination.number, "+15557654321");
  EXPECT_EQ(h.submitted[0].pdu.user_data.text, "Hi there");
  h.Send(CmgsLine(pdu));
  h.Send(pdu.Hex() + "\x1a");
  EXPECT_EQ(h.Wait(200ms), "\r\n+CMGS: 1\r\n\r\nOK\r\n");  // MR increments
}

TEST(VirtualModemSend, EchoOnEchoesThePdu) {
  ModemHarness h;
  auto pdu = ModemHarness::Submit("+15557654321", "x")[0];
  EXPECT_EQ(h.Send(CmgsLine(pdu)), CmgsLine(pdu) + "\r\n> ");
  EXPECT_EQ(h.Send(pdu.Hex() + "\x1a"), pdu.Hex());
}

TEST(VirtualModemSend, LengthMismatchAndBadHexAreRejected) {
  ModemHarness h;
  h.Send("ATE0\r");
  auto pdu = ModemHarness::Submit("+15557654321", "Hi")[0];
  h.Send("AT+CMGS=" + std::to_string(pdu.tpdu_length + 1) + "\r");
  EXPECT_EQ(h.Send(pdu.Hex() + "\x1a"), "\r\n+CMS ERROR: 304\r\n");
  h.Send(CmgsLine(pdu));
  EXPECT_EQ(h.Send("ZZ\x1a"), "\r\n+CMS ERROR: 304\r\n");
  EXPECT_TRUE(h.submitted.empty());
}

TEST(VirtualModemSend, EscCancels) {
  ModemHarness h;
  h.Send("ATE0\r");
  auto pdu = ModemHarness::Submit("+15557654321", "Hi")[0];
  h.Send(CmgsLine(pdu));
  EXPECT_EQ(h.Send("0011\x1b"), "");
  EXPECT_EQ(h.Send("AT\r"), "\r\nOK\r\n");
  EXPECT_EQ(h.Wait(1s), "");
  EXPECT_TRUE(h.submitted.empty());
}

TEST(VirtualModemSend, CmmsSkipsTheLinkSetupBetweenSends) {
  ModemHarness h;
  h.Send("ATE0\r");
  auto pdu = ModemHarness::Submit("+15557654321", "Hi")[0];
  auto send_time = [&] {
    h.Send(CmgsLine(pdu));
    h.Send(pdu.Hex() + "\x1a");
    return *h.modem_.NextDeadline() - h.now_;
  };
  EXPECT_EQ(send_time(), 150ms);
  h.Wait(150ms);
  EXPECT_EQ(send_time(), 150ms);  // without CMMS every send sets up the link
  h.Wait(150ms);
  h.Send("AT+CMMS=2\r");
  EXPECT_EQ(send_time(), 100ms);  // the link from the last send is still up
  h.Wait(100ms);
  h.Wait(4s);
  EXPECT_EQ(send_time(), 150ms);  // idle too long: the link closed
}

TEST(VirtualModemSend, StatusReportAsCdsOrStoredWithCdsi) {
  ModemHarness h;
  h.Send("ATE0\r");
  h.Send("AT+CNMI=2,1,0,1,0\r");
  auto pdu = ModemHarness::Submit("+15557654321", "report me", true)[0];
  h.Send(CmgsLine(pdu));
  h.Send(pdu.Hex() + "\x1a");
  EXPECT_EQ(h.Wait(150ms), "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  std::string cds = h.Wait(500ms);
  ASSERT_EQ(cds.rfind("\r\n+CDS: ", 0), 0u) << cds;
  std::string hex = cds.substr(cds.find("\r\n", 2) + 2);
  hex.resize(hex.size() - 2);
  auto report = modem::DecodePduHex(hex);
  ASSERT_TRUE(report.ok()) << report.error().message;
  const auto& sr = std::get<modem::StatusReportPdu>(*report);
  EXPECT_EQ(sr.message_reference, 0);
  EXPECT_EQ(sr.recipient.number, "+15557654321");
  EXPECT_EQ(sr.status, modem::DeliveryStatus::kDelivered);

  h.Send("AT+CNMI=2,1,0,2,0\r");
  h.Send(CmgsLine(pdu));
  h.Send(pdu.Hex() + "\x1a");
  h.Wait(150ms);
  EXPECT_EQ(h.Wait(500ms), "\r\n+CDSI: \"SM\",1\r\n");
}

TEST(VirtualModemSend, UssdBalanceAndMenu) {
  ModemHarness h;
  h.Send("ATE0\r");
  EXPECT_EQ(h.Send("AT+CUSD=1,\"*100#\",15\r"), "\r\nOK\r\n");
  EXPECT_EQ(h.Wait(300ms),
            "\r\n+CUSD: 0,\"Your balance is 12.50 EUR. Valid until 31.12.2030.\",15\r\n");
  h.modem_.SetUssdBalance("3.00 USD");
  h.Send("AT+CUSD=1,\"*123#\",15\r");
  EXPECT_EQ(h.Wait(300ms), "\r\n+CUSD: 1,\"1. Balance\n2. Bundles\n0. Exit\",15\r\n");
  h.Send("AT+CUSD=1,\"1\",15\r");
  EXPECT_NE(h.Wait(300ms).find("+CUSD: 0,\"Your balance is 3.00 USD"), std::string::npos);
  h.Send("AT+CUSD=1,\"*123#\",15\r");
  h.Wait(300ms);
  EXPECT_EQ(h.Send("AT+CUSD=2\r"), "\r\nOK\r\n");
  h.Send("AT+CSCS=\"UCS2\"\r");
  h.Send("AT+CUSD=1,\"002A0031003000300023\",15\r");  // "*100#" in UCS2
  EXPECT_NE(h.Wait(300ms).find("+CUSD: 0,\"0059006F00750072"), std::string::npos);
}

}  // namespace
}  // namespace smsdesk::sim::testing
