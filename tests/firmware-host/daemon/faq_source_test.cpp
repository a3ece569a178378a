// The daemon's FAQ from the store: entries come back as they went in, in the
// order they were imported (so `smsdesk faq export` gives the file back).
#include "firmware-host/daemon/faq_source.h"

#include <gtest/gtest.h>

#include "firmware-host/faq_csv.h"

namespace smsdesk::daemon {
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

}  // namespace
}  // namespace smsdesk::daemon
