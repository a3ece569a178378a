#include "store/faq_examples.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, faq_id, text, lang, status, message_id, proposed_by, proposed_at, decided_by, decided_at "
    "FROM faq_examples ";

FaqExample ReadExample(const Statement& row) {
  return FaqExample{.id = row.Int(0),
                    .faq_id = row.Text(1),
                    .text = row.Text(2),
                    .lang = row.Text(3),
                    .status = row.Text(4),
                    .message_id = row.OptionalInt(5),
                    .proposed_by = row.OptionalText(6),
                    .proposed_at = row.Int(7),
                    .decided_by = row.OptionalText(8),
                    .decided_at = row.OptionalInt(9)};
}

}  // namespace

StatusOr<std::int64_t> FaqExamples::Propose(const FaqExample& e) {
  if (e.faq_id.empty() || e.text.empty()) {
    return Status::Error(Status::Code::kInvalid, "an example needs an entry and a text");
  }
  auto insert = db_.Prepare(
      "INSERT INTO faq_examples(faq_id, text, lang, status, message_id, proposed_by, proposed_at) "
      "VALUES(?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT(faq_id, text) DO NOTHING");
  insert.Bind(1, e.faq_id).Bind(2, e.text).Bind(3, e.lang).Bind(4, e.message_id).Bind(5, e.proposed_by).Bind(
      6, e.proposed_at);
  if (Status s = insert.Run(); !s.ok()) return s;
  auto query = db_.Prepare("SELECT id FROM faq_examples WHERE faq_id = ? AND text = ?");
  query.Bind(1, e.faq_id).Bind(2, e.text);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Error(Status::Code::kNotFound, "the example was not kept");
  return query.Int(0);
}

Status FaqExamples::Decide(std::int64_t id, bool confirm, const std::string& by, std::int64_t at,
                           const std::optional<std::string>& text) {
  if (text && text->empty()) return Status::Error(Status::Code::kInvalid, "an example needs a text");
  if (text && confirm) {
    auto clash = db_.Prepare(
        "SELECT 1 FROM faq_examples WHERE text = ?1 AND id != ?2 AND faq_id = (SELECT faq_id FROM faq_examples "
        "WHERE id = ?2)");
    clash.Bind(1, *text).Bind(2, id);
    auto row = clash.Step();
    if (!row.ok()) return row.status();
    if (*row) return Status::Error(Status::Code::kConstraint, "that entry already has this example");
  }
  auto update = db_.Prepare(
      "UPDATE faq_examples SET status = ?, decided_by = ?, decided_at = ?, text = coalesce(?, text) WHERE id = ?");
  update.Bind(1, confirm ? "confirmed" : "rejected").Bind(2, by).Bind(3, at).Bind(4, confirm ? text : std::nullopt)
      .Bind(5, id);
  if (Status s = update.Run(); !s.ok()) return s;
  if (db_.Changes() == 0) return Status::Error(Status::Code::kNotFound, "no example " + std::to_string(id));
  return Status::Ok();
}

StatusOr<std::vector<FaqExample>> FaqExamples::List(const std::string& status, int limit, const std::string& faq_id) {
  auto query = db_.Prepare(std::string(kColumns) +
                           "WHERE (?1 = '' OR status = ?1) AND (?3 = '' OR faq_id = ?3) ORDER BY id DESC LIMIT ?2");
  query.Bind(1, status).Bind(2, static_cast<std::int64_t>(limit)).Bind(3, faq_id);
  return ReadRows<FaqExample>(query, ReadExample);
}

StatusOr<std::optional<FaqExample>> FaqExamples::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE id = ?");
  query.Bind(1, id);
  auto row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<FaqExample>();
  return std::optional<FaqExample>(ReadExample(query));
}

StatusOr<std::vector<std::pair<std::string, int>>> FaqExamples::PendingCounts() {
  auto query = db_.Prepare(
      "SELECT faq_id, count(*) FROM faq_examples WHERE status = 'pending' GROUP BY faq_id ORDER BY faq_id");
  return ReadRows<std::pair<std::string, int>>(
      query, [](const Statement& row) { return std::pair(row.Text(0), static_cast<int>(row.Int(1))); });
}

StatusOr<int> FaqExamples::PurgeUndecidedBefore(std::int64_t before) {
  auto purge = db_.Prepare("DELETE FROM faq_examples WHERE status != 'confirmed' AND proposed_at < ?");
  purge.Bind(1, before);
  if (Status s = purge.Run(); !s.ok()) return s;
  return db_.Changes();
}

StatusOr<std::vector<FaqExample>> FaqExamples::Confirmed() {
  auto query = db_.Prepare(std::string(kColumns) + "WHERE status = 'confirmed' ORDER BY id");
  return ReadRows<FaqExample>(query, ReadExample);
}

}  // namespace smsdesk::store
