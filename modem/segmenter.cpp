// Choosing the alphabet and splitting a text into SMS segments.
//
// Capacities come from TS 23.040 §9.2.3.16 (140 octets of TP-UD = 160 septets)
// minus the User Data Header: concatenation IE §9.2.3.24.1 (5 octets, 8-bit
// reference) or §9.2.3.24.8 (6 octets, 16-bit reference), national language
// single/locking shift IEs §9.2.3.24.15/16 (3 octets each), plus the UDHL
// octet. With GSM-7 the header is padded to a septet boundary (fill bits), so
// it costs ceil(octets * 8 / 7) septets.
#include "modem/segmenter.h"

#include <array>
#include <numeric>
#include <optional>

#include "modem/unicode.h"

namespace smsdesk::modem {
namespace {

constexpr std::size_t kUserDataOctets = 140;
constexpr std::size_t kUserDataSeptets = 160;
constexpr std::size_t kConcat8IeOctets = 5;
constexpr std::size_t kConcat16IeOctets = 6;
constexpr std::size_t kShiftIeOctets = 3;

std::size_t UdhOctets(Encoding encoding, Gsm7Tables tables, bool concatenated, bool ref16) {
  std::size_t ies = 0;
  if (concatenated) ies += ref16 ? kConcat16IeOctets : kConcat8IeOctets;
  if (encoding == Encoding::kGsm7) {
    if (tables.locking != NationalLanguage::kNone) ies += kShiftIeOctets;
    if (tables.single != NationalLanguage::kNone) ies += kShiftIeOctets;
  }
  return ies == 0 ? 0 : ies + 1;  // + the UDHL octet itself
}

std::size_t ShiftIeCount(Gsm7Tables t) {
  return (t.locking != NationalLanguage::kNone ? 1 : 0) +
         (t.single != NationalLanguage::kNone ? 1 : 0);
}

// How a text falls into segments, given each character's cost in units
// (septets, or UTF-16 code units). A character is atomic, so an escape pair or
// a surrogate pair always lands whole in one segment.
struct Layout {
  std::vector<std::size_t> characters;  // per segment
  std::size_t last_used = 0;            // units used in the last segment
  std::size_t last_capacity = 0;        // units available in the last segment
};

Layout Split(const std::vector<std::uint8_t>& costs, std::size_t single_capacity,
             std::size_t multi_capacity) {
  Layout layout;
  const std::size_t total = std::accumulate(costs.begin(), costs.end(), std::size_t{0});
  if (total <= single_capacity) {
    layout.characters = {costs.size()};
    layout.last_used = total;
    layout.last_capacity = single_capacity;
    return layout;
  }
  std::size_t used = 0, count = 0;
  for (std::uint8_t cost : costs) {
    if (used + cost > multi_capacity) {
      layout.characters.push_back(count);
      used = count = 0;
    }
    used += cost;
    ++count;
  }
  layout.characters.push_back(count);
  layout.last_used = used;
  layout.last_capacity = multi_capacity;
  return layout;
}

struct Candidate {
  Encoding encoding = Encoding::kGsm7;
  Gsm7Tables tables;
  Layout layout;
};

// Units per segment: septets for GSM-7, UTF-16 code units for UCS-2.
std::size_t UnitCapacity(Encoding e, Gsm7Tables t, bool concatenated, bool ref16) {
  const std::size_t capacity = SegmentCapacity(e, t, concatenated, ref16);
  return e == Encoding::kUcs2 ? capacity / 2 : capacity;
}

std::optional<Candidate> Gsm7Candidate(std::u32string_view text, Gsm7Tables tables, bool ref16) {
  std::vector<std::uint8_t> costs;
  costs.reserve(text.size());
  for (char32_t cp : text) {
    const int cost = Gsm7Cost(cp, tables);
    if (cost == 0) return std::nullopt;
    costs.push_back(static_cast<std::uint8_t>(cost));
  }
  return Candidate{Encoding::kGsm7, tables,
                   Split(costs, UnitCapacity(Encoding::kGsm7, tables, false, ref16),
                         UnitCapacity(Encoding::kGsm7, tables, true, ref16))};
}

Candidate Ucs2Candidate(std::u32string_view text, bool ref16) {
  std::vector<std::uint8_t> costs;
  costs.reserve(text.size());
  for (char32_t cp : text) costs.push_back(static_cast<std::uint8_t>(Utf16Units(cp)));
  return Candidate{Encoding::kUcs2, {},
                   Split(costs, UnitCapacity(Encoding::kUcs2, {}, false, ref16),
                         UnitCapacity(Encoding::kUcs2, {}, true, ref16))};
}

// The best national-table candidate: fewest segments, then fewest shift IEs
// (smaller header), then the most room left. Spanish has only a single shift
// table (TS 23.038 Annex A.2.2), so it is never a locking choice.
std::optional<Candidate> BestNational(std::u32string_view text, bool ref16) {
  constexpr std::array kLocking = {NationalLanguage::kNone, NationalLanguage::kTurkish,
                                   NationalLanguage::kPortuguese};
  constexpr std::array kSingle = {NationalLanguage::kNone, NationalLanguage::kTurkish,
                                  NationalLanguage::kSpanish, NationalLanguage::kPortuguese};
  std::optional<Candidate> best;
  auto key = [](const Candidate& c) {
    const std::size_t room = c.layout.last_capacity - c.layout.last_used;
    return std::array<std::size_t, 3>{c.layout.characters.size(), ShiftIeCount(c.tables),
                                      kUserDataSeptets - room};
  };
  for (auto locking : kLocking) {
    for (auto single : kSingle) {
      const Gsm7Tables tables{locking, single};
      if (tables == Gsm7Tables{}) continue;
      auto candidate = Gsm7Candidate(text, tables, ref16);
      if (candidate && (!best || key(*candidate) < key(*best))) best = std::move(candidate);
    }
  }
  return best;
}

SegmentPlan Build(std::u32string_view text, const Candidate& c, bool transliterated) {
  SegmentPlan plan;
  plan.encoding = c.encoding;
  plan.tables = c.tables;
  plan.transliterated = transliterated;
  plan.characters = text.size();
  std::size_t start = 0;
  for (std::size_t count : c.layout.characters) {
    const std::u32string_view part = text.substr(start, count);
    Segment segment;
    segment.characters = count;
    if (c.encoding == Encoding::kUcs2) {
      segment.payload = EncodeUtf16Be(part);
    } else {
      EncodeGsm7(part, c.tables, segment.payload);  // every character was costed > 0
    }
    plan.segments.push_back(std::move(segment));
    start += count;
  }
  plan.units_left = c.layout.last_capacity - c.layout.last_used;
  // The cheapest character costs one unit in either alphabet.
  plan.characters_left = plan.units_left;
  return plan;
}

bool IsDefaultGsm7(std::u32string_view text) {
  for (char32_t cp : text) {
    if (Gsm7Cost(cp, {}) == 0) return false;
  }
  return true;
}

}  // namespace

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kGsm7: return "gsm7";
    case Encoding::kUcs2: return "ucs2";
    case Encoding::kEightBit: return "8bit";
  }
  return "unknown";
}

