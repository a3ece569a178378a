#include "firmware-host/urgency_detector.h"

#include <set>
#include <sstream>

namespace smsdesk::faq {
namespace {

// Slots of a pattern may be separated by up to this many other tokens:
// "menace de me tuer", "ما عم تتنفس", "not breathing right".
constexpr size_t kMaxGap = 3;

// Negators scope over the next few tokens only ("not an emergency").
constexpr size_t kNegationReach = 3;

}  // namespace

std::string_view DangerKindName(DangerKind kind) {
  switch (kind) {
    case DangerKind::kViolence: return "violence";
    case DangerKind::kSuicide: return "suicide";
    case DangerKind::kMedical: return "medical";
    case DangerKind::kFire: return "fire";
    case DangerKind::kChild: return "child";
    case DangerKind::kGeneral: break;
  }
  return "general";
}

UrgencyDetector::UrgencyDetector() {
  auto parse_slot = [](const std::string& text) {
    Slot slot;
    std::stringstream alts(text);
    std::string alt;
    while (std::getline(alts, alt, '|')) {
      if (alt.empty()) continue;
      Alt a;
      bool lead = alt.front() == '*';
      bool trail = alt.size() > 1 && alt.back() == '*';
      std::string core = alt.substr(lead ? 1 : 0, alt.size() - (lead ? 1 : 0) - (trail ? 1 : 0));
      a.text = NormalizeText(core);
      a.contains = lead && trail;
      a.prefix = !lead && trail;
      a.suffix = lead && !trail;
      slot.push_back(std::move(a));
    }
    return slot;
  };
  auto parse = [&](DangerKind kind, bool strong, const char* source) {
    Pattern p{kind, strong, source, {}};
    std::stringstream words(source);
    std::string word;
    while (words >> word) p.slots.push_back(parse_slot(word));
    return p;
  };
  for (const DangerPatternSpec& spec : DangerLexicon()) {
    patterns_.push_back(parse(spec.kind, spec.strong, spec.pattern));
  }
  for (const char* n : NegationWords()) negations_.push_back(Alt{NormalizeText(n)});
  for (const char* cue : InformationCues()) {
    info_cues_.push_back(parse(DangerKind::kGeneral, false, cue));
  }
}

bool UrgencyDetector::SlotMatches(const Slot& slot, const std::string& token) {
  // Arabic glues the conjunction wa- to the next word ("وما عم تتنفس").
  static const std::string kWa = "\xD9\x88";
  if (token.size() > 4 && token.starts_with(kWa) && SlotMatches(slot, token.substr(2))) return true;
  for (const Alt& a : slot) {
    if (a.contains ? token.find(a.text) != std::string::npos
        : a.prefix ? token.starts_with(a.text)
        : a.suffix ? token.ends_with(a.text)
                   : token == a.text) {
      return true;
    }
  }
  return false;
}

bool UrgencyDetector::Matches(const Pattern& p, const std::vector<Token>& tokens,
                              size_t& first) const {
  // Greedy left-to-right search with bounded gaps; patterns are short, so
  // trying every start is cheap.
  for (size_t start = 0; start < tokens.size(); ++start) {
    if (!SlotMatches(p.slots[0], tokens[start].text)) continue;
    size_t pos = start;
    bool ok = true;
    for (size_t s = 1; s < p.slots.size() && ok; ++s) {
      ok = false;
      for (size_t next = pos + 1; next < tokens.size() && next <= pos + 1 + kMaxGap; ++next) {
        if (SlotMatches(p.slots[s], tokens[next].text)) {
          pos = next;
          ok = true;
          break;
        }
      }
    }
    if (ok) {
      first = start;
      return true;
    }
  }
  return false;
}

UrgencyResult UrgencyDetector::Detect(const std::vector<Token>& tokens) const {
  UrgencyResult result;
  bool asks_information = false;
  for (const Pattern& cue : info_cues_) {
    size_t at = 0;
    if (Matches(cue, tokens, at)) asks_information = true;
  }
  std::set<std::string> weak_seen;
  for (const Pattern& p : patterns_) {
    size_t at = 0;
    if (!Matches(p, tokens, at)) continue;
    if (!p.strong) {
      bool negated = false;
      for (size_t back = 1; back <= kNegationReach && back <= at; ++back) {
        negated = negated || SlotMatches(negations_, tokens[at - back].text);
      }
      if (negated || asks_information) continue;
      weak_seen.insert(p.source);
    }
    result.signals.push_back(UrgencySignal{p.kind, p.strong, p.source});
    if (p.strong) result.urgent = true;
  }
  if (weak_seen.size() >= 2) result.urgent = true;
  return result;
}

}  // namespace smsdesk::faq
