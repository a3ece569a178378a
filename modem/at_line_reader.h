// AtLineReader: splits the byte stream from a modem's AT port into lines.
//
// It knows framing only, not meaning: it does not know which command is in
// flight, so echo and URCs pass through as ordinary lines (AtEngine sorts
// them). What it handles (docs/modem.md §2, §4):
//  - the SMS prompt "> " has NO line end (27.005 §3.5.1): it is reported as a
//    kPrompt as soon as "> " is seen at the start of a line, also when the two
//    bytes arrive in separate reads;
//  - any of CR, LF, CRLF, "\r\r\n" (Huawei +CLAC, CDMA ^MODE) ends a line; blank
//    lines (Huawei E1752) are skipped; a missing leading CR does not matter;
//  - NUL bytes are dropped (ModemManager skips leading NULs);
//  - Ctrl-Z (0x1A) and ESC (0x1B) end a line too: with echo on, the modem echoes
//    the PDU we sent followed by our Ctrl-Z (gammu #355);
//  - a line longer than max_line_length is cut and reported once as kGarbage;
//    the rest of it, up to the next line end, is discarded. Memory stays bounded.
// Not thread-safe; owned by one AtEngine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::modem {

struct AtLine {
  enum class Kind {
    kLine,     // a complete line, without its line end
    kPrompt,   // "> " at the start of a line (AT+CMGS waits for the PDU)
    kGarbage,  // an overlong line, cut to max_line_length bytes
  };
  Kind kind = Kind::kLine;
  std::string text{};

  friend bool operator==(const AtLine&, const AtLine&) = default;
};

class AtLineReader {
 public:
  // 4 KiB holds the longest real line: a +CUSD with 182 UCS-2 characters as
  // hex (~750 bytes) or a +CMGL PDU line (at most 2 x 176 hex digits).
  static constexpr std::size_t kDefaultMaxLineLength = 4096;

  explicit AtLineReader(std::size_t max_line_length = kDefaultMaxLineLength);

  // Appends the lines completed by `bytes` to `out`.
  void Feed(std::span<const std::uint8_t> bytes, std::vector<AtLine>& out);
  // Convenience for tests: the lines completed by `bytes`.
  std::vector<AtLine> Feed(std::string_view bytes);

  // The bytes of the unfinished line (for the engine's bare ">" fallback).
  std::string_view partial() const { return buffer_; }
  // Forgets the unfinished line (after a port reopen, or when the engine
  // accepted a bare ">" as the prompt).
  void ClearPartial();

 private:
  void EndLine(std::vector<AtLine>& out);

  std::size_t max_line_length_;
  std::string buffer_;
  bool discarding_ = false;  // inside the tail of an overlong line
};

}  // namespace smsdesk::modem
