// TS 23.040 §9.2.3.15 TP-Status classification.
#include "modem/sms_pdu.h"

namespace smsdesk::modem {

const char* DeliveryStatusName(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kDelivered: return "delivered";
    case DeliveryStatus::kTemporary: return "temporary";
    case DeliveryStatus::kPermanent: return "permanent";
  }
  return "unknown";
}

DeliveryStatus ClassifyStatus(std::uint8_t tp_st) {
  // Each range ends in values that are "reserved" or "specific to each SC"
  // (e.g. 0x30 in ModemManager's test_pdu_not_stored); they share the range's
  // meaning. 1xxxxxxx is reserved, and §9.2.3.15 has the SME read reserved
  // values as "service rejected" (0x63): temporary, SC no longer trying.
  if (tp_st <= 0x1F) return DeliveryStatus::kDelivered;
  if (tp_st >= 0x40 && tp_st <= 0x5F) return DeliveryStatus::kPermanent;
  return DeliveryStatus::kTemporary;
}

}  // namespace smsdesk::modem
