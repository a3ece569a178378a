#include "modem/sms_address.h"

#include <string>

#include "modem/gsm_alphabet.h"
#include "modem/septet_packer.h"
#include "modem/unicode.h"

namespace smsdesk::modem {
namespace {

// TS 23.040 §9.1.2.5: at most 20 semi-octets of address value.
constexpr std::size_t kMaxAddressSemiOctets = 20;
// TS 24.011 §8.2.5.1: RP-Originator/Destination address, at most 11 octets
// after the length octet (TOA plus 10 octets of digits).
constexpr std::size_t kMaxSmscOctets = 11;
// 11 septets fill the 10 octets of an alphanumeric address.
constexpr std::size_t kMaxAlphanumericChars = 11;

// TS 23.040 §9.1.2.3 semi-octet representation: 1010 '*', 1011 '#',
// 1100 'a', 1101 'b', 1110 'c', 1111 filler.
char SemiOctetChar(std::uint8_t nibble) {
  static constexpr char kChars[] = "0123456789*#abc";
  return nibble < 15 ? kChars[nibble] : '\0';
}

std::optional<std::uint8_t> CharSemiOctet(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
  switch (c) {
    case '*': return 0x0A;
    case '#': return 0x0B;
    case 'a': case 'A': return 0x0C;
    case 'b': case 'B': return 0x0D;
    case 'c': case 'C': return 0x0E;
    default: return std::nullopt;
  }
}

// The first `semi_octets` nibbles, low nibble first; F fillers are skipped.
std::string DecodeDigits(std::span<const std::uint8_t> octets, std::size_t semi_octets) {
  std::string digits;
  for (std::size_t i = 0; i < semi_octets && i / 2 < octets.size(); ++i) {
    const std::uint8_t o = octets[i / 2];
    const char c = SemiOctetChar(i % 2 == 0 ? (o & 0x0F) : (o >> 4));
    if (c != '\0') digits.push_back(c);
  }
  return digits;
}

Address MakeNumeric(std::uint8_t toa, std::string digits) {
  Address a;
  a.type_of_address = toa;
  a.kind = AddressKindOfToa(toa);
  a.number = a.kind == Address::Kind::kInternational ? "+" + digits : std::move(digits);
  return a;
}

// Digits of a numeric address, F-padded when odd (TS 23.040 §9.1.2.3).
std::vector<std::uint8_t> EncodeDigits(std::string_view number, std::size_t& semi_octets) {
  std::vector<std::uint8_t> nibbles;
  for (char c : number) {
    if (auto n = CharSemiOctet(c)) nibbles.push_back(*n);
  }
  if (nibbles.size() > kMaxAddressSemiOctets) nibbles.resize(kMaxAddressSemiOctets);
  semi_octets = nibbles.size();
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < nibbles.size(); i += 2) {
    const std::uint8_t hi = i + 1 < nibbles.size() ? nibbles[i + 1] : 0x0F;
    out.push_back(static_cast<std::uint8_t>((hi << 4) | nibbles[i]));
  }
  return out;
}

std::vector<std::uint8_t> EncodeAlphanumeric(std::string_view text, std::size_t& semi_octets) {
  std::vector<std::uint8_t> septets;
  for (char32_t cp : Utf8ToCodepointsLenient(text)) {
    std::vector<std::uint8_t> one;
    if (!AppendGsm7(cp, {}, one)) continue;
    if (septets.size() + one.size() > kMaxAlphanumericChars) break;
    septets.insert(septets.end(), one.begin(), one.end());
  }
  // TS 23.040 §9.1.2.5: the length is the number of useful semi-octets.
  semi_octets = (septets.size() * 7 + 3) / 4;
  return PackSeptets(septets);
}

}  // namespace

Address::Kind AddressKindOfToa(std::uint8_t type_of_address) {
  switch ((type_of_address >> 4) & 0x07) {
    case 1: return Address::Kind::kInternational;
    case 2: return Address::Kind::kNational;
    case 5: return Address::Kind::kAlphanumeric;
    default: return Address::Kind::kOther;
  }
}

