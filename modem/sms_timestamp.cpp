#include "modem/sms_timestamp.h"

#include <cstdio>
#include <cstdlib>

namespace smsdesk::modem {
namespace {

// TS 23.040 §9.2.3.11: "semi-octet representation", the low nibble is the
// tens digit. Non-BCD nibbles count at face value (0..165).
int SwappedBcd(std::uint8_t octet) { return (octet & 0x0F) * 10 + (octet >> 4); }

std::uint8_t ToSwappedBcd(int value) {
  const int v = value < 0 ? 0 : value % 100;
  return static_cast<std::uint8_t>(((v % 10) << 4) | (v / 10));
}

}  // namespace

Timestamp DecodeTimestamp(std::span<const std::uint8_t, kTimestampOctets> octets) {
  Timestamp t;
  t.year = 2000 + SwappedBcd(octets[0]);
  t.month = SwappedBcd(octets[1]);
  t.day = SwappedBcd(octets[2]);
  t.hour = SwappedBcd(octets[3]);
  t.minute = SwappedBcd(octets[4]);
  t.second = SwappedBcd(octets[5]);
  // TS 23.040 §9.2.3.11: bit 3 of the zone octet is the sign (1 = negative,
  // i.e. west of GMT); the remaining bits are swapped BCD quarter-hours.
  const std::uint8_t tz = octets[6];
  const int quarters = (tz & 0x07) * 10 + (tz >> 4);
  t.tz_quarter_hours = (tz & 0x08) ? -quarters : quarters;
  return t;
}

std::array<std::uint8_t, kTimestampOctets> EncodeTimestamp(const Timestamp& time) {
  int quarters = std::abs(time.tz_quarter_hours);
  if (quarters > 79) quarters = 79;
  std::uint8_t tz = ToSwappedBcd(quarters);
  if (time.tz_quarter_hours < 0) tz |= 0x08;
  return {ToSwappedBcd(time.year), ToSwappedBcd(time.month), ToSwappedBcd(time.day),
          ToSwappedBcd(time.hour), ToSwappedBcd(time.minute), ToSwappedBcd(time.second), tz};
}

std::string Timestamp::ToIso8601() const {
  const int offset = std::abs(tz_quarter_hours) * 15;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day,
                hour, minute, second, tz_quarter_hours < 0 ? '-' : '+', offset / 60, offset % 60);
  return buf;
}

}  // namespace smsdesk::modem
