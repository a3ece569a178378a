// Splitting a text into SMS segments with the cheapest encoding
// (3GPP TS 23.040 §9.2.3.24.1 concatenation, TS 23.038 national shifts).
//
// Rules: an escape pair never straddles two segments; a surrogate pair (emoji)
// never straddles two segments; a national shift table is used only when it
// saves segments over UCS-2 (each shift IE costs 3 UDH octets in every segment).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "modem/gsm_alphabet.h"
#include "modem/result.h"

namespace smsdesk::modem {

enum class Encoding : std::uint8_t { kGsm7, kUcs2, kEightBit };

const char* EncodingName(Encoding e);  // "gsm7", "ucs2", "8bit"

struct SegmentOptions {
  bool allow_national_shift = true;  // try Turkish/Spanish/Portuguese tables
  bool transliterate = false;        // ê→e, ç→c… when that keeps the text GSM-7
  bool force_ucs2 = false;
  bool concat_16bit_reference = false;  // 7-octet concat IE instead of 6
};

struct Segment {
  // GSM-7: septet values (escape pairs included); UCS-2: UTF-16BE octets.
  std::vector<std::uint8_t> payload;
  std::size_t characters = 0;  // code points carried by this segment
};

struct SegmentPlan {
  Encoding encoding = Encoding::kGsm7;
  Gsm7Tables tables;          // meaningful for kGsm7
  bool transliterated = false;
  std::vector<Segment> segments;  // at least one (an empty text is one empty segment)
  std::size_t characters = 0;     // code points in the whole text
  // Units (septets for GSM-7, UTF-16 units for UCS-2) still free in the last
  // segment, and the same counted in single characters of the cheapest kind.
  std::size_t units_left = 0;
  std::size_t characters_left = 0;
};

// Per-segment capacity in septets (GSM-7) or octets (UCS-2), given the UDH
// this plan needs (concatenation and national-language IEs).
std::size_t SegmentCapacity(Encoding encoding, Gsm7Tables tables, bool concatenated,
                            bool concat_16bit_reference);

// Plans the segments for UTF-8 `text`. Errors only on invalid UTF-8.
Result<SegmentPlan> PlanSegments(std::string_view text, const SegmentOptions& options = {});

// Transliterates Latin letters that GSM-7 lacks to their closest GSM-7 form
// (ê→e, ç→c, ł→l, ő→ö…). Characters with no mapping are left as they are.
std::u32string TransliterateToGsm7(std::u32string_view text);

}  // namespace smsdesk::modem
