// UTF-8 <-> code points <-> UTF-16BE, the three text forms the codec meets:
// UTF-8 at every API boundary, code points inside, UTF-16BE in UCS-2 PDUs.
// "Always assume UTF-16 instead of UCS-2" (ModemManager mm-sms-part-3gpp.c).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modem/result.h"

namespace smsdesk::modem {

// Strict UTF-8 decoding: overlongs, surrogates, truncated sequences and values
// above U+10FFFF are errors naming the byte offset.
Result<std::u32string> Utf8ToCodepoints(std::string_view utf8);

// Lenient decoding for text from the outside world: each invalid byte becomes U+FFFD.
std::u32string Utf8ToCodepointsLenient(std::string_view utf8);

std::string CodepointsToUtf8(std::u32string_view codepoints);

// Big-endian UTF-16, with surrogate pairs for code points above U+FFFF.
std::vector<std::uint8_t> EncodeUtf16Be(std::u32string_view codepoints);

// Never fails: a lone surrogate becomes U+FFFD, an odd trailing byte is dropped.
std::u32string DecodeUtf16Be(std::span<const std::uint8_t> octets);

// Number of UTF-16 code units `cp` takes (1 or 2).
inline int Utf16Units(char32_t cp) { return cp > 0xFFFF ? 2 : 1; }

}  // namespace smsdesk::modem
