// The desk learns from its moderators, in the console: "this was urgent" and
// "not urgent" on the person's texts change the ticket and propose a danger
// (or not-danger) example; promote to FAQ proposes the question; the
// examples page lists them and a moderator confirms (after editing) or
// rejects each, audited, and a confirmation makes the daemon train again.
// The FAQ editor changes one language version with its examples and notes
// the numbers a right-to-left answer gets direction marks around.
#include "store/faq_examples.h"
#include "store/faq_store.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

constexpr const char* kDanger = "زوجي وقع من السلم وما عم يحكي";       // my husband fell off the ladder and does not speak
constexpr const char* kQuestion = "la carte de bibliotheque c combien";  // the library card, how much
constexpr const char* kArabicAnswer = "اتصل بالرقم 613-580-2400 من الاثنين للجمعة.";

class ConsoleExamplesTest : public ConsoleTest {
 protected:
  void SetUp() override {
    AddUser("mona", "moderator", "correct horse battery");
    AddUser("victor", "volunteer", "volunteer staple 42");
    OnLoop([&] {
      store::FaqStore faq(*db_);
      (void)faq.Upsert({.id = "library", .lang = "fr", .keywords = "bibliotheque", .question = "Carte de bibliothèque ?",
                        .answer = "Elle est gratuite.", .examples = "carte biblio\nemprunter des livres"});
      (void)faq.Upsert({.id = "library", .lang = "ar", .question = "بطاقة المكتبة؟", .answer = kArabicAnswer});
      const auto contact = store::Contacts(*db_).GetOrCreate("+16135550100", 100)->id;
      store::Tickets tickets(*db_);
      ticket_ = *tickets.Create({.contact_id = contact, .lang = "ar", .created_at = 100, .due_at = 200});
      for (const char* text : {kQuestion, kDanger}) {
        (void)tickets.AddMessage({.contact_id = contact, .direction = "in", .body = text, .at = 100,
                                  .ticket_id = ticket_});
      }
      EXPECT_TRUE(desk_->Reply(ticket_, "Elle est gratuite, apportez une pièce d'identité.", "mona",
                               std::chrono::sys_seconds{std::chrono::seconds{150}})
                      .ok());
      auto thread = *tickets.Thread(contact);
      question_id_ = thread[0].id;
      danger_id_ = thread[1].id;
      reply_id_ = thread.back().id;
      return 0;
    });
    Start();
    mona_ = Login("mona", "correct horse battery");
    victor_ = Login("victor", "volunteer staple 42");
  }
  std::string TicketUrl() const { return "/tickets/" + std::to_string(ticket_); }
  std::vector<store::FaqExample> Examples(const std::string& status = "") {
    return OnLoop([&] { return *store::FaqExamples(*db_).List(status, 100); });
  }
  int Priority() {
    return OnLoop([&] { return (*store::Tickets(*db_).Get(ticket_))->priority; });
  }
  Session mona_, victor_;
  std::int64_t ticket_ = 0, question_id_ = 0, danger_id_ = 0, reply_id_ = 0;
};

