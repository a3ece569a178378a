// Fuzzes a word-list file (data/lang/*.toml's form, as a box writes it in
// desk.word_lists): any bytes give entries and errors, never a crash; every
// error names a line or the file; every entry read passes the checks that
// bound the work per message; and the urgency detector and the keyword
// parser built from the compiled-in lists plus those entries read a
// message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware-host/lexicon/lexicon.h"
#include "firmware-host/routing/keywords.h"
#include "firmware-host/safety/urgency_detector.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smsdesk;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  lexicon::Lexicon read;
  std::vector<lexicon::LexiconError> errors;
  lexicon::ReadLanguageFile(text, "fuzz.toml", read, errors);
  for (const lexicon::LexiconError& e : errors) {
    if (e.message.empty() || e.origin.source != "fuzz.toml") __builtin_trap();
  }
  if (read.danger.size() > lexicon::kMaxEntries || read.spellings.size() > lexicon::kMaxEntries) __builtin_trap();
  for (const lexicon::DangerPattern& p : read.danger) {
    if (!lexicon::CheckPattern(p.pattern).empty()) __builtin_trap();
  }
  for (const lexicon::Spelling& s : read.spellings) {
    if (!lexicon::CheckSpelling(s.text).empty()) __builtin_trap();
  }
  if (!read.texts.empty()) __builtin_trap();  // a box's file never changes the desk's texts
  if (read.danger.empty() && read.spellings.empty() && read.negations.empty() && read.information_cues.empty() &&
      read.politeness.empty()) {
    return 0;  // nothing to compile
  }
  lexicon::Lexicon lists = *lexicon::Builtin();
  lists.danger.insert(lists.danger.end(), read.danger.begin(), read.danger.end());
  lists.spellings.insert(lists.spellings.end(), read.spellings.begin(), read.spellings.end());
  lists.negations.insert(lists.negations.end(), read.negations.begin(), read.negations.end());
  lists.information_cues.insert(lists.information_cues.end(), read.information_cues.begin(),
                                read.information_cues.end());
  lists.politeness.insert(lists.politeness.end(), read.politeness.begin(), read.politeness.end());
  const faq::UrgencyDetector detector(lists);
  (void)detector.Detect(faq::Tokenize(faq::NormalizeText("my father is not breathing, ابي ما عم يتنفس")));
  const desk::KeywordTable table(lists);
  (void)desk::ParseSystemKeyword("STOP please", {}, table);
  return 0;
}
