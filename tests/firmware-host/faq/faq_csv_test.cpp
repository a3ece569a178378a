// FAQ CSV (RFC 4180) parsing and writing, including line-numbered errors.
#include "firmware-host/faq/faq_csv.h"

#include <gtest/gtest.h>

#include "firmware-host/base/csv_reader.h"

namespace smsdesk::faq {
namespace {

using smsdesk::CsvReader;
using smsdesk::CsvRecord;

constexpr const char* kHeader = "id,lang,keywords,question,answer\n";

TEST(FaqCsv, ParsesPlainRows) {
  auto r = ParseFaqCsv(std::string(kHeader) + "bus-pass,en,bus pass;presto; fare ,How?,Pay.\n");
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].id, "bus-pass");
  EXPECT_EQ(r.entries[0].lang, "en");
  EXPECT_EQ(r.entries[0].keywords, (std::vector<std::string>{"bus pass", "presto", "fare"}));
  EXPECT_EQ(r.entries[0].question, "How?");
  EXPECT_EQ(r.entries[0].answer, "Pay.");
}

TEST(FaqCsv, QuotedFieldsWithCommasDoubledQuotesAndNewlines) {
  auto r = ParseFaqCsv(std::string(kHeader) +
                       "a,en,k,\"Where, when?\",\"Say \"\"hi\"\"\nthen go\"\n"
                       "b,fr,k,q,a\n");
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].question, "Where, when?");
  EXPECT_EQ(r.entries[0].answer, "Say \"hi\"\nthen go");
  EXPECT_EQ(r.entries[1].id, "b");
}

TEST(FaqCsv, ToleratesBomAndCrlfAndMissingFinalNewline) {
  auto r = ParseFaqCsv("\xEF\xBB\xBFid,lang,keywords,question,answer\r\na,ar,k,q,\"x\r\ny\"\r\nb,en,k,q,a");
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].answer, "x\r\ny");  // inside quotes, kept as written
  EXPECT_EQ(r.entries[1].answer, "a");
}

TEST(FaqCsv, WrongHeaderIsLineOne) {
  auto r = ParseFaqCsv("id,lang,question,answer\na,en,q,a\n");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 1);
}

TEST(FaqCsv, WrongFieldCountNamesTheLine) {
  auto r = ParseFaqCsv(std::string(kHeader) + "a,en,k,q,a\nb,en,k,q\n");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 3);
  EXPECT_NE(r.error.message.find("5 fields"), std::string::npos);
}

TEST(FaqCsv, LineNumbersCountNewlinesInsideQuotes) {
  auto r = ParseFaqCsv(std::string(kHeader) + "a,en,k,\"two\nlines\",a\nb,en,k,q,a,extra\n");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 4);
}

TEST(FaqCsv, UnterminatedQuoteNamesWhereTheRecordStarts) {
  auto r = ParseFaqCsv(std::string(kHeader) + "a,en,k,q,a\nb,en,k,\"never closed\n,x\n");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 3);
  EXPECT_NE(r.error.message.find("unterminated"), std::string::npos);
}

TEST(FaqCsv, StrayQuotesAreErrors) {
  EXPECT_FALSE(ParseFaqCsv(std::string(kHeader) + "a,en,k,q\"x,a\n").ok);
  EXPECT_FALSE(ParseFaqCsv(std::string(kHeader) + "a,en,k,\"q\"x,a\n").ok);
}

TEST(FaqCsv, DuplicateIdAndLangIsAnError) {
  auto r = ParseFaqCsv(std::string(kHeader) + "a,en,k,q,a\na,fr,k,q,a\na,en,k,q,a\n");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 4);
}

TEST(FaqCsv, EmptyIdIsAnError) {
  EXPECT_FALSE(ParseFaqCsv(std::string(kHeader) + ",en,k,q,a\n").ok);
}

TEST(FaqCsv, WriteThenParseRoundTrips) {
  std::vector<FaqEntry> entries = {
      {"a", "en", {"x, y", "z"}, "Q \"quoted\"?", "line1\nline2"},
      {"b", "ar", {"باص"}, "كيف؟", "ادفع، ثم اركب"},
  };
  std::string text = WriteFaqCsv(entries);
  auto r = ParseFaqCsv(text);
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].keywords, entries[0].keywords);
  EXPECT_EQ(r.entries[0].question, entries[0].question);
  EXPECT_EQ(r.entries[0].answer, entries[0].answer);
  EXPECT_EQ(r.entries[1].answer, entries[1].answer);
}

