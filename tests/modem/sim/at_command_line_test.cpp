#include "modem/sim/at_command_line.h"

#include <gtest/gtest.h>

namespace smsdesk::sim {
namespace {

TEST(AtCommandLine, BareAtIsEmpty) {
  auto r = ParseCommandLine("AT");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(AtCommandLine, BasicCommandsRunTogether) {
  auto r = ParseCommandLine("ATE0V1X4&C1");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].name, "E");
  EXPECT_EQ((*r)[0].args, "0");
  EXPECT_EQ((*r)[2].name, "X");
  EXPECT_EQ((*r)[3].name, "&C");
  EXPECT_EQ((*r)[3].args, "1");
}

TEST(AtCommandLine, ExtendedCommandsSeparatedBySemicolon) {
  auto r = ParseCommandLine("at+cmgf=0;+CSCS=\"GSM\";+CMGF?;+CPMS=?");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].name, "+CMGF");
  EXPECT_EQ((*r)[0].kind, AtCommand::Kind::kSet);
  EXPECT_EQ((*r)[1].args, "\"GSM\"");
  EXPECT_EQ((*r)[2].kind, AtCommand::Kind::kRead);
  EXPECT_EQ((*r)[3].kind, AtCommand::Kind::kTest);
}

TEST(AtCommandLine, SemicolonInsideQuotesIsText) {
  auto r = ParseCommandLine("AT+CUSD=1,\"*1;2#\",15");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].args, "1,\"*1;2#\",15");
}

TEST(AtCommandLine, VendorPrefixesAndSRegisters) {
  auto r = ParseCommandLine("AT^CURC=0;S0=0E1");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].name, "^CURC");
  EXPECT_EQ((*r)[1].name, "S0");
  EXPECT_EQ((*r)[1].args, "0");
  EXPECT_EQ((*r)[2].name, "E");
}

TEST(AtCommandLine, RejectsJunk) {
  EXPECT_FALSE(ParseCommandLine("XYZ").ok());
  EXPECT_FALSE(ParseCommandLine("AT+").ok());
  EXPECT_FALSE(ParseCommandLine("AT+CSQ?x").ok());
  EXPECT_FALSE(ParseCommandLine("AT*").ok());
}

TEST(SplitArguments, QuotesAndSpaces) {
  std::vector<bool> quoted;
  auto a = SplitArguments(" 1, \"*100#\" ,15", &quoted);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0], "1");
  EXPECT_EQ(a[1], "*100#");
  EXPECT_EQ(a[2], "15");
  EXPECT_EQ(quoted, (std::vector<bool>{false, true, false}));
  EXPECT_EQ(SplitArguments("\"ME\",\"ME\",\"ME\"").size(), 3u);
  EXPECT_EQ(SplitArguments(",,2").size(), 3u);
  EXPECT_TRUE(SplitArguments("").empty());
}

}  // namespace
}  // namespace smsdesk::sim
