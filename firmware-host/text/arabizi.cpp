#include "firmware-host/text/arabizi.h"

#include <array>
#include <cctype>

#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {
namespace {

bool IsAsciiLetter(char c) { return c >= 'a' && c <= 'z'; }

constexpr std::string_view kFunctionWords[] = {
    "shu", "shou", "sho", "shoo", "kif", "keef", "kaif", "kef", "baddi", "badde", "biddi",
    "bade", "bdi", "badi", "wen", "wein", "wayn", "fi", "fih", "mafi", "ana", "enta", "inta",
    "enti", "hal", "hay", "hayda", "hon", "hone", "shlon", "shloon", "shno", "shinu", "lesh",
    "leish", "leh", "ezay", "izzay", "ezzay", "3ayez", "3ayz", "3awez", "ya3ni", "mesh",
    "mish", "msh", "ktir", "kteer", "kter", "ma3", "ma3i", "3and", "3andi", "emta", "imta",
    "amta", "la2", "aywa", "walla", "wallah", "yalla", "mar7aba", "marhaba", "salam",
    "shukran", "shokran", "inshallah", "kaman", "kman", "hek", "hik", "tayeb", "mni7",
    "mnih", "ahlan", "lazem", "lazim", "momken", "mumkin", "7ada", "wa7ad", "3ala", "3al",
    "ani", "heek", "hallaq", "halla2", "hala2", "7abibi", "habibi", "ma3o", "ma3e", "bas",
    "w", "ya", "yalli", "elli", "illi", "3am", "3ayza", "be2dar", "b2dar", "a3raf", "ba3ref"};

// Appends `arabic` (UTF-32) to every reading.
void AppendAll(std::vector<std::u32string>& readings, std::u32string_view arabic) {
  for (auto& r : readings) r += arabic;
}

// A letter with two readings doubles the set (bounded to 4).
void AppendEither(std::vector<std::u32string>& readings, char32_t a, char32_t b) {
  if (readings.size() >= 4) {
    AppendAll(readings, std::u32string(1, a));
    return;
  }
  size_t n = readings.size();
  for (size_t i = 0; i < n; ++i) {
    readings.push_back(readings[i] + b);
    readings[i] += a;
  }
}

char SkeletonClass(char32_t cp) {
  switch (cp) {
    case 0x0628: case 0x067E: return 'b';
    case 0x062A: case 0x0637: case 0x062B: return 't';
    case 0x062C: return 'j';
    case 0x062D: case 0x0647: return 'h';
    case 0x062E: return 'x';
    case 0x062F: case 0x0636: case 0x0630: case 0x0638: return 'd';
    case 0x0631: return 'r';
    case 0x0632: case 0x0698: return 'z';
    case 0x0633: case 0x0635: return 's';
    case 0x0634: case 0x0686: return 'c';
    case 0x0639: return '3';
    case 0x063A: return 'g';
    case 0x0641: return 'f';
    case 0x0642: return 'q';
    case 0x0643: case 0x06AF: return 'k';
    case 0x0644: return 'l';
    case 0x0645: return 'm';
    case 0x0646: return 'n';
    default: return 0;  // alef, waw, yeh, hamza: vowels or seats in Arabizi
  }
}

}  // namespace

bool HasArabiziDigit(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c != '2' && c != '3' && c != '5' && c != '6' && c != '7' && c != '8' && c != '9') continue;
    bool letter_before = i > 0 && IsAsciiLetter(t[i - 1]);
    bool letter_after = i + 1 < t.size() && IsAsciiLetter(t[i + 1]);
    if (letter_before || letter_after) return true;
  }
  return false;
}

bool IsArabiziFunctionWord(std::string_view t) {
  for (std::string_view w : kFunctionWords) {
    if (w == t) return true;
  }
  return false;
}

