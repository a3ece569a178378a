#include "firmware-host/desk/word_lists.h"

namespace smsdesk::desk {

WordLists LoadWordLists(const std::string& folder, const std::vector<store::WordListAddition>& additions) {
  lexicon::Loaded loaded = lexicon::LoadWithFolder(folder);
  WordLists lists;
  lists.errors = std::move(loaded.errors);
  if (additions.empty()) {
    lists.lexicon = std::move(loaded.lexicon);
  } else {
    auto lexicon = std::make_shared<lexicon::Lexicon>(*loaded.lexicon);
    for (const store::WordListAddition& a : additions) {
      const lexicon::Origin origin{"console #" + std::to_string(a.id) + " by " + a.added_by, 0};
      if (std::string why = lexicon::AddPhrase(*lexicon, a.lang, a.list, a.phrase, origin); !why.empty()) {
        lists.errors.push_back({origin, a.list + ": " + why});
      }
    }
    lists.lexicon = std::move(lexicon);
  }
  lists.keywords = lists.lexicon == lexicon::Builtin()
                       ? std::shared_ptr<const KeywordTable>(std::shared_ptr<const KeywordTable>(), &KeywordTable::Builtin())
                       : std::make_shared<const KeywordTable>(*lists.lexicon);
  return lists;
}

}  // namespace smsdesk::desk
