// WordListAdditions: phrases moderators added to the desk's word lists from
// the console (word_list_additions): a danger pattern of a kind
// ("medical", "fire"…) or a keyword spelling ("stop", "start"…), in one
// language. The daemon adds them to the compiled-in lists and the box's
// files (lexicon/), checking each as it does a file's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct WordListAddition {
  std::int64_t id = 0;
  std::string lang;
  std::string list;
  std::string phrase;
  std::string added_by;
  std::int64_t added_at = 0;
};

class WordListAdditions {
 public:
  explicit WordListAdditions(Database& db) : db_(db) {}

  // kConstraint when the same phrase is already in that list and language.
  StatusOr<std::int64_t> Add(const WordListAddition& addition);
  // kNotFound when there is no addition `id`.
  Status Remove(std::int64_t id);
  // Oldest first.
  StatusOr<std::vector<WordListAddition>> All();

 private:
  Database& db_;
};

}  // namespace smsdesk::store
