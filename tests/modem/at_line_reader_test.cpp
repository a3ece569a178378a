// AtLineReader: tables of raw modem bytes -> lines (docs/modem.md §2, §4). Every
// row is fed in one read, byte by byte, and in two halves, and must give the
// same lines each way.
#include "modem/at_line_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smsdesk::modem {
namespace {

using Kind = AtLine::Kind;

AtLine L(std::string text) { return AtLine{Kind::kLine, std::move(text)}; }
AtLine P() { return AtLine{Kind::kPrompt, "> "}; }

struct ReaderCase {
  const char* name;
  std::string bytes;
  std::vector<AtLine> lines;
};

const std::vector<ReaderCase>& Cases() {
  static const std::vector<ReaderCase> cases = {
      {"echo off, CRLF framing", "\r\n+CSQ: 17,99\r\n\r\nOK\r\n", {L("+CSQ: 17,99"), L("OK")}},
      {"echo on with \\r\\r\\n (docs/modem.md §4)", "AT+CSQ\r\r\n+CSQ: 9,0\r\n\r\nOK\r\n",
       {L("AT+CSQ"), L("+CSQ: 9,0"), L("OK")}},
      {"duplicated echo (gammu #1069)", "AT+CPIN?\r\rAT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n",
       {L("AT+CPIN?"), L("AT+CPIN?"), L("+CPIN: READY"), L("OK")}},
      {"missing leading CR", "\n+CREG: 1\n", {L("+CREG: 1")}},
      {"bare CR line ends (gammu +CMT)", "+CMT: ,23\r07918497\r", {L("+CMT: ,23"), L("07918497")}},
      {"leading NUL bytes (ModemManager)", std::string("\0\0\r\nOK\r\n", 8), {L("OK")}},
      {"blank lines (Huawei E1752)", "\r\n\r\n\r\n^RSSI:14\r\n\r\n\r\nOK\r\n", {L("^RSSI:14"), L("OK")}},
      {"whitespace-only line is blank", "  \r\nOK\r\n", {L("OK")}},
      {"prompt without EOL (27.005 §3.5.1)", "\r\n> ", {P()}},
      {"prompt right after the echo, PDU echoed then Ctrl-Z (gammu #355)",
       "AT+CMGS=154\r\r\n> 07911614786007F0\x1a\r\n+CMGS: 124\r\n\r\nOK\r\n",
       {L("AT+CMGS=154"), P(), L("07911614786007F0"), L("+CMGS: 124"), L("OK")}},
      {"URC before the prompt (ZTE)", "\r\n+ZDONR: \"01\"\r\n\r\n> ", {L("+ZDONR: \"01\""), P()}},
      {"'>' inside a line is no prompt", "a > b\r\n", {L("a > b")}},
      {"'>' not followed by space waits", "\r\n>", {}},
      {"unterminated line stays partial", "+CSQ: 1", {}},
      {"multi-line +CUSD keeps its lines", "+CUSD: 1,\"Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge\",15\r\n",
       {L("+CUSD: 1,\"Bal:$100.00 *"), L("Exp 01 Jan 2013"), L("1. Recharge\",15")}},
  };
  return cases;
}

std::vector<AtLine> FeedInChunks(std::string_view bytes, std::size_t chunk) {
  AtLineReader reader;
  std::vector<AtLine> out;
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    const auto part = bytes.substr(i, chunk);
    reader.Feed(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(part.data()), part.size()),
                out);
  }
  return out;
}

TEST(AtLineReader, SplitsRawModemBytesIntoLines) {
  for (const ReaderCase& c : Cases()) {
    EXPECT_EQ(FeedInChunks(c.bytes, c.bytes.size() + 1), c.lines) << c.name << " (one read)";
    EXPECT_EQ(FeedInChunks(c.bytes, 1), c.lines) << c.name << " (byte by byte)";
    EXPECT_EQ(FeedInChunks(c.bytes, c.bytes.size() / 2 + 1), c.lines) << c.name << " (two reads)";
  }
}

TEST(AtLineReader, PromptSplitAcrossReadsIsReportedWhenTheSpaceArrives) {
  AtLineReader reader;
  EXPECT_TRUE(reader.Feed("\r\n>").empty());
  EXPECT_EQ(reader.partial(), ">");
  EXPECT_EQ(reader.Feed(" "), std::vector<AtLine>{P()});
  EXPECT_EQ(reader.partial(), "");
}

TEST(AtLineReader, OverlongLineIsCutOnceAndMemoryStaysBounded) {
  AtLineReader reader(16);
  const std::string noise(100, 'x');
  const auto lines = reader.Feed(noise + "\r\nOK\r\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], (AtLine{Kind::kGarbage, std::string(16, 'x')}));
  EXPECT_EQ(lines[1], L("OK"));
  EXPECT_TRUE(reader.partial().empty());
}

TEST(AtLineReader, EndlessGarbageWithoutLineEndNeverGrowsTheBuffer) {
  AtLineReader reader(64);
  std::size_t garbage = 0;
  for (int i = 0; i < 1000; ++i) {
    for (const AtLine& line : reader.Feed(std::string(100, '\xff'))) garbage += line.kind == Kind::kGarbage;
    EXPECT_LE(reader.partial().size(), 64u);
  }
  EXPECT_EQ(garbage, 1u);  // one report per overlong line, not per byte
  EXPECT_EQ(reader.Feed("\r\nRING\r\n"), std::vector<AtLine>{L("RING")});
}

TEST(AtLineReader, ClearPartialForgetsHalfALine) {
  AtLineReader reader;
  reader.Feed("+CMGL: 1,0,,2");
  reader.ClearPartial();
  EXPECT_EQ(reader.Feed("OK\r\n"), std::vector<AtLine>{L("OK")});
}

}  // namespace
}  // namespace smsdesk::modem
