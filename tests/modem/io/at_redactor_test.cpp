// AtRedactor: no PIN, PUK, facility password or USSD string in a trace,
// whatever the case, the command's place in the line or how reads split it.
#include "modem/io/at_redactor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smsdesk::modem {
namespace {

TEST(AtRedactor, HidesThePinAndPuk) {
  EXPECT_EQ(RedactAtSecrets("AT+CPIN=\"1234\"\r"), "AT+CPIN=\"****\"\r");
  EXPECT_EQ(RedactAtSecrets("AT+CPIN=\"12345678\",\"0000\"\r"), "AT+CPIN=\"****\",\"****\"\r");
  EXPECT_EQ(RedactAtSecrets("at+cpin=1234\r"), "at+cpin=****\r");
  EXPECT_EQ(RedactAtSecrets("AT^CPIN=\"12345678\",\"4321\""), "AT^CPIN=\"****\",\"****\"");  // Huawei
  EXPECT_EQ(RedactAtSecrets("AT+CPIN2=\"5678\""), "AT+CPIN2=\"****\"");
  EXPECT_EQ(RedactAtSecrets("timed out: AT+CPIN=\"1234\""), "timed out: AT+CPIN=\"****\"");
}

TEST(AtRedactor, HidesFacilityPasswordsAndUssdStrings) {
  EXPECT_EQ(RedactAtSecrets("AT+CLCK=\"SC\",1,\"1234\"\r"), "AT+CLCK=\"SC\",1,\"****\"\r");
  EXPECT_EQ(RedactAtSecrets("AT+CPWD=\"SC\",\"1234\",\"9876\"\r"), "AT+CPWD=\"SC\",\"****\",\"****\"\r");
  EXPECT_EQ(RedactAtSecrets("AT+CUSD=1,\"*123*4455667788#\",15\r"), "AT+CUSD=1,\"****\",15\r");
  EXPECT_EQ(RedactAtSecrets("AT+CUSD=1,\"AA180C3602\",15\r"), "AT+CUSD=1,\"****\",15\r");  // packed
}

TEST(AtRedactor, LeavesEverythingElseAlone) {
  for (const char* line : {"AT+CPIN?\r", "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n", "AT+CUSD=2\r", "AT+CUSD=1\r",
                           "\r\n+CUSD: 0,\"Balance 5.00\",15\r\n", "AT+CLCK=\"SC\",2\r", "\r\n+CME ERROR: 16\r\n",
                           "AT+CMGS=23\r", "0011000B916407281553F80000AA0AE8329BFD4697D9EC37\x1A", "AT+CREG?\r"}) {
    EXPECT_EQ(RedactAtSecrets(line), line);
  }
}

TEST(AtRedactor, LineEndsEndTheSecret) {
  EXPECT_EQ(RedactAtSecrets("AT+CPIN=\"1234\"\rAT+CPIN?\r\r\nOK\r\n"), "AT+CPIN=\"****\"\rAT+CPIN?\r\r\nOK\r\n");
}

// The modem's echo arrives in pieces: each piece is hidden as it comes.
TEST(AtRedactor, FollowsALineAcrossReads) {
  const std::string whole = "AT+CPIN=\"8642\",\"97531\"\r\r\nOK\r\n";
  for (std::size_t a = 1; a < whole.size(); ++a) {
    for (std::size_t b = a; b < whole.size(); ++b) {
      AtRedactor redactor;
      std::string out = redactor.Redact(whole.substr(0, a));
      out += redactor.Redact(whole.substr(a, b - a));
      out += redactor.Redact(whole.substr(b));
      EXPECT_EQ(out.find_first_of("0123456789"), std::string::npos) << a << "," << b << ": " << out;
      EXPECT_EQ(out.find("OK"), out.size() - 4) << out;
    }
  }
  AtRedactor redactor;
  EXPECT_EQ(redactor.Redact("AT+CP"), "AT+CP");
  EXPECT_EQ(redactor.Redact("IN=\"86"), "IN=\"****");
  EXPECT_EQ(redactor.Redact("42\"\r"), "\"\r");
}

}  // namespace
}  // namespace smsdesk::modem
