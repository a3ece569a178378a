#include "modem/user_data_header.h"

#include <string>

namespace smsdesk::modem {
namespace {

// TS 23.038 §6.2.1.2.4: the language ids this codec has tables for.
std::optional<NationalLanguage> SupportedLanguage(std::uint8_t id) {
  switch (id) {
    case 1: return NationalLanguage::kTurkish;
    case 2: return NationalLanguage::kSpanish;
    case 3: return NationalLanguage::kPortuguese;
    default: return std::nullopt;
  }
}

std::optional<ConcatInfo> ParseConcat(std::uint8_t iei, std::span<const std::uint8_t> data) {
  ConcatInfo info;
  if (iei == kIeiConcat8 && data.size() == 3) {
    info.reference = data[0];
    info.total = data[1];
    info.sequence = data[2];
  } else if (iei == kIeiConcat16 && data.size() == 4) {
    info.reference = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
    info.total = data[2];
    info.sequence = data[3];
    info.reference_16bit = true;
  } else {
    return std::nullopt;
  }
  // TS 23.040 §9.2.3.24.1: a sequence number of 0 or above the total makes
  // the receiver ignore the whole IE.
  if (info.sequence == 0 || info.sequence > info.total) return std::nullopt;
  return info;
}

void AppendIe(std::vector<std::uint8_t>& out, std::uint8_t iei,
              std::span<const std::uint8_t> data) {
  out.push_back(iei);
  out.push_back(static_cast<std::uint8_t>(data.size()));
  out.insert(out.end(), data.begin(), data.end());
}

}  // namespace

Result<UserDataHeader> ParseUserDataHeader(std::span<const std::uint8_t> elements) {
  UserDataHeader header;
  std::size_t at = 0;
  while (at < elements.size()) {
    if (elements.size() - at < 2) {
      return MakeError("UDH: information element header truncated at octet " + std::to_string(at));
    }
    const std::uint8_t iei = elements[at];
    const std::size_t length = elements[at + 1];
    if (length > elements.size() - at - 2) {
      return MakeError("UDH: IE " + std::to_string(iei) + " length " + std::to_string(length) +
                       " runs past the header");
    }
    const auto data = elements.subspan(at + 2, length);
    at += 2 + length;
    if (iei == kIeiConcat8 || iei == kIeiConcat16) {
      // §9.2.3.24: when an IE is repeated, the last occurrence counts.
      if (auto concat = ParseConcat(iei, data)) header.concat = concat;
      continue;
    }
    if ((iei == kIeiNationalSingleShift || iei == kIeiNationalLockingShift) && length == 1) {
      if (auto language = SupportedLanguage(data[0])) {
        (iei == kIeiNationalSingleShift ? header.tables.single : header.tables.locking) = *language;
        continue;
      }
    }
    header.others.push_back({iei, std::vector<std::uint8_t>(data.begin(), data.end())});
  }
  return header;
}

std::vector<std::uint8_t> BuildUserDataHeader(const UserDataHeader& header) {
  std::vector<std::uint8_t> out{0};  // UDHL, patched below
  if (const auto& c = header.concat) {
    if (c->reference_16bit) {
      const std::uint8_t data[] = {static_cast<std::uint8_t>(c->reference >> 8),
                                   static_cast<std::uint8_t>(c->reference & 0xFF), c->total,
                                   c->sequence};
      AppendIe(out, kIeiConcat16, data);
    } else {
      const std::uint8_t data[] = {static_cast<std::uint8_t>(c->reference & 0xFF), c->total,
                                   c->sequence};
      AppendIe(out, kIeiConcat8, data);
    }
  }
  if (header.tables.locking != NationalLanguage::kNone) {
    const std::uint8_t id = static_cast<std::uint8_t>(header.tables.locking);
    AppendIe(out, kIeiNationalLockingShift, std::span(&id, 1));
  }
  if (header.tables.single != NationalLanguage::kNone) {
    const std::uint8_t id = static_cast<std::uint8_t>(header.tables.single);
    AppendIe(out, kIeiNationalSingleShift, std::span(&id, 1));
  }
  for (const auto& ie : header.others) AppendIe(out, ie.iei, ie.data);
  if (out.size() == 1) return {};
  out[0] = static_cast<std::uint8_t>(out.size() - 1);
  return out;
}

}  // namespace smsdesk::modem
