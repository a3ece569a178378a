#include "store/faq_store.h"

#include "store/database.h"

namespace smsdesk::store {

StatusOr<std::vector<FaqRow>> FaqStore::All() {
  auto query = db_.Prepare(
      "SELECT id, lang, keywords, question, answer, updated_at, updated_by, examples FROM faq_entries "
      "ORDER BY rowid");
  return ReadRows<FaqRow>(query, [](const Statement& row) {
    return FaqRow{.id = row.Text(0),
                  .lang = row.Text(1),
                  .keywords = row.Text(2),
                  .question = row.Text(3),
                  .answer = row.Text(4),
                  .examples = row.Text(7),
                  .updated_at = row.Int(5),
                  .updated_by = row.OptionalText(6)};
  });
}

Status FaqStore::Upsert(const FaqRow& row) {
  return db_
      .Prepare(
          "INSERT INTO faq_entries(id, lang, keywords, question, answer, updated_at, updated_by, examples) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id, lang) DO UPDATE SET keywords = excluded.keywords, "
          "question = excluded.question, answer = excluded.answer, updated_at = excluded.updated_at, "
          "updated_by = excluded.updated_by, examples = excluded.examples")
      .Bind(1, row.id)
      .Bind(2, row.lang)
      .Bind(3, row.keywords)
      .Bind(4, row.question)
      .Bind(5, row.answer)
      .Bind(6, row.updated_at)
      .Bind(7, row.updated_by)
      .Bind(8, row.examples)
      .Run();
}

Status FaqStore::ReplaceAll(const std::vector<FaqRow>& rows) {
  Transaction tx(db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  if (Status s = db_.Execute("DELETE FROM faq_entries"); !s.ok()) return s;
  for (const FaqRow& row : rows) {
    if (Status s = Upsert(row); !s.ok()) return s;
  }
  return tx.Commit();
}

Status FaqStore::Remove(const std::string& id, const std::string& lang) {
  return db_.Prepare("DELETE FROM faq_entries WHERE id = ? AND lang = ?").Bind(1, id).Bind(2, lang).Run();
}

}  // namespace smsdesk::store
