#include "store/drafts.h"

#include "store/database.h"

namespace smsdesk::store {
namespace {

constexpr const char* kDraftColumns =
    "SELECT id, ticket_id, author_id, body, state, created_at, decided_by, decided_at, outbox_id FROM drafts ";

DraftRecord ReadDraft(const Statement& row) {
  DraftRecord d;
  d.id = row.Int(0);
  d.ticket_id = row.Int(1);
  d.author_id = row.Int(2);
  d.body = row.Text(3);
  d.state = row.Text(4);
  d.created_at = row.Int(5);
  d.decided_by = row.OptionalInt(6);
  d.decided_at = row.OptionalInt(7);
  d.outbox_id = row.OptionalInt(8);
  return d;
}

}  // namespace

StatusOr<std::int64_t> Drafts::Create(std::int64_t ticket_id, std::int64_t author_id, const std::string& body,
                                      std::int64_t now) {
  auto insert = db_.Prepare("INSERT INTO drafts(ticket_id, author_id, body, created_at) VALUES(?, ?, ?, ?)");
  if (Status s = insert.Bind(1, ticket_id).Bind(2, author_id).Bind(3, body).Bind(4, now).Run(); !s.ok()) return s;
  return db_.LastInsertId();
}

StatusOr<std::optional<DraftRecord>> Drafts::Get(std::int64_t id) {
  auto query = db_.Prepare(std::string(kDraftColumns) + "WHERE id = ?");
  query.Bind(1, id);
  return ReadOptionalRow<DraftRecord>(query, ReadDraft);
}

StatusOr<std::vector<DraftRecord>> Drafts::Pending(std::optional<std::int64_t> ticket_id) {
  auto query = db_.Prepare(std::string(kDraftColumns) +
                           "WHERE state = 'pending' AND (?1 IS NULL OR ticket_id = ?1) ORDER BY created_at, id");
  query.Bind(1, ticket_id);
  return ReadRows<DraftRecord>(query, ReadDraft);
}

Status Drafts::Approve(std::int64_t id, std::int64_t moderator_id, std::int64_t outbox_id, std::int64_t now) {
  return Decide(id, "approved", moderator_id, outbox_id, now);
}

Status Drafts::Reject(std::int64_t id, std::int64_t moderator_id, std::int64_t now) {
  return Decide(id, "rejected", moderator_id, std::nullopt, now);
}

Status Drafts::Decide(std::int64_t id, const char* state, std::int64_t moderator_id,
                      std::optional<std::int64_t> outbox_id, std::int64_t now) {
  auto update = db_.Prepare(
      "UPDATE drafts SET state = ?, decided_by = ?, decided_at = ?, outbox_id = ? WHERE id = ? AND state = 'pending'");
  update.Bind(1, state).Bind(2, moderator_id).Bind(3, now).Bind(4, outbox_id).Bind(5, id);
  if (Status s = update.Run(); !s.ok()) return s;
  if (db_.Changes() > 0) return Status::Ok();
  auto draft = Get(id);
  if (!draft.ok()) return draft.status();
  if (!*draft) return Status::Error(Status::Code::kNotFound, "no draft " + std::to_string(id));
  return Status::Error(Status::Code::kConstraint, "draft " + std::to_string(id) + " is already " + (*draft)->state);
}

}  // namespace smsdesk::store
