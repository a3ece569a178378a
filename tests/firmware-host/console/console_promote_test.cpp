// "Promote to FAQ": a moderator's reply on a conversation opens the FAQ
// editor filled with the newcomer's question before it, the reply and the
// ticket's language; saved as a new entry or as a new language version of an
// entry, audited with the ticket. And the dashboard's SIM credit column.
#include "store/sim_credit.h"
#include "store/sms_pins.h"
#include "tests/firmware-host/console/console_fixture.h"

#include "store/faq_store.h"

namespace smsdesk::console::test_util {
namespace {

constexpr const char* kQuestion = "وين بلاقي بيت للإيجار بدون سجل ائتماني؟";
constexpr const char* kAnswer = "اسأل عن برنامج الإسكان في مكتبنا، الثلاثاء 10-14.";

class ConsolePromoteTest : public ConsoleTest {
 protected:
  void SetUp() override {
    AddUser("mona", "moderator", "correct horse battery");
    AddUser("victor", "volunteer", "volunteer staple 42");
    OnLoop([&] {
      (void)store::FaqStore(*db_).Upsert({.id = "bus-pass", .lang = "en", .question = "Bus pass?", .answer = "Presto."});
      return 0;
    });
    Start();
    mona_ = Login("mona", "correct horse battery");
    // A ticket in Arabic: a greeting, the question, then Mona's reply.
    OnLoop([&] {
      const auto contact = store::Contacts(*db_).GetOrCreate("+16135550100", 100)->id;
      store::Tickets tickets(*db_);
      ticket_ = *tickets.Create({.contact_id = contact, .lang = "ar", .created_at = 100, .due_at = 200});
      for (const char* text : {"مرحبا", kQuestion}) {
        (void)tickets.AddMessage({.contact_id = contact, .direction = "in", .body = text, .at = 100,
                                  .ticket_id = ticket_});
      }
      const auto now = std::chrono::sys_seconds{std::chrono::seconds{150}};
      EXPECT_TRUE(desk_->Reply(ticket_, kAnswer, "mona", now).ok());
      auto thread = *tickets.Thread(contact);
      question_id_ = thread[1].id;
      reply_id_ = thread.back().id;
      return 0;
    });
  }
  std::string Editor() {
    return "/faq/edit?ticket=" + std::to_string(ticket_) + "&reply=" + std::to_string(reply_id_);
  }
  std::vector<store::FaqRow> Faq() { return OnLoop([&] { return *store::FaqStore(*db_).All(); }); }
  std::map<std::string, std::string> Promoted(const std::string& target, const std::string& id) {
    return {{"target", target}, {target == "new" ? "new_id" : "existing_id", id}, {"lang", "ar"},
            {"question", kQuestion}, {"answer", kAnswer}, {"keywords", "سكن;إيجار"},
            {"ticket", std::to_string(ticket_)}, {"reply", std::to_string(reply_id_)}};
  }
  Session mona_;
  std::int64_t ticket_ = 0, question_id_ = 0, reply_id_ = 0;
};

TEST_F(ConsolePromoteTest, TheReplyHasTheButton) {
  const std::string page = Get("/tickets/" + std::to_string(ticket_), mona_).body();
  const std::size_t bubble = page.find("id=\"m" + std::to_string(reply_id_) + "\"");
  ASSERT_NE(bubble, std::string::npos);
  const std::size_t form = page.find("<form method=\"get\" action=\"/faq/edit\"", bubble);
  ASSERT_NE(form, std::string::npos);
  EXPECT_NE(page.find("name=\"reply\" value=\"" + std::to_string(reply_id_) + "\"", form), std::string::npos);
  EXPECT_NE(page.find(">Promote to FAQ</button>", form), std::string::npos);
  // One button: the newcomer's messages have none.
  EXPECT_EQ(page.find("action=\"/faq/edit\"", page.find("</form>", form)), std::string::npos);
  // Volunteers do not edit the FAQ.
  const Session victor = Login("victor", "volunteer staple 42");
  EXPECT_EQ(Get("/tickets/" + std::to_string(ticket_), victor).body().find("/faq/edit"), std::string::npos);
  EXPECT_EQ(Get(Editor(), victor).result_int(), 403);
}

TEST_F(ConsolePromoteTest, TheEditorIsFilledFromTheConversation) {
  const HttpResponse editor = Get(Editor(), mona_);
  ASSERT_EQ(editor.result_int(), 200) << editor.body();
  const std::string& page = editor.body();
  // The question just before the reply (not the greeting), the reply, Arabic.
  EXPECT_NE(page.find("name=\"question\" dir=\"auto\">" + std::string(kQuestion) + "</textarea>"), std::string::npos);
  EXPECT_NE(page.find("name=\"answer\" dir=\"auto\" data-count=\"faq-seg\">" + std::string(kAnswer) + "</textarea>"),
            std::string::npos);
  EXPECT_NE(page.find("name=\"lang\" value=\"ar\""), std::string::npos);
  EXPECT_NE(page.find("value=\"new\" checked"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"bus-pass\">bus-pass (en)</option>"), std::string::npos);
  EXPECT_NE(page.find("take out anything personal"), std::string::npos);
  // Another entry named in the query: "a new language version" of it.
  const std::string version = Get(Editor() + "&id=bus-pass", mona_).body();
  EXPECT_NE(version.find("value=\"existing\" checked"), std::string::npos);
  EXPECT_NE(version.find("<option value=\"bus-pass\" selected>"), std::string::npos);
  // The generic prefill, without a conversation.
  const std::string plain = Get("/faq/edit?question=Q%3F&answer=A&lang=fr&id=new-one", mona_).body();
  EXPECT_NE(plain.find("name=\"new_id\" value=\"new-one\""), std::string::npos);
  EXPECT_NE(plain.find(">Q?</textarea>"), std::string::npos);
}

TEST_F(ConsolePromoteTest, OnlyAModeratorsReplyOfThatTicket) {
  EXPECT_EQ(Get("/faq/edit?ticket=" + std::to_string(ticket_) + "&reply=" + std::to_string(question_id_), mona_)
                .result_int(),
            404);  // the newcomer's own message
  EXPECT_EQ(Get("/faq/edit?ticket=" + std::to_string(ticket_) + "&reply=9999", mona_).result_int(), 404);
  EXPECT_EQ(Get("/faq/edit?ticket=9999&reply=" + std::to_string(reply_id_), mona_).result_int(), 404);
  EXPECT_EQ(Get("/faq/edit?ticket=x&reply=" + std::to_string(reply_id_), mona_).result_int(), 404);
}

TEST_F(ConsolePromoteTest, SavedAsANewEntry) {
  const HttpResponse saved = Post("/faq/entry", Promoted("new", "housing"), mona_);
  ASSERT_EQ(saved.result_int(), 200) << saved.body();
  EXPECT_NE(saved.body().find("Saved housing (ar). A new entry, from a moderator&#39;s reply."), std::string::npos);
  const auto faq = Faq();
  ASSERT_EQ(faq.size(), 2u);
  EXPECT_EQ(faq[1].id, "housing");
  EXPECT_EQ(faq[1].lang, "ar");
  EXPECT_EQ(faq[1].question, kQuestion);
  EXPECT_EQ(faq[1].answer, kAnswer);
  EXPECT_EQ(faq[1].keywords, "سكن;إيجار");
  EXPECT_EQ(faq[1].updated_by, "mona");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'faq.promote' AND actor = 'mona' AND object = 'ticket:" +
                  std::to_string(ticket_) + "' AND detail = 'Saved housing (ar). From reply " +
                  std::to_string(reply_id_) + ".'"),
            1);
  // No newcomer's text in the audit (docs/design.md: the audit is no archive).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE detail LIKE '%إيجار%'"), 0);
  EXPECT_EQ(OnLoop([&] { return faq_changes_; }), 1);  // the desk reloads its matcher
  // The same id again as "new" is refused: it would replace someone's entry.
  const HttpResponse again = Post("/faq/entry", Promoted("new", "housing"), mona_);
  EXPECT_EQ(again.result_int(), 409);
  EXPECT_NE(again.body().find("there is already an entry housing"), std::string::npos);
}