TEST_F(ConsoleExamplesTest, ThisWasUrgentFromTheConversation) {
  // Every text of the person has the button, for a volunteer too; "not
  // urgent" only on an urgent ticket, and only for a moderator.
  const std::string page = Get(TicketUrl(), victor_).body();
  EXPECT_NE(page.find("action=\"" + TicketUrl() + "/urgent\""), std::string::npos);
  EXPECT_NE(page.find("name=\"message\" value=\"" + std::to_string(danger_id_) + "\""), std::string::npos);
  EXPECT_EQ(page.find("/not-urgent"), std::string::npos);

  const HttpResponse marked =
      Post(TicketUrl() + "/urgent", {{"message", std::to_string(danger_id_)}}, victor_);
  ASSERT_EQ(marked.result_int(), 303) << marked.body();
  EXPECT_GT(Priority(), 0);
  auto examples = Examples();
  ASSERT_EQ(examples.size(), 1u);
  EXPECT_EQ(examples[0].faq_id, "!");
  EXPECT_EQ(examples[0].text, kDanger);
  EXPECT_EQ(examples[0].status, "pending");
  EXPECT_EQ(examples[0].proposed_by, "victor");
  EXPECT_NE(Get(TicketUrl() + "?done=marked_urgent", victor_).body().find("top of the queue"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'ticket.mark_urgent' AND actor = 'victor'"), 1);

  // Now urgent: the moderator sees "not urgent", the volunteer may not use it.
  EXPECT_NE(Get(TicketUrl(), mona_).body().find(TicketUrl() + "/not-urgent"), std::string::npos);
  EXPECT_EQ(Post(TicketUrl() + "/not-urgent", {{"message", std::to_string(question_id_)}}, victor_).result_int(), 403);
  ASSERT_EQ(Post(TicketUrl() + "/not-urgent", {{"message", std::to_string(question_id_)}}, mona_).result_int(), 303);
  EXPECT_EQ(Priority(), 0);
  EXPECT_EQ(Examples("pending").front().faq_id, "~");

  // Only the person's own texts: not a reply, not another ticket's, not junk.
  for (const std::string& bad : {std::to_string(reply_id_), std::string("0"), std::string("x"), std::string("")}) {
    EXPECT_EQ(Post(TicketUrl() + "/urgent", {{"message", bad}}, mona_).result_int(), 400) << bad;
  }
  EXPECT_EQ(Post("/tickets/9999/urgent", {{"message", std::to_string(danger_id_)}}, mona_).result_int(), 400);
  EXPECT_EQ(Examples().size(), 2u);
}

TEST_F(ConsoleExamplesTest, PromoteToFaqProposesTheQuestion) {
  const HttpResponse saved = Post("/faq/entry",
                                  {{"target", "existing"}, {"existing_id", "library"}, {"lang", "en"},
                                   {"question", "Library card cost?"}, {"answer", "It is free."},
                                   {"ticket", std::to_string(ticket_)}, {"reply", std::to_string(reply_id_)}},
                                  mona_);
  ASSERT_EQ(saved.result_int(), 200) << saved.body();
  auto examples = Examples();
  ASSERT_EQ(examples.size(), 1u);
  EXPECT_EQ(examples[0].faq_id, "library");
  EXPECT_EQ(examples[0].text, kDanger);  // the person's last text before the reply, as they wrote it
  EXPECT_EQ(examples[0].message_id, danger_id_);
  EXPECT_EQ(examples[0].status, "pending");
}

TEST_F(ConsoleExamplesTest, ConfirmedAfterAnEditOrRejected) {
  OnLoop([&] {
    store::FaqExamples examples(*db_);
    (void)examples.Propose({.faq_id = "library", .text = "Samir 613-555-0199 carte biblio combien", .lang = "fr",
                            .proposed_by = "mona", .proposed_at = 100});
    (void)examples.Propose({.faq_id = "!", .text = kDanger, .lang = "ar", .proposed_by = "mona", .proposed_at = 101});
    (void)examples.Propose({.faq_id = "library", .text = "<script>alert(1)</script>", .proposed_at = 102});
    return 0;
  });
  const auto ids = [&] {
    std::map<std::string, std::int64_t> by_text;
    for (const auto& x : Examples()) by_text[x.text] = x.id;
    return by_text;
  }();
  const std::string page = Get("/faq/examples", mona_).body();
  EXPECT_NE(page.find("Pending (3)"), std::string::npos);
  EXPECT_NE(page.find(kDanger), std::string::npos);
  EXPECT_NE(page.find("Danger: someone was at risk"), std::string::npos);
  EXPECT_NE(page.find("Carte de bibliothèque ?"), std::string::npos);  // the entry's question, for context
  EXPECT_NE(page.find("href=\"/faq/edit?id=library&amp;lang=fr\""), std::string::npos);  // and its editor
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // One entry's, or danger's only.
  EXPECT_EQ(Get("/faq/examples?entry=%21", mona_).body().find("biblio combien"), std::string::npos);
  EXPECT_NE(Get("/faq/examples?entry=library", mona_).body().find("biblio combien"), std::string::npos);
  EXPECT_EQ(Get("/faq/examples", victor_).result_int(), 403);

  // Confirmed with the name and number taken out.
  const std::int64_t first = ids.at("Samir 613-555-0199 carte biblio combien");
  const HttpResponse confirmed = Post("/faq/examples/decide",
                                      {{"id", std::to_string(first)}, {"decision", "confirm"},
                                       {"text", "  carte biblio\r\ncombien "}, {"status", "pending"}},
                                      mona_);
  ASSERT_EQ(confirmed.result_int(), 303) << confirmed.body();
  EXPECT_EQ(confirmed[http::field::location], "/faq/examples?status=pending&done=confirmed");
  auto kept = Examples("confirmed");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].text, "carte biblio combien");
  EXPECT_EQ(kept[0].decided_by, "mona");
  EXPECT_EQ(OnLoop([&] { return faq_changes_; }), 1);  // the daemon trains again
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE action = 'faq.example.confirm' AND object = 'example:" +
                  std::to_string(first) + "' AND detail = 'text changed'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit WHERE detail LIKE '%biblio%' OR detail LIKE '%0199%'"), 0);

  // A rejection of a pending text changes nothing the models learn.
  const std::int64_t script = ids.at("<script>alert(1)</script>");
  ASSERT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(script)}, {"decision", "reject"}}, mona_).result_int(),
            303);
  EXPECT_EQ(OnLoop([&] { return faq_changes_; }), 1);
  EXPECT_EQ(Examples("rejected").size(), 1u);
  // Rejecting a confirmed one does.
  ASSERT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(first)}, {"decision", "reject"}}, mona_).result_int(),
            303);
  EXPECT_EQ(OnLoop([&] { return faq_changes_; }), 2);

  // Bad requests: no such example, no decision, an empty text, a clash,
  // a volunteer, a forged token.
  const std::int64_t danger = ids.at(kDanger);
  EXPECT_EQ(Post("/faq/examples/decide", {{"id", "9999"}, {"decision", "confirm"}}, mona_).result_int(), 404);
  EXPECT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(danger)}, {"decision", "maybe"}}, mona_).result_int(),
            400);
  EXPECT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(danger)}, {"decision", "confirm"}, {"text", " \r\n"}},
                 mona_)
                .result_int(),
            400);
  EXPECT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(danger)}, {"decision", "confirm"},
                                          {"text", std::string(2001, 'a')}},
                 mona_)
                .result_int(),
            400);
  EXPECT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(danger)}, {"decision", "confirm"}}, victor_)
                .result_int(),
            403);
  Session forged = mona_;
  forged.csrf = std::string(43, 'x');
  EXPECT_EQ(Post("/faq/examples/decide", {{"id", std::to_string(danger)}, {"decision", "confirm"}}, forged)
                .result_int(),
            403);
  EXPECT_EQ(Examples("pending").size(), 1u);
}

