// Arabizi: Arabic written in Latin letters, with digits for the sounds Latin
// lacks (2=ء/ق, 3=ع, 5=خ, 6=ط, 7=ح, 8=غ, 9=ق). The matcher gives an Arabizi
// word a second reading in Arabic script and compares both sides through a
// consonant skeleton, since Arabizi writes vowels freely and Arabic does not
// write short vowels at all. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smsdesk::faq {

// A digit used as a letter inside a Latin word ("3ayez", "7okoma", "ra2m").
bool HasArabiziDigit(std::string_view latin_token);

// Common Arabic function and chat words written in Latin letters ("shu",
// "kif", "baddi", "wen", "mesh"): evidence that a Latin text is Arabizi.
bool IsArabiziFunctionWord(std::string_view latin_token);

// Plausible Arabic spellings of a lowercase Arabizi word; the first is the
// main reading. Ambiguous letters (2 = hamza or qaf, g = jeem or qaf) give up
// to four readings.
std::vector<std::string> ArabiziToArabic(std::string_view latin_token);

// Consonant skeleton of a normalized Arabic-script word: article and common
// suffixes stripped, long vowels dropped, letters Arabizi writers merge
// folded into one class (د/ض/ذ/ظ, ت/ط/ث, س/ص, ح/ه), repeats collapsed.
// Returns "" when fewer than three consonants remain (too ambiguous).
std::string ArabicSkeleton(std::string_view arabic_token);

}  // namespace smsdesk::faq