TEST_F(ConsolePromoteTest, SavedAsANewLanguageVersion) {
  const HttpResponse saved = Post("/faq/entry", Promoted("existing", "bus-pass"), mona_);
  ASSERT_EQ(saved.result_int(), 200) << saved.body();
  EXPECT_NE(saved.body().find("A new language version, from a moderator&#39;s reply."), std::string::npos);
  const auto faq = Faq();
  ASSERT_EQ(faq.size(), 2u);
  EXPECT_EQ(faq[0].id, "bus-pass");
  EXPECT_EQ(faq[0].lang, "en");
  EXPECT_EQ(faq[0].answer, "Presto.");  // the English one is untouched
  EXPECT_EQ(faq[1].id, "bus-pass");
  EXPECT_EQ(faq[1].lang, "ar");
  EXPECT_EQ(faq[1].answer, kAnswer);
  EXPECT_EQ(Post("/faq/entry", Promoted("existing", "no-such-entry"), mona_).result_int(), 400);
  // A second Arabic version would replace the first: refused here (the FAQ
  // page's own form is where an entry is changed).
  auto twice = Promoted("existing", "bus-pass");
  twice["answer"] = "another answer";
  const HttpResponse refused = Post("/faq/entry", twice, mona_);
  EXPECT_EQ(refused.result_int(), 409);
  EXPECT_NE(refused.body().find("already has a version in ar"), std::string::npos);
  EXPECT_EQ(Faq().size(), 2u);
  EXPECT_EQ(Faq()[1].answer, kAnswer);
}

