// The menu over SMS (issue 8) through the whole desk: MENU in Arabic and
// French, choices in ASCII, Arabic-Indic and Persian digits, invalid
// choices, text that is not a choice, expiry, a subscription, "talk to a
// person" - and the same menu over USSD (Desk::AnswerUssd): the language
// fixed per session, actions done once across retries.
#include <gtest/gtest.h>

#include "firmware-host/config/config.h"
#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/menu/menu_engine.h"
#include "store/menu_sessions.h"
#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;

constexpr const char* kMenuToml = R"(
[topics.bus]
[topics.alerts]
[menu]
idle_timeout = "15m"
title = { ar = "اختر رقماً:", fr = "Choisissez :", en = "Choose a number:" }
[[menu.item]]
title = { ar = "الصحة", fr = "Santé", en = "Health" }
  [[menu.item.item]]
  title = { ar = "البطاقة الصحية", fr = "Carte santé", en = "Health card" }
  faq = "ohip"
[[menu.item]]
title = { ar = "الباص المدرسي", fr = "Autobus scolaire", en = "School bus alerts" }
join = "bus"
[[menu.item]]
title = { ar = "التحدث إلى شخص", fr = "Parler à une personne", en = "Talk to a person" }
person = true
)";

class DeskMenuTest : public DeskTest {
 protected:
  void SetUp() override {
    const config::ParsedConfig parsed = config::ParseConfig(kMenuToml);
    ASSERT_TRUE(parsed.ok()) << config::FormatErrors(parsed, "menu");
    auto tree = std::make_shared<menu::MenuTree>(parsed.config.menu);
    const faq::FaqCsvResult csv = faq::ParseFaqCsv(kFaqCsv);
    const auto missing = menu::BakeAnswers(*tree, [&](const std::string& id) {
      std::map<std::string, std::string> answers;
      for (const auto& e : csv.entries) {
        if (e.id == id) answers[e.lang] = e.answer;
      }
      return answers;
    });
    ASSERT_TRUE(missing.empty());
    DeskSettings config = desk_.config();
    config.menu = tree;
    config.alerts.languages = {"ar", "en", "fr"};
    desk_.SetConfig(config);
  }

  // The last SMS queued for `number`.
  std::string LastReply(const std::string& number = kPerson) {
    std::string last;
    for (const auto& row : OutboxRows()) {
      if (row.to == number) last = row.body;
    }
    return last;
  }
  int RepliesTo(const std::string& number = kPerson) {
    int n = 0;
    for (const auto& row : OutboxRows()) n += row.to == number;
    return n;
  }
  std::vector<std::string> Subscriptions(const std::string& number = kPerson) {
    auto subs = contacts_.Subscriptions(Contact(number).id);
    return subs.ok() ? *subs : std::vector<std::string>{};
  }
  std::optional<store::SmsMenuSession> Session(const std::string& number = kPerson) {
    auto s = store::MenuSessions(*db_).GetSms(Contact(number).id);
    return s.ok() ? *s : std::nullopt;
  }
};

TEST_F(DeskMenuTest, ArabicWalkWithArabicIndicDigits) {
  const auto t = Friday6pm();
  Receive("القائمة", t);
  std::string screen = LastReply();
  EXPECT_NE(screen.find("اختر رقماً"), std::string::npos) << screen;
  EXPECT_NE(screen.find("1. الصحة"), std::string::npos) << screen;
  EXPECT_NE(screen.find("3. التحدث إلى شخص"), std::string::npos) << screen;
  ASSERT_TRUE(Session().has_value());
  EXPECT_EQ(Session()->lang, "ar");

  Receive("١", t + 1min);
  screen = LastReply();
  EXPECT_NE(screen.find("1. البطاقة الصحية"), std::string::npos) << screen;
  Receive("1", t + 2min);  // ASCII this time (the same PDU twice is one message)
  EXPECT_EQ(LastReply(), "قدم في ServiceOntario مع 3 وثائق.");
  // The answer is recorded as a menu reply from the FAQ entry, no ticket.
  const auto thread = Thread();
  ASSERT_FALSE(thread.empty());
  EXPECT_EQ(thread.back().kind, std::optional<std::string>("menu"));
  EXPECT_EQ(thread.back().faq_id, std::optional<std::string>("ohip"));
  EXPECT_FALSE(OpenTicket().has_value());
}

TEST_F(DeskMenuTest, FrenchSubscriptionWithPersianDigit) {
  const auto t = Friday6pm();
  Receive("LANGUE FR", t);
  Receive("MENU", t + 1min);
  EXPECT_NE(LastReply().find("Santé"), std::string::npos) << LastReply();
  Receive("۲", t + 2min);  // Persian two: the school bus alerts
  EXPECT_EQ(Subscriptions(), std::vector<std::string>{"bus"});
  EXPECT_NE(LastReply().find("autobus scolaire"), std::string::npos) << LastReply();
  auto history = contacts_.ConsentHistory(Contact().id);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->back().action, "subscribe");
  EXPECT_EQ(history->back().keyword, "MENU ۲");
}

