// The desk's word lists as it runs with them: the compiled-in lists
// (data/lang/), the box's own files (desk.word_lists) and the phrases
// moderators added from the console (store::WordListAdditions), each
// checked; what is wrong is an error and left out, the rest stands. The
// daemon builds them at its start and at each reload, off the event loop;
// the matcher's urgency detector and the router's keyword parser use them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "firmware-host/lexicon/lexicon.h"
#include "firmware-host/routing/keywords.h"
#include "store/word_list_additions.h"

namespace smsdesk::desk {

struct WordLists {
  std::shared_ptr<const lexicon::Lexicon> lexicon;
  std::shared_ptr<const KeywordTable> keywords;
  std::vector<lexicon::LexiconError> errors;
};

WordLists LoadWordLists(const std::string& folder, const std::vector<store::WordListAddition>& additions);

// The lists a moderator may add to from the console: the danger kinds,
// then the keywords.
inline constexpr std::string_view kAddableLists[] = {"violence", "suicide", "medical", "fire",  "child", "general",
                                                     "stop",     "start",   "help",    "menu", "join",  "leave"};

}  // namespace smsdesk::desk
