// CreditCheck with a real ModemDriver against the virtual modem in process:
// the balance read from plain text, packed GSM-7 hex (huawei profile) and
// UCS-2 hex (DCS 72, Cyrillic and Arabic), a multi-step menu, a session the
// network ends early or that stays open, an unknown code, a timeout, the port
// lost mid-dialogue, and a check cancelled or destroyed before its answer.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>

#include "firmware-host/credit/credit_check.h"
#include "modem/io/modem_driver.h"
#include "modem/sim/virtual_modem.h"
#include "tests/firmware-host/modem_link.h"

namespace smsdesk::credit {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test_util::FastDriver;
using test_util::FastModem;
using test_util::LinkOpener;
using test_util::VirtualModemLink;

class CreditCheckTest : public ::testing::Test {
 protected:
  void Make(const char* profile, sim::ModemTiming timing = FastModem(), modem::ModemDriverOptions options = FastDriver()) {
    link = std::make_unique<VirtualModemLink>(io, profile, timing);
    opener = std::make_unique<LinkOpener>(*link);
    driver = std::make_unique<modem::ModemDriver>(
        io, *opener, std::move(options), [](const modem::InboundPdu&) { return true; }, nullptr);
    driver->Start();
    ASSERT_TRUE(RunUntil([&] { return driver->idle(); })) << link->written;
  }
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    const auto end = Clock::now() + limit;
    while (!done() && Clock::now() < end) {
      io.restart();
      io.run_for(2ms);
    }
    return done();
  }
  std::unique_ptr<CreditCheck> Check(CreditRule rule) {
    auto compiled = CompiledRule::Compile(std::move(rule));
    EXPECT_TRUE(compiled.ok()) << compiled.error().message;
    return std::make_unique<CreditCheck>(*driver, std::move(compiled).value());
  }
  // Runs one check to its end.
  modem::Result<CreditReading> Read(CreditRule rule) {
    auto check = Check(std::move(rule));
    std::optional<modem::Result<CreditReading>> result;
    int calls = 0;
    check->Start([&](modem::Result<CreditReading> r) {
      ++calls;
      result = std::move(r);
    });
    EXPECT_TRUE(RunUntil([&] { return result.has_value(); }));
    RunUntil([&] { return driver->idle(); });
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(check->running());
    return result ? std::move(*result) : modem::Result<CreditReading>(modem::MakeError("no answer"));
  }
  static CreditRule Code(std::string code, std::vector<std::string> steps = {}) {
    CreditRule rule;
    rule.code = std::move(code);
    rule.steps = std::move(steps);
    return rule;
  }
  void SetBalance(const char* amount, const char* text = "", const char* encoding = nullptr) {
    sim::UssdBalanceUpdate update;
    update.amount = amount;
    update.text = text;
    if (encoding) update.encoding = sim::ParseUssdEncoding(encoding);
    ASSERT_FALSE(link->modem.UpdateUssd(update).has_value());
  }

  boost::asio::io_context io;
  std::unique_ptr<VirtualModemLink> link;  // outlives the driver that reads it
  std::unique_ptr<LinkOpener> opener;
  std::unique_ptr<modem::ModemDriver> driver;
};

std::chrono::year_month_day Ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

TEST_F(CreditCheckTest, PlainTextOnGenericModem) {
  Make("generic");
  SetBalance("7.25 EUR");
  auto reading = Read(Code("*100#"));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_DOUBLE_EQ(*reading->amount, 7.25);
  EXPECT_EQ(reading->currency, "EUR");
  EXPECT_EQ(reading->expiry, Ymd(2030, 12, 31));
  EXPECT_EQ(reading->text, "Your balance is 7.25 EUR. Valid until 31.12.2030.");
  EXPECT_NE(link->answered.find("+CUSD: 0,\"Your balance is 7.25 EUR."), std::string::npos) << link->answered;
}

