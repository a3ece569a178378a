// Canned answers in the console: the page where moderators keep them (every
// change audited, CSRF-protected, moderators only) and the picker on a
// conversation, the ticket's language first.
#include "tests/firmware-host/console/console_fixture.h"

#include "store/canned_answers.h"

namespace smsdesk::console::test_util {
namespace {

class ConsoleCannedTest : public ConsoleTest {
 protected:
  void SetUp() override {
    AddUser("mona", "moderator", "correct horse battery");
    AddUser("victor", "volunteer", "volunteer staple 42");
    AddUser("claire", "moderator", "mot de passe solide", "fr");
    Start();
    mona_ = Login("mona", "correct horse battery");
  }
  std::vector<store::CannedAnswer> Stored() {
    return OnLoop([&] { return *store::CannedAnswers(*db_).List(); });
  }
  // A ticket in `lang` with one question from a newcomer.
  std::int64_t Ticket(const std::string& lang) {
    return OnLoop([&] {
      const auto contact = store::Contacts(*db_).GetOrCreate("+16135550100", 100)->id;
      store::Tickets tickets(*db_);
      const auto id = *tickets.Create({.contact_id = contact, .lang = lang, .created_at = 100, .due_at = 200});
      (void)tickets.AddMessage({.contact_id = contact, .direction = "in", .body = "question", .at = 100,
                                .ticket_id = id});
      return id;
    });
  }
  void Add(const std::string& title, const std::string& lang, const std::string& body) {
    const HttpResponse added = Post("/canned/add", {{"title", title}, {"lang", lang}, {"body", body}}, mona_);
    ASSERT_EQ(added.result_int(), 303) << added.body();
  }
  Session mona_;
};

TEST_F(ConsoleCannedTest, AddChangeDeleteEachAudited) {
  HttpResponse added = Post("/canned/add", {{"title", "Office"}, {"lang", "en"}, {"body", "Mon-Fri 9-17"}}, mona_);
  EXPECT_EQ(added.result_int(), 303);
  EXPECT_EQ(added[http::field::location], "/canned?done=added");
  auto stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].title, "Office");
  EXPECT_EQ(stored[0].body, "Mon-Fri 9-17");
  EXPECT_EQ(stored[0].lang, "en");
  const std::string id = std::to_string(stored[0].id);
  const std::string page = Get("/canned?done=added", mona_).body();
  EXPECT_NE(page.find("Canned answer added."), std::string::npos);
  EXPECT_NE(page.find("action=\"/canned/" + id + "/update\""), std::string::npos);
  EXPECT_NE(page.find("Mon-Fri 9-17</textarea>"), std::string::npos);

  EXPECT_EQ(Post("/canned/" + id + "/update", {{"title", "Bureau"}, {"lang", ""}, {"body", "Lun-ven"}}, mona_)
                .result_int(),
            303);
  stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].title, "Bureau");
  EXPECT_EQ(stored[0].lang, std::nullopt);  // "": any language
  EXPECT_EQ(Post("/canned/" + id + "/delete", {}, mona_)[http::field::location], "/canned?done=deleted");
  EXPECT_TRUE(Stored().empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE actor = 'mona' AND object = 'canned:" + id +
                  "' AND action IN ('canned.add', 'canned.update', 'canned.delete')"),
            3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'canned.delete' AND detail = 'Bureau'"), 1);
}

