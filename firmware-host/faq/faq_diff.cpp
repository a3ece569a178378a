#include "firmware-host/faq/faq_diff.h"

#include <map>
#include <set>

namespace smsdesk::faq {

bool SameContent(const FaqEntry& a, const FaqEntry& b) {
  return a.keywords == b.keywords && a.question == b.question && a.answer == b.answer && a.examples == b.examples;
}

FaqDiff DiffFaq(const std::vector<FaqEntry>& before, const std::vector<FaqEntry>& after) {
  std::map<FaqKey, const FaqEntry*> old;
  for (const FaqEntry& e : before) old.emplace(FaqKey{e.id, e.lang}, &e);
  FaqDiff diff;
  std::set<FaqKey> kept;
  for (const FaqEntry& e : after) {
    FaqKey key{e.id, e.lang};
    const auto found = old.find(key);
    if (found == old.end()) {
      diff.added.push_back(std::move(key));
      continue;
    }
    if (!SameContent(*found->second, e)) diff.changed.push_back(key);
    kept.insert(std::move(key));
  }
  for (const FaqEntry& e : before) {
    FaqKey key{e.id, e.lang};
    if (!kept.contains(key)) diff.removed.push_back(std::move(key));
  }
  return diff;
}

}  // namespace smsdesk::faq
