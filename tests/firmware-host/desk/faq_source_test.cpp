// The daemon's FAQ from the store: entries come back as they went in, in the
// order they were imported (so `smsdesk faq export` gives the file back).
#include "firmware-host/desk/faq_source.h"

#include <gtest/gtest.h>

#include "firmware-host/faq/faq_csv.h"

namespace smsdesk::desk {
namespace {

TEST(FaqSource, TheStoreKeepsTheImportOrderAndEveryField) {
  auto db = store::Database::Open(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().message();
  const faq::FaqCsvResult csv = faq::ParseFaqCsv(
      "id,lang,keywords,question,answer\n"
      "zoo,fr,zoo; animaux ,\"Où, quand ?\",\"Dites \"\"oui\"\"\nensuite\"\n"
      "zoo,en,zoo,Where?,Go.\n"
      "bus-pass,ar,,سؤال,جواب\n");
  ASSERT_TRUE(csv.ok) << csv.error.message;
  std::vector<store::FaqRow> rows;
  for (const faq::FaqEntry& e : csv.entries) rows.push_back(RowFromEntry(e, 100, "cli:test"));
  store::FaqStore faq_store(**db);
  ASSERT_TRUE(faq_store.ReplaceAll(rows).ok());

  auto loaded = LoadFaqEntries(config::Config{}, **db);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(faq::WriteFaqCsv(*loaded), faq::WriteFaqCsv(csv.entries));

  // An edited entry stays in place; a new one comes last.
  ASSERT_TRUE(faq_store.Upsert(RowFromEntry({.id = "zoo", .lang = "en", .answer = "Bus 8."}, 200, "amira")).ok());
  ASSERT_TRUE(faq_store.Upsert(RowFromEntry({.id = "aaa", .lang = "en", .answer = "A."}, 200, "amira")).ok());
  auto after = faq_store.All();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 4u);
  EXPECT_EQ((*after)[1].answer, "Bus 8.");
  EXPECT_EQ((*after)[3].id, "aaa");
  EXPECT_EQ((*after)[3].updated_by, "amira");
}

TEST(FaqSource, AnAnswerInTheAskedLanguageElseEnglishElseTheFirst) {
  const std::vector<faq::FaqEntry> entries = {{.id = "bus", .lang = "fr", .answer = "Autobus."},
                                              {.id = "bus", .lang = "en", .answer = "Bus."},
                                              {.id = "bus", .lang = "ar", .answer = "باص."},
                                              {.id = "zoo", .lang = "uk", .answer = "Зоопарк."},
                                              {.id = "zoo", .lang = "fr", .answer = "Zoo."}};
  EXPECT_EQ(AnswerIn(entries, "bus", "ar"), "باص.");
  EXPECT_EQ(AnswerIn(entries, "bus", "es"), "Bus.");
  EXPECT_EQ(AnswerIn(entries, "zoo", "es"), "Зоопарк.");
  EXPECT_EQ(AnswerIn(entries, "nope", "en"), std::nullopt);
}

TEST(FaqSource, MatcherSettingsAreCheckedByName) {
  auto db = store::Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  config::Config config;
  auto load = LoadFaq(config, **db);
  ASSERT_TRUE(load) << load.error().message;
  EXPECT_TRUE(load->entries.empty());
  config.faq.matcher["no_such_setting"] = 1;
  auto refused = LoadFaq(config, **db);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("faq.matcher.no_such_setting"), std::string::npos);
}

}  // namespace
}  // namespace smsdesk::desk
