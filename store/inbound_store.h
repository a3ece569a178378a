// InboundStore: the durable side of receiving. A PDU read from a modem is
// committed here before the modem deletes it; a part read twice is stored
// once (by fingerprint); concatenated parts wait here, keyed by
// (sender, reference, total), until all have arrived or their group times out
// — then the desk turns them into one message (docs/design.md "Durability rules").
//
// The store does not decode PDUs: the caller passes the fields it needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

struct InboundPartRecord {
  std::vector<std::uint8_t> fingerprint;  // hash of the TPDU without the SMSC header
  std::string modem;
  std::string sender;
  std::vector<std::uint8_t> pdu;  // as read, SMSC included
  std::int64_t received_at = 0;   // Unix seconds
  // Concatenation data; absent for a single-part message.
  std::optional<int> concat_ref;
  std::optional<int> concat_total;
  std::optional<int> concat_seq;
  // Set when the PDU could not be decoded: kept for an operator, never
  // grouped into a message.
  std::optional<std::string> error;
};

struct StoredPart {
  std::int64_t id = 0;
  InboundPartRecord record;
};

// A group of parts of one concatenated message that has not become a message.
struct PartGroup {
  std::string sender;
  std::optional<int> concat_ref;    // absent: a single-part message
  std::optional<int> concat_total;
  std::int64_t first_received_at = 0;
  std::int64_t first_part_id = 0;   // for a single part: the part itself
  int parts = 0;                    // distinct sequence numbers present
};

enum class AddPartOutcome { kStored, kDuplicate };

class InboundStore {
 public:
  explicit InboundStore(Database& db) : db_(db) {}

  // Commits one part (its own transaction unless one is open). kDuplicate
  // when a part with the same fingerprint is already stored.
  StatusOr<AddPartOutcome> AddPart(const InboundPartRecord& part);

  // Groups not yet turned into messages, oldest first: complete ones (all
  // sequence numbers present) and, when `stale_before` is given, incomplete
  // ones whose first part arrived before it.
  StatusOr<std::vector<PartGroup>> ReadyGroups(std::optional<std::int64_t> stale_before);

  // The waiting parts of a group, ordered by sequence number (duplicates of a
  // sequence number with different fingerprints are all returned).
  StatusOr<std::vector<StoredPart>> PartsOf(const PartGroup& group);

  // Links parts to the message they became (inside the caller's transaction).
  Status AssignParts(const std::vector<std::int64_t>& part_ids, std::int64_t message_id);

  // Parts waiting for a message (for `smsdesk queue` and health).
  StatusOr<std::int64_t> WaitingPartCount();
  // When the oldest part of a still incomplete group arrived, if any: the
  // group is delivered incomplete at that time + the timeout.
  StatusOr<std::optional<std::int64_t>> OldestWaitingPartAt();
  // Parts that could not be decoded (kept with their reason).
  StatusOr<std::int64_t> UnreadablePartCount();

 private:
  Database& db_;
};

}  // namespace smsdesk::store
