#include "firmware-host/text/text_normalizer.h"

#include <utf8proc.h>

#include <cstdlib>
#include <limits>

namespace smsdesk::faq {
namespace {

// Folds that Unicode normalization leaves alone but that writers of Arabic
// script use interchangeably in SMS: the matcher must see one letter.
char32_t FoldArabicScript(char32_t cp) {
  switch (cp) {
    case 0x0629: return 0x0647;  // taa marbuta -> heh
    case 0x0649: return 0x064A;  // alef maqsura -> yeh
    case 0x06CC: return 0x064A;  // Persian yeh -> Arabic yeh
    case 0x06D2: return 0x064A;  // yeh barree
    case 0x06A9: return 0x0643;  // Persian keheh -> kaf
    case 0x06AA: return 0x0643;
    case 0x06C0: return 0x0647;  // heh with yeh above (Persian ezafe)
    case 0x06BE: return 0x0647;  // heh doachashmee
    case 0x06C1: return 0x0647;
    case 0x0671: return 0x0627;  // alef wasla
    case 0x0672: case 0x0673: case 0x0675: return 0x0627;
    default: return cp;
  }
}

bool IsLetterOrDigit(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

bool IsSentenceBreak(char32_t cp) {
  return cp == U'.' || cp == U'?' || cp == U'!' || cp == U'\n' || cp == 0x061F || cp == 0x06D4;
}

bool IsQuestionMark(char32_t cp) { return cp == U'?' || cp == 0x061F; }

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Text is normalized in pieces of about kPieceBytes, so that a capped
// NormalizeTextPrefix stops early. A piece ends just before an ASCII
// character: NFKC, case folding and mark stripping never combine an ASCII
// character with what precedes it (it is a starter and the second element of
// no composition), so the pieces give exactly the whole text's result. Only
// kMaxPieceBytes without any ASCII character (no space, no digit: not
// something people write) is cut elsewhere, at a code point boundary.
constexpr size_t kPieceBytes = 512;
constexpr size_t kMaxPieceBytes = 1024;

size_t PieceEnd(std::string_view utf8, size_t at) {
  size_t end = at + kPieceBytes;
  while (end < utf8.size() && static_cast<unsigned char>(utf8[end]) >= 0x80 && end - at < kMaxPieceBytes) ++end;
  if (end >= utf8.size()) return utf8.size();
  for (int back = 0; back < 3 && IsContinuationByte(utf8[end]) && end > at + 1; ++back) --end;
  return end;
}

// A code point is at most four bytes: FirstCodePoints and LastCodePoints look
// at no more than 4 × max bytes, whatever invalid UTF-8 they meet there.
size_t ScanLimit(std::string_view utf8, size_t max_code_points) {
  return utf8.size() / 4 < max_code_points ? utf8.size() : max_code_points * 4;
}

// Appends the normalized code points of `piece` (NormalizeText's steps).
void AppendNormalized(std::string_view piece, std::u32string& out) {
  // Re-encode leniently first: utf8proc_map rejects invalid input as a whole.
  std::string clean = EncodeUtf8(DecodeUtf8(piece));
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                    static_cast<utf8proc_ssize_t>(clean.size()), &mapped, options);
  std::u32string cps;
  if (n >= 0 && mapped) {
    cps = DecodeUtf8(std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n)));
  } else {
    cps = DecodeUtf8(clean);
  }
  std::free(mapped);
  for (char32_t cp : cps) {
    if (cp == 0x0640) continue;                                     // tatweel
    if (cp >= 0x0660 && cp <= 0x0669) cp = U'0' + (cp - 0x0660);    // Arabic-Indic digits
    if (cp >= 0x06F0 && cp <= 0x06F9) cp = U'0' + (cp - 0x06F0);    // Persian digits
    if (cp == 0x0621) continue;  // lone hamza: written or dropped at will in SMS
    out.push_back(FoldArabicScript(cp));
  }
}

bool IsClauseBreak(char32_t cp) {
  switch (cp) {
    case U',': case U'.': case U'?': case U'!': case U';': case U':': case U'\n':
    case 0x060C:  // Arabic comma
    case 0x061B:  // Arabic semicolon
    case 0x061F:  // Arabic question mark
    case 0x06D4:  // Arabic full stop
      return true;
    default:
      return false;
  }
}

}  // namespace

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(utf8.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      out.push_back(0xFFFD);
      n = 1;
    } else {
      out.push_back(static_cast<char32_t>(cp));
    }
    p += n;
    left -= n;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 2);
  utf8proc_uint8_t buf[4];
  for (char32_t cp : cps) {
    utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
  }
  return out;
}

Script ScriptOf(char32_t cp) {
  if (cp >= '0' && cp <= '9') return Script::kDigits;
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F)) {
    return Script::kLatin;
  }
  if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
      (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return Script::kArabic;
  }
  if (cp >= 0x0400 && cp <= 0x052F) return Script::kCyrillic;
  return Script::kOther;
}