std::size_t SegmentCapacity(Encoding encoding, Gsm7Tables tables, bool concatenated,
                            bool concat_16bit_reference) {
  const std::size_t udh = UdhOctets(encoding, tables, concatenated, concat_16bit_reference);
  switch (encoding) {
    case Encoding::kGsm7:
      // The header plus fill bits occupies ceil(udh * 8 / 7) septets
      // (TS 23.040 §9.2.3.24): 6 octets -> 7 septets -> 153 left.
      return kUserDataSeptets - (udh * 8 + 6) / 7;
    case Encoding::kUcs2:
      // Whole UTF-16 code units only: 140 -> 70 units, 134 -> 67, 133 -> 66.
      return (kUserDataOctets - udh) / 2 * 2;
    case Encoding::kEightBit:
      return kUserDataOctets - udh;
  }
  return 0;
}

Result<SegmentPlan> PlanSegments(std::string_view text, const SegmentOptions& options) {
  auto decoded = Utf8ToCodepoints(text);
  if (!decoded) return decoded.error();
  const std::u32string& cps = *decoded;
  const bool ref16 = options.concat_16bit_reference;

  if (options.force_ucs2) return Build(cps, Ucs2Candidate(cps, ref16), false);
  if (auto plain = Gsm7Candidate(cps, {}, ref16)) return Build(cps, *plain, false);

  // A national table is worth its header only when it saves segments over
  // UCS-2. Transliteration (asked for) replaces UCS-2 whenever it makes the
  // text plain GSM-7, but not an exact national plan that is no longer: that
  // one keeps every letter.
  const Candidate ucs2 = Ucs2Candidate(cps, ref16);
  std::optional<Candidate> national;
  if (options.allow_national_shift) {
    national = BestNational(cps, ref16);
    if (national && national->layout.characters.size() >= ucs2.layout.characters.size()) {
      national.reset();
    }
  }
  if (options.transliterate) {
    const std::u32string latin = TransliterateToGsm7(cps);
    if (IsDefaultGsm7(latin)) {
      const auto translit = Gsm7Candidate(latin, {}, ref16);
      if (!national || translit->layout.characters.size() < national->layout.characters.size()) {
        return Build(latin, *translit, true);
      }
    }
  }
  return Build(cps, national ? *national : ucs2, false);
}

}  // namespace smsdesk::modem
