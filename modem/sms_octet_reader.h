// A bounds-checked cursor over the octets of a TPDU. Every read either yields
// the octets or an Error naming the TS 23.040 field being read, so a decoder
// built on it cannot read past the end of a truncated or malformed PDU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "modem/result.h"

namespace smsdesk::modem {

class OctetReader {
 public:
  explicit OctetReader(std::span<const std::uint8_t> octets) : octets_(octets) {}

  // One octet of field `field` (e.g. "TP-PID").
  Result<std::uint8_t> Byte(std::string_view field) {
    if (offset_ >= octets_.size()) return Truncated(field);
    return octets_[offset_++];
  }

  // `count` octets of field `field`.
  Result<std::span<const std::uint8_t>> Take(std::size_t count, std::string_view field) {
    if (count > remaining()) return Truncated(field);
    auto part = octets_.subspan(offset_, count);
    offset_ += count;
    return part;
  }

  std::span<const std::uint8_t> Rest() const { return octets_.subspan(offset_); }
  std::size_t offset() const { return offset_; }
  std::size_t remaining() const { return octets_.size() - offset_; }
  bool AtEnd() const { return offset_ == octets_.size(); }

 private:
  Error Truncated(std::string_view field) const {
    return MakeError(std::string(field) + ": PDU truncated at octet " + std::to_string(offset_));
  }

  std::span<const std::uint8_t> octets_;
  std::size_t offset_ = 0;
};

}  // namespace smsdesk::modem
