#include "firmware-host/menu/menu_screen.h"

#include <array>
#include <cstdint>
#include <vector>

#include "modem/gsm_alphabet.h"
#include "modem/unicode.h"

namespace smsdesk::menu {
namespace {

// Aggregators send USSD in the default alphabet without national shift
// tables, so only those count as GSM-7 here.
constexpr modem::Gsm7Tables kDefaultTables{};

// Gsm7Cost searches the tables linearly; screens are measured many times
// while paginating, so the costs below U+0400 are looked up once. Above it the
// default alphabet and its extension hold only € (TS 23.038 §6.2.1.1).
int SeptetCost(char32_t cp) {
  static const std::array<std::int8_t, 0x400> kLow = [] {
    std::array<std::int8_t, 0x400> costs{};
    for (char32_t c = 0; c < costs.size(); ++c) costs[c] = static_cast<std::int8_t>(modem::Gsm7Cost(c, kDefaultTables));
    return costs;
  }();
  if (cp < kLow.size()) return kLow[cp];
  return cp == 0x20AC ? 2 : 0;
}

bool IsSpace(char32_t cp) { return cp == U' ' || cp == U'\n' || cp == U'\t' || cp == 0x00A0; }

// Characters not worth keeping right before an ellipsis.
bool IsTrailingJunk(char32_t cp) {
  return IsSpace(cp) || cp == U',' || cp == U';' || cp == U':' || cp == U'-' || cp == 0x2013 || cp == 0x060C ||
         cp == 0x061B;
}

// Costs of every prefix of a text, in both encodings, so that each candidate
// cut is measured in O(1).
struct PrefixCosts {
  std::vector<std::size_t> septets{0};
  std::vector<std::size_t> units{0};
  std::size_t gsm7_prefix = 0;  // the longest prefix that is all GSM-7

  explicit PrefixCosts(const std::u32string& cps) {
    bool gsm7 = true;
    for (char32_t cp : cps) {
      const int cost = SeptetCost(cp);
      gsm7 = gsm7 && cost > 0;
      if (gsm7) ++gsm7_prefix;
      septets.push_back(septets.back() + static_cast<std::size_t>(cost));
      units.push_back(units.back() + static_cast<std::size_t>(modem::Utf16Units(cp)));
    }
  }
};

// The longest prefix of `cps` that fits on its own (no ellipsis, no tail).
std::size_t HardCut(const std::u32string& cps, std::size_t max_chars) {
  const PrefixCosts costs(cps);
  for (std::size_t n = cps.size(); n > 0; --n) {
    const bool gsm7 = n <= costs.gsm7_prefix;
    if (gsm7 ? costs.septets[n] <= max_chars : costs.units[n] <= Ucs2Limit(max_chars)) return n;
  }
  return 0;
}

}  // namespace

std::size_t Ucs2Limit(std::size_t max_chars) { return max_chars * 7 / 16; }

TextCost CountText(std::string_view text) {
  TextCost cost;
  for (char32_t cp : modem::Utf8ToCodepointsLenient(text)) {
    const int septets = SeptetCost(cp);
    if (septets == 0) cost.gsm7 = false;
    cost.septets += static_cast<std::size_t>(septets);
    cost.units += static_cast<std::size_t>(modem::Utf16Units(cp));
  }
  return cost;
}

TextCost& TextCost::operator+=(const TextCost& other) {
  septets += other.septets;
  units += other.units;
  gsm7 = gsm7 && other.gsm7;
  return *this;
}

ScreenSize TextCost::Size(std::size_t max_chars) const {
  return ScreenSize{.length = gsm7 ? septets : units, .limit = gsm7 ? max_chars : Ucs2Limit(max_chars), .gsm7 = gsm7};
}

ScreenSize MeasureScreen(std::string_view text, std::size_t max_chars) { return CountText(text).Size(max_chars); }

std::string CutToFit(std::string_view text, std::string_view tail, std::size_t max_chars) {
  const std::u32string cps = modem::Utf8ToCodepointsLenient(text);
  const std::u32string tail_cps = modem::Utf8ToCodepointsLenient(tail);
  if (MeasureScreen(modem::CodepointsToUtf8(cps + tail_cps), max_chars).fits()) {
    return modem::CodepointsToUtf8(cps + tail_cps);
  }
  const PrefixCosts costs(cps);
  const ScreenSize tail_size = MeasureScreen(tail, max_chars);
  std::size_t tail_units = 0;
  for (char32_t cp : tail_cps) tail_units += static_cast<std::size_t>(modem::Utf16Units(cp));
  // Prefix n, an ellipsis, then the tail: GSM-7 only if both sides are.
  auto fits = [&](std::size_t n) {
    if (n <= costs.gsm7_prefix && tail_size.gsm7) return costs.septets[n] + 3 + tail_size.length <= max_chars;
    return costs.units[n] + 1 + tail_units <= Ucs2Limit(max_chars);
  };
  std::size_t best = cps.size();
  while (best > 0 && !fits(best)) --best;
  if (best == 0 && !fits(0)) {
    const std::u32string all = cps + tail_cps;
    return modem::CodepointsToUtf8(all.substr(0, HardCut(all, max_chars)));
  }
  // Back to the last word boundary, unless that throws away more than half.
  std::size_t cut = best;
  while (cut > best / 2 && cut < cps.size() && !IsSpace(cps[cut])) --cut;
  if (cut <= best / 2 || (cut < cps.size() && !IsSpace(cps[cut]))) cut = best;
  while (cut > 0 && IsTrailingJunk(cps[cut - 1])) --cut;
  // A shorter prefix may change the encoding (all GSM-7 again); with a tiny
  // limit that can stop fitting, so fall back to the longest cut that did.
  if (!fits(cut)) cut = best;
  const bool gsm7 = cut <= costs.gsm7_prefix && tail_size.gsm7;
  return modem::CodepointsToUtf8(cps.substr(0, cut)) + (gsm7 ? "..." : "…") + std::string(tail);
}

std::string FitScreen(std::string_view text, std::size_t max_chars) { return CutToFit(text, "", max_chars); }

}  // namespace smsdesk::menu
