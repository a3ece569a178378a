// Strings between the modem and the terminal (TE) follow AT+CSCS
// (3GPP TS 27.007 §5.5): "GSM"/"IRA" as plain text, "UCS2" as UTF-16BE hex
// (docs/modem.md §1 step 7: +CSCA under UCS2 is "002B0034…"). USSD strings may also
// be packed GSM-7 as hex (Huawei, docs/modem.md §2). Pure helpers for the virtual modem.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smsdesk::sim {

enum class TeCharset { kGsm, kIra, kUcs2 };

std::optional<TeCharset> ParseTeCharset(std::string_view name);  // "GSM", "IRA", "UCS2"
const char* TeCharsetName(TeCharset charset);

// UTF-8 text as the TE sees it under `charset`.
std::string EncodeTeString(std::string_view utf8, TeCharset charset);
// The reverse; a UCS2 string that is not valid hex is taken as plain text.
std::string DecodeTeString(std::string_view te, TeCharset charset);

// USSD as packed GSM-7 in hex, with the CR pad of TS 23.038 §6.1.2.3.1 when
// 7 spare bits would otherwise read as '@'.
std::string EncodeUssdPackedHex(std::string_view utf8);
// nullopt when `hex` is not hex.
std::optional<std::string> DecodeUssdPackedHex(std::string_view hex);

}  // namespace smsdesk::sim
