#include "modem/sms_data_coding.h"

namespace smsdesk::modem {
namespace {

// TS 23.038 §4 character set bits (bits 3..2 of the general group):
// 00 GSM-7, 01 8-bit data, 10 UCS-2, 11 reserved (read as GSM-7).
Encoding AlphabetBits(std::uint8_t bits) {
  switch (bits & 0x03) {
    case 1: return Encoding::kEightBit;
    case 2: return Encoding::kUcs2;
    default: return Encoding::kGsm7;
  }
}

}  // namespace

DataCoding DecodeDataCoding(std::uint8_t dcs) {
  DataCoding coding;
  coding.raw = dcs;
  const std::uint8_t group = dcs >> 4;
  if (group <= 0x07) {
    // 00xx: general data coding; 01xx: the same, marked for automatic deletion.
    coding.compressed = (dcs & 0x20) != 0;
    coding.alphabet = AlphabetBits(static_cast<std::uint8_t>(dcs >> 2));
    if (dcs & 0x10) coding.message_class = dcs & 0x03;
  } else if (group == 0x0E) {
    // 1110: message waiting indication group, store message, UCS-2.
    coding.alphabet = Encoding::kUcs2;
  } else if (group == 0x0F) {
    // 1111: data coding/message class; bit 2 selects 8-bit data over GSM-7.
    coding.alphabet = (dcs & 0x04) ? Encoding::kEightBit : Encoding::kGsm7;
    coding.message_class = dcs & 0x03;
  }
  // 1000..1011 reserved groups and 1100/1101 (message waiting, discard/store,
  // GSM-7) keep the GSM-7 default.
  return coding;
}

std::uint8_t EncodeDataCoding(Encoding alphabet, std::optional<int> message_class) {
  std::uint8_t dcs = 0x00;
  if (alphabet == Encoding::kEightBit) dcs = 0x04;
  if (alphabet == Encoding::kUcs2) dcs = 0x08;
  if (message_class) dcs = static_cast<std::uint8_t>(dcs | 0x10 | (*message_class & 0x03));
  return dcs;
}

}  // namespace smsdesk::modem
