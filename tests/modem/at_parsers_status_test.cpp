// Status, identity and USSD parsers against real lines (docs/modem.md §2).
#include "modem/at_parsers_status.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace smsdesk::modem {
namespace {

TEST(AtParsersStatus, ParseCsqResponse) {
  struct Case {
    const char* line;
    bool ok;
    int rssi;
    int ber;
    std::optional<int> dbm;
  };
  const std::vector<Case> cases = {
      {"+CSQ: 17,99", true, 17, 99, -79},  // smstools3
      {"+CSQ: 0,0", true, 0, 0, -113},
      {"+CSQ: 31,99", true, 31, 99, -51},
      {"+CSQ: 99,99", true, 99, 99, std::nullopt},
      {"+CSQ:9,0", true, 9, 0, -95},     // no space
      {"+CSQ: 9, 0", true, 9, 0, -95},
      {"+CSQ: 100,99", true, 100, 99, -116},  // TD-SCDMA range
      {"+CSQ: 32,99", false, 0, 0, std::nullopt},
      {"+CSQ: 17", false, 0, 0, std::nullopt},
      {"+CSQ: 17,8", false, 0, 0, std::nullopt},
      {"+CSQ: a,b", false, 0, 0, std::nullopt},
  };
  for (const Case& c : cases) {
    const auto r = ParseCsqResponse(c.line);
    ASSERT_EQ(r.ok(), c.ok) << c.line;
    if (!c.ok) continue;
    EXPECT_EQ(r->rssi, c.rssi) << c.line;
    EXPECT_EQ(r->ber, c.ber) << c.line;
    EXPECT_EQ(r->dbm, c.dbm) << c.line;
  }
}

TEST(AtParsersStatus, ParseCregResponse) {
  using D = RegistrationDomain;
  using S = RegistrationState;
  struct Case {
    const char* line;
    D domain;
    bool solicited;
    std::optional<int> mode;
    S state;
    std::optional<std::uint32_t> lac, ci;
    std::optional<int> act;
  };
  const std::vector<Case> cases = {
      {"+CREG: 2,1,\"1234\",\"001122BB\"", D::kCs, true, 2, S::kHome, 0x1234, 0x001122BB, {}},  // MM gsm-port.conf
      {"+CREG: 2,1,4CA,81DE445", D::kCs, true, 2, S::kHome, 0x4CA, 0x81DE445, {}},  // Huawei unquoted
      {"+CREG: 0,1,\"5E25\",\"605F\",2", D::kCs, true, 0, S::kHome, 0x5E25, 0x605F, 2},  // Telit n=0
      {"+CREG: 2,1,  0 5, 2715", D::kCs, true, 2, S::kHome, 0x05, 0x2715, {}},  // Gobi spaces
      {"+CREG: 1,84CD,00D30156", D::kCs, false, {}, S::kHome, 0x84CD, 0xD30156, {}},  // unsolicited
      {"+CREG: 5", D::kCs, false, {}, S::kRoaming, {}, {}, {}},
      {"+CREG: 0,2", D::kCs, true, 0, S::kSearching, {}, {}, {}},
      {"+CREG: 1,\"84CD\",\"00D30156\",7", D::kCs, false, {}, S::kHome, 0x84CD, 0xD30156, 7},
      {"+CREG:2,3", D::kCs, true, 2, S::kDenied, {}, {}, {}},
      {"+CGREG: 1,\"1234\",\"5678\",2,\"12\"", D::kPs, false, {}, S::kHome, 0x1234, 0x5678, 2},
      {"+CGREG: 2,1,\"1234\",\"5678\",2,\"12\"", D::kPs, true, 2, S::kHome, 0x1234, 0x5678, 2},
      {"+CEREG: 2,6,\"1A2B\",\"01A2B3C4\",7", D::kEps, true, 2, S::kHomeSmsOnly, 0x1A2B, 0x01A2B3C4, 7},
      {"+CEREG: 4", D::kEps, false, {}, S::kUnknown, {}, {}, {}},
      {"+CEREG: 2,1,,,7", D::kEps, true, 2, S::kHome, {}, {}, 7},
  };
  for (const Case& c : cases) {
    const auto r = ParseCregResponse(c.line);
    ASSERT_TRUE(r.ok()) << c.line << ": " << r.error().message;
    EXPECT_EQ(r->domain, c.domain) << c.line;
    EXPECT_EQ(r->solicited, c.solicited) << c.line;
    EXPECT_EQ(r->mode, c.mode) << c.line;
    EXPECT_EQ(r->state, c.state) << c.line;
    EXPECT_EQ(r->lac, c.lac) << c.line;
    EXPECT_EQ(r->cell_id, c.ci) << c.line;
    EXPECT_EQ(r->act, c.act) << c.line;
  }
  EXPECT_TRUE(ParseCregResponse("+CREG: 5").value().registered());
  EXPECT_FALSE(ParseCregResponse("+CREG: 0,3").value().registered());
  for (const char* bad : {"+CREG: 11", "+CREG: x", "+CREG: 1,ZZZZ,0001", "+COPS: 0", "+CREG: "}) {
    EXPECT_FALSE(ParseCregResponse(bad).ok()) << bad;
  }
}

TEST(AtParsersStatus, ParseCpinResponse) {
  struct Case {
    const char* response;
    std::optional<SimStatus> status;
  };
  const std::vector<Case> cases = {
      {"+CPIN: READY\r\n\r\nOK", SimStatus::kReady},
      {"+CPIN: \"READY\"", SimStatus::kReady},  // smstools3 tolerates quotes
      {"+CPIN:READY", SimStatus::kReady},       // and a missing space
      {"OK", SimStatus::kReady},                // and a bare OK
      {"+CPIN: SIM PIN", SimStatus::kSimPin},
      {"+CPIN: SIM PUK", SimStatus::kSimPuk},
      {"+CPIN: SIM PIN2", SimStatus::kSimPin2},
      {"+CPIN: PH-SIM PIN", SimStatus::kPhSimPin},
      {"+CPIN: NOT INSERTED", SimStatus::kNotInserted},  // SIMCom
      {"+CPIN: NOT READY", SimStatus::kNotReady},        // Quectel
      {"+CPIN: BANANA", std::nullopt},
      {"+CME ERROR: 10", std::nullopt},
  };
  for (const Case& c : cases) {
    const auto r = ParseCpinResponse(c.response);
    ASSERT_EQ(r.ok(), c.status.has_value()) << c.response;
    if (c.status) {
      EXPECT_EQ(*r, *c.status) << c.response;
    }
  }
}

TEST(AtParsersStatus, ParseCopsResponse) {
  auto r = ParseCopsResponse("+COPS: 0,0,\"Vodafone.de\",2\r\nOK");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mode, 0);
  EXPECT_EQ(r->format, 0);
  EXPECT_EQ(r->name, "Vodafone.de");
  EXPECT_EQ(r->act, 2);
  r = ParseCopsResponse("+COPS: 1,2,\"26202\",7");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->name, "26202");
  EXPECT_EQ(r->act, 7);
  r = ParseCopsResponse("+COPS: 0");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->format, std::nullopt);
  EXPECT_EQ(r->name, "");
  r = ParseCopsResponse("+COPS: 0,0,\"T-Mobile NL\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->act, std::nullopt);
  EXPECT_FALSE(ParseCopsResponse("+COPS: 9").ok());
  EXPECT_FALSE(ParseCopsResponse("+COPS: 0,0").ok());
}

