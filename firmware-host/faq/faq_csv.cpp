#include "firmware-host/faq/faq_csv.h"

#include "firmware-host/base/csv_reader.h"
#include "modem/trim.h"

#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace smsdesk::faq {
namespace {

constexpr std::string_view kHeader[] = {"id", "lang", "keywords", "question", "answer"};

using Record = CsvRecord;

std::vector<std::string> SplitKeywords(const std::string& field) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const std::string_view keyword = Trim(current, " ");
    if (!keyword.empty()) out.emplace_back(keyword);
    current.clear();
  };
  for (char c : field) {
    if (c == ';') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

FaqCsvResult Error(int line, std::string message) {
  FaqCsvResult result;
  result.ok = false;
  result.error = CsvError{line, std::move(message)};
  return result;
}

std::string Quote(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

FaqCsvResult ParseFaqCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  CsvReader reader(text);
  Record record;
  if (!reader.Next(record)) {
    if (const CsvReadError* e = reader.error()) return Error(e->line, e->message);
    return Error(1, "empty file: expected header id,lang,keywords,question,answer");
  }
  bool header_ok = record.fields.size() == 5;
  for (size_t i = 0; header_ok && i < 5; ++i) header_ok = record.fields[i] == kHeader[i];
  if (!header_ok) return Error(1, "header must be exactly id,lang,keywords,question,answer");

  FaqCsvResult result;
  std::set<std::pair<std::string, std::string>> seen;
  while (reader.Next(record)) {
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
    if (record.fields.size() != 5) {
      return Error(record.line, "expected 5 fields, found " + std::to_string(record.fields.size()));
    }
    FaqEntry entry{record.fields[0], record.fields[1], SplitKeywords(record.fields[2]),
                   record.fields[3], record.fields[4]};
    if (entry.id.empty() || entry.lang.empty()) return Error(record.line, "empty id or lang");
    if (!seen.emplace(entry.id, entry.lang).second) {
      return Error(record.line, "duplicate entry " + entry.id + " (" + entry.lang + ")");
    }
    result.entries.push_back(std::move(entry));
  }
  if (const CsvReadError* e = reader.error()) return Error(e->line, e->message);
  return result;
}

FaqCsvResult ReadFaqCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(0, "cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseFaqCsv(buffer.str());
}

std::string WriteFaqCsv(const std::vector<FaqEntry>& entries) {
  std::string out = "id,lang,keywords,question,answer\n";
  for (const FaqEntry& e : entries) {
    std::string keywords;
    for (size_t i = 0; i < e.keywords.size(); ++i) keywords += (i ? ";" : "") + e.keywords[i];
    out += Quote(e.id) + "," + Quote(e.lang) + "," + Quote(keywords) + "," + Quote(e.question) +
           "," + Quote(e.answer) + "\n";
  }
  return out;
}

}  // namespace smsdesk::faq
