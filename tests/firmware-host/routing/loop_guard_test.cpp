#include "firmware-host/routing/loop_guard.h"

#include <gtest/gtest.h>

namespace smsdesk::desk {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_seconds;

struct SenderCase {
  const char* sender;
  bool machine;
};

void PrintTo(const SenderCase& c, std::ostream* os) { *os << '"' << c.sender << '"'; }

class LoopGuardSender : public ::testing::TestWithParam<SenderCase> {};

TEST_P(LoopGuardSender, IsShortCodeOrAlphanumeric) {
  EXPECT_EQ(IsShortCodeOrAlphanumeric(GetParam().sender), GetParam().machine) << GetParam().sender;
}

INSTANTIATE_TEST_SUITE_P(LoopGuard, LoopGuardSender, ::testing::Values(
    SenderCase{"+16135550100", false}, SenderCase{"6135550100", false},
    SenderCase{"+33612345678", false}, SenderCase{"0612345678", false},
    SenderCase{"+1 (613) 555-0100", false}, SenderCase{"1234567", false},
    SenderCase{"InfoSMS", true}, SenderCase{"Rogers", true}, SenderCase{"BELL-INFO", true},
    SenderCase{"Vodafone1", true}, SenderCase{"123456", true}, SenderCase{"32665", true},
    SenderCase{"+12345", true}, SenderCase{"100", true}, SenderCase{"", true},
    SenderCase{"+", true}, SenderCase{"61355501ab", true}, SenderCase{"613#555", true}));

TEST(LoopGuardTest, ShortCodeLengthIsConfigurable) {
  LoopGuardConfig config;
  config.max_short_code_digits = 8;
  EXPECT_TRUE(IsShortCodeOrAlphanumeric("12345678", config));
  EXPECT_FALSE(IsShortCodeOrAlphanumeric("123456789", config));
}

TEST(LoopGuardTest, HourlyCap) {
  LoopGuardConfig config;
  config.auto_replies_per_hour = 3;
  EXPECT_TRUE(IsAutoReplyAllowed("+16135550100", 0, config));
  EXPECT_TRUE(IsAutoReplyAllowed("+16135550100", 2, config));
  EXPECT_FALSE(IsAutoReplyAllowed("+16135550100", 3, config));
  EXPECT_FALSE(IsAutoReplyAllowed("+16135550100", 50, config));
  EXPECT_FALSE(IsAutoReplyAllowed("InfoSMS", 0, config));
  config.auto_replies_per_hour = 0;  // automatic replies switched off
  EXPECT_FALSE(IsAutoReplyAllowed("+16135550100", 0, config));
}

TEST(LoopGuardTest, RepeatedText) {
  const sys_seconds t0{std::chrono::seconds(1'741'000'000)};
  EXPECT_TRUE(IsRepeatedText("Where is the food bank?", t0 + 5min, "where is the food bank", t0));
  EXPECT_TRUE(IsRepeatedText("وين   بنك الطعام؟", t0 + 1h, "وين بنك الطعام", t0));
  EXPECT_TRUE(IsRepeatedText("Où est l'école ?", t0, "ou est l ecole", t0));
  EXPECT_TRUE(IsRepeatedText("👍👍", t0 + 1min, "👍👍", t0));
  EXPECT_FALSE(IsRepeatedText("👍", t0 + 1min, "👍👍", t0));
  EXPECT_FALSE(IsRepeatedText("Where is the food bank?", t0, "Where is the bus?", t0));
  EXPECT_FALSE(IsRepeatedText("   ", t0, "  ", t0));
  // Outside the window (24 h by default), or earlier than the previous one.
  EXPECT_FALSE(IsRepeatedText("hello", t0 + 25h, "hello", t0));
  EXPECT_FALSE(IsRepeatedText("hello", t0 - 1min, "hello", t0));
  LoopGuardConfig config;
  config.repeat_window = 10min;
  EXPECT_FALSE(IsRepeatedText("hello", t0 + 11min, "hello", t0, config));
  EXPECT_TRUE(IsRepeatedText("hello", t0 + 9min, "hello", t0, config));
}

}  // namespace
}  // namespace smsdesk::desk