TEST_F(ConsoleCannedTest, RefusedChangesChangeNothing) {
  Add("Office", "en", "Mon-Fri");
  const std::string id = std::to_string(Stored()[0].id);
  EXPECT_EQ(Post("/canned/add", {{"title", " "}, {"body", "text"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/canned/add", {{"title", "t"}, {"body", ""}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/canned/add", {{"title", "t"}, {"body", "b"}, {"lang", "<script>"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/canned/999/update", {{"title", "t"}, {"body", "b"}}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/canned/999/delete", {}, mona_).result_int(), 400);
  EXPECT_EQ(Post("/canned/" + id + "/rename", {}, mona_).result_int(), 404);
  EXPECT_EQ(Post("/canned/x/delete", {}, mona_).result_int(), 404);
  // Without the CSRF token, or by a volunteer: refused.
  Session forged = mona_;
  forged.csrf = std::string(43, 'x');
  EXPECT_EQ(Post("/canned/" + id + "/delete", {}, forged).result_int(), 403);
  const Session victor = Login("victor", "volunteer staple 42");
  EXPECT_EQ(Post("/canned/" + id + "/delete", {}, victor).result_int(), 403);
  EXPECT_EQ(Get("/canned", victor).result_int(), 403);
  ASSERT_EQ(Stored().size(), 1u);
  EXPECT_EQ(Stored()[0].title, "Office");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action LIKE 'canned.%'"), 1);  // the add
}

TEST_F(ConsoleCannedTest, TextIsEscaped) {
  Add("<b>bold</b>", "", "\"quoted\" <script>alert(1)</script>");
  const std::string page = Get("/canned", mona_).body();
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  const std::string ticket = Get("/tickets/" + std::to_string(Ticket("en")), mona_).body();
  EXPECT_EQ(ticket.find("<script>alert"), std::string::npos);
  EXPECT_NE(ticket.find("data-body=\"&quot;quoted&quot; &lt;script&gt;"), std::string::npos);
  EXPECT_NE(ticket.find("&lt;b&gt;bold&lt;/b&gt;</option>"), std::string::npos);
}

TEST_F(ConsoleCannedTest, ThePickerOffersTheTicketsLanguageFirst) {
  Add("Clinic", "en", "The clinic opens at 9.");
  Add("Emergency", "", "Call 911.");
  Add("العيادة", "ar", "تفتح العيادة الساعة 9.");
  Add("Clinique", "fr", "La clinique ouvre à 9 h.");
  const std::string page = Get("/tickets/" + std::to_string(Ticket("ar")), mona_).body();
  const std::size_t picker = page.find("<select id=\"canned-pick\"");
  ASSERT_NE(picker, std::string::npos) << page;
  // Just above the reply form and its box.
  EXPECT_LT(picker, page.find("/reply\""));
  EXPECT_LT(page.find("/reply\""), page.find("id=\"reply-text\""));
  const std::size_t ar = page.find(">العيادة</option>"), any = page.find(">Emergency</option>"),
                    en = page.find(">Clinic (en)</option>"), fr = page.find(">Clinique (fr)</option>");
  ASSERT_NE(ar, std::string::npos);
  EXPECT_LT(picker, ar);
  EXPECT_LT(ar, any);
  EXPECT_LT(any, en);
  EXPECT_LT(en, fr);
  EXPECT_NE(page.find("<optgroup label=\"In the language of this ticket (ar)\">"), std::string::npos);
  EXPECT_NE(page.find("data-body=\"تفتح العيادة الساعة 9.\""), std::string::npos);
  EXPECT_NE(page.find("href=\"/canned\""), std::string::npos);
}

TEST_F(ConsoleCannedTest, VolunteersPickToo) {
  Add("Clinic", "en", "The clinic opens at 9.");
  const std::int64_t ticket = Ticket("en");
  const std::string page = Get("/tickets/" + std::to_string(ticket), Login("victor", "volunteer staple 42")).body();
  const std::size_t picker = page.find("<select id=\"canned-pick\"");
  ASSERT_NE(picker, std::string::npos);
  EXPECT_LT(picker, page.find("/draft\""));  // above their draft form
  EXPECT_EQ(page.find("Manage canned answers"), std::string::npos);  // the page is for moderators
  EXPECT_EQ(page.find("<a href=\"/canned\">"), std::string::npos);
}

TEST_F(ConsoleCannedTest, NoCannedAnswerNoPicker) {
  const std::string page = Get("/tickets/" + std::to_string(Ticket("en")), mona_).body();
  EXPECT_EQ(page.find("canned-pick"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"/canned\">Canned answers</a>"), std::string::npos);  // in the top bar
}

TEST_F(ConsoleCannedTest, InFrench) {
  const Session claire = Login("claire", "mot de passe solide");
  const HttpResponse added = Post("/canned/add", {{"title", "Bureau"}, {"body", "Lun-ven"}}, claire);
  const std::string page = Get(std::string(added[http::field::location]), claire).body();
  EXPECT_NE(page.find("<h1>Réponses types</h1>"), std::string::npos);
  EXPECT_NE(page.find("Réponse type ajoutée."), std::string::npos);
  EXPECT_NE(page.find(">toutes langues</option>"), std::string::npos);
  EXPECT_NE(page.find(">Supprimer</button>"), std::string::npos);
}

}  // namespace
}  // namespace smsdesk::console::test_util
