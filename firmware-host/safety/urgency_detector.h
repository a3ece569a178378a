// Danger signals in an incoming SMS: violence, threats, suicide, medical
// emergency, fire, a child at risk. Built from a lexicon of general danger
// vocabulary per language (data/lang/*.toml through lexicon/, plus what a
// box or its moderators added), not from example messages.
//
// A strong signal ("he is hitting me", "not breathing", "end my life") makes a
// message urgent on its own. Weak signals ("emergency", "police", "scared")
// count only when two or more agree, none is negated ("not an emergency"), and
// the text is not asking for information ("what is the emergency number?").
//
// Immutable after construction; Detect may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "firmware-host/lexicon/lexicon.h"
#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {

enum class DangerKind { kViolence, kSuicide, kMedical, kFire, kChild, kGeneral };


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
// The kind a lexicon names ("medical"); kGeneral for "general" or anything else.
DangerKind DangerKindFromName(std::string_view name);

class UrgencyDetector {
 public:
  // Compiles the lexicon's danger patterns (slots separated by ' ',
  // alternatives by '|', '*' wildcards: lexicon.h), negations and
  // information cues; the compiled-in lexicon by default.
  UrgencyDetector();
  explicit UrgencyDetector(const lexicon::Lexicon& lexicon);

  // Linear in the number of tokens: each token is looked up once (its first
  // kMaxTokenCodePoints code points), then every pattern is a scan of bits.
  // Which part of a long message to pass is the caller's choice (the
  // Matcher's: faq_matcher.h).
  UrgencyResult Detect(const std::vector<Token>& tokens) const;

 private:
  // Every slot of every pattern (and the negation words) has an id; a token
  // "fills" the slots one of whose alternatives it matches.
  using SlotId = uint32_t;
  struct Wildcard {
    enum class Kind { kPrefix, kContains, kSuffix } kind;
    std::string text;
    SlotId slot;
    std::array<uint64_t, 4> bytes{};  // the bytes of `text`, to skip hopeless tokens
  };
  struct Pattern {
    DangerKind kind;
    bool strong;
    std::string source;
    std::vector<SlotId> slots;
  };
  // One row of slot bits per token.
  struct SlotRows {
    size_t words = 0;  // uint64_t per row
    std::vector<uint64_t> bits;
    bool Has(size_t token, SlotId slot) const { return (bits[token * words + slot / 64] >> (slot % 64)) & 1; }
  };

  SlotId AddSlot(const std::string& alternatives);
  Pattern Compile(DangerKind kind, bool strong, const std::string& source);
  void FillRow(std::string_view token, uint64_t* row) const;
  bool Matches(const Pattern& p, const SlotRows& rows, size_t count, size_t& first) const;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  SlotId slot_count_ = 0;
  std::unordered_map<std::string, std::vector<SlotId>, Hash, std::equal_to<>> exact_;  // word -> its slots
  std::vector<Wildcard> wildcards_;
  std::vector<Pattern> patterns_;
  SlotId negation_slot_ = 0;
  std::vector<Pattern> info_cues_;
};

}  // namespace smsdesk::faq
