// SMS response parsers against real lines (docs/modem.md §2, §4).
#include "modem/at_parsers_sms.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace smsdesk::modem {
namespace {

const std::string kDeliver = "07917248014000F3240B917247587706F400003110824115248012C8329BFD06C9C373B8B82C97E741F034";
// oFono simple_deliver: 38 octets, 30 without the 8-octet SMSC.
const std::string kOfono = "07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07";

struct CmgrCase {
  const char* name;
  std::string response;
  bool ok;
  bool empty;
  std::optional<int> stat;
  int length;
};

TEST(AtParsersSms, ParseCmgrResponse) {
  const std::vector<CmgrCase> cases = {
      {"gammu at-sms/03", "+CMGR: 1,,30\r\n" + kOfono + "\r\n\r\nOK", true, false, 1, 30},
      {"Telit HE910 empty alpha", "+CMGR: 0,\"\",30\r\n" + kOfono + "\r\nOK", true, false, 0, 30},
      {"ZTE without stat", "+CMGR: ,,30\r\n" + kOfono, true, false, std::nullopt, 30},
      {"no alpha at all", "+CMGR: 1,30\r\n" + kOfono, true, false, 1, 30},
      {"Huawei MU509 bare OK for an empty index", "OK", true, true, std::nullopt, 0},
      {"engine response without lines", "", true, true, std::nullopt, 0},
      {"empty slot as +CMGR: 0,,0", "+CMGR: 0,,0\r\n\r\nOK", true, true, 0, 0},
      {"missing PDU line", "+CMGR: 1,,30\r\nOK", false, false, std::nullopt, 0},
      {"PDU shorter than its length", "+CMGR: 1,,35\r\n" + kOfono, false, false, std::nullopt, 0},
      {"odd hex digits are no PDU", "+CMGR: 1,,2\r\n0791F", false, false, std::nullopt, 0},
      {"non-hex PDU (gammu at-sms-failing)", "+CMGR: 1,,3\r\nZZ00112233", false, false, std::nullopt, 0},
      {"garbage instead of +CMGR", "hello", false, false, std::nullopt, 0},
      {"bad length", "+CMGR: 1,,x\r\n" + kOfono, false, false, std::nullopt, 0},
  };
  for (const CmgrCase& c : cases) {
    const auto result = ParseCmgrResponse(c.response);
    ASSERT_EQ(result.ok(), c.ok) << c.name;
    if (!c.ok) continue;
    EXPECT_EQ(result->empty, c.empty) << c.name;
    EXPECT_EQ(result->stat, c.stat) << c.name;
    EXPECT_EQ(result->length, c.length) << c.name;
    EXPECT_EQ(result->pdu, c.empty ? "" : kOfono) << c.name;
  }
}

TEST(AtParsersSms, ParseCmglResponse) {
  // python-gsmmodem test_modem.py shape, plus Pantech without <alpha>.
  const std::string response = "+CMGL: 0,0,,35\r\n" + kDeliver + "\r\n" +
                               "+CMGL: 1,1,\"Alice, B\",35\r\n" + kDeliver + "\r\n" +
                               "+CMGL: 17,3,35\r\n" + kDeliver + "\r\n" +
                               "+CMGL: 4,1,,35\r\n" +  // record without its PDU line
                               "+CMGL: x,1,,35\r\n" + kDeliver + "\r\n" + "\r\nOK\r\n";
  const auto list = ParseCmglResponse(response);
  ASSERT_TRUE(list.ok());
  const std::vector<CmglEntry> expected = {
      {0, 0, 35, kDeliver}, {1, 1, 35, kDeliver}, {17, 3, 35, kDeliver}};
  EXPECT_EQ(list->entries, expected);
  EXPECT_EQ(list->skipped, 2);
  const auto empty = ParseCmglResponse("OK");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->entries.empty());
  EXPECT_EQ(empty->skipped, 0);
}

