#include "store/inbound_store.h"

#include "store/database.h"

namespace smsdesk::store {

StatusOr<AddPartOutcome> InboundStore::AddPart(const InboundPartRecord& part) {
  // INSERT OR IGNORE on the UNIQUE fingerprint: a part read twice (after a
  // restart before +CMGD, or as +CMT and again as +CMTI on Huawei E303) is
  // stored once, and the second read still lets the driver delete it.
  auto insert = db_.Prepare(
      "INSERT OR IGNORE INTO inbound_parts(fingerprint, modem, sender, pdu, received_at, "
      "concat_ref, concat_total, concat_seq, error) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.BindBlob(1, part.fingerprint)
      .Bind(2, part.modem)
      .Bind(3, part.sender)
      .BindBlob(4, part.pdu)
      .Bind(5, part.received_at);
  auto opt = [](const std::optional<int>& v) {
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
  };
  insert.Bind(6, opt(part.concat_ref)).Bind(7, opt(part.concat_total)).Bind(8, opt(part.concat_seq));
  insert.Bind(9, part.error);
  if (Status s = insert.Run(); !s.ok()) return s;
  return db_.Changes() == 1 ? AddPartOutcome::kStored : AddPartOutcome::kDuplicate;
}

StatusOr<std::vector<PartGroup>> InboundStore::ReadyGroups(std::optional<std::int64_t> stale_before) {
  // Single parts form a group each (keyed by their own id through concat_ref
  // IS NULL); concatenated parts group by (sender, ref, total).
  auto query = db_.Prepare(
      "SELECT sender, concat_ref, concat_total, MIN(received_at), COUNT(DISTINCT concat_seq), "
      "       MIN(id) "
      "FROM inbound_parts WHERE message_id IS NULL AND concat_ref IS NOT NULL AND error IS NULL "
      "GROUP BY sender, concat_ref, concat_total "
      "HAVING COUNT(DISTINCT concat_seq) >= concat_total OR MIN(received_at) < ? "
      "UNION ALL "
      "SELECT sender, NULL, NULL, received_at, 1, id "
      "FROM inbound_parts WHERE message_id IS NULL AND concat_ref IS NULL AND error IS NULL "
      "ORDER BY 6");
  query.Bind(1, stale_before.value_or(INT64_MIN));
  std::vector<PartGroup> groups;
  for (;;) {
    auto row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    PartGroup g;
    g.sender = query.Text(0);
    if (!query.IsNull(1)) g.concat_ref = static_cast<int>(query.Int(1));
    if (!query.IsNull(2)) g.concat_total = static_cast<int>(query.Int(2));
    g.first_received_at = query.Int(3);
    g.parts = static_cast<int>(query.Int(4));
    g.first_part_id = query.Int(5);
    groups.push_back(std::move(g));
  }
  return groups;
}

namespace {

StoredPart ReadPart(const Statement& row) {
  StoredPart p;
  p.id = row.Int(0);
  p.record.fingerprint = row.Blob(1);
  p.record.modem = row.Text(2);
  p.record.sender = row.Text(3);
  p.record.pdu = row.Blob(4);
  p.record.received_at = row.Int(5);
  if (!row.IsNull(6)) p.record.concat_ref = static_cast<int>(row.Int(6));
  if (!row.IsNull(7)) p.record.concat_total = static_cast<int>(row.Int(7));
  if (!row.IsNull(8)) p.record.concat_seq = static_cast<int>(row.Int(8));
  return p;
}

}  // namespace

StatusOr<std::vector<StoredPart>> InboundStore::PartsOf(const PartGroup& group) {
  constexpr const char* kColumns =
      "SELECT id, fingerprint, modem, sender, pdu, received_at, concat_ref, concat_total, concat_seq "
      "FROM inbound_parts ";
  if (!group.concat_ref) {
    auto query = db_.Prepare(std::string(kColumns) + "WHERE message_id IS NULL AND id = ?");
    query.Bind(1, group.first_part_id);
    return ReadRows<StoredPart>(query, ReadPart);
  }
  auto query = db_.Prepare(std::string(kColumns) +
                           "WHERE message_id IS NULL AND sender = ? AND concat_ref = ? AND concat_total = ? "
                           "ORDER BY concat_seq, id");
  query.Bind(1, group.sender).Bind(2, std::int64_t{*group.concat_ref}).Bind(3, std::int64_t{group.concat_total.value_or(0)});
  return ReadRows<StoredPart>(query, ReadPart);
}

Status InboundStore::AssignParts(const std::vector<std::int64_t>& part_ids, std::int64_t message_id) {
  for (std::int64_t id : part_ids) {
    auto update = db_.Prepare("UPDATE inbound_parts SET message_id = ? WHERE id = ? AND message_id IS NULL");
    if (Status s = update.Bind(1, message_id).Bind(2, id).Run(); !s.ok()) return s;
    if (db_.Changes() != 1) {
      return Status::Error(Status::Code::kConstraint,
                           "inbound part " + std::to_string(id) + " is already part of a message");
    }
  }
  return Status::Ok();
}

StatusOr<std::int64_t> InboundStore::WaitingPartCount() {
  // An unreadable part never becomes a message: it is not waiting for one.
  auto query = db_.Prepare("SELECT COUNT(*) FROM inbound_parts WHERE message_id IS NULL AND error IS NULL");
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.Int(0);
}

StatusOr<std::optional<std::int64_t>> InboundStore::OldestWaitingPartAt() {
  auto query = db_.Prepare(
      "SELECT MIN(received_at) FROM inbound_parts "
      "WHERE message_id IS NULL AND concat_ref IS NOT NULL AND error IS NULL");
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.OptionalInt(0);
}

StatusOr<std::int64_t> InboundStore::UnreadablePartCount() {
  auto query = db_.Prepare("SELECT COUNT(*) FROM inbound_parts WHERE error IS NOT NULL");
  auto row = query.Step();
  if (!row.ok()) return row.status();
  return query.Int(0);
}

}  // namespace smsdesk::store
