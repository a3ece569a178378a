#include "store/database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/accounts.h"
#include "store/drafts.h"
#include "store/inbound_store.h"
#include "store/migrations.h"
#include "store/outbox.h"
#include "store/tickets.h"

namespace smsdesk::store {
namespace {

std::unique_ptr<Database> OpenMemory(int version = -1) {
  auto db = Database::Open(":memory:", {.schema_version = version});
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(db).value();
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/smsdesk-store-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const char* name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

TEST(Database, OpensAtTheLatestSchemaVersion) {
  auto db = OpenMemory();
  EXPECT_EQ(db->SchemaVersion(), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 1);
}

TEST(Database, BindsTextAsParametersNeverAsSql) {
  auto db = OpenMemory();
  const std::string hostile = "x'); DROP TABLE contacts; --";
  ASSERT_TRUE(db->Prepare("INSERT INTO contacts(number, created_at) VALUES(?, ?)").Bind(1, hostile).Bind(2, 1).Run().ok());
  auto stmt = db->Prepare("SELECT number FROM contacts");
  auto row = stmt.Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(stmt.Text(0), hostile);
}

TEST(Database, ReportsConstraintViolationsAsValues) {
  auto db = OpenMemory();
  auto insert = [&] { return db->Prepare("INSERT INTO contacts(number, created_at) VALUES('+1555', 1)").Run(); };
  ASSERT_TRUE(insert().ok());
  Status again = insert();
  EXPECT_EQ(again.code(), Status::Code::kConstraint);
  Status bad = db->Prepare("SELEKT nonsense").Run();
  EXPECT_EQ(bad.code(), Status::Code::kInvalid);
  EXPECT_FALSE(bad.message().empty());
}

TEST(Database, NestedUseOfOneStatementGetsAPrivateCopy) {
  auto db = OpenMemory();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(db->Prepare("INSERT INTO meta(key, value) VALUES(?, 'v')").Bind(1, std::to_string(i)).Run().ok());
  }
  auto outer = db->Prepare("SELECT key FROM meta ORDER BY key");
  int pairs = 0;
  while (*outer.Step()) {
    auto inner = db->Prepare("SELECT key FROM meta ORDER BY key");
    while (*inner.Step()) ++pairs;
  }
  EXPECT_EQ(pairs, 9);
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  auto db = OpenMemory();
  {
    Transaction tx(*db);
    ASSERT_TRUE(db->Prepare("INSERT INTO meta(key, value) VALUES('a', '1')").Run().ok());
  }
  {
    Transaction tx(*db);
    ASSERT_TRUE(db->Prepare("INSERT INTO meta(key, value) VALUES('b', '2')").Run().ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  auto stmt = db->Prepare("SELECT group_concat(key) FROM meta");
  ASSERT_TRUE(*stmt.Step());
  EXPECT_EQ(stmt.Text(0), "b");
}

TEST(Database, UsesWalAndSurvivesReopen) {
  TempDir dir;
  {
    auto db = Database::Open(dir.File("desk.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto mode = (*db)->Prepare("PRAGMA journal_mode");
    ASSERT_TRUE(*mode.Step());
    EXPECT_EQ(mode.Text(0), "wal");
    ASSERT_TRUE((*db)->Prepare("INSERT INTO meta(key, value) VALUES('k', 'v')").Run().ok());
  }
  auto db = Database::Open(dir.File("desk.db"));
  ASSERT_TRUE(db.ok());
  auto stmt = (*db)->Prepare("SELECT value FROM meta WHERE key = 'k'");
  ASSERT_TRUE(*stmt.Step());
  EXPECT_EQ(stmt.Text(0), "v");
}

TEST(Database, BacksUpOnline) {
  TempDir dir;
  auto db = Database::Open(dir.File("desk.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Prepare("INSERT INTO meta(key, value) VALUES('k', 'v')").Run().ok());
  ASSERT_TRUE((*db)->BackupTo(dir.File("backup.db")).ok());
  auto copy = Database::Open(dir.File("backup.db"));
  ASSERT_TRUE(copy.ok());
  auto stmt = (*copy)->Prepare("SELECT value FROM meta WHERE key = 'k'");
  ASSERT_TRUE(*stmt.Step());
  EXPECT_EQ(stmt.Text(0), "v");
}

TEST(Database, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  const std::string path = dir.File("junk.db");
  FILE* f = fopen(path.c_str(), "w");
  fputs("this is not an SQLite database, just text that fills the header......", f);
  fclose(f);
  auto db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Status::Code::kCorrupt);
}

// A database at schema `version` with `rows` (SQL) written into it, reopened
// and so migrated to the latest version; null (and a failure) on an error.
std::unique_ptr<Database> UpgradeWithRows(const TempDir& dir, int version, const char* rows) {
  {
    auto db = Database::Open(dir.File("desk.db"), {.schema_version = version});
    if (!db.ok() || !(*db)->Execute(rows).ok()) {
      ADD_FAILURE() << "cannot write version " << version << " rows";
      return nullptr;
    }
  }
  auto db = Database::Open(dir.File("desk.db"));
  if (!db.ok()) {
    ADD_FAILURE() << db.status().message();
    return nullptr;
  }
  EXPECT_EQ((*db)->SchemaVersion(), LatestSchemaVersion());
  return std::move(db).value();
}

// Every migration is tested from every earlier version: open at version v,
// put a row in, migrate to the latest, the row is still there.
TEST(Migrations, RunFromEveryEarlierVersion) {
  for (int from = 0; from <= LatestSchemaVersion(); ++from) {
    TempDir dir;
    {
      auto db = Database::Open(dir.File("desk.db"), {.schema_version = from});
      ASSERT_TRUE(db.ok()) << from << ": " << db.status().message();
      EXPECT_EQ((*db)->SchemaVersion(), from);
      if (from >= 1) {
        ASSERT_TRUE((*db)->Prepare("INSERT INTO contacts(number, created_at) VALUES('+1555', 1)").Run().ok());
      }
    }
    auto db = Database::Open(dir.File("desk.db"));
    ASSERT_TRUE(db.ok()) << from << ": " << db.status().message();
    EXPECT_EQ((*db)->SchemaVersion(), LatestSchemaVersion());
    auto count = (*db)->Prepare("SELECT count(*) FROM contacts");
    ASSERT_TRUE(*count.Step());
    EXPECT_EQ(count.Int(0), from >= 1 ? 1 : 0);
  }
}

TEST(Migrations, RefuseADatabaseFromANewerSmsdesk) {
  TempDir dir;
  {
    auto db = Database::Open(dir.File("desk.db"));
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Execute("PRAGMA user_version=999").ok());
  }
  auto db = Database::Open(dir.File("desk.db"));
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("newer"), std::string::npos);
}

// A desk that ran on version 1 keeps its messages, parts waiting for their
// group and queued replies; the version 2 columns start empty.
TEST(Migrations, Version1RowsSurviveVersion2) {
  TempDir dir;
  auto upgraded = UpgradeWithRows(dir, 1,
                                  "INSERT INTO contacts(id, number, created_at) VALUES(1, '+1555', 1);"
                                  "INSERT INTO messages(contact_id, direction, body, at, modem, kind) "
                                  "  VALUES(1, 'out', 'Library cards are free.', 5, 'm1', 'auto');"
                                  "INSERT INTO inbound_parts(fingerprint, modem, sender, pdu, received_at, concat_ref, "
                                  "  concat_total, concat_seq) VALUES(x'01', 'm1', '+1555', x'0001', 7, 3, 2, 1);"
                                  "INSERT INTO outbox(to_number, body, priority, state, next_attempt_at, created_at) "
                                  "  VALUES('+1555', 'queued before the upgrade', 2, 'queued', 5, 5);");
  ASSERT_NE(upgraded, nullptr);
  Database& db = *upgraded;

  auto thread = *Tickets(db).Thread(1);
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0].body, "Library cards are free.");
  EXPECT_EQ(thread[0].faq_id, std::nullopt);

  InboundStore inbound(db);
  EXPECT_EQ(*inbound.WaitingPartCount(), 1);
  EXPECT_EQ(*inbound.UnreadablePartCount(), 0);
  EXPECT_EQ(**inbound.OldestWaitingPartAt(), 7);

  Outbox outbox(db);
  auto row = outbox.ClaimNext("m2", 10, {.ready_modems = {"m1", "m2"}});
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->body, "queued before the upgrade");
  EXPECT_EQ((*row)->via, std::nullopt);  // no preference: anyone sends it
}

// A desk that ran on version 2 gets accounts, drafts and canned answers; its
// tickets stay and drafts can point at them.
TEST(Migrations, Version2TicketsGetDraftsInVersion3) {
  TempDir dir;
  auto upgraded = UpgradeWithRows(dir, 2,
                                  "INSERT INTO contacts(id, number, created_at) VALUES(1, '+1555', 1);"
                                  "INSERT INTO tickets(id, contact_id, status, created_at, due_at) "
                                  "  VALUES(4, 1, 'new', 1, 2);");
  ASSERT_NE(upgraded, nullptr);
  Database& db = *upgraded;
  auto user = Accounts(db).CreateUser({.name = "sam", .role = "volunteer", .created_at = 3});
  ASSERT_TRUE(user.ok()) << user.status().message();
  auto draft = Drafts(db).Create(4, *user, "Yes, it is free.", 5);
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  EXPECT_EQ((*Drafts(db).Pending(4))[0].body, "Yes, it is free.");
  EXPECT_EQ(Drafts(db).Create(5, *user, "no such ticket", 5).status().code(), Status::Code::kConstraint);
  EXPECT_TRUE(db.Execute("INSERT INTO canned_answers(title, body, lang, created_at, updated_at) "
                         "VALUES('Office hours', 'We answer Mon-Fri 9-17.', 'en', 1, 1)")
                  .ok());
}

TEST(Database, MetaValuesAreSetReplacedAndRead) {
  auto db = OpenMemory();
  EXPECT_EQ(*db->GetMeta("concat_ref_next"), std::nullopt);
  ASSERT_TRUE(db->SetMeta("concat_ref_next", "17").ok());
  ASSERT_TRUE(db->SetMeta("concat_ref_next", "18").ok());
  EXPECT_EQ(*db->GetMeta("concat_ref_next"), "18");
  EXPECT_EQ(*db->GetMeta("other"), std::nullopt);
}

}  // namespace
}  // namespace smsdesk::store
