#include "modem/bidi_marks.h"

#include <vector>

#include "modem/unicode.h"

namespace smsdesk::modem {
namespace {

bool IsDigit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

// Letters written right to left: Hebrew, Arabic (with its supplements and
// presentation forms), Syriac, Thaana, N'Ko.
bool IsRightToLeftLetter(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF && !IsDigit(c)) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

// Separators that may stand between two digit groups of one number.
bool IsGroupSeparator(char32_t c) {
  return c == U'-' || c == U'.' || c == U'/' || c == U':' || c == U' ' || c == 0x00A0 || c == U',' ||
         c == 0x2010 || c == 0x2011 || c == 0x2013;
}

bool AlreadyLeftToRight(char32_t c) { return c == kLeftToRightEmbedding || c == 0x2066 || c == 0x200E; }

struct Run {
  std::size_t begin;  // code point index
  std::size_t end;
};

// The numbers to wrap: a '+' or a digit, digit groups joined by one or two
// separators (", " counts as one gap), and at least two groups or a '+'.
std::vector<Run> FindRuns(const std::u32string& cps) {
  std::vector<Run> runs;
  bool rtl = false;
  for (char32_t c : cps) rtl |= IsRightToLeftLetter(c);
  if (!rtl) return runs;
  std::size_t i = 0;
  const std::size_t n = cps.size();
  while (i < n) {
    const bool plus = cps[i] == U'+' && i + 1 < n && IsDigit(cps[i + 1]);
    if (!plus && !IsDigit(cps[i])) {
      ++i;
      continue;
    }
    // Part of a word ("A1", "x2")? Leave it.
    const std::size_t begin = i;
    std::size_t j = plus ? i + 1 : i;
    int groups = 0;
    std::size_t end = j;
    while (j < n && IsDigit(cps[j])) {
      while (j < n && IsDigit(cps[j])) ++j;
      ++groups;
      end = j;
      // One separator, or ", " / " - ", then a digit: the number goes on.
      std::size_t k = j;
      int seps = 0;
      while (k < n && IsGroupSeparator(cps[k]) && seps < 3) {
        ++k;
        ++seps;
      }
      if (seps == 0 || k >= n || !IsDigit(cps[k])) break;
      j = k;
    }
    const bool marked = begin > 0 && AlreadyLeftToRight(cps[begin - 1]);
    if ((groups >= 2 || plus) && !marked) runs.push_back({begin, end});
    i = end > begin ? end : begin + 1;
  }
  return runs;
}

}  // namespace

std::string MarkNumbersLeftToRight(std::string_view utf8) {
  const std::u32string cps = Utf8ToCodepointsLenient(utf8);
  const std::vector<Run> runs = FindRuns(cps);
  if (runs.empty()) return std::string(utf8);
  std::u32string out;
  out.reserve(cps.size() + 2 * runs.size());
  std::size_t at = 0;
  for (const Run& r : runs) {
    out.append(cps, at, r.begin - at);
    out += kLeftToRightEmbedding;
    out.append(cps, r.begin, r.end - r.begin);
    out += kPopDirectionalFormatting;
    at = r.end;
  }
  out.append(cps, at, std::u32string::npos);
  return CodepointsToUtf8(out);
}

std::size_t NumbersNeedingMarks(std::string_view utf8) { return FindRuns(Utf8ToCodepointsLenient(utf8)).size(); }

}  // namespace smsdesk::modem
