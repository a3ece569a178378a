// Desk, receiving side: PDUs into the store, parts into messages.
#include <date/date.h>

#include <cstdlib>
#include <map>

#include "firmware-host/desk/desk.h"
#include "modem/sms_pdu.h"

namespace smsdesk::desk {
namespace {

std::int64_t Seconds(sys_seconds t) { return t.time_since_epoch().count(); }

std::vector<std::uint8_t> FingerprintBytes(std::uint64_t fingerprint) {
  std::vector<std::uint8_t> bytes(8);
  for (int i = 7; i >= 0; --i, fingerprint >>= 8) bytes[i] = static_cast<std::uint8_t>(fingerprint & 0xFF);
  return bytes;
}

std::string TextOf(const store::StoredPart& part) {
  auto decoded = modem::DecodePdu(part.record.pdu);
  if (!decoded) return {};
  const auto* deliver = std::get_if<modem::DeliverPdu>(&*decoded);
  return deliver ? deliver->user_data.text : std::string{};
}

}  // namespace

Desk::Desk(store::Database& db, faq::Matcher* matcher, DeskSettings config)
    : db_(db),
      matcher_(matcher),
      config_(std::move(config)),
      inbound_(db),
      contacts_(db),
      tickets_(db),
      outbox_(db),
      audit_(db),
      menu_sessions_(db) {
  if (const char* marker = std::getenv("SMSDESK_TEST_CRASH_ROUTING"); marker != nullptr) crash_marker_ = marker;
}

std::string Desk::LocalDay(sys_seconds t) const {
  return date::format("%F", date::floor<date::days>(config_.office_hours.ToLocal(t)));
}

store::StatusOr<AcceptOutcome> Desk::AcceptPdu(const modem::InboundPdu& pdu, sys_seconds now) {
  store::InboundPartRecord part{.fingerprint = FingerprintBytes(modem::PduFingerprint(pdu.pdu)),
                                .modem = pdu.modem_id,
                                .received_at = Seconds(now)};
  auto octets = modem::HexToOctets(pdu.pdu);
  if (!octets) {
    // Garbage from the modem: keep the bytes as they came, with the reason.
    part.pdu.assign(pdu.pdu.begin(), pdu.pdu.end());
    part.error = "not hexadecimal: " + octets.error().message;
  } else {
    part.pdu = *octets;
    auto decoded = modem::DecodePdu(*octets);
    if (!decoded) {
      part.error = decoded.error().message;
    } else if (const auto* report = std::get_if<modem::StatusReportPdu>(&*decoded)) {
      // Unmatched reports (a message sent before the store existed, another
      // program's) change nothing; the outbox keeps what it knows.
      auto applied = outbox_.ApplyStatusReport(pdu.modem_id, report->message_reference, report->recipient.number,
                                               modem::DeliveryStatusName(report->status), report->status_code,
                                               Seconds(now));
      if (!applied.ok()) return applied.status();
      return AcceptOutcome::kStatusReport;
    } else if (const auto* deliver = std::get_if<modem::DeliverPdu>(&*decoded)) {
      part.sender = deliver->originator.number;
      if (deliver->user_data.header && deliver->user_data.header->concat) {
        const modem::ConcatInfo& concat = *deliver->user_data.header->concat;
        part.concat_ref = concat.reference;
        part.concat_total = concat.total;
        part.concat_seq = concat.sequence;
      }
    } else {
      // AT+CMGL=4 also lists messages stored as sent/unsent (SMS-SUBMIT).
      part.error = "not an incoming message (SMS-SUBMIT in the modem's memory)";
    }
  }
  auto added = inbound_.AddPart(part);
  if (!added.ok()) return added.status();
  if (*added == store::AddPartOutcome::kDuplicate) return AcceptOutcome::kDuplicate;
  return part.error ? AcceptOutcome::kUnreadable : AcceptOutcome::kStored;
}

store::StatusOr<int> Desk::AssembleMessages(sys_seconds now, std::chrono::seconds incomplete_after) {
  auto groups = inbound_.ReadyGroups(Seconds(now) - incomplete_after.count());
  if (!groups.ok()) return groups.status();
  int made = 0;
  for (const store::PartGroup& group : *groups) {
    store::Transaction tx(db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    auto parts = inbound_.PartsOf(group);
    if (!parts.ok()) return parts.status();
    if (parts->empty()) continue;  // assembled meanwhile
    // One text per sequence number (a part re-sent by the network with a
    // different SCTS has another fingerprint but the same place).
    std::map<int, std::string> texts;
    std::vector<std::int64_t> ids;
    for (const store::StoredPart& part : *parts) {
      ids.push_back(part.id);
      texts.try_emplace(part.record.concat_seq.value_or(1), TextOf(part));
    }
    const int total = group.concat_total.value_or(1);
    const bool incomplete = static_cast<int>(texts.size()) < total;
    std::string body;
    for (int seq = 1; seq <= std::max(total, texts.rbegin()->first); ++seq) {
      auto it = texts.find(seq);
      body += it != texts.end() ? it->second : std::string(" […] ");  // a part that never came
    }
    auto contact = contacts_.GetOrCreate(group.sender, group.first_received_at);
    if (!contact.ok()) return contact.status();
    if (auto s = contacts_.TouchInbound(contact->id, group.first_received_at); !s.ok()) return s;
    store::MessageRecord message{.contact_id = contact->id,
                                 .direction = "in",
                                 .body = body,
                                 .at = group.first_received_at,
                                 .modem = parts->front().record.modem,
                                 .incomplete = incomplete};
    auto id = tickets_.AddMessage(message);
    if (!id.ok()) return id.status();
    if (auto s = inbound_.AssignParts(ids, *id); !s.ok()) return s;
    const std::string day = LocalDay(sys_seconds(std::chrono::seconds(group.first_received_at)));
    if (auto s = tickets_.BumpDailyCount(day, "received"); !s.ok()) return s;
    if (incomplete) {
      if (auto s = tickets_.BumpDailyCount(day, "received_incomplete"); !s.ok()) return s;
    }
    if (auto s = tx.Commit(); !s.ok()) return s;
    ++made;
  }
  return made;
}

store::StatusOr<std::optional<sys_seconds>> Desk::NextIncompleteDeadline(std::chrono::seconds incomplete_after) {
  auto oldest = inbound_.OldestWaitingPartAt();
  if (!oldest.ok()) return oldest.status();
  if (!*oldest) return std::optional<sys_seconds>{};
  // ReadyGroups takes groups whose first part is strictly older than the cut.
  return std::optional<sys_seconds>(sys_seconds(std::chrono::seconds(**oldest + 1)) + incomplete_after);
}

}  // namespace smsdesk::desk