std::string NormalizeText(std::string_view utf8) {
  return NormalizeTextPrefix(utf8, std::numeric_limits<size_t>::max());
}

std::string NormalizeTextPrefix(std::string_view utf8, size_t max_code_points) {
  std::u32string out;
  for (size_t at = 0; at < utf8.size() && out.size() < max_code_points;) {
    const size_t end = PieceEnd(utf8, at);
    AppendNormalized(utf8.substr(at, end - at), out);
    at = end;
  }
  if (out.size() > max_code_points) out.resize(max_code_points);
  return EncodeUtf8(out);
}

std::string_view FirstCodePoints(std::string_view utf8, size_t max_code_points) {
  const size_t limit = ScanLimit(utf8, max_code_points);
  size_t count = 0;
  for (size_t i = 0; i < limit; ++i) {
    if (!IsContinuationByte(utf8[i]) && count++ == max_code_points) return utf8.substr(0, i);
  }
  size_t end = limit;
  for (int back = 0; back < 3 && end < utf8.size() && end > 0 && IsContinuationByte(utf8[end]); ++back) --end;
  return utf8.substr(0, end);
}

std::string_view LastCodePoints(std::string_view utf8, size_t max_code_points) {
  if (max_code_points == 0) return {};
  const size_t limit = ScanLimit(utf8, max_code_points);
  size_t count = 0;
  for (size_t i = utf8.size(); i > utf8.size() - limit; --i) {
    if (!IsContinuationByte(utf8[i - 1]) && ++count == max_code_points) return utf8.substr(i - 1);
  }
  size_t start = utf8.size() - limit;
  for (int ahead = 0; ahead < 3 && start > 0 && start < utf8.size() && IsContinuationByte(utf8[start]); ++ahead) {
    ++start;
  }
  return utf8.substr(start);
}

std::vector<Token> Tokenize(std::string_view normalized, size_t max_token_code_points) {
  std::vector<Token> tokens;
  // The run of letters and digits being read: its first code points (up to
  // the cut), and what the whole run holds.
  std::u32string current;
  size_t run = 0;     // code points in the run
  char32_t last = 0;  // the run's last code point
  Script script = Script::kOther;
  bool has_digit = false;
  bool has_letter = false;
  size_t byte = 0;
  size_t start = 0;
  bool clause = true;
  int sentence = 0;
  size_t sentence_first = 0;  // first token of the current sentence
  bool sentence_has_words = false;
  auto flush = [&](size_t end) {
    if (run == 0) return;
    Token t;
    t.text = EncodeUtf8(current);
    t.start = start;
    t.end = end;
    t.clause_start = clause;
    t.sentence = sentence;
    sentence_has_words = true;
    clause = false;
    t.has_digit = has_digit;
    t.has_letter = has_letter;
    t.script = has_letter ? script : Script::kDigits;
    tokens.push_back(std::move(t));
    current.clear();
    run = 0;
    script = Script::kOther;
    has_digit = has_letter = false;
  };
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(normalized.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(normalized.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) n = 1, cp = 0xFFFD;
    char32_t c = static_cast<char32_t>(cp);
    bool word = IsLetterOrDigit(cp);
    // A script change inside a run ("OHIPكرت") splits it, except digits,
    // which Arabizi uses as letters.
    if (word && run > 0) {
      Script prev = ScriptOf(last);
      Script now = ScriptOf(c);
      if (prev != now && prev != Script::kDigits && now != Script::kDigits) {
        flush(byte);
        start = byte;
      }
    }
    // Ukrainian writes an apostrophe inside words ("під'їзд", "б'є").
    if (!word && (c == U'\'' || c == 0x2019 || c == 0x02BC) && run > 0 && ScriptOf(last) == Script::kCyrillic &&
        left > n) {
      utf8proc_int32_t next = 0;
      if (utf8proc_iterate(p + n, left - n, &next) > 0 &&
          ScriptOf(static_cast<char32_t>(next)) == Script::kCyrillic) {
        p += n;
        left -= n;
        byte += static_cast<size_t>(n);
        continue;
      }
    }
    if (word) {
      if (run == 0) start = byte;
      if (run < max_token_code_points) current.push_back(c);
      ++run;
      last = c;
      const Script s = ScriptOf(c);
      if (s == Script::kDigits) {
        has_digit = true;
      } else {
        has_letter = true;
        if (script == Script::kOther || s != Script::kOther) script = s;
      }
    } else {
      flush(byte);
      if (IsClauseBreak(c)) clause = true;
      if (IsSentenceBreak(c) && sentence_has_words) {
        if (IsQuestionMark(c)) {
          for (size_t i = sentence_first; i < tokens.size(); ++i) tokens[i].in_question = true;
        }
        ++sentence;
        sentence_first = tokens.size();
        sentence_has_words = false;
      }
    }
    p += n;
    left -= n;
    byte += static_cast<size_t>(n);
  }
  flush(byte);
  return tokens;
}

}  // namespace smsdesk::faq