TEST_F(ConsolePromoteTest, ProtectedLikeEveryForm) {
  Session forged = mona_;
  forged.csrf = std::string(43, 'x');
  EXPECT_EQ(Post("/faq/entry", Promoted("new", "housing"), forged).result_int(), 403);
  EXPECT_EQ(Post("/faq/entry", Promoted("new", "housing"), Login("victor", "volunteer staple 42")).result_int(), 403);
  EXPECT_EQ(Post("/faq/entry", Promoted("new", "Not An Id!"), mona_).result_int(), 400);
  EXPECT_EQ(Faq().size(), 1u);
}

class ConsoleDashboardTest : public ConsoleTest {};

TEST_F(ConsoleDashboardTest, SimCreditWhenKnown) {
  AddUser("mona", "moderator", "correct horse battery");
  modems_ = [] {
    return std::vector<ModemStatus>{{.id = "modem0", .state = "ready"}, {.id = "modem1", .state = "ready"}};
  };
  OnLoop([&] {
    EXPECT_TRUE(store::SimCredit(*db_).RecordReading("modem0", {.amount = 12.5, .currency = "CAD<b>"}, 1).ok());
  });
  Start();
  const std::string page = Get("/dashboard", Login("mona", "correct horse battery")).body();
  EXPECT_NE(page.find("<th>SIM credit</th>"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"credit\"><strong>12.50 CAD&lt;b&gt;</strong>"), std::string::npos) << page;
  EXPECT_NE(page.find("<td class=\"credit\">—</td>"), std::string::npos);  // not known: never a guess
}

TEST_F(ConsoleDashboardTest, ANumberPausedAfterWrongSmsPinsIsShownToModeratorsNotAgencies) {
  AddUser("mona", "moderator", "correct horse battery");
  AddUser("city", "agency", "agency horse battery");
  OnLoop([&] {
    EXPECT_TRUE(store::Accounts(*db_).CreateUser({.name = "amira", .role = "moderator",
                                                  .phone = std::string("+16135559001")}).ok());
    EXPECT_TRUE(store::SmsPins(*db_).RecordFailure("+16135559001", 1, 0).ok());
    EXPECT_TRUE(store::SmsPins(*db_).Lock("+16135559001", 4102444800).ok());  // 2100-01-01
  });
  Start();
  const std::string page = Get("/dashboard", Login("mona", "correct horse battery")).body();
  const auto at = page.find("id=\"sms-pin-paused\"");
  ASSERT_NE(at, std::string::npos) << page;
  EXPECT_NE(page.find("amira", at), std::string::npos);
  EXPECT_NE(page.find("001", at), std::string::npos);
  EXPECT_EQ(page.find("+16135559001"), std::string::npos) << "only the last digits";
  EXPECT_EQ(Get("/dashboard", Login("city", "agency horse battery")).body().find("sms-pin-paused"), std::string::npos);
}

}  // namespace
}  // namespace smsdesk::console::test_util