TEST_F(DeskMenuTest, InvalidChoiceShowsTheScreenAgainAndOpensNoTicket) {
  const auto t = Friday6pm();
  Receive("menu", t);
  const std::string first = LastReply();
  const std::string position = Session()->position;
  Receive("7", t + 1min);
  const std::string again = LastReply();
  EXPECT_NE(again, first) << "the invalid choice is said";
  EXPECT_NE(again.find("1. Health"), std::string::npos) << again;
  EXPECT_EQ(Session()->position, position);
  EXPECT_FALSE(OpenTicket().has_value());
}

TEST_F(DeskMenuTest, TextThatIsNotAChoiceIsRoutedAsUsual) {
  const auto t = Friday6pm();
  Receive("menu", t);
  Receive("How do I get a library card?", t + 1min);
  EXPECT_EQ(LastReply(), "Library cards are free: bring ID and proof of address.");
  // The session is still open: a number afterwards is a choice.
  Receive("1", t + 2min);
  EXPECT_NE(LastReply().find("Health card"), std::string::npos) << LastReply();
}

TEST_F(DeskMenuTest, AnExpiredSessionMakesANumberAnOrdinaryMessage) {
  const auto t = Friday6pm();
  Receive("menu", t);
  const int before = RepliesTo();
  Receive("1", t + 16min);  // idle_timeout is 15 minutes
  ASSERT_TRUE(OpenTicket().has_value()) << "the lone '1' goes to a moderator";
  EXPECT_EQ(RepliesTo(), before + 1);  // the acknowledgement, not a menu
  EXPECT_EQ(LastReply().find("Health"), std::string::npos) << LastReply();
}

TEST_F(DeskMenuTest, TalkToAPersonSendsTheNextMessageToAModerator) {
  const auto t = Friday6pm();
  Receive("menu", t);
  Receive("3", t + 1min);
  const std::string prompt = LastReply();
  EXPECT_FALSE(prompt.empty());
  EXPECT_TRUE(Session()->position.find('q') != std::string::npos) << Session()->position;
  // A question the FAQ would answer by itself: the person asked for a human.
  Receive("How do I get a library card?", t + 2min);
  const auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  EXPECT_NE(LastReply(), "Library cards are free: bring ID and proof of address.");
  EXPECT_FALSE(Session().has_value()) << "the session ends with the question";
}

TEST_F(DeskMenuTest, UssdSessionKeepsItsLanguageAndDoesEachActionOnce) {
  const auto now = Friday6pm();
  const std::string phone = "+254711000001";
  auto first = desk_.AnswerUssd({.session_id = "S1", .service_code = "*384#", .phone_number = phone, .text = ""},
                                182, now);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_FALSE(first->end);
  EXPECT_NE(first->text.find("Français"), std::string::npos) << "an unknown number picks a language: " << first->text;
  // 1 ar, 2 en, 3 fr (the desk's order); French, then the school bus alerts.
  for (int attempt = 0; attempt < 2; ++attempt) {  // the aggregator retries
    auto joined = desk_.AnswerUssd({.session_id = "S1", .service_code = "*384#", .phone_number = phone, .text = "3*2"},
                                   182, now + 5s);
    ASSERT_TRUE(joined.ok()) << joined.status().message();
    EXPECT_TRUE(joined->end) << joined->text;
  }
  EXPECT_EQ(Subscriptions(phone), std::vector<std::string>{"bus"});
  auto history = contacts_.ConsentHistory(Contact(phone).id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().source, "ussd");
  EXPECT_EQ(Contact(phone).lang, std::optional<std::string>("fr"));

  // A question for a person: stored once, routed to a moderator, never the FAQ.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto asked = desk_.AnswerUssd({.session_id = "S2", .service_code = "*384#", .phone_number = phone,
                                   .text = "3*How do I get a library card?*please"},
                                  182, now + 10s);
    ASSERT_TRUE(asked.ok()) << asked.status().message();
    EXPECT_TRUE(asked->end) << asked->text;
    EXPECT_EQ(asked->new_messages, attempt == 0);
  }
  RouteAll(now + 11s);
  ASSERT_TRUE(OpenTicket(phone).has_value());
  const auto thread = Thread(phone);
  ASSERT_FALSE(thread.empty());
  EXPECT_EQ(thread.front().body, std::optional<std::string>("How do I get a library card?*please"));
  EXPECT_EQ(thread.front().modem, std::optional<std::string>("ussd"));
  for (const auto& row : OutboxRows()) {
    if (row.to == phone) {
      EXPECT_NE(row.body, "Library cards are free: bring ID and proof of address.");
      EXPECT_FALSE(row.via.has_value());
    }
  }
  // A session id reused with another number is refused.
  auto forged = desk_.AnswerUssd({.session_id = "S2", .service_code = "*384#", .phone_number = "+254711000002",
                                  .text = ""},
                                 182, now + 20s);
  EXPECT_FALSE(forged.ok());
}

}  // namespace
}  // namespace smsdesk::desk::test_util
