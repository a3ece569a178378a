// CannedAnswers: ready-made texts moderators insert into a reply and adapt
// ("Our office is open Mon-Fri 9-17", the clinic's address…). Not the FAQ:
// the desk never sends one by itself; a person picks it, edits it, sends it.
// An answer has a title (what the picker shows), a body and, optionally, the
// language it is written in (none: fits any language).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct CannedAnswer {
  std::int64_t id = 0;
  std::string title;
  std::string body;
  std::optional<std::string> lang;  // "ar", "fr"…; nullopt: any language
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

class CannedAnswers {
 public:
  explicit CannedAnswers(Database& db) : db_(db) {}

  // Every answer by title; with `lang_first`, those in that language come
  // first, then those for any language, then the others (a ticket in Arabic
  // offers the Arabic answers at the top).
  StatusOr<std::vector<CannedAnswer>> List(const std::optional<std::string>& lang_first = std::nullopt);
  StatusOr<std::optional<CannedAnswer>> Get(std::int64_t id);
  // kInvalid when the title or the body is blank. `created_at` and
  // `updated_at` are taken from `answer` as given.
  StatusOr<std::int64_t> Add(const CannedAnswer& answer);
  // Changes title, body, language and updated_at of answer `answer.id`;
  // kNotFound when there is none, kInvalid as for Add.
  Status Update(const CannedAnswer& answer);
  // kNotFound when there is no answer `id`.
  Status Remove(std::int64_t id);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
