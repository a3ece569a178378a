#include "modem/validity.h"

#include "modem/sms_timestamp.h"

namespace smsdesk::modem {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
// TS 23.040 §9.2.3.12.3: the enhanced format always takes 7 octets.
constexpr std::size_t kEnhancedValidityOctets = 7;

}  // namespace

// TS 23.040 §9.2.3.12.1 relative format.
int RelativeValidityMinutes(std::uint8_t value) {
  const int n = value;
  if (n <= 143) return (n + 1) * 5;
  if (n <= 167) return 12 * 60 + (n - 143) * 30;
  if (n <= 196) return (n - 166) * kMinutesPerDay;
  return (n - 192) * 7 * kMinutesPerDay;
}

std::uint8_t RelativeValidityForMinutes(int minutes) {
  for (int n = 0; n <= 255; ++n) {
    if (RelativeValidityMinutes(static_cast<std::uint8_t>(n)) >= minutes) {
      return static_cast<std::uint8_t>(n);
    }
  }
  return 255;
}

ValidityFormat ValidityFormatOf(const Validity& validity) {
  if (std::holds_alternative<RelativeValidity>(validity)) return ValidityFormat::kRelative;
  if (std::holds_alternative<AbsoluteValidity>(validity)) return ValidityFormat::kAbsolute;
  return ValidityFormat::kNone;
}

Result<Validity> DecodeValidity(OctetReader& reader, ValidityFormat format) {
  switch (format) {
    case ValidityFormat::kNone:
      return Validity{};
    case ValidityFormat::kRelative: {
      auto octet = reader.Byte("TP-VP (relative)");
      if (!octet) return octet.error();
      return Validity{RelativeValidity{*octet}};
    }
    case ValidityFormat::kAbsolute: {
      auto octets = reader.Take(kTimestampOctets, "TP-VP (absolute)");
      if (!octets) return octets.error();
      return Validity{AbsoluteValidity{DecodeTimestamp(octets->first<kTimestampOctets>())}};
    }
    case ValidityFormat::kEnhanced: {
      auto octets = reader.Take(kEnhancedValidityOctets, "TP-VP (enhanced)");
      if (!octets) return octets.error();
      return Validity{};
    }
  }
  return Validity{};
}

std::vector<std::uint8_t> EncodeValidity(const Validity& validity) {
  if (const auto* relative = std::get_if<RelativeValidity>(&validity)) return {relative->value};
  if (const auto* absolute = std::get_if<AbsoluteValidity>(&validity)) {
    const auto octets = EncodeTimestamp(absolute->time);
    return {octets.begin(), octets.end()};
  }
  return {};
}

}  // namespace smsdesk::modem
