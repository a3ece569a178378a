// What replacing one FAQ by another changes, entry by entry: the (id, lang)
// pairs added, changed (keywords, question or answer differ) and removed.
// `smsdesk faq import` prints it before (with --dry-run, instead of) writing.
// A pure function of two entry lists; order alone is not a change.
#pragma once

#include <compare>
#include <string>
#include <vector>

#include "firmware-host/faq/faq_entry.h"

namespace smsdesk::faq {

struct FaqKey {
  std::string id;
  std::string lang;
  auto operator<=>(const FaqKey&) const = default;
};

struct FaqDiff {
  std::vector<FaqKey> added;    // in the new list's order
  std::vector<FaqKey> changed;  // in the new list's order
  std::vector<FaqKey> removed;  // in the old list's order
  bool empty() const { return added.empty() && changed.empty() && removed.empty(); }
};

// Both lists hold each (id, lang) at most once (ParseFaqCsv and the store's
// primary key make sure of it).
FaqDiff DiffFaq(const std::vector<FaqEntry>& before, const std::vector<FaqEntry>& after);

// The same text in every field a reader or the matcher sees.
bool SameContent(const FaqEntry& a, const FaqEntry& b);

}  // namespace smsdesk::faq
