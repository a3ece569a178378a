// TP-VP, the validity period of an SMS-SUBMIT (3GPP TS 23.040 §9.2.3.12), in
// the format that TP-VPF (§9.2.3.3) selects. The Validity variant and the
// relative-period conversions are declared in sms_pdu.h.
#pragma once

#include <cstdint>
#include <vector>

#include "modem/result.h"
#include "modem/sms_octet_reader.h"
#include "modem/sms_pdu.h"

namespace smsdesk::modem {

// TS 23.040 §9.2.3.3 TP-VPF, bits 4..3 of the first octet of an SMS-SUBMIT.
enum class ValidityFormat : std::uint8_t { kNone = 0, kEnhanced = 1, kRelative = 2, kAbsolute = 3 };

ValidityFormat ValidityFormatOf(const Validity& validity);

// Reads TP-VP in `format`. The enhanced format (§9.2.3.12.3) is read past and
// decodes to monostate: the desk never needs it.
Result<Validity> DecodeValidity(OctetReader& reader, ValidityFormat format);

std::vector<std::uint8_t> EncodeValidity(const Validity& validity);

}  // namespace smsdesk::modem
