// The FAQ's CSV form (RFC 4180): header `id,lang,keywords,question,answer`,
// optionally a sixth column `examples` (real questions the entry answers,
// one per line of the quoted field); quoted fields may hold commas, doubled
// quotes and line breaks; keywords are ';'-separated. A UTF-8 BOM and CRLF line ends are tolerated on input; output
// is LF without BOM. Pure functions: text in, entries or an error out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/faq/faq_entry.h"

namespace smsdesk::faq {

struct CsvError {
  int line = 0;  // 1-based physical line where the problem starts
  std::string message;
};

struct FaqCsvResult {
  std::vector<FaqEntry> entries;
  bool ok = true;
  CsvError error;  // meaningful only when !ok
};

// Parses a whole file's text. Rejects: a wrong header, a row without the
// header's number of fields, an unterminated quote, a stray quote inside an unquoted field, an
// empty id or lang, and a duplicate (id, lang).
FaqCsvResult ParseFaqCsv(std::string_view text);

// Reads `path` and parses it; an unreadable file is an error at line 0.
FaqCsvResult ReadFaqCsvFile(const std::string& path);

// Serializes entries (with the examples column when an entry has
// examples); a field is quoted when it holds a comma, a quote or a line
// break. ParseFaqCsv(WriteFaqCsv(e)) gives back e.
std::string WriteFaqCsv(const std::vector<FaqEntry>& entries);

// An examples field: one example per line, each trimmed, blank lines
// dropped (CR LF tolerated); and back.
std::vector<std::string> SplitExamples(std::string_view field);
std::string JoinExamples(const std::vector<std::string>& examples);

}  // namespace smsdesk::faq