TEST(AtParsersStatus, ParseCgsnResponse) {
  struct Case {
    const char* response;
    std::optional<std::string> imei;
  };
  const std::vector<Case> cases = {
      {"354237065082227\r\n\r\nOK", "354237065082227"},
      {"+CGSN: 352099001761481", "352099001761481"},
      {"+CGSN: \"352099001761481\"", "352099001761481"},
      {"356936001568843,NL2A62Z0N5", "356936001568843"},  // ModemManager test
      {"Manufacturer: x\r\n354237065082227", "354237065082227"},
      {"adsfasdfasdfasdf", std::nullopt},
      {"12345", std::nullopt},
      {"OK", std::nullopt},
  };
  for (const Case& c : cases) {
    const auto r = ParseCgsnResponse(c.response);
    ASSERT_EQ(r.ok(), c.imei.has_value()) << c.response;
    if (c.imei) {
      EXPECT_EQ(*r, *c.imei) << c.response;
    }
  }
}

TEST(AtParsersStatus, ParseCusdIndication) {
  struct Case {
    const char* name;
    std::string line;
    bool ok;
    int status;
    std::optional<std::string> text;
    std::optional<int> dcs;
  };
  const std::vector<Case> cases = {
      {"Huawei E160 packed hex", "+CUSD: 0,\"49B41C747ECB\",15", true, 0, "49B41C747ECB", 15},
      {"older E160 unquoted, no DCS", "+CUSD: 0, 49B41C747ECB", true, 0, "49B41C747ECB", {}},
      {"Dell plain text", "+CUSD: 0,\"On DATA Pack u have 3Gb\",15", true, 0, "On DATA Pack u have 3Gb", 15},
      {"Huawei E3276 UCS-2", "+CUSD: 0,\"0414043B044F\",72", true, 0, "0414043B044F", 72},
      {"Telit HE910-D DCS 17", "+CUSD: 2,\"6139063106\",17", true, 2, "6139063106", 17},
      {"multi-line text (python-gsmmodem)", "+CUSD: 1,\"Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge\",15",
       true, 1, "Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge", 15},
      {"commas inside the string", "+CUSD: 1,\"1, 2, 3\",15", true, 1, "1, 2, 3", 15},
      {"release", "+CUSD: 2,\"Initiating Release\",15", true, 2, "Initiating Release", 15},
      {"status only", "+CUSD: 4", true, 4, {}, {}},
      {"no space, no dcs", "+CUSD:0,\"ok\"", true, 0, "ok", {}},
      {"empty string", "+CUSD: 0,\"\",15", true, 0, "", 15},
      {"bad status", "+CUSD: 9,\"x\",15", false, 0, {}, {}},
      {"unterminated", "+CUSD: 1,\"abc", false, 0, {}, {}},
      {"junk after string", "+CUSD: 1,\"abc\"x", false, 0, {}, {}},
      {"bad dcs", "+CUSD: 1,\"abc\",999", false, 0, {}, {}},
      {"not CUSD", "+CSQ: 1,2", false, 0, {}, {}},
  };
  for (const Case& c : cases) {
    const auto r = ParseCusdIndication(c.line);
    ASSERT_EQ(r.ok(), c.ok) << c.name;
    if (!c.ok) continue;
    EXPECT_EQ(r->status, c.status) << c.name;
    EXPECT_EQ(r->text, c.text) << c.name;
    EXPECT_EQ(r->dcs, c.dcs) << c.name;
  }
}

}  // namespace
}  // namespace smsdesk::modem