TEST_F(CreditCheckTest, PackedGsm7HexOnHuawei) {
  Make("huawei");
  SetBalance("5.78 Euro", "Ihr Guthaben für die Nr.4915783647410 beträgt {balance}");
  auto reading = Read(Code("*100#"));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_DOUBLE_EQ(*reading->amount, 5.78);
  EXPECT_EQ(reading->currency, "Euro");
  EXPECT_EQ(link->Count("AT+CUSD=1,\"AA180C3602\",15"), 1);  // the code went packed too
  EXPECT_EQ(link->answered.find("Guthaben"), std::string::npos) << "not packed: " << link->answered;
}

TEST_F(CreditCheckTest, Ucs2HexCyrillic) {
  Make("generic");
  SetBalance("123.45 руб", "Ваш баланс {balance}. Для пополнения наберите *100#", "ucs2");
  auto reading = Read(Code("*100#"));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_DOUBLE_EQ(*reading->amount, 123.45);
  EXPECT_EQ(reading->currency, "руб");
  EXPECT_NE(link->answered.find("\",72\r\n"), std::string::npos) << link->answered;
}

TEST_F(CreditCheckTest, ArabicGoesUcs2UnderAutoAndParses) {
  Make("generic");
  SetBalance("5.78 دينار", "رصيدك الحالي {balance} صالح حتى ٣١/١٢/٢٠٣٠");  // encoding stays auto
  auto reading = Read(Code("*100#"));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_DOUBLE_EQ(*reading->amount, 5.78);
  EXPECT_EQ(reading->currency, "دينار");
  EXPECT_EQ(reading->expiry, Ymd(2030, 12, 31));
  EXPECT_NE(link->answered.find("\",72\r\n"), std::string::npos) << link->answered;
}

TEST_F(CreditCheckTest, MultiStepMenu) {
  Make("generic");
  SetBalance("3.00 USD");
  auto reading = Read(Code("*123#", {"1"}));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_DOUBLE_EQ(*reading->amount, 3.0);
  EXPECT_EQ(reading->currency, "USD");
  EXPECT_EQ(link->Count("AT+CUSD=1,\"*123#\",15"), 1);
  EXPECT_EQ(link->Count("AT+CUSD=1,\"1\",15"), 1);
  EXPECT_EQ(link->Count("AT+CUSD=2"), 0);  // the network closed it with the balance
}

TEST_F(CreditCheckTest, NetworkEndsTheSessionBeforeTheLastStep) {
  Make("generic");
  // The balance comes after "1" with status 0: "2" is never sent.
  auto reading = Read(Code("*123#", {"1", "2"}));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_DOUBLE_EQ(*reading->amount, 12.50);
  EXPECT_EQ(link->Count("AT+CUSD=1,\"2\",15"), 0);
  // "0" ends the menu with status 2 and "Goodbye": nothing to read.
  auto goodbye = Read(Code("*123#", {"0", "1"}));
  ASSERT_FALSE(goodbye.ok());
  EXPECT_EQ(goodbye.error().message, "no amount found in \"Goodbye\"");
}

TEST_F(CreditCheckTest, SessionStillOpenAfterTheLastStepIsCancelled) {
  Make("generic");
  CreditRule rule = Code("*123#", {"2"});  // the bundle menu waits for a choice
  rule.balance_pattern = "balance is ([0-9.]+)";
  auto reading = Read(rule);
  ASSERT_FALSE(reading.ok());
  EXPECT_NE(reading.error().message.find("balance_pattern found no amount"), std::string::npos)
      << reading.error().message;
  EXPECT_EQ(link->Count("AT+CUSD=2"), 1);
  EXPECT_EQ(link->modem.ussd().in_session(), false);
}

TEST_F(CreditCheckTest, UnknownCode) {
  Make("generic");
  auto reading = Read(Code("*999#"));
  ASSERT_FALSE(reading.ok());
  EXPECT_EQ(reading.error().message, "no amount found in \"Unknown service code *999#\"");
}

TEST_F(CreditCheckTest, TimeoutCarriesTheDriverError) {
  sim::ModemTiming slow = FastModem();
  slow.ussd_latency = 30s;  // the network never answers in time
  auto options = FastDriver();
  options.ussd_timeout = 200ms;
  Make("generic", slow, options);
  auto reading = Read(Code("*100#"));
  ASSERT_FALSE(reading.ok());
  EXPECT_EQ(reading.error().message, "USSD *100#: timed out");
  EXPECT_TRUE(RunUntil([&] { return link->Count("AT+CUSD=2") == 1; }));
}

