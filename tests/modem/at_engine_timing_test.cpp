// AtEngine deadlines, queueing and cancellation, driven by a fake time the
// test advances by hand (docs/modem.md §5 timings).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modem/at_engine.h"
#include "tests/modem/at_engine_harness.h"

namespace smsdesk::modem {
namespace {

using namespace std::chrono_literals;

const std::string kPdu = "0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010";

TEST(AtEngineTiming, SubmitOnlyQueuesAndNextDeadlineSaysTickNow) {
  Harness h;
  EXPECT_EQ(h.engine.NextDeadline(), std::nullopt);
  const CommandId id = h.engine.Submit(AtCommand{"AT+CSQ", {.timeout = 10s, .response_prefix = "+CSQ:"}});
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(h.engine.TakeOutput(), "");
  EXPECT_EQ(h.engine.NextDeadline(), AtEngine::TimePoint::min());
  h.Advance(0ms);
  EXPECT_EQ(h.written, "AT+CSQ\r");
  EXPECT_EQ(h.engine.NextDeadline(), h.now + 10s);
  EXPECT_TRUE(h.engine.busy());
}

TEST(AtEngineTiming, CommandTimesOutAtItsDeadlineAndKeepsItsLines) {
  Harness h;
  h.engine.Submit(AtCommand{"AT+CPIN?", {.timeout = 5s, .response_prefix = "+CPIN:"}});
  h.Advance(0ms);
  // Wavecom answers AT+CPIN? without OK (docs/modem.md §1).
  h.Read("\r\n+CPIN: READY\r\n");
  h.Advance(4999ms);
  EXPECT_TRUE(h.events.empty());
  h.Advance(1ms);
  ASSERT_EQ(h.events, std::vector<std::string>{"done AT+CPIN? timed out | +CPIN: READY"});
  const auto& done = std::get<CommandDone>(h.raw_events[0]);
  EXPECT_EQ(done.status, CommandStatus::kTimedOut);
  EXPECT_FALSE(done.ok());
  EXPECT_EQ(h.engine.NextDeadline(), std::nullopt);
}

TEST(AtEngineTiming, PromptTimeoutWritesEscAndFailsTheSend) {
  Harness h;
  h.engine.Submit(AtCommand{"AT+CMGS=36", {.timeout = kSendPduTimeout, .response_prefix = "+CMGS:", .pdu = kPdu}});
  h.engine.Submit(AtCommand{"AT", {}});
  h.Advance(0ms);
  EXPECT_EQ(h.written, "AT+CMGS=36\r");
  EXPECT_EQ(h.engine.NextDeadline(), h.now + kPromptTimeout);
  h.Advance(kPromptTimeout);
  // ESC leaves text-entry mode (27.005 §3.5.1), then the queue moves on.
  EXPECT_EQ(h.written, "AT+CMGS=36\r\x1b" "AT\r");
  EXPECT_EQ(h.events, std::vector<std::string>{"done AT+CMGS=36 prompt timed out"});
}

TEST(AtEngineTiming, PduTimeoutCountsFromThePrompt) {
  Harness h;
  h.engine.Submit(AtCommand{"AT+CMGS=36", {.timeout = kSendPduTimeout, .response_prefix = "+CMGS:", .pdu = kPdu}});
  h.Advance(0ms);
  h.Advance(9s);
  h.Read("\r\n> ");
  EXPECT_EQ(h.written, "AT+CMGS=36\r" + kPdu + "\x1a");
  EXPECT_EQ(h.engine.NextDeadline(), h.now + 300s);
  h.Advance(299s);
  EXPECT_TRUE(h.events.empty());
  h.Read("\r\n+CMGS: 124\r\n\r\nOK\r\n");  // gammu #355: 2 s; RF attenuated: minutes
  EXPECT_EQ(h.events, std::vector<std::string>{"done AT+CMGS=36 OK | +CMGS: 124"});
  EXPECT_EQ(h.written, "AT+CMGS=36\r" + kPdu + "\x1a");  // no ESC
}

TEST(AtEngineTiming, OneCommandInFlightAndALateDoubleOkCannotCompleteTheNext) {
  Harness h;
  h.engine.Submit(AtCommand{"ATE0", {}});
  const CommandId second = h.engine.Submit(AtCommand{"AT+CSQ", {.response_prefix = "+CSQ:"}});
  h.Advance(0ms);
  EXPECT_EQ(h.written, "ATE0\r");
  EXPECT_EQ(h.engine.queued(), 1u);
  // The modem still echoes ATE0 itself, and this one answers OK twice.
  h.Read("ATE0\r\r\nOK\r\n\r\nOK\r\n");
  EXPECT_EQ(h.written, "ATE0\rAT+CSQ\r");
  EXPECT_EQ(h.events, (std::vector<std::string>{"done ATE0 OK", "garbage stray final result: OK"}));
  h.Read("\r\n+CSQ: 31,99\r\n\r\nOK\r\n");
  ASSERT_EQ(h.raw_events.size(), 3u);
  EXPECT_EQ(std::get<CommandDone>(h.raw_events[2]).id, second);
  EXPECT_EQ(h.engine.garbage_count(), 1u);
}

TEST(AtEngineTiming, UrcWithoutItsPduIsReportedIncompleteAfterTheContinuationTimeout) {
  Harness h;
  h.Read("\r\n+CMT: ,23\r\n");
  EXPECT_TRUE(h.events.empty());
  EXPECT_EQ(h.engine.NextDeadline(), h.now + 2s);
  h.Advance(2s);
  EXPECT_EQ(h.events, std::vector<std::string>{"urc +CMT +CMT: ,23 (incomplete)"});
}

TEST(AtEngineTiming, UnterminatedCusdStringDoesNotSwallowTheFinalResult) {
  Harness h;
  h.engine.Submit(AtCommand{"AT+CUSD=1,\"*100#\",15", {.timeout = kUssdTimeout}});
  h.Advance(0ms);
  h.Read("\r\n+CUSD: 1,\"broken\r\nOK\r\n");
  EXPECT_EQ(h.events, (std::vector<std::string>{"urc +CUSD +CUSD: 1,\"broken (incomplete)",
                                                "done AT+CUSD=1,\"*100#\",15 OK"}));
}

TEST(AtEngineTiming, CancelAllFailsInFlightAndQueuedCommands) {
  Harness h;
  h.engine.Submit(AtCommand{"AT+CMGL=4", {.timeout = kListMessagesTimeout, .response_prefix = "+CMGL:", .pdu_lines = true}});
  h.engine.Submit(AtCommand{"AT+CSQ", {.response_prefix = "+CSQ:"}});
  h.Advance(0ms);
  h.Read("\r\n+CMGL: 0,0,,35\r\n0791");
  h.engine.CancelAll();
  h.Drain();
  EXPECT_EQ(h.events, (std::vector<std::string>{"done AT+CMGL=4 cancelled | +CMGL: 0,0,,35",
                                                "done AT+CSQ cancelled"}));
  EXPECT_FALSE(h.engine.busy());
  EXPECT_EQ(h.engine.NextDeadline(), std::nullopt);
  // The half line is gone: the reopened port starts clean.
  h.Read("RING\r\n");
  EXPECT_EQ(h.events.back(), "urc RING RING");
}

TEST(AtEngineTiming, ResponseLinesAreBounded) {
  AtEngineOptions options;
  options.max_response_lines = 4;
  Harness h{AtEngine(options)};
  h.engine.Submit(AtCommand{"ATI", {.free_form = true}});
  h.Advance(0ms);
  h.Read("a\r\nb\r\nc\r\nd\r\ne\r\nOK\r\n");
  EXPECT_EQ(h.events, (std::vector<std::string>{"garbage too many response lines: e", "done ATI OK | a | b | c | d"}));
}

TEST(AtEngineTiming, OverlongLineIsGarbageAndTheCommandStillCompletes) {
  AtEngineOptions options;
  options.max_line_length = 32;
  Harness h{AtEngine(options)};
  h.engine.Submit(AtCommand{"AT+CSQ", {.response_prefix = "+CSQ:"}});
  h.Advance(0ms);
  h.Read(std::string(100, 'Z') + "\r\n+CSQ: 3,0\r\nOK\r\n");
  EXPECT_EQ(h.events, (std::vector<std::string>{"garbage overlong line: " + std::string(32, 'Z'),
                                                "done AT+CSQ OK | +CSQ: 3,0"}));
}

TEST(AtEngineTiming, WriteRawPassesBytesThrough) {
  Harness h;
  h.engine.WriteRaw("\x1b\r");  // docs/modem.md §1 step 0
  h.Drain();
  EXPECT_EQ(h.written, "\x1b\r");
}

TEST(AtEngineTiming, ResponseJoinsLinesForTheParsers) {
  CommandDone done;
  done.lines = {"+CMGL: 0,0,,35", "0791"};
  EXPECT_EQ(done.Response(), "+CMGL: 0,0,,35\r\n0791");
}

}  // namespace
}  // namespace smsdesk::modem

