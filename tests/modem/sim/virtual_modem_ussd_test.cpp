// The balance service of the virtual network and the +CUSD shapes of
// docs/modem.md §2 the modem answers in (plain, packed GSM-7 hex, UCS-2 hex), set
// through the control protocol's "ussd-balance".
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "modem/sim/control_commands.h"
#include "modem/sim/simulator.h"
#include "modem/sim/te_charset.h"
#include "modem/ussd_codec.h"
#include "modem_test_util.h"

namespace smsdesk::sim::testing {
namespace {

// The <str> and <dcs> of the one +CUSD line in `out`.
std::pair<std::string, std::string> CusdFields(const std::string& out) {
  const auto q1 = out.find('"'), q2 = out.find('"', q1 + 1);
  const auto end = out.find("\r\n", q2);
  return {out.substr(q1 + 1, q2 - q1 - 1), out.substr(q2 + 2, end - q2 - 2)};
}

std::string Balance(ModemHarness& h) {
  h.Send("AT+CUSD=1,\"*100#\",15\r");
  return h.Wait(300ms);
}

TEST(UssdMenu, AmountCurrencyTemplateAndCost) {
  UssdMenu menu;
  EXPECT_EQ(menu.balance(), "12.50 EUR");
  EXPECT_FALSE(menu.SetBalance("1 234,5 FCFA").has_value());
  EXPECT_EQ(menu.balance(), "1234.50 FCFA");
  EXPECT_FALSE(menu.SetBalance("EUR 3").has_value());
  EXPECT_EQ(menu.balance(), "3.00 EUR");
  EXPECT_FALSE(menu.SetBalance("7.25").has_value());  // a bare number keeps the currency
  EXPECT_EQ(menu.balance(), "7.25 EUR");
  EXPECT_FALSE(menu.SetBalance("-1,5 USD").has_value());
  EXPECT_EQ(menu.balance(), "-1.50 USD");
  auto error = menu.SetBalance("lots");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("no number"), std::string::npos);
  EXPECT_EQ(menu.balance(), "-1.50 USD");  // unchanged

  menu.SetBalance("1.00 EUR");
  menu.set_balance_text("Votre solde est de {balance}, valable jusqu'au 31/12/2030.");
  EXPECT_EQ(menu.Start("*100#").text, "Votre solde est de 1.00 EUR, valable jusqu'au 31/12/2030.");
  menu.set_sms_cost(0.1);
  for (int i = 0; i < 10; ++i) menu.ChargeSms();
  EXPECT_EQ(menu.balance(), "0.00 EUR");
  menu.ChargeSms();
  EXPECT_EQ(menu.balance(), "-0.10 EUR");
  menu.set_balance_text("");
  EXPECT_EQ(menu.Start("*100#").text, "Your balance is -0.10 EUR. Valid until 31.12.2030.");
}

TEST(VirtualModemUssd, EncodingsPerModem) {
  ModemHarness h;
  h.Send("ATE0\r");
  auto [plain, plain_dcs] = CusdFields(Balance(h));
  EXPECT_EQ(plain, "Your balance is 12.50 EUR. Valid until 31.12.2030.");
  EXPECT_EQ(plain_dcs, "15");

  UssdBalanceUpdate packed;
  packed.encoding = UssdEncoding::kPacked;
  ASSERT_FALSE(h.modem_.UpdateUssd(packed).has_value());
  auto [hex, packed_dcs] = CusdFields(Balance(h));
  EXPECT_EQ(packed_dcs, "15");
  EXPECT_EQ(DecodeUssdPackedHex(hex).value_or(""), plain);

  UssdBalanceUpdate ucs2;
  ucs2.encoding = UssdEncoding::kUcs2;
  ucs2.text = "Ваш баланс {balance}";
  ucs2.amount = "123.45 руб";
  ASSERT_FALSE(h.modem_.UpdateUssd(ucs2).has_value());
  auto [utf16, ucs2_dcs] = CusdFields(Balance(h));
  EXPECT_EQ(ucs2_dcs, "72");
  EXPECT_EQ(utf16.rfind("0412043004480020", 0), 0u) << utf16;  // "Ваш "
  auto decoded = modem::DecodeUssdString(utf16, 72, modem::TeCharset::kGsm);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, "Ваш баланс 123.45 руб");
}

