#include "modem/sms_user_data.h"

#include <string>

#include "modem/septet_packer.h"
#include "modem/unicode.h"
#include "modem/user_data_header.h"

namespace smsdesk::modem {
namespace {

// Reads the header at the front of `ud` (UDHL octet first) into `out`;
// returns the header size in octets including UDHL. `limit_bits` is how much
// of the user data TP-UDL lets the header take.
Result<std::size_t> ReadHeader(std::span<const std::uint8_t> ud, std::size_t limit_bits,
                               UserData& out) {
  if (ud.empty()) return MakeError("TP-UDH: TP-UDHI set but the user data is empty");
  const std::size_t header_octets = std::size_t{ud[0]} + 1;
  if (header_octets > ud.size() || header_octets * 8 > limit_bits) {
    return MakeError("TP-UDHL: header of " + std::to_string(header_octets) +
                     " octets runs past TP-UDL");
  }
  auto header = ParseUserDataHeader(ud.subspan(1, header_octets - 1));
  if (!header) return header.error();
  out.header = std::move(header.value());
  return header_octets;
}

Result<UserData> DecodeSeptets(OctetReader& reader, int udl, bool has_header) {
  if (udl > kMaxUserDataSeptets) {
    return MakeError("TP-UDL: " + std::to_string(udl) + " septets exceeds 160");
  }
  auto ud = reader.Take(PackedLength(static_cast<std::size_t>(udl)), "TP-UD");
  if (!ud) return ud.error();
  UserData out;
  out.length = udl;
  std::size_t header_octets = 0;
  std::size_t header_septets = 0;
  int fill = 0;
  if (has_header) {
    auto read = ReadHeader(*ud, static_cast<std::size_t>(udl) * 7, out);
    if (!read) return read.error();
    header_octets = *read;
    // TS 23.040 §9.2.3.24: the header is padded with fill bits to a septet
    // boundary and counts in TP-UDL as whole septets.
    fill = FillBitsAfterUdh(header_octets);
    header_septets = (header_octets * 8 + static_cast<std::size_t>(fill)) / 7;
  }
  auto septets = UnpackSeptets(ud->subspan(header_octets),
                               static_cast<std::size_t>(udl) - header_septets, fill);
  if (!septets) return MakeError("TP-UD: septets run past TP-UDL");
  const Gsm7Tables tables = out.header ? out.header->tables : Gsm7Tables{};
  out.text = CodepointsToUtf8(DecodeGsm7(*septets, tables));
  return out;
}

Result<UserData> DecodeOctets(OctetReader& reader, int udl, bool has_header,
                              const DataCoding& coding) {
  if (udl > kMaxUserDataOctets) {
    return MakeError("TP-UDL: " + std::to_string(udl) + " octets exceeds 140");
  }
  auto ud = reader.Take(static_cast<std::size_t>(udl), "TP-UD");
  if (!ud) return ud.error();
  UserData out;
  out.length = udl;
  std::size_t header_octets = 0;
  if (has_header) {
    auto read = ReadHeader(*ud, static_cast<std::size_t>(udl) * 8, out);
    if (!read) return read.error();
    header_octets = *read;
  }
  const auto payload = ud->subspan(header_octets);
  if (coding.alphabet == Encoding::kUcs2 && !coding.compressed) {
    out.text = CodepointsToUtf8(DecodeUtf16Be(payload));
  } else {
    out.data.assign(payload.begin(), payload.end());
  }
  return out;
}

}  // namespace

Result<UserData> DecodeUserData(OctetReader& reader, const DataCoding& coding, bool has_header) {
  auto udl = reader.Byte("TP-UDL");
  if (!udl) return udl.error();
  // TS 23.040 §9.2.3.16: TP-UDL counts septets for uncompressed GSM-7 and
  // octets for everything else, compressed GSM-7 included.
  if (coding.alphabet == Encoding::kGsm7 && !coding.compressed) {
    return DecodeSeptets(reader, *udl, has_header);
  }
  return DecodeOctets(reader, *udl, has_header, coding);
}

std::vector<std::uint8_t> EncodeUserData(Encoding alphabet, std::span<const std::uint8_t> header,
                                         std::span<const std::uint8_t> payload) {
  std::vector<std::uint8_t> out{0};  // TP-UDL, set below
  out.insert(out.end(), header.begin(), header.end());
  if (alphabet == Encoding::kGsm7) {
    const int fill = header.empty() ? 0 : FillBitsAfterUdh(header.size());
    const std::size_t header_septets = (header.size() * 8 + static_cast<std::size_t>(fill)) / 7;
    const auto packed = PackSeptets(payload, fill);
    out.insert(out.end(), packed.begin(), packed.end());
    out[0] = static_cast<std::uint8_t>(header_septets + payload.size());
  } else {
    out.insert(out.end(), payload.begin(), payload.end());
    out[0] = static_cast<std::uint8_t>(header.size() + payload.size());
  }
  return out;
}

}  // namespace smsdesk::modem