Result<Address> DecodeAddressField(OctetReader& reader, std::string_view field) {
  auto length = reader.Byte(field);
  if (!length) return length.error();
  if (*length > kMaxAddressSemiOctets) {
    return MakeError(std::string(field) + ": length " + std::to_string(*length) +
                     " exceeds 20 semi-octets");
  }
  auto toa = reader.Byte(field);
  if (!toa) return toa.error();
  auto value = reader.Take((*length + 1u) / 2u, field);
  if (!value) return value.error();
  if (AddressKindOfToa(*toa) != Address::Kind::kAlphanumeric) {
    return MakeNumeric(*toa, DecodeDigits(*value, *length));
  }
  // TS 23.040 §9.1.2.5: alphanumeric, GSM-7 packed; the length counts the
  // semi-octets in use, so 7 chars (49 bits) -> 13, 11 chars (77 bits) -> 20.
  auto septets = UnpackSeptets(*value, *length * 4u / 7u);
  Address a;
  a.kind = Address::Kind::kAlphanumeric;
  a.type_of_address = *toa;
  if (septets) a.number = CodepointsToUtf8(DecodeGsm7(*septets));
  return a;
}

Result<std::optional<Address>> DecodeSmscField(OctetReader& reader) {
  auto length = reader.Byte("SMSC length");
  if (!length) return length.error();
  if (*length == 0) return std::optional<Address>();
  if (*length > kMaxSmscOctets) {
    return MakeError("SMSC: length " + std::to_string(*length) + " exceeds 11 octets");
  }
  auto toa = reader.Byte("SMSC type of address");
  if (!toa) return toa.error();
  auto value = reader.Take(*length - 1u, "SMSC address");
  if (!value) return value.error();
  return std::optional<Address>(MakeNumeric(*toa, DecodeDigits(*value, value->size() * 2)));
}

std::vector<std::uint8_t> EncodeAddressField(const Address& address) {
  std::size_t semi_octets = 0;
  const bool alpha = AddressKindOfToa(address.type_of_address) == Address::Kind::kAlphanumeric;
  std::vector<std::uint8_t> value = alpha ? EncodeAlphanumeric(address.number, semi_octets)
                                          : EncodeDigits(address.number, semi_octets);
  std::vector<std::uint8_t> out{static_cast<std::uint8_t>(semi_octets), address.type_of_address};
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

std::vector<std::uint8_t> EncodeSmscField(const std::optional<Address>& smsc) {
  if (!smsc) return {0x00};
  std::size_t semi_octets = 0;
  std::vector<std::uint8_t> digits = EncodeDigits(smsc->number, semi_octets);
  std::vector<std::uint8_t> out{static_cast<std::uint8_t>(digits.size() + 1), smsc->type_of_address};
  out.insert(out.end(), digits.begin(), digits.end());
  return out;
}

Result<Address> ParseAddress(std::string_view text) {
  if (text.empty()) return MakeError("address: empty");
  // Separators people type in phone numbers are not part of the number.
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') compact.push_back(c);
  }
  const bool international = !compact.empty() && compact.front() == '+';
  const std::string_view digits = std::string_view(compact).substr(international ? 1 : 0);
  bool dialable = !digits.empty() && digits.size() <= kMaxAddressSemiOctets;
  for (char c : digits) {
    if (!(c >= '0' && c <= '9') && c != '*' && c != '#') dialable = false;
  }
  if (dialable) {
    return MakeNumeric(international ? kToaInternational : kToaUnknown, std::string(digits));
  }
  if (international) return MakeError("address: \"" + std::string(text) + "\" is not a number");
  // TS 23.040 §9.1.2.5 alphanumeric: at most 11 GSM-7 septets.
  auto cps = Utf8ToCodepoints(text);
  if (!cps) return MakeError("address: " + cps.error().message);
  std::vector<std::uint8_t> septets;
  if (!EncodeGsm7(*cps, {}, septets)) {
    return MakeError("address: alphanumeric sender has characters outside GSM-7");
  }
  if (septets.size() > kMaxAlphanumericChars) {
    return MakeError("address: alphanumeric sender longer than 11 septets");
  }
  Address a;
  a.kind = Address::Kind::kAlphanumeric;
  a.type_of_address = kToaAlphanumeric;
  a.number = std::string(text);
  return a;
}

}  // namespace smsdesk::modem