namespace smsdesk::modem {
namespace {

// Fuzz-style: arbitrary bytes and time never crash the engine, memory stays
// bounded, and every submitted command is eventually reported exactly once.
TEST(AtEngineTiming, RandomBytesNeverCrashAndEveryCommandCompletesOnce) {
  Harness h;
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  const char alphabet[] = {'\r', '\n', '>', ' ', '"', ',', '+', 'O', 'K', 'E', 'R', '\x1a', '\0', 'A', '0'};
  std::size_t submitted = 0;
  for (int round = 0; round < 2000; ++round) {
    if (next() % 7 == 0) {
      h.engine.Submit(AtCommand{"AT+CMGS=36", {.response_prefix = "+CMGS:", .pdu = "00"}});
      ++submitted;
    }
    std::string bytes;
    for (std::uint32_t n = next() % 40; n > 0; --n) bytes += alphabet[(next() >> 8) % sizeof(alphabet)];
    h.Read(bytes);
    h.Advance(std::chrono::milliseconds{next() % 3000});
  }
  for (int i = 0; i < 1000 && (h.engine.busy() || h.engine.queued() > 0); ++i) {
    h.Advance(std::chrono::hours{1});
  }
  std::size_t done = 0;
  for (const AtEvent& event : h.raw_events) done += std::holds_alternative<CommandDone>(event);
  EXPECT_EQ(done, submitted);
  EXPECT_FALSE(h.engine.busy());
}

}  // namespace
}  // namespace smsdesk::modem
