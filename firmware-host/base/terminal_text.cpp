#include "firmware-host/base/terminal_text.h"

#include <cstdio>

#include "modem/unicode.h"

namespace smsdesk {
namespace {

// Unicode's explicit directional formatting characters (UAX #9 §2): they
// reorder the text after them, up to a PDF/PDI or the end of the paragraph.
bool IsBidiControl(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Terminals start a new line on them, or draw nothing: either way the
// moderator does not see what is there.
bool IsLineSeparator(char32_t c) { return c == 0x2028 || c == 0x2029; }

// C0 (but the newline), DEL and C1: ESC and CSI start terminal sequences.
bool IsControl(char32_t c) { return (c < 0x20 && c != U'\n') || (c >= 0x7F && c <= 0x9F); }

// "\x1b" for ASCII, "<U+202E>" above.
std::string Escaped(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, c < 0x80 ? "\\x%02x" : "<U+%04X>", static_cast<unsigned>(c));
  return buffer;
}

}  // namespace

std::string TerminalSafeText(std::string_view utf8) {
  const std::u32string in = modem::Utf8ToCodepointsLenient(utf8);
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    if (c == U'\r' && i + 1 < in.size() && in[i + 1] == U'\n') continue;  // CR LF: the LF is the newline
    if (!IsControl(c) && !IsBidiControl(c) && !IsLineSeparator(c)) {
      out.push_back(c);
      continue;
    }
    for (char e : Escaped(c)) out.push_back(static_cast<unsigned char>(e));
  }
  return modem::CodepointsToUtf8(out);
}

}  // namespace smsdesk
