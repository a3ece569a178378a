// FaqExamples: texts moderators' answers turned into examples of an FAQ
// entry (or, with faq_id "!", of danger; with "~", of a text that looked
// like danger and was not), kept in faq_examples. A proposed
// example is pending until a moderator confirms or rejects it; the training
// (`smsdesk faq train`, the learn module) learns the confirmed ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct FaqExample {
  std::int64_t id = 0;
  std::string faq_id;  // an entry's id, "!" (danger) or "~" (not danger)
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
  // when there is no such row. A confirmation may change the text first
  // (`text`: a name or a number taken out); kConstraint when the entry
  // already has an example with that text.
  Status Decide(std::int64_t id, bool confirm, const std::string& by, std::int64_t at,
                const std::optional<std::string>& text = std::nullopt);
  // By status ("" for all) and entry ("" for all), newest first, at most
  // `limit`.
  StatusOr<std::vector<FaqExample>> List(const std::string& status, int limit, const std::string& faq_id = "");
  StatusOr<std::optional<FaqExample>> Get(std::int64_t id);
  // Pending examples per entry id.
  StatusOr<std::vector<std::pair<std::string, int>>> PendingCounts();
  // Deletes the examples nobody confirmed (pending or rejected) proposed
  // before `before`: they are newcomers' words, kept no longer than the
  // messages they came from. Confirmed ones stay: a moderator chose to keep
  // them as training data. Returns how many went.
  StatusOr<int> PurgeUndecidedBefore(std::int64_t before);
  // Every confirmed example, oldest first: what the training learns.
  StatusOr<std::vector<FaqExample>> Confirmed();

 private:
  Database& db_;
};

}  // namespace smsdesk::store