TEST_F(ConsoleExamplesTest, TheEditorChangesOneVersionWithItsExamples) {
  const std::string list = Get("/faq", mona_).body();
  EXPECT_NE(list.find("href=\"/faq/edit?id=library&amp;lang=fr\""), std::string::npos);
  EXPECT_NE(list.find("href=\"/faq/examples\""), std::string::npos);
  EXPECT_EQ(Get("/faq", victor_).body().find("/faq/edit"), std::string::npos);

  const std::string editor = Get("/faq/edit?id=library&lang=fr", mona_).body();
  EXPECT_NE(editor.find("name=\"target\" value=\"edit\""), std::string::npos);
  EXPECT_NE(editor.find(">carte biblio\nemprunter des livres</textarea>"), std::string::npos);
  EXPECT_NE(editor.find(">Elle est gratuite.</textarea>"), std::string::npos);
  EXPECT_EQ(editor.find("rtl-numbers"), std::string::npos);  // French: nothing to mark
  // The Arabic answer's phone number is sent with direction marks: said.
  const std::string arabic = Get("/faq/edit?id=library&lang=ar", mona_).body();
  EXPECT_NE(arabic.find("class=\"meta rtl-numbers\""), std::string::npos);

  const HttpResponse saved = Post("/faq/entry",
                                  {{"target", "edit"}, {"id", "library"}, {"lang", "fr"}, {"keywords", "bibliotheque"},
                                   {"question", "Carte de bibliothèque ?"}, {"answer", "Elle est gratuite."},
                                   {"examples", "carte biblio\r\n\r\n  livres gratuits ?  \r\nemprunter des livres"}},
                                  mona_);
  ASSERT_EQ(saved.result_int(), 200) << saved.body();
  auto rows = OnLoop([&] { return *store::FaqStore(*db_).All(); });
  ASSERT_EQ(rows[0].lang, "fr");
  EXPECT_EQ(rows[0].examples, "carte biblio\nlivres gratuits ?\nemprunter des livres");
  // A form without the field keeps them; a version that is not there is not edited.
  ASSERT_EQ(Post("/faq/entry",
                 {{"id", "library"}, {"lang", "fr"}, {"question", "Carte ?"}, {"answer", "Gratuite."}}, mona_)
                .result_int(),
            200);
  rows = OnLoop([&] { return *store::FaqStore(*db_).All(); });
  EXPECT_EQ(rows[0].examples, "carte biblio\nlivres gratuits ?\nemprunter des livres");
  EXPECT_EQ(Post("/faq/entry",
                 {{"target", "edit"}, {"id", "library"}, {"lang", "uk"}, {"question", "Q"}, {"answer", "A"}}, mona_)
                .result_int(),
            404);
  EXPECT_EQ(Post("/faq/entry", {{"target", "edit"}, {"id", "library"}, {"lang", "fr"}, {"question", "Q"},
                                {"answer", "A"}, {"examples", std::string(17 * 1024, 'x')}},
                 mona_)
                .result_int(),
            400);
  // Saving the Arabic answer says what the sender does with its number.
  const HttpResponse arabic_saved = Post("/faq/entry",
                                         {{"target", "edit"}, {"id", "library"}, {"lang", "ar"},
                                          {"question", "بطاقة المكتبة؟"}, {"answer", kArabicAnswer}},
                                         mona_);
  EXPECT_NE(arabic_saved.body().find("direction marks"), std::string::npos);
}

}  // namespace
}  // namespace smsdesk::console::test_util