TEST(AtParsersSms, ParseCmtiAndCdsiIndications) {
  struct Case {
    const char* line;
    bool ok;
    std::string memory;
    std::optional<int> index;
  };
  const std::vector<Case> cases = {
      {"+CMTI: \"SM\",3", true, "SM", 3},
      {"+CMTI: \"ME\",0", true, "ME", 0},  // Huawei indices start at 0
      {"+CMTI: \"MT\", 12", true, "MT", 12},
      {"+CMTI: SM,3", true, "SM", 3},
      {"+CMTI: ,-1", true, "", std::nullopt},  // SIM7000G (T-SIM7600X #63)
      {"+CMTI: \"SM\"", false, "", std::nullopt},
      {"+CMTI: \"SM\",x", false, "", std::nullopt},
      {"+CDSI: \"SM\",3", false, "", std::nullopt},  // wrong prefix for CMTI
  };
  for (const Case& c : cases) {
    const auto got = ParseCmtiIndication(c.line);
    ASSERT_EQ(got.ok(), c.ok) << c.line;
    if (!c.ok) continue;
    EXPECT_EQ(got->memory, c.memory) << c.line;
    EXPECT_EQ(got->index, c.index) << c.line;
  }
  const auto cdsi = ParseCdsiIndication("+CDSI: \"SR\",7");
  ASSERT_TRUE(cdsi.ok());
  EXPECT_EQ(cdsi->memory, "SR");
  EXPECT_EQ(cdsi->index, 7);
}

TEST(AtParsersSms, ParseCmtAndCdsHeaders) {
  EXPECT_EQ(*ParseCmtHeader("+CMT: ,23"), 23);
  EXPECT_EQ(*ParseCmtHeader("+CMT: \"\",30"), 30);
  EXPECT_EQ(*ParseCdsHeader("+CDS: 24"), 24);
  EXPECT_EQ(*ParseCdsHeader("+CDS:25"), 25);    // gammu
  EXPECT_EQ(*ParseCdsHeader("+CDS: ,25"), 25);  // ZTE (oFono)
  EXPECT_FALSE(ParseCdsHeader("+CDS: 0").ok());
  EXPECT_FALSE(ParseCmtHeader("+CMT: ,").ok());
  EXPECT_FALSE(ParseCmtHeader("+CMTI: \"SM\",3").ok());
}

TEST(AtParsersSms, ParseCmgsResponse) {
  auto r = ParseCmgsResponse("+CMGS: 124\r\n\r\nOK");  // gammu #355
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->message_reference, 124);
  EXPECT_EQ(r->scts, "");
  r = ParseCmgsResponse("+CMGS: 183,\"13/07/17,15:58:09+08\"");  // python-gsmmodem MR B7
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->message_reference, 183);
  EXPECT_EQ(r->scts, "13/07/17,15:58:09+08");
  EXPECT_FALSE(ParseCmgsResponse("+CMGS: 256").ok());
  EXPECT_FALSE(ParseCmgsResponse("+CMGS:").ok());
  EXPECT_FALSE(ParseCmgsResponse("OK").ok());
}

TEST(AtParsersSms, ParseCpmsResponse) {
  auto r = ParseCpmsResponse("+CPMS: \"ME\",1,100,\"MT\",5,100,\"TA\",1,100");  // ModemManager
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<StorageUsage>{{"ME", 1, 100}, {"MT", 5, 100}, {"TA", 1, 100}}));
  r = ParseCpmsResponse("+CPMS: \"SM\",10,10,\"SM\",10,10,\"SM\",10,10");  // ZTE MF103, full
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0], (StorageUsage{"SM", 10, 10}));
  r = ParseCpmsResponse("+CPMS: 0,3,0,3");  // reply to AT+CPMS="TA","TA" (nRF91)
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<StorageUsage>{{"", 0, 3}, {"", 0, 3}}));
  EXPECT_FALSE(ParseCpmsResponse("+CPMS: \"ME\",1").ok());
  EXPECT_FALSE(ParseCpmsResponse("+CPMS: \"ME\",x,100").ok());
}

