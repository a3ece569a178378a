// The relay and alert commands: what they take, what they refuse, the PINs
// they redact, and bounded work on the longest texts an SMS can carry.
#include "firmware-host/routing/sms_commands.h"

#include <gtest/gtest.h>

#include <string>

namespace smsdesk::desk {
namespace {

// 255 parts of 153 GSM-7 characters: the longest text a modem can hand over.
const std::size_t kLongest = 39'015;

TEST(ParseRelayCommand, TakesTheTicketAndTheText) {
  auto c = ParseRelayCommand("  #17 482193 We can help: call 613-555-0100.  ");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->ticket_id, 17);
  EXPECT_EQ(c->text, "482193 We can help: call 613-555-0100.");
  c = ParseRelayCommand("#\xD9\xA1\xD9\xA7\xC2\xA0\xD9\x86\xD8\xB9\xD9\x85");  // #١٧ نعم, after a no-break space
  ASSERT_TRUE(c);
  EXPECT_EQ(c->ticket_id, 17);
  EXPECT_EQ(c->text, "\xD9\x86\xD8\xB9\xD9\x85");
  EXPECT_EQ(ParseRelayCommand("#17\nline one\nline two")->text, "line one\nline two");
}

TEST(ParseRelayCommand, RefusesWhatIsNotOne) {
  for (const char* text : {"#17", "#17   ", "#17abc", "# 17 text", "17 text", "#1234567890 text", "#-1 text", "",
                           "hello #17 text"}) {
    EXPECT_FALSE(ParseRelayCommand(text)) << text;
  }
}

TEST(ParseSmsAlertCommand, ReadsEachPart) {
  auto a = ParseSmsAlertCommand("ALERT 482193 BUS No school buses today.");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->pin, "482193");
  EXPECT_FALSE(a->emergency);
  EXPECT_EQ(a->topic_word, "BUS");
  EXPECT_EQ(a->text, "No school buses today.");
  a = ParseSmsAlertCommand("alerte 482193 urgence TOUS Restez chez vous.\n");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->emergency);
  EXPECT_EQ(a->topic_word, "TOUS");
  EXPECT_EQ(a->text, "Restez chez vous.");
  a = ParseSmsAlertCommand("\xD8\xAA\xD9\x86\xD8\xA8\xD9\x8A\xD9\x87 \xDB\xB4\xDB\xB8\xDB\xB2\xDB\xB1\xDB\xB9\xDB\xB3 ! "
                           "storm \xD8\xB9\xD8\xA7\xD8\xB5\xD9\x81\xD8\xA9");  // تنبيه ۴۸۲۱۹۳ ! storm عاصفة
  ASSERT_TRUE(a);
  EXPECT_EQ(a->pin, "482193");
  EXPECT_TRUE(a->emergency);
  EXPECT_EQ(a->topic_word, "storm");
  // An emergency word with nothing after it but one word is a topic.
  a = ParseSmsAlertCommand("ALERT 482193 URGENT Shelter");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->emergency);
  EXPECT_EQ(a->topic_word, "URGENT");
  EXPECT_EQ(a->text, "Shelter");
}

TEST(ParseSmsAlertCommand, RefusesWhatIsNotOne) {
  for (const char* text : {"ALERT", "ALERT 482193", "ALERT 482193 BUS", "ALERT 482193 BUS   ", "ALERTS 482193 BUS x",
                           "ALERT PIN BUS text", "ALERT 4821x BUS text", "ALERT 1234567890123 BUS text",
                           "Is there an alert 482193 BUS today?"}) {
    EXPECT_FALSE(ParseSmsAlertCommand(text)) << text;
  }
}

TEST(SplitPin, TakesALeadingRunOfDigits) {
  auto p = SplitPin("482193 The office opens at 9.");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->pin, "482193");
  EXPECT_EQ(p->text, "The office opens at 9.");
  EXPECT_EQ(SplitPin("482193")->text, "");
  EXPECT_FALSE(SplitPin("The office opens at 9."));
  EXPECT_FALSE(SplitPin("9am works"));
}

TEST(RedactPins, StarsEveryPinWhoeverSendsIt) {
  EXPECT_EQ(RedactPins("ALERT 482193 BUS No buses."), "ALERT ****** BUS No buses.");
  EXPECT_EQ(RedactPins("alerta 4821"), "alerta ****");
  EXPECT_EQ(RedactPins("#17 482193 We can help."), "#17 ****** We can help.");
  EXPECT_EQ(RedactPins("#17 \xDB\xB4\xDB\xB8\xDB\xB2\xDB\xB1 yes"), "#17 **** yes");  // Persian digits
  // Not a PIN: a short number after a ticket, or digits elsewhere.
  EXPECT_EQ(RedactPins("#17 2 buses run today"), "#17 2 buses run today");
  EXPECT_EQ(RedactPins("My code is 482193, ALERT me"), "My code is 482193, ALERT me");
  EXPECT_EQ(RedactPins(""), "");
}

TEST(SmsCommands, TheLongestTextsAreParsedWithoutRecursion) {
  // A std::regex over these overflowed the stack (a crash on every restart).
  const std::string filler(kLongest, 'a');
  const std::string relay = "#1 " + filler;
  auto c = ParseRelayCommand(relay);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->text.size(), kLongest);
  auto a = ParseSmsAlertCommand("ALERT 1234 BUS " + filler);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->text.size(), kLongest);
  EXPECT_EQ(RedactPins("ALERT 1234 BUS " + filler).substr(0, 15), "ALERT **** BUS ");

  std::string spaces = "#1";
  spaces.append(kLongest, ' ');
  EXPECT_FALSE(ParseRelayCommand(spaces));
  std::string digits = "ALERT ";
  digits.append(kLongest, '7');
  EXPECT_FALSE(ParseSmsAlertCommand(digits));
  EXPECT_EQ(RedactPins(digits), digits) << "a digit run longer than a PIN is no PIN";
  std::string words = "ALERT 482193 ";
  for (std::size_t i = 0; words.size() < kLongest; ++i) words += "! ";
  EXPECT_TRUE(ParseSmsAlertCommand(words + "x"));
  std::string controls = "#1 ";
  for (std::size_t i = 0; controls.size() < kLongest; ++i) controls += "\x1b[2J\xE2\x80\xAE";
  EXPECT_TRUE(ParseRelayCommand(controls));
}

TEST(SmsCommands, InvalidUtf8IsJustBytes) {
  EXPECT_FALSE(ParseRelayCommand("#\xD9"));
  EXPECT_FALSE(ParseSmsAlertCommand("ALERT \xDB"));
  EXPECT_EQ(RedactPins("#1 \xD9\xA1\xD9"), "#1 \xD9\xA1\xD9");
}

}  // namespace
}  // namespace smsdesk::desk
