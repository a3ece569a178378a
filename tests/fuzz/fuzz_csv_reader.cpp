// Fuzzes the CSV record reader that the subscriber import (`smsdesk alert
// import`) and the FAQ share: any bytes (unterminated quotes, NUL, CR-only
// lines, huge fields) give records or one clear error, in one pass.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware-host/base/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  smsdesk::CsvReader reader(text);
  smsdesk::CsvRecord record;
  std::size_t records = 0;
  std::size_t bytes = 0;
  int line = 0;
  while (reader.Next(record)) {
    // Every record consumes input, starts where the previous one ended, and
    // holds no more than the text.
    ++records;
    if (records > size + 1 || record.line < line || record.fields.empty()) __builtin_trap();
    line = record.line;
    for (const auto& field : record.fields) bytes += field.size();
    if (bytes > size) __builtin_trap();
  }
  if (const smsdesk::CsvReadError* e = reader.error()) {
    if (e->line < 1 || e->message.empty()) __builtin_trap();
    if (reader.Next(record)) __builtin_trap();  // an error ends the reading
  }
  return 0;
}
