// URC recognition by prefix (docs/modem.md §2 "URCs", §4).
#include "modem/at_urc.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace smsdesk::modem {
namespace {

struct UrcCase {
  const char* line;
  std::optional<UrcKind> kind;
};

TEST(AtUrc, ClassifiesRealUnsolicitedLines) {
  const std::vector<UrcCase> cases = {
      {"+CMTI: \"SM\",3", UrcKind::kCmti},
      {"+CMTI: ,-1", UrcKind::kCmti},  // SIM7000G
      {"+CMTI: \"ME\",1", UrcKind::kCmti},
      {"+CMT: ,23", UrcKind::kCmt},
      {"+CDS: 24", UrcKind::kCds},
      {"+CDS:25", UrcKind::kCds},   // gammu smsd-incoming-cds.c
      {"+CDS: ,25", UrcKind::kCds},  // ZTE (oFono)
      {"+CDSI: \"SM\",3", UrcKind::kCdsi},
      {"+CUSD: 0,\"Balance 5.00\",15", UrcKind::kCusd},
      {"+CREG: 1,\"84CD\",\"00D30156\"", UrcKind::kCreg},
      {"+CGREG: 1", UrcKind::kCgreg},
      {"+CEREG: 5,\"1A2B\",\"01A2B3C4\",7", UrcKind::kCereg},
      {"RING", UrcKind::kRing},
      {"+CRING: VOICE", UrcKind::kRing},
      {"RDY", UrcKind::kReady},
      {"SMS Ready", UrcKind::kSmsReady},
      {"Call Ready", UrcKind::kCallReady},
      {"+CPIN: READY", UrcKind::kCpin},
      {"^RSSI:14", UrcKind::kHuaweiRssi},
      {"^MODE:5,4", UrcKind::kHuaweiMode},
      {"^BOOT:20952548,0,0,0,75", UrcKind::kHuaweiBoot},
      {"^DSFLOWRPT:00000124,00000000,00000000,0000000000000000,0000000000000000,0003E800,0003E800",
       UrcKind::kHuaweiDsflowrpt},
      {"^SRVST:2", UrcKind::kHuaweiSrvst},
      {"^SIMST:1", UrcKind::kHuaweiSimst},
      {"^HCSQ:\"LTE\",52,44,130,24", UrcKind::kHuaweiHcsq},
      {"^SMMEMFULL: \"SM\"", UrcKind::kSmsMemoryFull},
      {"+ZDONR: \"01\",\"01\",\"ROAM_OFF\"", UrcKind::kZteDonr},
      {"+ZPASR: \"UMTS\"", UrcKind::kZtePasr},
      {"#STN: 150,1,\"\"", UrcKind::kTelitStn},
      {"+QIND: SMS DONE", UrcKind::kOther},
      {"*PSUTTZ: 24/01/01,12:00:00\",\"+4\",0", UrcKind::kOther},
      // Command responses are never URCs.
      {"+CMGS: 124", std::nullopt},
      {"+CMGS: 183,\"13/01/01,12:00:00+00\"", std::nullopt},
      {"+CMGR: 1,,25", std::nullopt},
      {"+CMGL: 0,0,,35", std::nullopt},
      {"+CSQ: 17,99", std::nullopt},
      {"OK", std::nullopt},
      {"RINGING", std::nullopt},
      {"RDY2", std::nullopt},
      {"07917248014000F3240B91", std::nullopt},
  };
  for (const UrcCase& c : cases) EXPECT_EQ(ClassifyUrc(c.line), c.kind) << c.line;
}

TEST(AtUrc, ContinuationsFollowTheSpec) {
  EXPECT_EQ(ContinuationOf(UrcKind::kCmt), UrcContinuation::kPduLine);
  EXPECT_EQ(ContinuationOf(UrcKind::kCds), UrcContinuation::kPduLine);
  EXPECT_EQ(ContinuationOf(UrcKind::kCusd), UrcContinuation::kQuotedText);
  EXPECT_EQ(ContinuationOf(UrcKind::kCmti), UrcContinuation::kNone);
}

TEST(AtUrc, CusdNeedsMoreWhileTheStringIsOpenOrBrokenAfterTheComma) {
  EXPECT_TRUE(CusdNeedsMore("+CUSD: 1,\"Bal:$100.00 *"));
  EXPECT_FALSE(CusdNeedsMore("+CUSD: 1,\"Bal:$100.00 *\r\nExp\",15"));
  EXPECT_TRUE(CusdNeedsMore("+CUSD: 0,"));
  EXPECT_FALSE(CusdNeedsMore("+CUSD: 2"));
  EXPECT_FALSE(CusdNeedsMore("+CUSD: 0, 49B41C"));
}

}  // namespace
}  // namespace smsdesk::modem
