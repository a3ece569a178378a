// Fuzzes USSD string decoding (every +CUSD variant of docs/modem.md §2) and the
// +CUSD line parser: a value or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "modem/at_parsers_status.h"
#include "modem/ussd_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smsdesk::modem;
  if (size == 0) return 0;
  // The first byte picks the DCS and the TE charset; the rest is the string.
  const int dcs = data[0];
  const std::string_view str(reinterpret_cast<const char*>(data + 1), size - 1);
  for (TeCharset charset : {TeCharset::kGsm, TeCharset::kUcs2, TeCharset::kIra}) {
    (void)DecodeUssdString(str, dcs, charset).ok();
    (void)DecodeUssdString(str, std::nullopt, charset).ok();
  }
  (void)ParseCusdIndication(str).ok();
  (void)EncodeUssdPackedHex(str).ok();
  return 0;
}
