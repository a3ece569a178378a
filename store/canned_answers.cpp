#include "store/canned_answers.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kColumns = "SELECT id, title, body, lang, created_at, updated_at FROM canned_answers ";

CannedAnswer ReadAnswer(const Statement& row) {
  return CannedAnswer{.id = row.Int(0),
                      .title = row.Text(1),
                      .body = row.Text(2),
                      .lang = row.OptionalText(3),
                      .created_at = row.Int(4),
                      .updated_at = row.Int(5)};
}

bool Blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

Status Check(const CannedAnswer& answer) {
  if (Blank(answer.title)) return Status::Error(Status::Code::kInvalid, "a canned answer needs a title");
  if (Blank(answer.body)) return Status::Error(Status::Code::kInvalid, "a canned answer needs a text");
  return Status::Ok();
}

Status NotFound(std::int64_t id) {
  return Status::Error(Status::Code::kNotFound, "no canned answer " + std::to_string(id));
}

}  // namespace

StatusOr<std::vector<CannedAnswer>> CannedAnswers::List(const std::optional<std::string>& lang_first) {
  // ?1 NULL: every row ranks 1 or 2 by language; the title decides.
  auto query = db_.Prepare(std::string(kColumns) +
                           "ORDER BY CASE WHEN lang = ?1 THEN 0 WHEN lang IS NULL THEN 1 ELSE 2 END, "
                           "lang, title COLLATE NOCASE, id");
  query.Bind(1, lang_first);
  return ReadRows<CannedAnswer>(query, ReadAnswer);
}

StatusOr<std::optional<CannedAnswer>> CannedAnswers::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE id = ?");
  query.Bind(1, id);
  return ReadOptionalRow<CannedAnswer>(query, ReadAnswer);
}

StatusOr<std::int64_t> CannedAnswers::Add(const CannedAnswer& a) {
  if (Status s = Check(a); !s.ok()) return s;
  auto insert = db_.Prepare(
      "INSERT INTO canned_answers(title, body, lang, created_at, updated_at) VALUES(?, ?, ?, ?, ?)");
  insert.Bind(1, a.title).Bind(2, a.body).Bind(3, a.lang).Bind(4, a.created_at).Bind(5, a.updated_at);
  if (Status s = insert.Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

Status CannedAnswers::Update(const CannedAnswer& a) {
  if (Status s = Check(a); !s.ok()) return s;
  auto update = db_.Prepare("UPDATE canned_answers SET title = ?, body = ?, lang = ?, updated_at = ? WHERE id = ?");
  update.Bind(1, a.title).Bind(2, a.body).Bind(3, a.lang).Bind(4, a.updated_at).Bind(5, a.id);
  if (Status s = update.Run(); !s.ok()) return s;
  return db_.Changes() > 0 ? Status::Ok() : NotFound(a.id);
}

Status CannedAnswers::Remove(std::int64_t id) {
  if (Status s = db_.Prepare("DELETE FROM canned_answers WHERE id = ?").Bind(1, id).Run(); !s.ok()) return s;
  return db_.Changes() > 0 ? Status::Ok() : NotFound(id);
}

}  // namespace smsdesk::store
