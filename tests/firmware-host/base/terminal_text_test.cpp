// What `smsdesk queue list|show` prints of a newcomer's text: nothing a
// terminal would act on, every script intact.
#include "firmware-host/base/terminal_text.h"

#include <gtest/gtest.h>

namespace smsdesk {
namespace {

TEST(TerminalSafeText, PlainTextAndOtherScriptsPassUnchanged) {
  for (const char* text : {"Where can I learn English?", "مرحبا، كيف أحصل على بطاقة الباص؟", "Où est l'école ?",
                           "می‌خواهم انگلیسی یاد بگیرم",  // Dari, with a ZWNJ (U+200C)
                           "\u200Fالحافلة 12\u200F", "Привіт 👋🏽", "line one\nline two", ""}) {
    EXPECT_EQ(TerminalSafeText(text), text);
  }
}

TEST(TerminalSafeText, EscapeSequencesAreShownNotSent) {
  EXPECT_EQ(TerminalSafeText("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");              // window title
  EXPECT_EQ(TerminalSafeText("\x1b[2J\x1b[Hhi"), "\\x1b[2J\\x1b[Hhi");                // clear screen
  EXPECT_EQ(TerminalSafeText("a\x1b[8mhidden\x1b[0m"), "a\\x1b[8mhidden\\x1b[0m");    // invisible text
  EXPECT_EQ(TerminalSafeText("\x9b" "31m"), "\uFFFD31m");                            // a raw C1 byte is not UTF-8
  EXPECT_EQ(TerminalSafeText("\u009b31m\u0085"), "<U+009B>31m<U+0085>");              // C1 CSI and NEL, encoded
}

TEST(TerminalSafeText, ControlsThatMoveTheCursorAreShown) {
  EXPECT_EQ(TerminalSafeText("paid\b\b\b\bunpaid"), "paid\\x08\\x08\\x08\\x08unpaid");
  EXPECT_EQ(TerminalSafeText("real text\rfake: resolved"), "real text\\x0dfake: resolved");
  EXPECT_EQ(TerminalSafeText("tab\there"), "tab\\x09here");
  EXPECT_EQ(TerminalSafeText(std::string("nul\0byte", 8)), "nul\\x00byte");
  EXPECT_EQ(TerminalSafeText("del\x7f"), "del\\x7f");
}

TEST(TerminalSafeText, CrLfIsANewline) {
  EXPECT_EQ(TerminalSafeText("one\r\ntwo\r\n"), "one\ntwo\n");
  EXPECT_EQ(TerminalSafeText("\r\r\n"), "\\x0d\n");
}

TEST(TerminalSafeText, BidiOverridesAndIsolatesAreShown) {
  EXPECT_EQ(TerminalSafeText("invoice\u202Efdp.exe"), "invoice<U+202E>fdp.exe");
  EXPECT_EQ(TerminalSafeText("\u202A\u202B\u202C\u202D"), "<U+202A><U+202B><U+202C><U+202D>");
  EXPECT_EQ(TerminalSafeText("\u2066a\u2067b\u2068c\u2069"), "<U+2066>a<U+2067>b<U+2068>c<U+2069>");
  EXPECT_EQ(TerminalSafeText("one\u2028two\u2029"), "one<U+2028>two<U+2029>");
  EXPECT_EQ(TerminalSafeText("سلام\u202Eabc"), "سلام<U+202E>abc");
}

TEST(TerminalSafeText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(TerminalSafeText("ok\xff\xfe!"), "ok\uFFFD\uFFFD!");
  EXPECT_EQ(TerminalSafeText("cut \xd9"), "cut \uFFFD");              // half an Arabic letter
  EXPECT_EQ(TerminalSafeText("\xc0\x9b"), "\uFFFD\uFFFD");            // an overlong CSI
  EXPECT_EQ(TerminalSafeText("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
}

}  // namespace
}  // namespace smsdesk