TEST_F(CreditCheckTest, PortLostMidDialogue) {
  Make("generic");
  auto check = Check(Code("*123#", {"1"}));
  std::optional<modem::Result<CreditReading>> result;
  check->Start([&](modem::Result<CreditReading> r) { result = std::move(r); });
  link->hang_on = "AT+CUSD=1,\"1\"";
  ASSERT_TRUE(RunUntil([&] { return link->Count("AT+CUSD=1,\"1\",15") == 1; }));
  link->away = true;
  link->Vanish();
  ASSERT_TRUE(RunUntil([&] { return result.has_value(); }));
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error().message, "USSD *123#, reply 1: port closed");
}

TEST_F(CreditCheckTest, ModemNotReady) {
  Make("generic");
  driver->Stop();
  auto check = Check(Code("*100#"));
  std::optional<modem::Result<CreditReading>> result;
  check->Start([&](modem::Result<CreditReading> r) { result = std::move(r); });
  ASSERT_TRUE(result.has_value());  // refused at once
  EXPECT_EQ(result->error().message, "USSD *100#: modem not ready");
}

TEST_F(CreditCheckTest, SecondStartWhileRunningIsRefused) {
  Make("generic");
  auto check = Check(Code("*100#"));
  int first = 0;
  std::optional<modem::Result<CreditReading>> second;
  check->Start([&](modem::Result<CreditReading> r) { first += r.ok(); });
  check->Start([&](modem::Result<CreditReading> r) { second = std::move(r); });
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->error().message, "a credit check is already running");
  ASSERT_TRUE(RunUntil([&] { return first == 1; }));
}

TEST_F(CreditCheckTest, CancelledOrDestroyedChecksNeverCallBack) {
  Make("generic");
  int calls = 0;
  auto check = Check(Code("*100#"));
  check->Start([&](modem::Result<CreditReading>) { ++calls; });
  check->Cancel();
  EXPECT_FALSE(check->running());
  EXPECT_TRUE(RunUntil([&] { return link->Count("AT+CUSD=2") == 1; }));
  // The network's answer to the cancelled request still comes (as a notification).
  RunUntil([&] { return driver->idle() && link->modem.NextDeadline() == std::nullopt; }, 1s);

  const std::size_t before = link->answered.size();
  check->Start([&](modem::Result<CreditReading>) { ++calls; });
  check.reset();  // the driver still holds the callback
  EXPECT_TRUE(RunUntil([&] { return link->answered.find("+CUSD: 0", before) != std::string::npos && driver->idle(); }));
  RunUntil([] { return false; }, 50ms);
  EXPECT_EQ(calls, 0);

  // The driver is free again for the next check.
  auto reading = Read(Code("*100#"));
  EXPECT_TRUE(reading.ok()) << reading.error().message;
}

TEST_F(CreditCheckTest, DestroyedFromItsOwnCallback) {
  Make("generic");
  auto check = Check(Code("*123#", {"1"}));
  bool done = false;
  check->Start([&](modem::Result<CreditReading> r) {
    EXPECT_TRUE(r.ok());
    check.reset();
    done = true;
  });
  ASSERT_TRUE(RunUntil([&] { return done; }));
  EXPECT_EQ(check, nullptr);
}

TEST(ParseScreens, LastScreenFirstThenAllJoined) {
  auto rule = CompiledRule::Compile({}).value();
  auto last = ParseScreens({"Bal:$1.00", "Your balance is 12.50 EUR"}, rule);
  ASSERT_TRUE(last.ok());
  EXPECT_DOUBLE_EQ(*last->amount, 12.50);
  EXPECT_EQ(last->text, "Your balance is 12.50 EUR");
  auto joined = ParseScreens({"Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge", "1. Top up\n2. Back"}, rule);
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_DOUBLE_EQ(*joined->amount, 100.0);
  auto none = ParseScreens({"1. Balance", "Goodbye"}, rule);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "no amount found in \"Goodbye\"");
  EXPECT_FALSE(ParseScreens({}, rule).ok());
}

}  // namespace
}  // namespace smsdesk::credit
