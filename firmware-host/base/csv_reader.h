// An RFC 4180 record reader (quoted fields with commas, doubled quotes and
// line breaks), shared by the CSV formats the program reads (the FAQ,
// subscriber lists). Records end in LF, CRLF or a lone CR (what spreadsheets
// on old Macs save); inside quotes every byte is data. It tracks physical
// lines so that an error inside a multi-line quoted field points at the
// right place. One pass over the text, linear in it; NUL and invalid UTF-8
// are data like any other byte. After an error, Next returns false.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smsdesk {

struct CsvReadError {
  int line = 0;  // 1-based physical line; 0: no error
  std::string message;
};

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  // line where the record starts
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Returns false at end of input; sets error_ on a malformed record.
  bool Next(CsvRecord& record) {
    record.fields.clear();
    if (pos_ >= text_.size() || error_.line) return false;
    record.line = line_;
    std::string field;
    bool quoted = false;
    bool after_quote = false;  // just closed a quoted field
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            quoted = false;
            after_quote = true;
          }
        } else {
          if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
          field += c;
        }
        continue;
      }
      if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        after_quote = false;
      } else if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
        continue;  // CRLF: the LF ends the record
      } else if (c == '\n' || c == '\r') {
        ++line_;
        record.fields.push_back(std::move(field));
        return true;
      } else if (c == '"') {
        if (!field.empty() || after_quote) return Fail("quote inside an unquoted field");
        quoted = true;
      } else {
        if (after_quote) return Fail("text after a closing quote");
        field += c;
      }
    }
    if (quoted) {
      error_ = CsvReadError{record.line, "unterminated quoted field"};
      return false;
    }
    record.fields.push_back(std::move(field));
    return true;
  }

  const CsvReadError* error() const { return error_.line ? &error_ : nullptr; }

 private:
  bool Fail(std::string message) {
    error_ = CsvReadError{line_, std::move(message)};
    return false;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  CsvReadError error_;
};

}  // namespace smsdesk
