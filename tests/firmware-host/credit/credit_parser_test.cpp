// ParseCredit on real USSD balance screens (docs/modem.md §2, python-gsmmodem,
// gammu tests/at-ussd) and on the shapes operators write amounts and dates in;
// CompiledRule::Compile on bad rules.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware-host/credit/credit_parser.h"

namespace smsdesk::credit {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

CompiledRule Rule(CreditRule rule = {}) {
  auto compiled = CompiledRule::Compile(std::move(rule));
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return std::move(compiled).value();
}

year_month_day Ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

struct Case {
  const char* name;
  std::string text;
  std::optional<double> amount;  // nullopt: ParseCredit must fail
  std::string currency;
  std::optional<year_month_day> expiry;
};

const Case kBuiltIn[] = {
    // Huawei E160, packed GSM-7 decoded (docs/modem.md §2): the phone number first, CR pad last.
    {"huawei_e160", "Ihr Guthaben für die Nr.4915783647410 beträgt 5.78 Euro\r", 5.78, "Euro", {}},
    // python-gsmmodem test_modem.py: a status-1 menu screen.
    {"python_gsmmodem", "Bal:$100.00 *\r\nExp 01 Jan 2013\r\n1. Recharge\r\n2. Balance", 100.0, "$",
     Ymd(2013, 1, 1)},
    {"russian_e3276", "Ваш баланс 123,45 руб. Для пополнения наберите *100#", 123.45, "руб", {}},
    {"arabic_indic", "رصيدك الحالي ٥٫٧٨ دينار صالح حتى ٣١/١٢/٢٠٢٦", 5.78, "دينار", Ymd(2026, 12, 31)},
    {"persian_digits", "موجودی حساب شما ۱۲۳۴۵ ریال تا ۱۴۰۳/۰۵/۱۰", 12345, "ریال", {}},  // Solar Hijri year: no date
    {"french_fcfa", "Votre solde est de 1 234,50 FCFA, valable jusqu'au 31/12/2026.", 1234.50, "FCFA",
     Ymd(2026, 12, 31)},
    {"french_nbsp", "Votre crédit\u00a0: 1\u202f234,50\u00a0€ valable jusqu'au 31 décembre 2026", 1234.50, "€",
     Ymd(2026, 12, 31)},
    {"virtual_modem", "Your balance is 12.50 EUR. Valid until 31.12.2030.", 12.50, "EUR", Ymd(2030, 12, 31)},
    {"dell_data_pack", "On DATA Pack u have 3Gb of data left. Valid till 12/05/2013", std::nullopt, "", {}},
    {"thousands_comma_point", "Your balance is 1,234.50 USD", 1234.50, "USD", {}},
    {"thousands_point_comma", "Ihr Guthaben: 1.234,50 EUR, gültig bis 2026-03-31", 1234.50, "EUR", Ymd(2026, 3, 31)},
    {"whole_number", "Saldo: 12 pesos", 12, "", {}},
    {"negative", "Your balance is -3.20 EUR", -3.20, "EUR", {}},
    {"negative_before_symbol", "Credit -$3.20", -3.20, "$", {}},
    {"currency_before", "Balance EUR 5.78", 5.78, "EUR", {}},
    {"symbol_before", "Bal: $5.78", 5.78, "$", {}},
    {"symbol_glued_after", "Restguthaben 5.78€", 5.78, "€", {}},
    {"moroccan_dh", "Solde: 25,00 DH, expire le 15/08/2026", 25.00, "DH", Ymd(2026, 8, 15)},
    {"saudi_riyal", "رصيدك 45.50 ر.س ينتهي في 01-02-2027", 45.50, "ر.س", Ymd(2027, 2, 1)},
    {"turkish", "Bakiyeniz 17,40 TL", 17.40, "TL", {}},
    {"ukrainian", "Залишок на рахунку 52.10 грн. Дійсний до 05.06.2026", 52.10, "грн", Ymd(2026, 6, 5)},
    {"russian_until", "Баланс: 10 руб. до 31.12.26", 10, "руб", Ymd(2026, 12, 31)},
    {"fcfa_whole_thousands", "Votre solde est de 5.000 FCFA", 5000, "FCFA", {}},
    {"dinar_three_decimals", "رصيدك 1.250 دينار", 1.25, "دينار", {}},
    {"spanish", "Su saldo es de 8,25 EUR, válido hasta 30/09/2026", 8.25, "EUR", Ymd(2026, 9, 30)},
    {"no_keyword_decimal", "Dear customer, you have 7.45 left.", 7.45, "", {}},
    {"us_date", "Balance 4.99 USD, expires 12/31/2026", 4.99, "USD", Ymd(2026, 12, 31)},
    {"impossible_date", "Balance 4.99 USD, expires 31/31/2026", 4.99, "USD", {}},
    {"west_african_f", "Solde principal: 2500F. Bonus: 100F valable 24h", 2500, "F", {}},
    {"f_cfa", "Votre solde: 1 500 F CFA", 1500, "F CFA", {}},
    {"german_dash_cents", "Guthaben: 10,-- EUR", 10, "EUR", {}},
    {"kenya_before", "Dear customer your main balance is Ksh 45.20. Dial *144# to check", 45.20, "Ksh", {}},
    {"rupiah_thousands", "Sisa pulsa Anda Rp10.000 s/d 12-03-2026", 10000, "Rp", {}},
    {"minutes_are_not_money", "You have 100 minutes and 2.50 USD", 2.50, "USD", {}},
    {"only_volumes", "Balance: 5 SMS, 100 MB", std::nullopt, "", {}},
    {"range_of_volumes", "Balance 5-10 GB", std::nullopt, "", {}},
    {"spaced_phone_number", "Your balance is low. Call 0800 123 456", std::nullopt, "", {}},
    {"only_code_and_time", "Call *123# before 18:30", std::nullopt, "", {}},
    {"only_date", "Valid until 31.12.2030", std::nullopt, "", {}},
    {"menu_only", "1. Balance\n2. Bundles\n0. Exit", std::nullopt, "", {}},
    {"unknown_code", "Unknown service code *999#", std::nullopt, "", {}},
    {"phone_is_not_money", "Your number is 4915783647410", std::nullopt, "", {}},
    {"empty", "", std::nullopt, "", {}},
};

class BuiltIn : public ::testing::TestWithParam<Case> {};

TEST_P(BuiltIn, Reads) {
  const Case& c = GetParam();
  auto reading = ParseCredit(c.text, Rule());
  if (!c.amount) {
    ASSERT_FALSE(reading.ok()) << "read " << *reading->amount;
    EXPECT_NE(reading.error().message.find("no amount"), std::string::npos) << reading.error().message;
    return;
  }
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  ASSERT_TRUE(reading->amount.has_value());
  EXPECT_NEAR(*reading->amount, *c.amount, 1e-9);
  EXPECT_EQ(reading->currency, c.currency);
  EXPECT_EQ(reading->expiry, c.expiry);
  EXPECT_EQ(reading->text, c.text);
}

INSTANTIATE_TEST_SUITE_P(Screens, BuiltIn, ::testing::ValuesIn(kBuiltIn),
                         [](const auto& info) { return std::string(info.param.name); });

// Like the codec's fuzzers: any text gives a reading or an error, never a crash.
TEST(ParseCredit, NoiseGivesAValueOrAnError) {
  const std::vector<std::string> pieces = {"0", "7", "12", ".", ",", " ", "-", "*", "#", "+", ":", "/", "'",
                                           "\n", "\r", "EUR", "$", "€", "balance", "رصيدك", "٥", "٫", "٬",
                                           "\u00a0", "until", "jusqu'au", "Jan", "до", "\xff", "\xc3", "ال"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  CreditRule with_patterns;
  with_patterns.balance_pattern = "([0-9., -]+)";
  with_patterns.expiry_pattern = "(\\w+)[./ ](\\w+)[./ ](\\w+)";
  const CompiledRule rules[] = {Rule(), Rule(with_patterns)};
  for (int i = 0; i < 1000; ++i) {
    std::string text;
    for (std::uint32_t n = next() % 24; n > 0; --n) text += pieces[next() % pieces.size()];
    for (const CompiledRule& rule : rules) {
      auto reading = ParseCredit(text, rule);
      EXPECT_TRUE(!reading.ok() || reading->amount.has_value()) << text;
    }
  }
}

TEST(ParseCredit, ErrorQuotesAtMostSixtyCharacters) {
  const std::string text = "On DATA Pack u have 3Gb of data left and many more words after them, "
                           "to make this screen longer than any log line should be";
  auto reading = ParseCredit(text, Rule());
  ASSERT_FALSE(reading.ok());
  const std::string& message = reading.error().message;
  EXPECT_NE(message.find("On DATA Pack u have 3Gb"), std::string::npos) << message;
  EXPECT_EQ(message.find("log line"), std::string::npos) << message;
  EXPECT_LT(message.size(), 100u) << message;
}

TEST(ParseCredit, ConfiguredPatternReadsWhatHeuristicsCannot) {
  CreditRule rule;
  rule.balance_pattern = "have ([0-9]+)Gb";
  rule.currency = "GB";
  rule.expiry_pattern = "valid till ([0-9]+)/([0-9]+)/([0-9]+)";
  rule.expiry_order = "mdy";
  auto reading = ParseCredit("On DATA Pack u have 3Gb of data left. Valid till 12/05/2013", Rule(rule));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_EQ(*reading->amount, 3);
  EXPECT_EQ(reading->currency, "GB");
  EXPECT_EQ(reading->expiry, Ymd(2013, 12, 5));
}

TEST(ParseCredit, PatternMatchesNormalisedTextAndFindsTheCurrency) {
  CreditRule rule;
  rule.balance_pattern = "الحالي ([0-9.]+)";  // Arabic-Indic digits are ASCII by now
  auto reading = ParseCredit("رصيدك الحالي ٥٫٧٨ دينار صالح حتى ٣١/١٢/٢٠٢٦", Rule(rule));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_NEAR(*reading->amount, 5.78, 1e-9);
  EXPECT_EQ(reading->currency, "دينار");
  EXPECT_EQ(reading->expiry, Ymd(2026, 12, 31));  // built-in expiry still applies
}

TEST(ParseCredit, PatternCaptureWithSeparatorsSignAndCurrency) {
  CreditRule rule;
  rule.balance_pattern = "SOLDE: (-?[0-9 ,]+ FCFA)";  // case-insensitive
  rule.expiry_pattern = "(\\d{4})-(\\d{2})-(\\d{2})";
  rule.expiry_order = "ymd";
  auto reading = ParseCredit("Solde: -1 234,50 FCFA au 2026-01-15", Rule(rule));
  ASSERT_TRUE(reading.ok()) << reading.error().message;
  EXPECT_NEAR(*reading->amount, -1234.50, 1e-9);
  EXPECT_EQ(reading->currency, "FCFA");
  EXPECT_EQ(reading->expiry, Ymd(2026, 1, 15));
}

TEST(ParseCredit, ExpiryPatternWithMonthName) {
  CreditRule rule;
  rule.expiry_pattern = "Exp (\\d+) (\\w+) (\\d+)";
  EXPECT_EQ(ParseCredit("Bal:$100.00 *\r\nExp 01 Jan 2013", Rule(rule))->expiry, Ymd(2013, 1, 1));
  EXPECT_FALSE(ParseCredit("Bal:$100.00 Exp 31 Feb 2013", Rule(rule))->expiry.has_value());
}

TEST(ParseCredit, PatternThatDoesNotMatchOrCapturesNoNumber) {
  CreditRule rule;
  rule.balance_pattern = "Guthaben: ([0-9.]+)";
  auto missing = ParseCredit("Your balance is 12.50 EUR.", Rule(rule));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("balance_pattern found no amount"), std::string::npos);
  rule.balance_pattern = "balance is (\\w+)";
  auto word = ParseCredit("Your balance is low.", Rule(rule));
  ASSERT_FALSE(word.ok());
  EXPECT_NE(word.error().message.find("not a number"), std::string::npos) << word.error().message;
}

TEST(ParseCredit, ConfiguredCurrencyWins) {
  CreditRule rule;
  rule.currency = "EUR";
  auto reading = ParseCredit("Ihr Guthaben beträgt 5.78 Euro", Rule(rule));
  ASSERT_TRUE(reading.ok());
  EXPECT_EQ(reading->currency, "EUR");
}

TEST(CompiledRule, ErrorsNameTheField) {
  auto error = [](CreditRule rule) {
    auto compiled = CompiledRule::Compile(std::move(rule));
    return compiled.ok() ? std::string("compiled") : compiled.error().message;
  };
  CreditRule bad;
  bad.balance_pattern = "balance ([0-9";
  EXPECT_EQ(error(bad).rfind("balance_pattern: ", 0), 0u) << error(bad);
  bad = {};
  bad.balance_pattern = "balance [0-9.]+";
  EXPECT_EQ(error(bad).rfind("balance_pattern: needs a capture group", 0), 0u) << error(bad);
  bad = {};
  bad.expiry_pattern = "until (\\d+";
  EXPECT_EQ(error(bad).rfind("expiry_pattern: ", 0), 0u) << error(bad);
  bad = {};
  bad.expiry_pattern = "until (\\d+)\\.(\\d+)";
  EXPECT_EQ(error(bad).rfind("expiry_pattern: needs three groups", 0), 0u) << error(bad);
  bad = {};
  bad.expiry_order = "yd";
  EXPECT_EQ(error(bad).rfind("expiry_order: ", 0), 0u) << error(bad);
  bad = {};
  bad.code = "balance";
  EXPECT_EQ(error(bad).rfind("code: ", 0), 0u) << error(bad);
  bad = {};
  bad.steps = {"1", ""};
  EXPECT_EQ(error(bad), "steps: step 2 is empty");
  CreditRule good;
  good.code = "*123#";
  good.steps = {"1", "2"};
  EXPECT_EQ(error(good), "compiled");
}

TEST(FormatAmount, TwoDecimalsOrThree) {
  EXPECT_EQ(FormatAmount(5.78, "EUR"), "5.78 EUR");
  EXPECT_EQ(FormatAmount(-3.2, "EUR"), "-3.20 EUR");
  EXPECT_EQ(FormatAmount(1234.5, "FCFA"), "1234.50 FCFA");
  EXPECT_EQ(FormatAmount(1.25, "KWD"), "1.25 KWD");
  EXPECT_EQ(FormatAmount(1.234, "KWD"), "1.234 KWD");
  EXPECT_EQ(FormatAmount(12, ""), "12.00");
  EXPECT_EQ(FormatAmount(-0.001, ""), "-0.001");
}

}  // namespace
}  // namespace smsdesk::credit
