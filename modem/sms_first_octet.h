// The first octet of a TPDU (3GPP TS 23.040 §9.2.3.1 TP-MTI and the flags
// beside it). Bit masks shared by the decoder and the encoders.
#pragma once

#include <cstdint>

namespace smsdesk::modem {

// TS 23.040 §9.2.3.1 TP-MTI, bits 1..0 (as seen by the MS: inbound DELIVER
// and STATUS-REPORT, outbound SUBMIT; that is how +CMGR shows stored PDUs).
enum class MessageType : std::uint8_t { kDeliver = 0, kSubmit = 1, kStatusReport = 2, kReserved = 3 };

inline MessageType MessageTypeOf(std::uint8_t first_octet) {
  return static_cast<MessageType>(first_octet & 0x03);
}

// TS 23.040 §9.2.3.2 TP-MMS (DELIVER, STATUS-REPORT): set means NO more
// messages are waiting, so the usual DELIVER first octet is 04.
inline constexpr std::uint8_t kFoNoMoreMessages = 0x04;
// §9.2.3.25 TP-RD (SUBMIT), same bit as TP-MMS.
inline constexpr std::uint8_t kFoRejectDuplicates = 0x04;
// §9.2.3.3 TP-VPF (SUBMIT), bits 4..3.
inline constexpr int kFoValidityShift = 3;
// §9.2.3.4 TP-SRI (DELIVER), §9.2.3.5 TP-SRR (SUBMIT), §9.2.3.26 TP-SRQ (report).
inline constexpr std::uint8_t kFoStatusReport = 0x20;
// §9.2.3.23 TP-UDHI.
inline constexpr std::uint8_t kFoUserDataHeader = 0x40;
// §9.2.3.17 TP-RP (DELIVER, SUBMIT).
inline constexpr std::uint8_t kFoReplyPath = 0x80;

// §9.2.3.27 TP-PI bits: PID, DCS and UDL present; bit 7 extends TP-PI.
inline constexpr std::uint8_t kPiProtocolId = 0x01;
inline constexpr std::uint8_t kPiDataCoding = 0x02;
inline constexpr std::uint8_t kPiUserData = 0x04;
inline constexpr std::uint8_t kPiExtension = 0x80;

}  // namespace smsdesk::modem