TEST(VirtualModemUssd, AutoSendsWhatGsm7CannotCarryAsUcs2) {
  for (const char* profile : {"generic", "huawei"}) {
    ModemHarness h(profile);
    h.Send("ATE0\r");
    h.Send("AT^CURC=0\r");
    UssdBalanceUpdate arabic;
    arabic.amount = "5.78 دينار";
    arabic.text = "رصيدك {balance} صالح حتى ٣١/١٢/٢٠٣٠";
    ASSERT_FALSE(h.modem_.UpdateUssd(arabic).has_value());
    h.Send(std::string(profile) == "huawei" ? "AT+CUSD=1,\"AA180C3602\",15\r" : "AT+CUSD=1,\"*100#\",15\r");
    auto [utf16, dcs] = CusdFields(h.Wait(300ms));
    EXPECT_EQ(dcs, "72") << profile;
    EXPECT_EQ(modem::DecodeUssdString(utf16, 72, modem::TeCharset::kGsm)->text,
              "رصيدك 5.78 دينار صالح حتى ٣١/١٢/٢٠٣٠");
  }
}

TEST(VirtualModemUssd, PlainUnderUcs2CharsetIsQuectelShape) {
  ModemHarness h;
  h.Send("ATE0\r");
  UssdBalanceUpdate plain;
  plain.encoding = UssdEncoding::kPlain;
  ASSERT_FALSE(h.modem_.UpdateUssd(plain).has_value());
  h.Send("AT+CSCS=\"UCS2\"\r");
  h.Send("AT+CUSD=1,\"002A0031003000300023\",15\r");
  auto [hex, dcs] = CusdFields(h.Wait(300ms));
  EXPECT_EQ(dcs, "15");  // docs/modem.md §2, Quectel M35: DCS says GSM-7, the string is UCS-2 hex
  EXPECT_EQ(modem::DecodeUssdString(hex, 15, modem::TeCharset::kUcs2)->text,
            "Your balance is 12.50 EUR. Valid until 31.12.2030.");
}

TEST(ControlCommands, UssdBalance) {
  boost::asio::io_context io;
  SimulatorConfig config;
  ModemConfig mc;
  mc.identity = DefaultIdentity(0);
  mc.identity.profile = FindProfile("generic");
  config.modems.push_back(mc);
  Simulator sim(io, std::move(config));  // not started: no ports needed to handle requests

  auto legacy = HandleControlRequest(sim, {{"cmd", "ussd-balance"}, {"modem", "0"}, {"amount", "7.25 EUR"}});
  EXPECT_TRUE(legacy.value("ok", false)) << legacy.dump();
  EXPECT_EQ(legacy["balance"], "7.25 EUR");
  auto number = HandleControlRequest(sim, {{"cmd", "ussd-balance"}, {"modem", "0"}, {"amount", 3}});
  EXPECT_EQ(number["balance"], "3.00 EUR");

  auto all = HandleControlRequest(sim, {{"cmd", "ussd-balance"},
                                        {"modem", "modem0"},
                                        {"amount", "3.00 EUR"},
                                        {"text", "Solde {balance}"},
                                        {"encoding", "ucs2"},
                                        {"sms_cost", 0.1}});
  ASSERT_TRUE(all.value("ok", false)) << all.dump();
  EXPECT_EQ(all["text"], "Solde 3.00 EUR");
  EXPECT_EQ(all["encoding"], "ucs2");
  EXPECT_DOUBLE_EQ(all["sms_cost"].get<double>(), 0.1);
  const VirtualModem& m = sim.modems()[0]->modem();
  EXPECT_EQ(m.ussd_encoding(), UssdEncoding::kUcs2);
  EXPECT_EQ(m.ussd().BalanceText(), "Solde 3.00 EUR");

  auto query = HandleControlRequest(sim, {{"cmd", "ussd-balance"}, {"modem", "0"}});
  EXPECT_EQ(query["balance"], "3.00 EUR");

  for (const auto& bad : {nlohmann::json{{"encoding", "utf8"}}, nlohmann::json{{"sms_cost", -1}},
                          nlohmann::json{{"sms_cost", "free"}}, nlohmann::json{{"amount", "much"}},
                          nlohmann::json{{"text", 5}}}) {
    nlohmann::json request = bad;
    request["cmd"] = "ussd-balance";
    request["modem"] = "0";
    auto answer = HandleControlRequest(sim, request);
    EXPECT_FALSE(answer.value("ok", true)) << request.dump();
  }
  EXPECT_EQ(m.ussd().balance(), "3.00 EUR");  // refused requests change nothing
  EXPECT_FALSE(HandleControlRequest(sim, {{"cmd", "ussd-balance"}, {"modem", "9"}}).value("ok", true));
}

}  // namespace
}  // namespace smsdesk::sim::testing
