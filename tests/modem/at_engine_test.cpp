// AtEngine replayed against transcripts of raw modem bytes (docs/modem.md §2, §4).
// Each row lists the commands submitted, the reads from the port, what the
// engine must write and the events it must report. Every row is replayed
// twice: read by read as captured, and byte by byte.
#include "modem/at_engine.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/modem/at_engine_harness.h"

namespace smsdesk::modem {
namespace {

using namespace std::chrono_literals;

const AtCommand kCsq{"AT+CSQ", {.timeout = 10s, .response_prefix = "+CSQ:"}};
const AtCommand kCpin{"AT+CPIN?", {.response_prefix = "+CPIN:"}};
const AtCommand kCreg{"AT+CREG?", {.response_prefix = "+CREG:"}};
const AtCommand kCmgf{"AT+CMGF=0", {}};
const AtCommand kAti{"ATI", {.free_form = true}};
const AtCommand kCmgl{"AT+CMGL=4", {.timeout = kListMessagesTimeout, .response_prefix = "+CMGL:", .pdu_lines = true}};
const AtCommand kCmgr{"AT+CMGR=3", {.response_prefix = "+CMGR:", .pdu_lines = true}};
const AtCommand kCusd{"AT+CUSD=1,\"*100#\",15", {.timeout = kUssdTimeout}};
// docs/modem.md §3 example 8, SMSC "00": 37 octets, 36 without the SMSC.
const std::string kSubmitPdu = "0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010";
const AtCommand kCmgs{"AT+CMGS=36", {.timeout = kSendPduTimeout, .response_prefix = "+CMGS:", .pdu = kSubmitPdu}};
const std::string kDeliverPdu = "07917248014000F3240B917247587706F400003110824115248012C8329BFD06C9C373B8B82C97E741F034";
const std::string kReportPdu = "07914356060013F1065A098136395339F6219011700463802190117004638030";

const std::vector<TranscriptCase>& Transcripts() {
  static const std::vector<TranscriptCase> cases = {
      {"echo off", {kCsq}, {"\r\n+CSQ: 17,99\r\n\r\nOK\r\n"}, "AT+CSQ\r",
       {"done AT+CSQ OK | +CSQ: 17,99"}},
      {"echo on, \\r\\r\\n (docs/modem.md §4)", {kCsq}, {"AT+CSQ\r\r\n+CSQ: 9,0\r\n\r\nOK\r\n"}, "AT+CSQ\r",
       {"done AT+CSQ OK | +CSQ: 9,0"}},
      {"duplicated echo (gammu #1069)", {kCpin}, {"AT+CPIN?\r\r\nAT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n"},
       "AT+CPIN?\r", {"done AT+CPIN? OK | +CPIN: READY"}},
      {"leading NULs, missing CR", {kCmgf}, {std::string("\0\0\nOK\n", 6)}, "AT+CMGF=0\r",
       {"done AT+CMGF=0 OK"}},
      {"Telit #STN in the same read as +CSQ (gammu #355)", {kCsq},
       {"\r\n#STN: 150,1,\"\"\r\n\r\n+CSQ: 14,0\r\n\r\nOK\r\n"}, "AT+CSQ\r",
       {"urc #STN #STN: 150,1,\"\"", "done AT+CSQ OK | +CSQ: 14,0"}},
      {"Huawei ^RSSI between header and OK", {kCsq}, {"\r\n+CSQ: 20,99\r\n\r\n^RSSI:20\r\n\r\nOK\r\n"},
       "AT+CSQ\r", {"urc ^RSSI ^RSSI:20", "done AT+CSQ OK | +CSQ: 20,99"}},
      {"SIM800 SMS Ready mid-session (TinyGSM #537)", {kCmgf, kCsq},
       {"\r\nOK\r\n", "\r\nCall Ready\r\n\r\nSMS Ready\r\n", "\r\n+CSQ: 5,0\r\n\r\nOK\r\n"},
       "AT+CMGF=0\rAT+CSQ\r",
       {"done AT+CMGF=0 OK", "urc Call Ready Call Ready", "urc SMS Ready SMS Ready", "done AT+CSQ OK | +CSQ: 5,0"}},
      {"CMGS: prompt without EOL, PDU + Ctrl-Z (ModemManager ea93aad8)", {kCmgs},
       {"\r\n> ", "\r\n+CMGS: 124\r\n\r\nOK\r\n"}, "AT+CMGS=36\r" + kSubmitPdu + "\x1a",
       {"done AT+CMGS=36 OK | +CMGS: 124"}},
      {"CMGS with echo: prompt glued to echo, PDU echoed (gammu #355)", {kCmgs},
       {"AT+CMGS=36\r\r\n> ", kSubmitPdu + "\x1a\r\n", "+CMGS: 124\r\n\r\nOK\r\n"},
       "AT+CMGS=36\r" + kSubmitPdu + "\x1a", {"done AT+CMGS=36 OK | +CMGS: 124"}},
      {"ZTE +ZDONR/+ZPASR before > and between PDU and +CMGS (python-gsmmodem)", {kCmgs},
       {"\r\n+ZDONR: \"01\"\r\n\r\n+ZPASR: \"UMTS\"\r\n\r\n> ", "\r\n+ZPASR: \"UMTS\"\r\n",
        "\r\n+CMGS: 7,\"13/01/01,12:00:00+00\"\r\n\r\nOK\r\n"},
       "AT+CMGS=36\r" + kSubmitPdu + "\x1a",
       {"urc +ZDONR +ZDONR: \"01\"", "urc +ZPASR +ZPASR: \"UMTS\"", "urc +ZPASR +ZPASR: \"UMTS\"",
        "done AT+CMGS=36 OK | +CMGS: 7,\"13/01/01,12:00:00+00\""}},
      {"CMGS fails before the prompt", {kCmgs}, {"\r\n+CMS ERROR: 304\r\n"}, "AT+CMGS=36\r",
       {"done AT+CMGS=36 +CMS ERROR: 304 (invalid PDU mode parameter)"}},
      {"CMGS verbose SIM busy", {kCmgs}, {"\r\n> ", "\r\n+CMS ERROR: SIM busy\r\n"},
       "AT+CMGS=36\r" + kSubmitPdu + "\x1a", {"done AT+CMGS=36 +CMS ERROR: 314 (SIM busy)"}},
      {"CMGL with PDU lines, +CMTI inside (docs/modem.md §2)", {kCmgl},
       {"\r\n+CMGL: 0,0,,35\r\n" + kDeliverPdu + "\r\n", "\r\n+CMTI: \"SM\",3\r\n",
        "+CMGL: 1,1,,35\r\n" + kDeliverPdu + "\r\n\r\nOK\r\n"},
       "AT+CMGL=4\r",
       {"urc +CMTI +CMTI: \"SM\",3",
        "done AT+CMGL=4 OK | +CMGL: 0,0,,35 | " + kDeliverPdu + " | +CMGL: 1,1,,35 | " + kDeliverPdu}},
      {"+CMT with its PDU arriving inside a CMGL", {kCmgl},
       {"\r\n+CMGL: 0,0,,35\r\n" + kDeliverPdu + "\r\n\r\n+CMT: ,35\r\n" + kDeliverPdu + "\r\n\r\nOK\r\n"},
       "AT+CMGL=4\r",
       {"urc +CMT +CMT: ,35 | " + kDeliverPdu, "done AT+CMGL=4 OK | +CMGL: 0,0,,35 | " + kDeliverPdu}},
      {"+CMT with bare CR (gammu)", {}, {"+CMT: ,35\r" + kDeliverPdu + "\r"}, "",
       {"urc +CMT +CMT: ,35 | " + kDeliverPdu}},
      {"+CDS:25 and ZTE +CDS: ,24 with PDU lines", {},
       {"\r\n+CDS:24\r\n" + kReportPdu + "\r\n", "\r\n+CDS: ,24\r\n" + kReportPdu + "\r\n"}, "",
       {"urc +CDS +CDS:24 | " + kReportPdu, "urc +CDS +CDS: ,24 | " + kReportPdu}},
      {"CMGR with ^RSSI noise after the PDU", {kCmgr},
       {"\r\n+CMGR: 1,,35\r\n" + kDeliverPdu + "\r\n\r\n^RSSI:14\r\n\r\nOK\r\n"}, "AT+CMGR=3\r",
       {"urc ^RSSI ^RSSI:14", "done AT+CMGR=3 OK | +CMGR: 1,,35 | " + kDeliverPdu}},
      {"Huawei MU509 bare OK for an empty index", {kCmgr}, {"\r\nOK\r\n"}, "AT+CMGR=3\r",
       {"done AT+CMGR=3 OK"}},
      {"+CUSD before OK, then Initiating Release (python-gsmmodem #14)", {kCusd},
       {"\r\n+CUSD: 0,\"Balance: 5.00 EUR\",15\r\n\r\nOK\r\n", "\r\n+CUSD: 2,\"Initiating Release\",15\r\n"},
       "AT+CUSD=1,\"*100#\",15\r",
       {"urc +CUSD +CUSD: 0,\"Balance: 5.00 EUR\",15", "done AT+CUSD=1,\"*100#\",15 OK",
        "urc +CUSD +CUSD: 2,\"Initiating Release\",15"}},
      {"multi-line +CUSD after OK (python-gsmmodem)", {kCusd},
       {"\r\nOK\r\n", "\r\n+CUSD: 1,\"Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge\",15\r\n"},
       "AT+CUSD=1,\"*100#\",15\r",
       {"done AT+CUSD=1,\"*100#\",15 OK",
        "urc +CUSD +CUSD: 1,\"Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge\",15"}},
      {"+CUSD split after the comma (obsy/sms_tool)", {}, {"\r\n+CUSD: 0,\r\n\"Your balance\",15\r\n"}, "",
       {"urc +CUSD +CUSD: 0,\"Your balance\",15"}},
      {"garbage bytes between commands", {kCmgf, kCsq},
       {"\r\nOK\r\n", "\r\n\x7f\x03noise\r\n", "\r\n+CSQ: 1,0\r\n\r\nOK\r\n"}, "AT+CMGF=0\rAT+CSQ\r",
       {"done AT+CMGF=0 OK", "garbage unexpected line: \x7f\x03noise", "done AT+CSQ OK | +CSQ: 1,0"}},
      {"stray OK and +CMGS with nothing in flight", {}, {"\r\nOK\r\n+CMGS: 12\r\n"}, "",
       {"garbage stray final result: OK", "garbage no command in flight: +CMGS: 12"}},
      {"Huawei COMMAND NOT SUPPORT", {kCmgf}, {"\r\nCOMMAND NOT SUPPORT\r\n"}, "AT+CMGF=0\r",
       {"done AT+CMGF=0 COMMAND NOT SUPPORT"}},
      {"Samsung NA and +CME ERROR: -1", {kCmgr, kCmgr}, {"\r\nNA\r\n", "\r\n+CME ERROR: -1\r\n"},
       "AT+CMGR=3\rAT+CMGR=3\r",
       {"done AT+CMGR=3 NA", "done AT+CMGR=3 +CME ERROR: -1 (empty location (Samsung))"}},
      {"Motorola MODEM ERROR", {kCsq}, {"\r\nMODEM ERROR: 3\r\n"}, "AT+CSQ\r",
       {"done AT+CSQ MODEM ERROR: 3"}},
      {"solicited +CREG answers the command, unsolicited +CREG is a URC", {kCreg},
       {"\r\n+CREG: 2,1,\"1234\",\"001122BB\"\r\n\r\nOK\r\n", "\r\n+CREG: 1,\"84CD\",\"00D30156\"\r\n"},
       "AT+CREG?\r",
       {"done AT+CREG? OK | +CREG: 2,1,\"1234\",\"001122BB\"", "urc +CREG +CREG: 1,\"84CD\",\"00D30156\""}},
      {"unexpected line inside a command is garbage, command goes on", {kCsq},
       {"\r\n+CSQ: 9,0\r\nwhat\r\nOK\r\n"}, "AT+CSQ\r",
       {"garbage unexpected line: what", "done AT+CSQ OK | +CSQ: 9,0"}},
      {"ATI free-form", {kAti}, {"ATI\r\r\nManufacturer: huawei\r\nModel: E173\r\n^RSSI:9\r\n\r\nOK\r\n"}, "ATI\r",
       {"urc ^RSSI ^RSSI:9", "done ATI OK | Manufacturer: huawei | Model: E173"}},
      {"Quectel RDY after reset", {}, {"\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n"}, "",
       {"urc RDY RDY", "urc +CFUN +CFUN: 1", "urc +CPIN +CPIN: READY"}},
      {"SIM7000G +CMTI: ,-1", {}, {"\r\n+CMTI: ,-1\r\n"}, "", {"urc +CMTI +CMTI: ,-1"}},
      {"stray prompt is cancelled with ESC", {}, {"\r\n> "}, "\x1b", {"garbage stray prompt: > "}},
  };
  return cases;
}

TEST(AtEngine, ReplaysTranscriptsReadByRead) {
  for (const TranscriptCase& c : Transcripts()) {
    Harness h;
    const auto got = h.Replay(c, /*byte_by_byte=*/false);
    EXPECT_EQ(h.written, c.written) << c.name;
    EXPECT_EQ(got, c.events) << c.name;
  }
}

TEST(AtEngine, ReplaysTranscriptsByteByByte) {
  for (const TranscriptCase& c : Transcripts()) {
    Harness h;
    const auto got = h.Replay(c, /*byte_by_byte=*/true);
    EXPECT_EQ(h.written, c.written) << c.name;
    EXPECT_EQ(got, c.events) << c.name;
  }
}

}  // namespace
}  // namespace smsdesk::modem
