// FaqStore: the FAQ entries kept in the database (faq_entries), one row per
// (id, language). The daemon builds its matcher index from them when the
// config names no CSV file; `smsdesk faq import/export` and the console edit
// them. Keywords are stored as written in the CSV ("bus pass;presto").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct FaqRow {
  std::string id;
  std::string lang;
  std::string keywords;  // ';'-separated
  std::string question;
  std::string answer;
  std::string examples;  // one per line
  std::int64_t updated_at = 0;
  std::optional<std::string> updated_by;
};

class FaqStore {
 public:
  explicit FaqStore(Database& db) : db_(db) {}

  // In the order they were written: an import keeps its file's order (the
  // authors group entries by topic, and an export gives the file back);
  // an entry added later comes last, an edited one stays in place.
  StatusOr<std::vector<FaqRow>> All();
  // Replaces every entry in one transaction (an import).
  Status ReplaceAll(const std::vector<FaqRow>& rows);
  // Adds or changes one (id, lang) entry (inside the caller's transaction, if any).
  Status Upsert(const FaqRow& row);
  Status Remove(const std::string& id, const std::string& lang);

 private:
  Database& db_;
};

}  // namespace smsdesk::store
