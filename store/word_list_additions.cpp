#include "store/word_list_additions.h"

#include "store/database.h"

namespace smsdesk::store {

StatusOr<std::int64_t> WordListAdditions::Add(const WordListAddition& a) {
  auto insert = db_.Prepare(
      "INSERT INTO word_list_additions(lang, list, phrase, added_by, added_at) VALUES(?, ?, ?, ?, ?)");
  insert.Bind(1, a.lang).Bind(2, a.list).Bind(3, a.phrase).Bind(4, a.added_by).Bind(5, a.added_at);
  if (Status s = insert.Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

Status WordListAdditions::Remove(std::int64_t id) {
  if (Status s = db_.Prepare("DELETE FROM word_list_additions WHERE id = ?").Bind(1, id).Run(); !s.ok()) return s;
  if (db_.Changes() == 0) return Status::Error(Status::Code::kNotFound, "no addition " + std::to_string(id));
  return Status::Ok();
}

StatusOr<std::vector<WordListAddition>> WordListAdditions::All() {
  auto query = db_.Prepare("SELECT id, lang, list, phrase, added_by, added_at FROM word_list_additions ORDER BY id");
  return ReadRows<WordListAddition>(query, [](const Statement& row) {
    return WordListAddition{.id = row.Int(0),
                            .lang = row.Text(1),
                            .list = row.Text(2),
                            .phrase = row.Text(3),
                            .added_by = row.Text(4),
                            .added_at = row.Int(5)};
  });
}

}  // namespace smsdesk::store
