#include "firmware-host/faq/faq_csv.h"

#include "firmware-host/base/csv_reader.h"
#include "modem/trim.h"

#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace smsdesk::faq {
namespace {

constexpr std::string_view kHeader[] = {"id", "lang", "keywords", "question", "answer", "examples"};

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
  const size_t columns = record.fields.size();
  bool header_ok = columns == 5 || columns == 6;
  for (size_t i = 0; header_ok && i < columns; ++i) header_ok = record.fields[i] == kHeader[i];
  if (!header_ok) return Error(1, "header must be exactly id,lang,keywords,question,answer (and optionally ,examples)");

  FaqCsvResult result;
  std::set<std::pair<std::string, std::string>> seen;
  while (reader.Next(record)) {
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
    if (record.fields.size() != columns) {
      return Error(record.line, "expected " + std::to_string(columns) + " fields, found " +
                                    std::to_string(record.fields.size()));
    }
    FaqEntry entry{record.fields[0], record.fields[1], SplitKeywords(record.fields[2]),
                   record.fields[3], record.fields[4]};
    if (columns == 6) entry.examples = SplitExamples(record.fields[5]);
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
  bool examples = false;
  for (const FaqEntry& e : entries) examples |= !e.examples.empty();
  std::string out = examples ? "id,lang,keywords,question,answer,examples\n" : "id,lang,keywords,question,answer\n";
  for (const FaqEntry& e : entries) {
    std::string keywords;
    for (size_t i = 0; i < e.keywords.size(); ++i) keywords += (i ? ";" : "") + e.keywords[i];
    out += Quote(e.id) + "," + Quote(e.lang) + "," + Quote(keywords) + "," + Quote(e.question) +
           "," + Quote(e.answer);
    if (examples) out += "," + Quote(JoinExamples(e.examples));
    out += "\n";
  }
  return out;
}

std::vector<std::string> SplitExamples(std::string_view field) {
  std::vector<std::string> out;
  while (!field.empty()) {
    const size_t end = field.find('\n');
    std::string_view line = field.substr(0, end);
    field = end == std::string_view::npos ? std::string_view() : field.substr(end + 1);
    line = Trim(line, " \t\r");
    if (!line.empty()) out.emplace_back(line);
  }
  return out;
}

std::string JoinExamples(const std::vector<std::string>& examples) {
  std::string out;
  for (const std::string& x : examples) {
    if (!out.empty()) out += '\n';
    out += x;
  }
  return out;
}

}  // namespace smsdesk::faq