TEST(FaqCsv, ParsesTheEvaluationFaq) {
  auto r = ReadFaqCsvFile(SMSDESK_TEST_DATA "/eval/faq-ottawa.csv");
  ASSERT_TRUE(r.ok) << r.error.line << ": " << r.error.message;
  EXPECT_EQ(r.entries.size(), 147u);
}

TEST(FaqCsv, CrOnlyLineEndsEndRecords) {
  // What spreadsheets on old Macs save: one record before, five after.
  auto r = ParseFaqCsv("id,lang,keywords,question,answer\ra,en,k,q,a\rb,fr,k,q,\"x\ry\"\r\rc,en,k,q,a,extra\r");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.line, 6);  // the CR inside quotes counts as a line too
  r = ParseFaqCsv("id,lang,keywords,question,answer\ra,en,k,q,a\rb,fr,k,q,\"x\ry\"\r");
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[1].answer, "x\ry");
}

TEST(FaqCsv, NulBytesAndHugeFieldsAreData) {
  const std::string nul("a\0b", 3);
  auto r = ParseFaqCsv(std::string(kHeader) + nul + ",en,k,q," + nul + "\n");
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.entries[0].id, nul);
  const std::string huge(1 << 20, 'x');  // 1 MB, quoted and not
  r = ParseFaqCsv(std::string(kHeader) + "a,en," + huge + ",q,\"" + huge + "\"\n");
  ASSERT_TRUE(r.ok) << r.error.message;
  EXPECT_EQ(r.entries[0].answer.size(), huge.size());
}

TEST(CsvReader, AnErrorEndsTheReading) {
  CsvReader reader("a,\"b\"x,c\nd,e\n");
  CsvRecord record;
  EXPECT_FALSE(reader.Next(record));
  ASSERT_NE(reader.error(), nullptr);
  EXPECT_EQ(reader.error()->line, 1);
  EXPECT_FALSE(reader.Next(record));  // not "d,e" read as if nothing happened
  EXPECT_EQ(reader.error()->line, 1);
}

TEST(CsvReader, EveryRecordConsumesInput) {
  CsvReader reader("\r\n\r\r\n\n,");
  CsvRecord record;
  std::vector<size_t> fields;
  while (reader.Next(record)) fields.push_back(record.fields.size());
  EXPECT_EQ(fields, (std::vector<size_t>{1, 1, 1, 1, 2}));  // CRLF, CR, CRLF, LF, ","
  EXPECT_EQ(reader.error(), nullptr);
}

TEST(FaqCsv, MissingFileIsAnError) {
  EXPECT_FALSE(ReadFaqCsvFile("/nonexistent/faq.csv").ok);
}

TEST(FaqCsv, ExamplesColumnOnePerLine) {
  auto r = ParseFaqCsv(
      "id,lang,keywords,question,answer,examples\n"
      "library,en,library,Card?,Free.,\"kitabkhana card\r\n  where to borrow books, free?  \n\n\"\n"
      "bus,en,bus,Fare?,Presto.,\n");
  ASSERT_TRUE(r.ok) << r.error.message;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].examples, (std::vector<std::string>{"kitabkhana card", "where to borrow books, free?"}));
  EXPECT_TRUE(r.entries[1].examples.empty());
  auto back = ParseFaqCsv(WriteFaqCsv(r.entries));
  ASSERT_TRUE(back.ok);
  EXPECT_EQ(back.entries[0].examples, r.entries[0].examples);
  // Without examples, the file keeps its five columns.
  r.entries[0].examples.clear();
  EXPECT_TRUE(WriteFaqCsv(r.entries).starts_with("id,lang,keywords,question,answer\n"));
  // A six-column header wants six fields in every row.
  auto short_row = ParseFaqCsv("id,lang,keywords,question,answer,examples\na,en,k,q,a\n");
  ASSERT_FALSE(short_row.ok);
  EXPECT_EQ(short_row.error.line, 2);
  EXPECT_FALSE(ParseFaqCsv("id,lang,keywords,question,answer,notes\na,en,k,q,a,n\n").ok);
}

}  // namespace
}  // namespace smsdesk::faq
