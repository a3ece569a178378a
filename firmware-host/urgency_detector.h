// Danger signals in an incoming SMS: violence, threats, suicide, medical
// emergency, fire, a child at risk. Built from a lexicon of general danger
// vocabulary per language (danger_lexicon.cpp), not from example messages.
//
// A strong signal ("he is hitting me", "not breathing", "end my life") makes a
// message urgent on its own. Weak signals ("emergency", "police", "scared")
// count only when two or more agree, none is negated ("not an emergency"), and
// the text is not asking for information ("what is the emergency number?").
//
// Immutable after construction; Detect may be called from any thread.
#pragma once

#include <string>
#include <vector>

#include "firmware-host/text_normalizer.h"

namespace smsdesk::faq {

enum class DangerKind { kViolence, kSuicide, kMedical, kFire, kChild, kGeneral };

struct DangerPatternSpec {
  DangerKind kind;
  bool strong;
  const char* pattern;  // slots separated by ' ', alternatives by '|', '*' wildcards
};

// The built-in lexicon and the cue word lists.
const std::vector<DangerPatternSpec>& DangerLexicon();
const std::vector<const char*>& NegationWords();
const std::vector<const char*>& InformationCues();

struct UrgencySignal {
  DangerKind kind = DangerKind::kGeneral;
  bool strong = false;
  std::string pattern;  // the lexicon pattern that matched, for moderators
};

struct UrgencyResult {
  bool urgent = false;
  std::vector<UrgencySignal> signals;
};

std::string_view DangerKindName(DangerKind kind);

class UrgencyDetector {
 public:
  UrgencyDetector();  // compiles DangerLexicon()

  UrgencyResult Detect(const std::vector<Token>& tokens) const;

 private:
  struct Alt {
    std::string text;
    bool prefix = false;    // "word*"
    bool contains = false;  // "*word*"
    bool suffix = false;    // "*word"
  };
  using Slot = std::vector<Alt>;
  struct Pattern {
    DangerKind kind;
    bool strong;
    std::string source;
    std::vector<Slot> slots;
  };

  static bool SlotMatches(const Slot& slot, const std::string& token);
  bool Matches(const Pattern& p, const std::vector<Token>& tokens, size_t& first) const;

  std::vector<Pattern> patterns_;
  Slot negations_;
  std::vector<Pattern> info_cues_;
};

}  // namespace smsdesk::faq
