// Text from the outside world made safe to print on a moderator's terminal.
// A newcomer's SMS can carry ESC sequences (change the window title, clear
// or hide text, fake output), BEL, backspace, a lone CR that rewinds the
// line, and bidi overrides that reorder it (Trojan Source, CVE-2021-42574).
// Pure; used by `smsdesk queue list|show`.
#pragma once

#include <string>
#include <string_view>

namespace smsdesk {

// `utf8` with every character a terminal would act on shown instead:
//   C0 controls and DEL: "\x1b", "\x07", "\x7f" (CR LF counts as a newline);
//   C1 controls: "<U+009B>";
//   bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
//   and the line and paragraph separators (U+2028, U+2029): "<U+202E>";
//   invalid UTF-8: U+FFFD.
// Newlines stay; every script (Arabic, Dari, marks such as RLM and ZWNJ,
// emoji) passes unchanged.
std::string TerminalSafeText(std::string_view utf8);

}  // namespace smsdesk
