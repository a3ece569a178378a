// Final result classification and error verdicts (docs/modem.md §2 "Errors", §4
// "Non-standard finals").
#include "modem/at_result.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace smsdesk::modem {
namespace {

struct FinalCase {
  const char* line;
  FinalKind kind;
  std::optional<int> code;
  std::string text;
  ErrorVerdict verdict;
};

TEST(AtResult, ClassifiesRealFinalLines) {
  const std::vector<FinalCase> cases = {
      {"OK", FinalKind::kOk, {}, "", ErrorVerdict::kNone},
      {"  OK  ", FinalKind::kOk, {}, "", ErrorVerdict::kNone},
      {"ERROR", FinalKind::kError, {}, "", ErrorVerdict::kRetry},
      {"+CMS ERROR: 500", FinalKind::kCmsError, 500, "", ErrorVerdict::kRetryThenReset},
      {"+CMS ERROR: 300", FinalKind::kCmsError, 300, "", ErrorVerdict::kRetryThenReset},
      {"+CMS ERROR: 304", FinalKind::kCmsError, 304, "", ErrorVerdict::kPermanent},
      {"+CMS ERROR: 305", FinalKind::kCmsError, 305, "", ErrorVerdict::kPermanent},
      {"+CMS ERROR: 302", FinalKind::kCmsError, 302, "", ErrorVerdict::kReinit},
      {"+CMS ERROR: 310", FinalKind::kCmsError, 310, "", ErrorVerdict::kReinit},
      {"+CMS ERROR: 314", FinalKind::kCmsError, 314, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR: SIM busy", FinalKind::kCmsError, 314, "SIM busy", ErrorVerdict::kBackOff},
      {"+CMS ERROR: invalid PDU mode parameter", FinalKind::kCmsError, 304,
       "invalid PDU mode parameter", ErrorVerdict::kPermanent},
      {"+CMS ERROR: (U)SIM not inserted", FinalKind::kCmsError, 310, "(U)SIM not inserted",
       ErrorVerdict::kReinit},
      {"+CMS ERROR: 321", FinalKind::kCmsError, 321, "", ErrorVerdict::kPermanent},
      {"+CMS ERROR: 322", FinalKind::kCmsError, 322, "", ErrorVerdict::kSweepStorage},
      {"+CMS ERROR: 330", FinalKind::kCmsError, 330, "", ErrorVerdict::kReinit},
      {"+CMS ERROR: 331", FinalKind::kCmsError, 331, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR: 332", FinalKind::kCmsError, 332, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR: 340", FinalKind::kCmsError, 340, "", ErrorVerdict::kIgnore},
      {"+CMS ERROR: 38", FinalKind::kCmsError, 38, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR: 41", FinalKind::kCmsError, 41, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR: 42", FinalKind::kCmsError, 42, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR: 1", FinalKind::kCmsError, 1, "", ErrorVerdict::kPermanent},
      {"+CMS ERROR: 208", FinalKind::kCmsError, 0xD0, "", ErrorVerdict::kPermanent},
      {"+CMS ERROR: 195", FinalKind::kCmsError, 0xC3, "", ErrorVerdict::kPermanent},
      {"+CMS ERROR: 192", FinalKind::kCmsError, 0xC0, "", ErrorVerdict::kBackOff},
      {"+CMS ERROR:500", FinalKind::kCmsError, 500, "", ErrorVerdict::kRetryThenReset},
      {"+CMS ERROR: 999", FinalKind::kCmsError, 999, "", ErrorVerdict::kRetryThenReset},
      {"+CMS ERROR: something odd", FinalKind::kCmsError, {}, "something odd", ErrorVerdict::kRetry},
      {"+CME ERROR: 14", FinalKind::kCmeError, 14, "", ErrorVerdict::kBackOff},
      {"+CME ERROR: SIM busy", FinalKind::kCmeError, 14, "SIM busy", ErrorVerdict::kBackOff},
      {"+CME ERROR: 10", FinalKind::kCmeError, 10, "", ErrorVerdict::kReinit},
      {"+CME ERROR: SIM PIN required", FinalKind::kCmeError, 11, "SIM PIN required", ErrorVerdict::kReinit},
      {"+CME ERROR: 13", FinalKind::kCmeError, 13, "", ErrorVerdict::kReinit},
      {"+CME ERROR: 515", FinalKind::kCmeError, 515, "", ErrorVerdict::kBackOff},
      {"+CME ERROR: 20", FinalKind::kCmeError, 20, "", ErrorVerdict::kSweepStorage},
      {"+CME ERROR: 3", FinalKind::kCmeError, 3, "", ErrorVerdict::kPermanent},
      {"+CME ERROR: -1", FinalKind::kCmeError, -1, "", ErrorVerdict::kIgnore},  // Samsung empty slot
      {"COMMAND NOT SUPPORT", FinalKind::kNotSupported, {}, "", ErrorVerdict::kPermanent},  // Huawei
      {"MODEM ERROR: 0", FinalKind::kModemError, 0, "", ErrorVerdict::kRetry},              // Motorola
      {"NA", FinalKind::kNotAvailable, {}, "", ErrorVerdict::kPermanent},                   // Samsung
      {"NO CARRIER", FinalKind::kNoCarrier, {}, "", ErrorVerdict::kRetry},
      {"BUSY", FinalKind::kBusy, {}, "", ErrorVerdict::kRetry},
      {"NO DIALTONE", FinalKind::kNoDialtone, {}, "", ErrorVerdict::kRetry},
  };
  for (const FinalCase& c : cases) {
    const auto final = ClassifyFinal(c.line);
    ASSERT_TRUE(final.has_value()) << c.line;
    EXPECT_EQ(final->kind, c.kind) << c.line;
    EXPECT_EQ(final->code, c.code) << c.line;
    EXPECT_EQ(final->text, c.text) << c.line;
    EXPECT_EQ(VerdictFor(*final), c.verdict) << c.line << ": " << ErrorVerdictName(VerdictFor(*final));
  }
}

TEST(AtResult, IntermediateLinesAndUrcsAreNotFinal) {
  for (const char* line : {"+CSQ: 17,99", "+CMGS: 124", "> ", "AT+CSQ", "OKAY", "NAME", "RING",
                           "+CMTI: \"SM\",3", "ERRORS", "+CME ERRORS", "0791447758100650"}) {
    EXPECT_FALSE(ClassifyFinal(line).has_value()) << line;
  }
}

TEST(AtResult, ErrorCodesHaveReadableNames) {
  EXPECT_EQ(CmsErrorName(CmsError::kSimBusy), "SIM busy");
  EXPECT_EQ(CmsErrorName(CmsError::kInvalidPduParameter), "invalid PDU mode parameter");
  EXPECT_EQ(CmsErrorName(static_cast<CmsError>(0xD0)), "(U)SIM SMS storage full");
  EXPECT_EQ(CmsErrorName(static_cast<CmsError>(42)), "congestion");
  EXPECT_EQ(CmsErrorName(static_cast<CmsError>(777)), "");
  EXPECT_EQ(CmeErrorName(CmeError::kWavecomInitInProgress),
            "please wait, init or command processing in progress");
  EXPECT_EQ(DescribeFinal(*ClassifyFinal("+CMS ERROR: 314")), "+CMS ERROR: 314 (SIM busy)");
  EXPECT_EQ(DescribeFinal(*ClassifyFinal("+CME ERROR: -1")), "+CME ERROR: -1 (empty location (Samsung))");
  EXPECT_EQ(DescribeFinal(*ClassifyFinal("+CMS ERROR: weird")), "+CMS ERROR: weird");
  EXPECT_EQ(ClassifyFinal("+CMS ERROR: 314")->cms(), CmsError::kSimBusy);
  EXPECT_EQ(ClassifyFinal("+CMS ERROR: 314")->cme(), std::nullopt);
}

TEST(AtResult, EveryRpCauseAndFcsGetsAVerdict) {
  // 0-127 RP causes and 128-255 TP-FCS: only the congestion family retries.
  for (int code = 0; code <= 255; ++code) {
    const ErrorVerdict verdict = CmsVerdict(static_cast<CmsError>(code));
    EXPECT_TRUE(verdict == ErrorVerdict::kPermanent || verdict == ErrorVerdict::kBackOff) << code;
  }
}

TEST(AtResult, ASubmissionErrorSaysWhetherItIsTheMessagesOrTheModems) {
  auto scope = [](std::string_view line) { return SubmitFailureScope(*ClassifyFinal(line)); };
  // The network, the SMSC, the modem: not the message's fault.
  for (const char* line : {"+CMS ERROR: 500", "+CMS ERROR: 330", "+CMS ERROR: 331", "+CMS ERROR: 332",
                           "+CMS ERROR: 42", "+CMS ERROR: 41", "+CMS ERROR: 47", "+CMS ERROR: 38",
                           "+CMS ERROR: 192", "+CMS ERROR: 194", "+CMS ERROR: 314", "+CMS ERROR: 512",
                           "+CME ERROR: 30", "+CMS ERROR: no network service", "ERROR"}) {
    EXPECT_EQ(scope(line), FailureScope::kNetwork) << line;
  }
  // Charging and subscription refusals.
  for (const char* line : {"+CMS ERROR: 8", "+CMS ERROR: 21", "+CMS ERROR: 29", "+CMS ERROR: 50",
                           "+CMS ERROR: 193", "+CMS ERROR: Insufficient credit"}) {
    EXPECT_EQ(scope(line), FailureScope::kCredit) << line;
  }
  // A number that does not exist or is barred, a PDU the network refuses.
  for (const char* line : {"+CMS ERROR: 1", "+CMS ERROR: 10", "+CMS ERROR: 28", "+CMS ERROR: 195",
                           "+CMS ERROR: 196", "+CMS ERROR: 304", "+CMS ERROR: 96", "+CMS ERROR: 144",
                           "+CME ERROR: 27", "+CMS ERROR: invalid PDU mode parameter"}) {
    EXPECT_EQ(scope(line), FailureScope::kMessage) << line;
  }
  EXPECT_EQ(FailureScopeName(FailureScope::kCredit), "credit");
}

}  // namespace
}  // namespace smsdesk::modem