std::vector<std::string> ArabiziToArabic(std::string_view w) {
  std::vector<std::u32string> readings{U""};
  // The article is often glued on: "el7okoma", "lshahada" stay one word.
  if ((w.starts_with("el") || w.starts_with("il") || w.starts_with("al")) && w.size() >= 6) {
    AppendAll(readings, U"\u0627\u0644");
    w.remove_prefix(2);
  }
  auto at = [&](size_t i) { return i < w.size() ? w[i] : '\0'; };
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    char n = at(i + 1);
    bool first = i == 0;
    bool last = i + 1 == w.size();
    std::u32string_view two;
    if (c == 's' && n == 'h') two = U"\u0634";
    else if (c == 'c' && n == 'h') two = U"\u0634";
    else if (c == 'k' && n == 'h') two = U"\u062E";
    else if (c == 'g' && n == 'h') two = U"\u063A";
    else if (c == 't' && n == 'h') two = U"\u062B";
    else if (c == 'd' && n == 'h') two = U"\u0630";
    else if ((c == 'o' && n == 'u') || (c == 'o' && n == 'o') || (c == 'u' && n == 'u')) two = U"\u0648";
    else if ((c == 'e' && n == 'e') || (c == 'i' && n == 'i') || (c == 'e' && n == 'i') ||
             (c == 'a' && n == 'y') || (c == 'a' && n == 'i')) two = U"\u064A";
    else if (c == 'a' && n == 'a') two = U"\u0627";
    if (!two.empty()) {
      AppendAll(readings, two);
      ++i;
      continue;
    }
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u':
        if (first) AppendAll(readings, U"\u0627");
        else if (last && c == 'a') AppendAll(readings, U"\u0647");
        else if (last && (c == 'i' || c == 'e')) AppendAll(readings, U"\u064A");
        else if (last) AppendAll(readings, U"\u0648");
        else if (c == 'a') AppendAll(readings, U"\u0627");
        break;
      // Levantine and Egyptian say hamza for qaf, so "2" may be either;
      // word-initially it is usually alef with hamza ("2a2dem" = أقدم).
      case '2':
        if (first) AppendEither(readings, 0x0627, 0x0642);
        else AppendEither(readings, 0x0621, 0x0642);
        break;
      case 'g': AppendEither(readings, 0x062C, 0x0642); break;
      case '3': AppendAll(readings, U"\u0639"); break;
      case '5': AppendAll(readings, U"\u062E"); break;
      case '6': AppendAll(readings, U"\u0637"); break;
      case '7': AppendAll(readings, U"\u062D"); break;
      case '8': AppendAll(readings, U"\u063A"); break;
      case '9': case 'q': AppendAll(readings, U"\u0642"); break;
      case 'b': case 'p': AppendAll(readings, U"\u0628"); break;
      case 't': AppendAll(readings, U"\u062A"); break;
      case 'j': AppendAll(readings, U"\u062C"); break;
      case 'h': AppendAll(readings, U"\u0647"); break;
      case 'x': AppendAll(readings, U"\u062E"); break;
      case 'd': AppendAll(readings, U"\u062F"); break;
      case 'r': AppendAll(readings, U"\u0631"); break;
      case 'z': AppendAll(readings, U"\u0632"); break;
      case 's': AppendAll(readings, U"\u0633"); break;
      case 'f': case 'v': AppendAll(readings, U"\u0641"); break;
      case 'k': case 'c': AppendAll(readings, U"\u0643"); break;
      case 'l': AppendAll(readings, U"\u0644"); break;
      case 'm': AppendAll(readings, U"\u0645"); break;
      case 'n': AppendAll(readings, U"\u0646"); break;
      case 'w': AppendAll(readings, U"\u0648"); break;
      case 'y': AppendAll(readings, U"\u064A"); break;
      default: break;
    }
  }
  std::vector<std::string> out;
  for (const auto& r : readings) out.push_back(EncodeUtf8(r));
  return out;
}

std::string ArabicSkeleton(std::string_view token) {
  std::u32string w = DecodeUtf8(token);
  auto starts = [&](std::u32string_view p) { return w.size() >= p.size() + 3 && w.starts_with(p); };
  auto ends = [&](std::u32string_view s) { return w.size() >= s.size() + 3 && w.ends_with(s); };
  // Article with its clitics; the longest match first.
  for (std::u32string_view p : {U"\u0648\u0627\u0644", U"\u0628\u0627\u0644", U"\u0639\u0627\u0644",
                                U"\u0641\u0627\u0644", U"\u0643\u0627\u0644", U"\u0644\u0644",
                                U"\u0627\u0644"}) {
    if (starts(p)) {
      w.erase(0, p.size());
      break;
    }
  }
  for (std::u32string_view s : {U"\u0627\u062A", U"\u064A\u0646", U"\u0648\u0646", U"\u0647\u0627",
                                U"\u0647\u0645", U"\u0646\u0627"}) {
    if (ends(s)) {
      w.resize(w.size() - s.size());
      break;
    }
  }
  std::string key;
  for (char32_t cp : w) {
    char k = SkeletonClass(cp);
    if (k && (key.empty() || key.back() != k)) key += k;
  }
  if (!key.empty() && key.back() == 'h') key.pop_back();  // taa marbuta folded to heh
  return key.size() >= 3 ? key : std::string();
}

}  // namespace smsdesk::faq
