#include "store/database.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

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

// The whole file's bytes: what someone who copies the SD card can read.
std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The copy holds every number and message: 0600 from its creation, even
// under umask 000, whose 0644 SQLite would otherwise leave world-readable.
TEST(Database, BackupIsPrivateWhateverTheUmask) {
  TempDir dir;
  auto db = Database::Open(dir.File("desk.db"));
  ASSERT_TRUE(db.ok());
  const mode_t previous = ::umask(0);
  Status s = (*db)->BackupTo(dir.File("backup.db"));
  ::umask(previous);
  ASSERT_TRUE(s.ok()) << s.message();
  struct stat st {};
  ASSERT_EQ(::stat(dir.File("backup.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

// A link planted where the copy goes (dangling or to a file) is never
// followed, and an existing file is never written over.
TEST(Database, BackupRefusesAnythingAlreadyAtItsPath) {
  TempDir dir;
  auto db = Database::Open(dir.File("desk.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_EQ(::symlink(dir.File("stolen.db").c_str(), dir.File("dangling.db").c_str()), 0);
  EXPECT_FALSE((*db)->BackupTo(dir.File("dangling.db")).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.File("stolen.db")));

  { std::ofstream(dir.File("victim.txt")) << "untouched"; }
  ASSERT_EQ(::symlink(dir.File("victim.txt").c_str(), dir.File("link.db").c_str()), 0);
  EXPECT_FALSE((*db)->BackupTo(dir.File("link.db")).ok());
  EXPECT_FALSE((*db)->BackupTo(dir.File("victim.txt")).ok());
  EXPECT_EQ(FileBytes(dir.File("victim.txt")), "untouched");
}

// Restore writes over the live database in place.
TEST(Database, BackupReplacesAnExistingDatabaseWhenAsked) {
  TempDir dir;
  auto db = Database::Open(dir.File("desk.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->SetMeta("k", "from the backup").ok());
  {
    auto other = Database::Open(dir.File("other.db"));
    ASSERT_TRUE(other.ok());
  }
  Status s = (*db)->BackupTo(dir.File("other.db"), Database::BackupTarget::kReplaceExisting);
  ASSERT_TRUE(s.ok()) << s.message();
  auto other = Database::Open(dir.File("other.db"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*(*other)->GetMeta("k"), "from the backup");
}

// Writes `secret` in the meta table, runs `erase` (SQL), checkpoints the WAL
// into the file and closes: the bytes left in the file and its WAL.
std::string BytesAfterErasing(const TempDir& dir, const std::string& secret, const char* erase) {
  const std::string path = dir.File("desk.db");
  {
    auto db = Database::Open(path);
    EXPECT_TRUE(db.ok()) << db.status().message();
    if (!db.ok()) return {};
    EXPECT_TRUE((*db)->SetMeta("before", "a row before it").ok());
    EXPECT_TRUE((*db)->SetMeta("secret", secret).ok());
    EXPECT_TRUE((*db)->SetMeta("zafter", "a row after it").ok());
    EXPECT_TRUE((*db)->Execute("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    EXPECT_NE(FileBytes(path).find("MARKER"), std::string::npos);  // it was on disk
    EXPECT_TRUE((*db)->Execute(erase).ok());
    EXPECT_TRUE((*db)->Execute("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  return FileBytes(path) + FileBytes(path + "-wal");
}

// The agency's alert PIN is blanked with an UPDATE: the old text is gone
// from the file, not left in the page's free space.
TEST(Database, RedactedTextLeavesNoTraceInTheFile) {
  TempDir dir;
  const std::string bytes =
      BytesAfterErasing(dir, "PIN MARKER-7391 ALERT storm: the shelter at the school is open all night",
                        "UPDATE meta SET value = 'PIN ****' WHERE key = 'secret'");
  EXPECT_EQ(bytes.find("MARKER"), std::string::npos);
}

// The retention purge deletes bodies: a long one (on overflow pages, which
// go to the freelist) is gone from the file too.
TEST(Database, PurgedTextLeavesNoTraceInTheFile) {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 300; ++i) body += "BODY-MARKER-purge-me ";
  const std::string bytes = BytesAfterErasing(dir, body, "DELETE FROM meta WHERE key = 'secret'");
  EXPECT_EQ(bytes.find("MARKER"), std::string::npos);
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
