#include "firmware-host/safety/urgency_detector.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace smsdesk::faq {
namespace {

// Slots of a pattern may be separated by up to this many other tokens:
// "menace de me tuer", "ما عم تتنفس", "not breathing right".
constexpr size_t kMaxGap = 3;

// Negators scope over the next few tokens only ("not an emergency").
constexpr size_t kNegationReach = 3;

// The conjunction wa- (و) glued in front of a word is tried off; a word may
// carry it at most this often ("ووصل": wa + وصل), so a run of و is not a
// chain of lookups.
constexpr std::string_view kWa = "\xD9\x88";
constexpr int kMaxWaClitics = 2;

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

DangerKind DangerKindFromName(std::string_view name) {
  for (DangerKind kind : {DangerKind::kViolence, DangerKind::kSuicide, DangerKind::kMedical, DangerKind::kFire,
                          DangerKind::kChild}) {
    if (DangerKindName(kind) == name) return kind;
  }
  return DangerKind::kGeneral;
}

UrgencyDetector::SlotId UrgencyDetector::AddSlot(const std::string& alternatives) {
  const SlotId slot = slot_count_++;
  std::stringstream alts(alternatives);
  std::string alt;
  while (std::getline(alts, alt, '|')) {
    if (alt.empty()) continue;
    bool lead = alt.front() == '*';
    bool trail = alt.size() > 1 && alt.back() == '*';
    std::string core = NormalizeText(alt.substr(lead ? 1 : 0, alt.size() - (lead ? 1 : 0) - (trail ? 1 : 0)));
    if (!lead && !trail) {
      exact_[core].push_back(slot);
      continue;
    }
    Wildcard w{lead && trail ? Wildcard::Kind::kContains : lead ? Wildcard::Kind::kSuffix : Wildcard::Kind::kPrefix,
               core, slot};
    for (unsigned char c : core) w.bytes[c / 64] |= uint64_t{1} << (c % 64);
    wildcards_.push_back(std::move(w));
  }
  return slot;
}

UrgencyDetector::Pattern UrgencyDetector::Compile(DangerKind kind, bool strong, const std::string& source) {
  Pattern p{kind, strong, source, {}};
  std::stringstream words(source);
  std::string word;
  while (words >> word) p.slots.push_back(AddSlot(word));
  return p;
}

UrgencyDetector::UrgencyDetector() : UrgencyDetector(*lexicon::Builtin()) {}

UrgencyDetector::UrgencyDetector(const lexicon::Lexicon& lexicon) {
  for (const lexicon::DangerPattern& p : lexicon.danger) {
    const DangerKind kind = DangerKindFromName(p.kind);
    // Every kind is a strong signal but "general": those count only when
    // two agree (urgency_detector.h).
    patterns_.push_back(Compile(kind, kind != DangerKind::kGeneral, p.pattern));
  }
  std::string negations;
  for (const std::string& n : lexicon.negations) negations += n + "|";
  negation_slot_ = AddSlot(negations);
  for (const std::string& cue : lexicon.information_cues) {
    info_cues_.push_back(Compile(DangerKind::kGeneral, false, cue));
  }
}

void UrgencyDetector::FillRow(std::string_view token, uint64_t* row) const {
  std::string_view view = FirstCodePoints(token, kMaxTokenCodePoints);
  std::array<uint64_t, 4> bytes{};
  for (unsigned char c : view) bytes[c / 64] |= uint64_t{1} << (c % 64);
  auto set = [&](SlotId slot) { row[slot / 64] |= uint64_t{1} << (slot % 64); };
  for (int stripped = 0;; ++stripped) {
    if (auto it = exact_.find(view); it != exact_.end()) {
      for (SlotId slot : it->second) set(slot);
    }
    for (const Wildcard& w : wildcards_) {
      // A word lacking one of the alternative's bytes cannot contain it.
      if ((w.bytes[0] & ~bytes[0]) | (w.bytes[1] & ~bytes[1]) | (w.bytes[2] & ~bytes[2]) | (w.bytes[3] & ~bytes[3])) {
        continue;
      }
      bool hit = w.kind == Wildcard::Kind::kContains ? view.find(w.text) != std::string_view::npos
                 : w.kind == Wildcard::Kind::kPrefix ? view.starts_with(w.text)
                                                     : view.ends_with(w.text);
      if (hit) set(w.slot);
    }
    // Arabic glues the conjunction wa- to the next word ("وما عم تتنفس").
    if (stripped == kMaxWaClitics || view.size() <= 4 || !view.starts_with(kWa)) break;
    view.remove_prefix(kWa.size());
  }
}

bool UrgencyDetector::Matches(const Pattern& p, const SlotRows& rows, size_t count, size_t& first) const {
  // Greedy left-to-right search with bounded gaps; patterns are short, so
  // trying every start is cheap.
  for (size_t start = 0; start < count; ++start) {
    if (!rows.Has(start, p.slots[0])) continue;
    size_t pos = start;
    bool ok = true;
    for (size_t s = 1; s < p.slots.size() && ok; ++s) {
      ok = false;
      for (size_t next = pos + 1; next < count && next <= pos + 1 + kMaxGap; ++next) {
        if (rows.Has(next, p.slots[s])) {
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
  SlotRows rows;
  rows.words = (slot_count_ + 63) / 64;
  rows.bits.assign(tokens.size() * rows.words, 0);
  // Repeated words are looked up once.
  std::unordered_map<std::string_view, size_t> first_of;
  for (size_t i = 0; i < tokens.size(); ++i) {
    uint64_t* row = &rows.bits[i * rows.words];
    auto [it, inserted] = first_of.emplace(tokens[i].text, i);
    if (inserted) {
      FillRow(tokens[i].text, row);
    } else {
      std::copy_n(&rows.bits[it->second * rows.words], rows.words, row);
    }
  }

  UrgencyResult result;
  bool asks_information = false;
  for (const Pattern& cue : info_cues_) {
    size_t at = 0;
    if (Matches(cue, rows, tokens.size(), at)) asks_information = true;
  }
  std::set<std::string> weak_seen;
  for (const Pattern& p : patterns_) {
    size_t at = 0;
    if (!Matches(p, rows, tokens.size(), at)) continue;
    if (!p.strong) {
      bool negated = false;
      for (size_t back = 1; back <= kNegationReach && back <= at; ++back) {
        negated = negated || rows.Has(at - back, negation_slot_);
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