TEST(AtParsersSms, ParseCpmsTest) {
  struct Case {
    const char* name;
    const char* line;
    std::vector<std::string> mem1, mem2, mem3;
  };
  const std::vector<Case> cases = {
      {"Cinterion", "+CPMS: (\"ME\",\"MT\"),(\"ME\",\"SM\",\"MT\"),(\"SM\",\"MT\")",
       {"ME", "MT"}, {"ME", "SM", "MT"}, {"SM", "MT"}},
      {"Wavecom nested", "+CPMS: ((\"SM\",\"BM\",\"SR\"),(\"SM\"))", {"SM", "BM", "SR"}, {"SM"}, {}},
      {"Huawei MU609 flat", "+CPMS: \"ME\",\"MT\",\"SM\"", {"ME"}, {"MT"}, {"SM"}},
      {"Nokia C6 empty groups", "+CPMS: (),(),()", {}, {}, {}},
      {"Samsung J700 empty", "+CPMS: ", {}, {}, {}},
      {"mixed with spaces", "+CPMS:     (  \"ME\"  ,  \"MT\"  )   ,  \"ME\" ,   (  \"SM\"  )",
       {"ME", "MT"}, {"ME"}, {"SM"}},
  };
  for (const Case& c : cases) {
    const auto r = ParseCpmsTest(c.line);
    ASSERT_TRUE(r.ok()) << c.name;
    EXPECT_EQ(r->mem1, c.mem1) << c.name;
    EXPECT_EQ(r->mem2, c.mem2) << c.name;
    EXPECT_EQ(r->mem3, c.mem3) << c.name;
  }
  EXPECT_FALSE(ParseCpmsTest("OK").ok());
  EXPECT_FALSE(ParseCpmsTest("+CPMS: (\"SM\"),(\"SM\"),(\"SM\"),(\"SM\")").ok());
}

TEST(AtParsersSms, ParseCscaResponse) {
  auto r = ParseCscaResponse("+CSCA: \"+31624000000\",145\r\nOK");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "+31624000000");
  EXPECT_EQ(r->type, 145);
  // CSCS="UCS2" (gammu tests/at-smsc/05.dump).
  r = ParseCscaResponse("+CSCA: \"002B003400390031003700320032003500320030003000300030\",145");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "+491722520000");
  r = ParseCscaResponse("+CSCA: \"0170000000\",129");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "0170000000");  // all digits, not UCS2
  EXPECT_EQ(r->type, 129);
  r = ParseCscaResponse("+CSCA: \"+447785016005\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, 145);
  EXPECT_FALSE(ParseCscaResponse("+CSCA: \"\",129").ok());  // gammu at-smsc-failing/04
  EXPECT_FALSE(ParseCscaResponse("+CSCA: \"+\",145").ok());
  EXPECT_FALSE(ParseCscaResponse("+CSCA: \"abc\",145").ok());
  EXPECT_FALSE(ParseCscaResponse("+CMS ERROR: 330").ok());
}

TEST(AtParsersSms, ParseCnmiTest) {
  auto r = ParseCnmiTest("+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mode, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(r->mt, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(r->bm, (std::vector<int>{0, 2}));
  EXPECT_EQ(r->ds, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(r->bfr, (std::vector<int>{0, 1}));
  r = ParseCnmiTest("+CNMI: (1,2),(0,1,2,3),(0,2),(0,1,2),(0,1)");  // Huawei
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mode, (std::vector<int>{1, 2}));
  r = ParseCnmiTest("+CNMI: (0-3),(0-3),(0,2,3),(0-2)");  // no <bfr>
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->bfr.empty());
  EXPECT_FALSE(ParseCnmiTest("+CNMI: (0-99999999)").ok());
  EXPECT_FALSE(ParseCnmiTest("+CNMI: (2-0)").ok());
}

TEST(AtParsersSms, ParseCmmsResponse) {
  EXPECT_EQ(*ParseCmmsResponse("+CMMS: 1\r\nOK"), 1);
  EXPECT_FALSE(ParseCmmsResponse("+CMMS: 3").ok());
}

}  // namespace
}  // namespace smsdesk::modem
