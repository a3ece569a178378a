// Drafts: answers volunteers write to a ticket, sent only once a moderator
// approves them (docs/design.md "Safety and privacy"). A draft is pending until
// a moderator approves it (the reply then leaves as outbox row `outbox_id`)
// or rejects it; a decision is final.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct DraftRecord {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::int64_t author_id = 0;  // users.id of the volunteer
  std::string body;
  std::string state;           // pending, approved, rejected
  std::int64_t created_at = 0;
  std::optional<std::int64_t> decided_by;  // users.id of the moderator
  std::optional<std::int64_t> decided_at;
  std::optional<std::int64_t> outbox_id;   // approved: the reply queued
};

class Drafts {
 public:
  explicit Drafts(Database& db) : db_(db) {}

  StatusOr<std::int64_t> Create(std::int64_t ticket_id, std::int64_t author_id, const std::string& body,
                                std::int64_t now);
  StatusOr<std::optional<DraftRecord>> Get(std::int64_t id);
  // Pending drafts, oldest first: of one ticket, or of every ticket.
  StatusOr<std::vector<DraftRecord>> Pending(std::optional<std::int64_t> ticket_id = std::nullopt);

  // Decisions apply to a pending draft only: kNotFound when there is no
  // draft `id`, kConstraint when it was already decided (two moderators at
  // once). Approve inside the transaction that queues the reply.
  Status Approve(std::int64_t id, std::int64_t moderator_id, std::int64_t outbox_id, std::int64_t now);
  Status Reject(std::int64_t id, std::int64_t moderator_id, std::int64_t now);

 private:
  Status Decide(std::int64_t id, const char* state, std::int64_t moderator_id, std::optional<std::int64_t> outbox_id,
                std::int64_t now);
  Database& db_;
};

}  // namespace smsdesk::store
