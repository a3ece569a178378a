// Fuzzes the FAQ's CSV form: any bytes give entries or an error with a line,
// and whatever parses writes back to the same entries (faq_csv.h's promise).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware-host/faq/faq_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smsdesk::faq;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const FaqCsvResult parsed = ParseFaqCsv(text);
  if (!parsed.ok) {
    if (parsed.error.line < 1 || parsed.error.message.empty()) __builtin_trap();
    return 0;
  }
  const FaqCsvResult again = ParseFaqCsv(WriteFaqCsv(parsed.entries));
  if (!again.ok || again.entries.size() != parsed.entries.size()) __builtin_trap();
  for (std::size_t i = 0; i < parsed.entries.size(); ++i) {
    const FaqEntry& a = parsed.entries[i];
    const FaqEntry& b = again.entries[i];
    if (a.id != b.id || a.lang != b.lang || a.keywords != b.keywords || a.question != b.question ||
        a.answer != b.answer) {
      __builtin_trap();
    }
  }
  return 0;
}
