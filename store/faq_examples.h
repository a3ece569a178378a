// FaqExamples: texts moderators' answers turned into examples of an FAQ
// entry (or, with faq_id "!", of danger), kept in faq_examples. A proposed
// example is pending until a moderator confirms or rejects it; the training
// (`smsdesk faq train`, the learn module) learns the confirmed ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct FaqExample {
  std::int64_t id = 0;
  std::string faq_id;  // an entry's id, or "!" (danger)
  std::string text;
  std::string lang;
  std::string status;  // pending, confirmed, rejected
  std::optional<std::int64_t> message_id;
  std::optional<std::string> proposed_by;
  std::int64_t proposed_at = 0;
  std::optional<std::string> decided_by;
  std::optional<std::int64_t> decided_at;
};

class FaqExamples {
 public:
  explicit FaqExamples(Database& db) : db_(db) {}

  // Proposes `text` as a pending example of `faq_id`. The same text for the
  // same entry is kept once: proposing it again changes nothing (and gives
  // the existing row's id).
  StatusOr<std::int64_t> Propose(const FaqExample& example);
  // Confirms or rejects a pending (or earlier decided) example; kNotFound
  // when there is no such row.
  Status Decide(std::int64_t id, bool confirm, const std::string& by, std::int64_t at);
  // By status ("" for all), newest first, at most `limit`.
  StatusOr<std::vector<FaqExample>> List(const std::string& status, int limit);
  // Every confirmed example, oldest first: what the training learns.
  StatusOr<std::vector<FaqExample>> Confirmed();

 private:
  Database& db_;
};

}  // namespace smsdesk::store
