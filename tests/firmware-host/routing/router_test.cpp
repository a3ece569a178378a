#include "firmware-host/routing/router.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::desk {
namespace {

using namespace std::chrono_literals;
using faq::Decision;
using faq::Lang;
using std::chrono::sys_seconds;

constexpr const char* kPerson = "+16135550100";

faq::MatchResult Match(Decision decision, Lang lang = Lang::kEn) {
  faq::MatchResult m;
  m.decision = decision;
  m.lang = lang;
  return m;
}

faq::MatchResult Auto(std::string answer, std::string answer_lang = "en", Lang lang = Lang::kEn) {
  faq::MatchResult m = Match(Decision::kAuto, lang);
  m.faq_id = "food-bank";
  m.answer = std::move(answer);
  m.answer_lang = std::move(answer_lang);
  m.candidates = {{.id = "food-bank"}, {.id = "clothes"}};
  return m;
}

faq::MatchResult Suggest(Lang lang = Lang::kEn) {
  faq::MatchResult m = Match(Decision::kSuggest, lang);
  m.faq_id = "housing";
  m.candidates = {{.id = "housing"}, {.id = "rent"}};
  return m;
}

// What the store would hold for one number, updated from each decision the
// way the daemon applies it: enough to replay conversations.
struct World {
  std::string sender = kPerson;
  ContactState contact;
  std::optional<OpenTicket> ticket;
  std::vector<sys_seconds> sent;  // times of automatic replies
  std::vector<Reply> replies;
  std::int64_t next_ticket = 1;

  int RepliesInLastHour(sys_seconds now) const {
    return static_cast<int>(std::count_if(sent.begin(), sent.end(),
                                          [&](sys_seconds t) { return t > now - 1h && t <= now; }));
  }
};

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : config_{.office_hours = test_util::Toronto(), .topics = test_util::SampleTopics()} {}

  // Friday 7 March 2025, 18:00 in Toronto: the answer is due Monday 17:00.
  sys_seconds Friday6pm() const { return test_util::At(config_.office_hours, 2025, 3, 7, 18); }
  sys_seconds MondayDue() const { return test_util::At(config_.office_hours, 2025, 3, 10, 17); }

  InboundContext Ctx(const World& w, std::string text, sys_seconds at, faq::MatchResult match) const {
    return {.message = {.sender = w.sender, .text = std::move(text), .received_at = at},
            .contact = w.contact,
            .ticket = w.ticket,
            .auto_replies_last_hour = w.RepliesInLastHour(at),
            .match = std::move(match)};
  }

  RouteDecision Step(World& w, std::string text, sys_seconds at,
                     faq::MatchResult match = Match(Decision::kQueue)) const {
    const RouteDecision d = Route(Ctx(w, text, at, std::move(match)), config_);
    Apply(w, text, at, d);
    return d;
  }

  static void Apply(World& w, const std::string& text, sys_seconds at, const RouteDecision& d) {
    const ContactUpdate& u = d.contact;
    if (u.opted_out) w.contact.opted_out = *u.opted_out;
    if (u.chosen_lang) w.contact.chosen_lang = u.chosen_lang;
    if (u.detected_lang) w.contact.detected_lang = u.detected_lang;
    for (const std::string& t : u.subscribe) w.contact.subscriptions.push_back(t);
    for (const std::string& t : u.unsubscribe) std::erase(w.contact.subscriptions, t);
    switch (d.ticket.kind) {
      case TicketActionKind::kNone: break;
      case TicketActionKind::kOpen:
        w.ticket = OpenTicket{.id = w.next_ticket++,
                              .acked = d.ticket.mark_acked,
                              .urgent = d.ticket.urgent,
                              .due_at = d.ticket.due_at.value(),
                              .last_inbound_text = text,
                              .last_inbound_at = at};
        break;
      case TicketActionKind::kAppend:
      case TicketActionKind::kFoldDuplicate:
        w.ticket->acked = w.ticket->acked || d.ticket.mark_acked;
        w.ticket->urgent = w.ticket->urgent || d.ticket.urgent;
        if (d.ticket.due_at) w.ticket->due_at = *d.ticket.due_at;
        w.ticket->last_inbound_text = text;
        w.ticket->last_inbound_at = at;
        break;
    }
    for (const Reply& r : d.replies) {
      w.sent.push_back(at);
      w.replies.push_back(r);
    }
    w.contact.known = true;
    w.contact.last_inbound_text = text;
    w.contact.last_inbound_at = at;
  }

  std::string Text(TextKey key, Lang lang, TextValues values = {}) const {
    return config_.texts.Render(key, lang, values);
  }
  // An acknowledgement: the deadline, then the emergency line.
  std::string Ack(Lang lang, const std::string& deadline) const {
    return Text(TextKey::kAck, lang, {.deadline = deadline}) + " " +
           Text(TextKey::kEmergencyLine, lang, {.numbers = config_.emergency_numbers});
  }

  DeskConfig config_;
};

// --- Keywords.

TEST_F(RouterTest, StopIsRecordedAndConfirmed) {
  World w;
  const RouteDecision d = Step(w, "STOP", Friday6pm());
  ASSERT_EQ(d.replies.size(), 1u);
  EXPECT_EQ(d.replies[0].text, Text(TextKey::kStop, Lang::kEn));
  EXPECT_EQ(d.replies[0].kind, ReplyKind::kKeyword);
  EXPECT_EQ(d.contact.opted_out, true);
  ASSERT_EQ(d.contact.consents.size(), 1u);
  const ConsentRecord& c = d.contact.consents[0];
  EXPECT_EQ(ConsentActionName(c.action), "stop");
  EXPECT_EQ(c.keyword, "STOP");
  EXPECT_EQ(c.source, "sms");
  EXPECT_EQ(c.at, Friday6pm());
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kNone);
  EXPECT_TRUE(d.HasReason("keyword:stop"));
  EXPECT_TRUE(d.HasReason("stop_confirmed"));
}

TEST_F(RouterTest, StopIsConfirmedOnceThenSilence) {
  World w;
  sys_seconds t = Friday6pm();
  EXPECT_EQ(Step(w, "STOP", t).replies.size(), 1u);
  const RouteDecision again = Step(w, "stop!!", t += 1min);
  EXPECT_TRUE(again.replies.empty());
  EXPECT_TRUE(again.contact.consents.empty());
  EXPECT_FALSE(again.contact.opted_out.has_value());
  EXPECT_TRUE(again.HasReason("already_opted_out"));
  EXPECT_TRUE(Step(w, "ARRET", t += 1min).replies.empty());
  EXPECT_TRUE(Step(w, "توقف", t += 1min).replies.empty());
  // A question still reaches a moderator, without an automatic SMS.
  const RouteDecision question = Step(w, "Where can I find winter clothes?", t += 1min, Suggest());
  EXPECT_TRUE(question.replies.empty());
  EXPECT_EQ(question.ticket.kind, TicketActionKind::kOpen);
  EXPECT_FALSE(question.ticket.mark_acked);
  EXPECT_TRUE(question.HasReason("opted_out_silent"));
  const RouteDecision faq = Step(w, "food bank hours?", t += 1min, Auto("Mon-Fri 9-5."));
  EXPECT_TRUE(faq.replies.empty());
  EXPECT_EQ(faq.ticket.kind, TicketActionKind::kAppend);
  EXPECT_EQ(w.replies.size(), 1u);
}

TEST_F(RouterTest, StopConfirmationIgnoresTheCapButNotMachines) {
  World w;
  w.sent.assign(20, Friday6pm() - 10min);
  EXPECT_EQ(Step(w, "STOP", Friday6pm()).replies.size(), 1u);

  World robot{.sender = "InfoSMS"};
  const RouteDecision d = Step(robot, "STOP", Friday6pm());
  EXPECT_TRUE(d.replies.empty());
  EXPECT_EQ(d.contact.opted_out, true);  // honoured all the same
  EXPECT_EQ(d.contact.consents.size(), 1u);
  EXPECT_TRUE(d.HasReason("unreplyable_sender"));
}

TEST_F(RouterTest, StopIsConfirmedInTheKeywordsLanguage) {
  World fr;
  EXPECT_EQ(Step(fr, "Arrêt", Friday6pm()).replies.at(0).text, Text(TextKey::kStop, Lang::kFr));
  World es;
  EXPECT_EQ(Step(es, "BAJA", Friday6pm()).replies.at(0).lang, Lang::kEs);
  World uk;
  EXPECT_EQ(Step(uk, "ВІДПИСАТИСЯ", Friday6pm()).replies.at(0).lang, Lang::kUk);
  // "توقف" is Arabic and Persian: the detector (here the matcher) decides.
  World ar;
  EXPECT_EQ(Step(ar, "توقف", Friday6pm(), Match(Decision::kQueue, Lang::kAr)).replies.at(0).lang,
            Lang::kAr);
  // A shared word from a contact who chose Ukrainian: Ukrainian.
  World chosen;
  chosen.contact.chosen_lang = Lang::kUk;
  EXPECT_EQ(Step(chosen, "STOP", Friday6pm()).replies.at(0).lang, Lang::kUk);
  // Arabizi gets Arabic script.
  World arabizi;
  EXPECT_EQ(Step(arabizi, "wa2if", Friday6pm()).replies.at(0).text, Text(TextKey::kStop, Lang::kAr));
}

TEST_F(RouterTest, StartOptsBackIn) {
  World w;
  w.contact.opted_out = true;
  const RouteDecision d = Step(w, "START", Friday6pm());
  EXPECT_EQ(d.contact.opted_out, false);
  ASSERT_EQ(d.contact.consents.size(), 1u);
  EXPECT_EQ(d.contact.consents[0].action, ConsentAction::kStart);
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kStart, Lang::kEn));
  // Now questions are acknowledged again.
  EXPECT_EQ(Step(w, "help with rent", Friday6pm() + 1min, Suggest()).replies.size(), 1u);
}

TEST_F(RouterTest, StartWhenNotOptedOutExplainsTheService) {
  World w;
  const RouteDecision d = Step(w, "start", Friday6pm());
  EXPECT_FALSE(d.contact.opted_out.has_value());
  EXPECT_TRUE(d.contact.consents.empty());
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kHelp, Lang::kEn, {.numbers = "911"}));
}

TEST_F(RouterTest, JoinAndLeaveTopics) {
  World w;
  sys_seconds t = Friday6pm();
  RouteDecision d = Step(w, "JOIN BUS", t);
  EXPECT_EQ(d.contact.subscribe, std::vector<std::string>{"bus"});
  ASSERT_EQ(d.contact.consents.size(), 1u);
  EXPECT_EQ(d.contact.consents[0].action, ConsentAction::kSubscribe);
  EXPECT_EQ(d.contact.consents[0].topic, "bus");
  EXPECT_EQ(d.contact.consents[0].keyword, "JOIN BUS");
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kJoin, Lang::kEn, {.topic = "school bus"}));

  d = Step(w, "join bus", t += 1min);  // already subscribed: confirm, record nothing
  EXPECT_TRUE(d.contact.subscribe.empty());
  EXPECT_TRUE(d.contact.consents.empty());
  EXPECT_EQ(d.replies.size(), 1u);

  d = Step(w, "ABONNER tempête", t += 1min);
  EXPECT_EQ(d.contact.subscribe, std::vector<std::string>{"storm"});
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kJoin, Lang::kFr, {.topic = "tempête"}));

  d = Step(w, "STOP BUS", t += 1min);
  EXPECT_EQ(d.contact.unsubscribe, std::vector<std::string>{"bus"});
  EXPECT_EQ(d.contact.consents.at(0).action, ConsentAction::kUnsubscribe);
  EXPECT_FALSE(d.contact.opted_out.has_value());  // only the bus
  EXPECT_EQ(w.contact.subscriptions, std::vector<std::string>{"storm"});
}

TEST_F(RouterTest, UnknownTopicListsTheTopics) {
  World w;
  const RouteDecision d = Step(w, "JOIN weather", Friday6pm());
  EXPECT_TRUE(d.contact.subscribe.empty());
  EXPECT_EQ(d.replies.at(0).text,
            Text(TextKey::kUnknownTopic, Lang::kEn, {.topics = "alerts, school bus, storm, events"}));
  World ar;
  ar.contact.chosen_lang = Lang::kAr;
  EXPECT_EQ(Step(ar, "اشتراك طقس", Friday6pm()).replies.at(0).text,
            Text(TextKey::kUnknownTopic, Lang::kAr, {.topics = "تنبيهات، الباص، عاصفة، events"}));
}

TEST_F(RouterTest, JoinAfterStopOptsBackIn) {
  World w;
  w.contact.opted_out = true;
  const RouteDecision d = Step(w, "اشتراك الباص", Friday6pm(), Match(Decision::kQueue, Lang::kAr));
  EXPECT_EQ(d.contact.opted_out, false);
  ASSERT_EQ(d.contact.consents.size(), 2u);
  EXPECT_EQ(d.contact.consents[0].action, ConsentAction::kStart);
  EXPECT_EQ(d.contact.consents[1].action, ConsentAction::kSubscribe);
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kJoin, Lang::kAr, {.topic = "الباص"}));
}

TEST_F(RouterTest, LeaveWhileOptedOutIsRecordedSilently) {
  World w;
  w.contact.opted_out = true;
  w.contact.subscriptions = {"bus"};
  const RouteDecision d = Step(w, "unsubscribe bus", Friday6pm());
  EXPECT_EQ(d.contact.unsubscribe, std::vector<std::string>{"bus"});
  EXPECT_TRUE(d.replies.empty());
}

TEST_F(RouterTest, LangHelpMenu) {
  World w;
  RouteDecision d = Step(w, "LANG fr", Friday6pm());
  EXPECT_EQ(d.contact.chosen_lang, Lang::kFr);
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kLang, Lang::kFr));
  d = Step(w, "HELP", Friday6pm() + 1min);  // now in French
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kHelp, Lang::kFr, {.numbers = "911"}));
  d = Step(w, "عربي", Friday6pm() + 2min);
  EXPECT_EQ(d.contact.chosen_lang, Lang::kAr);
  EXPECT_EQ(d.replies.at(0).lang, Lang::kAr);
  d = Step(w, "LANG xx", Friday6pm() + 3min);
  EXPECT_FALSE(d.contact.chosen_lang.has_value());
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kLangOptions, Lang::kAr));
  d = Step(w, "MENU", Friday6pm() + 4min);
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kMenu, Lang::kAr, {.topics = "تنبيهات، الباص، عاصفة، events"}));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kNone);
}

TEST_F(RouterTest, OptedOutContactsStillGetWhatTheyAskFor) {
  World w;
  w.contact.opted_out = true;
  EXPECT_EQ(Step(w, "HELP", Friday6pm()).replies.size(), 1u);
  EXPECT_EQ(Step(w, "LANG es", Friday6pm() + 1min).replies.size(), 1u);
  EXPECT_TRUE(w.contact.opted_out);
}

TEST_F(RouterTest, KeywordRepliesRespectTheCap) {
  World w;
  w.sent.assign(5, Friday6pm() - 5min);
  const RouteDecision d = Step(w, "HELP", Friday6pm());
  EXPECT_TRUE(d.replies.empty());
  EXPECT_TRUE(d.HasReason("cap_reached"));
  w.contact.opted_out = true;
  const RouteDecision start = Step(w, "START", Friday6pm());
  EXPECT_EQ(start.contact.opted_out, false);  // honoured, not confirmed
  EXPECT_TRUE(start.replies.empty());
}

TEST_F(RouterTest, AnIncompleteMessageIsNeverAKeyword) {
  World w;
  InboundContext ctx = Ctx(w, "STOP", Friday6pm(), Match(Decision::kQueue));
  ctx.message.incomplete = true;
  const RouteDecision d = Route(ctx, config_);
  EXPECT_FALSE(d.contact.opted_out.has_value());
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kOpen);
}

// --- Urgent.

TEST_F(RouterTest, UrgentJumpsTheQueueAndSendsTheNumbers) {
  World w;
  const RouteDecision d = Step(w, "he is hitting me", Friday6pm(), Match(Decision::kUrgent));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kOpen);
  EXPECT_TRUE(d.ticket.urgent);
  EXPECT_EQ(d.ticket.due_at, Friday6pm());
  EXPECT_TRUE(d.ticket.mark_acked);
  ASSERT_EQ(d.replies.size(), 1u);
  EXPECT_EQ(d.replies[0].kind, ReplyKind::kUrgent);
  EXPECT_EQ(d.replies[0].priority, desk::ReplyPriority::kEmergency);
  EXPECT_NE(d.replies[0].text.find("911"), std::string::npos);
}

TEST_F(RouterTest, PossibleDangerJumpsTheQueueAndSaysWhomToCall) {
  World w;
  w.sent.assign(10, Friday6pm() - 1min);  // over the hourly cap
  const RouteDecision d =
      Step(w, "my son is very sleepy and his breath smells sweet", Friday6pm(), Match(Decision::kPossibleDanger));
  EXPECT_TRUE(d.HasReason("possible_danger"));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kOpen);
  EXPECT_TRUE(d.ticket.urgent);
  EXPECT_EQ(d.ticket.due_at, Friday6pm());
  ASSERT_EQ(d.replies.size(), 1u);
  EXPECT_EQ(d.replies[0].kind, ReplyKind::kUrgent);
  EXPECT_EQ(d.replies[0].priority, desk::ReplyPriority::kEmergency);
  EXPECT_EQ(d.replies[0].text, Text(TextKey::kPossibleDanger, Lang::kEn, {.numbers = "911"}));
  // A second one on the same (now urgent) ticket counts against the cap.
  const RouteDecision again =
      Step(w, "he is still sleepy", Friday6pm() + 1min, Match(Decision::kPossibleDanger));
  EXPECT_TRUE(again.replies.empty());
  EXPECT_TRUE(again.ticket.urgent);
}

TEST_F(RouterTest, EveryAckEndsWithTheEmergencyLineInTheSendersLanguage) {
  for (Lang lang : {Lang::kAr, Lang::kEn, Lang::kFr, Lang::kEs, Lang::kFa, Lang::kUk}) {
    World w;
    const RouteDecision d = Step(w, "question", Friday6pm(), Suggest(lang));
    ASSERT_EQ(d.replies.size(), 1u);
    const std::string line = Text(TextKey::kEmergencyLine, lang, {.numbers = "911"});
    EXPECT_TRUE(d.replies[0].text.ends_with(" " + line)) << d.replies[0].text;
    EXPECT_NE(line.find("911"), std::string::npos);
  }
}

TEST_F(RouterTest, UrgentInTheSendersLanguage) {
  World w;
  const RouteDecision d = Step(w, "زوجي يضربني", Friday6pm(), Match(Decision::kUrgent, Lang::kAr));
  EXPECT_EQ(d.replies.at(0).text, Text(TextKey::kUrgent, Lang::kAr, {.numbers = "911"}));
}

TEST_F(RouterTest, UrgentFromAnOptedOutContactOverTheCap) {
  World w;
  w.contact.opted_out = true;
  w.sent.assign(10, Friday6pm() - 1min);
  const RouteDecision d = Step(w, "I want to end my life", Friday6pm(), Match(Decision::kUrgent));
  EXPECT_EQ(d.replies.size(), 1u);
  EXPECT_TRUE(d.ticket.urgent);
}

TEST_F(RouterTest, UrgentRaisesTheOpenTicket) {
  World w;
  Step(w, "question about rent", Friday6pm(), Suggest());
  ASSERT_TRUE(w.ticket && !w.ticket->urgent);
  const sys_seconds later = Friday6pm() + 30min;
  const RouteDecision d = Step(w, "now he is threatening me", later, Match(Decision::kUrgent));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kAppend);
  EXPECT_TRUE(d.ticket.urgent);
  EXPECT_EQ(d.ticket.due_at, later);
  EXPECT_EQ(d.replies.at(0).kind, ReplyKind::kUrgent);
}

TEST_F(RouterTest, LaterUrgentRepliesCountAgainstTheCap) {
  World w;
  sys_seconds t = Friday6pm();
  int urgent_replies = 0;
  for (int i = 0; i < 30; ++i)
    urgent_replies += static_cast<int>(
        Step(w, "danger help police " + std::to_string(i), t += 1min, Match(Decision::kUrgent)).replies.size());
  EXPECT_EQ(urgent_replies, config_.loop.auto_replies_per_hour);
  EXPECT_EQ(w.next_ticket, 2);  // one ticket
}

TEST_F(RouterTest, MachinesGetNothing) {
  for (const char* sender : {"InfoSMS", "32665"}) {
    World w{.sender = sender};
    for (faq::MatchResult m : {Match(Decision::kUrgent), Auto("answer"), Suggest()}) {
      const RouteDecision d = Step(w, "Your bill is ready", Friday6pm(), m);
      EXPECT_TRUE(d.replies.empty()) << sender;
      EXPECT_EQ(d.ticket.kind, TicketActionKind::kNone) << sender;
      EXPECT_TRUE(d.HasReason("unreplyable_sender"));
    }
  }
}

// --- FAQ and the moderators' queue.

TEST_F(RouterTest, FaqAutoAnswersNow) {
  World w;
  const RouteDecision d = Step(w, "food bank hours?", Friday6pm(), Auto("Mon-Fri 9-5."));
  ASSERT_EQ(d.replies.size(), 1u);
  EXPECT_EQ(d.replies[0].text, "Mon-Fri 9-5.");
  EXPECT_EQ(d.replies[0].kind, ReplyKind::kAuto);
  EXPECT_EQ(d.replies[0].faq_id, "food-bank");
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kNone);
  EXPECT_TRUE(d.HasReason("faq:auto"));
}

TEST_F(RouterTest, FaqAutoWithAnOpenTicketAlsoJoinsTheThread) {
  World w;
  Step(w, "question about rent", Friday6pm(), Suggest());
  const RouteDecision d = Step(w, "food bank hours?", Friday6pm() + 1min, Auto("Mon-Fri 9-5."));
  EXPECT_EQ(d.replies.at(0).kind, ReplyKind::kAuto);
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kAppend);
}

TEST_F(RouterTest, ArabiziSenderGetsArabic) {
  World w;
  const RouteDecision answer =
      Step(w, "wen bank el akl?", Friday6pm(), Auto("بنك الطعام مفتوح", "ar", Lang::kArLatn));
  EXPECT_EQ(answer.replies.at(0).lang, Lang::kAr);
  EXPECT_EQ(answer.contact.detected_lang, Lang::kArLatn);
  World q;
  const RouteDecision ack = Step(q, "baddi mosa3ade bel ijar", Friday6pm(), Suggest(Lang::kArLatn));
  EXPECT_EQ(ack.lang, Lang::kAr);
  EXPECT_EQ(ack.replies.at(0).text,
            Ack(Lang::kAr, "بحلول يوم الاثنين الساعة 17:00"));
}

TEST_F(RouterTest, QueuedFridayEveningIsAckedForMonday) {
  World w;
  const RouteDecision d = Step(w, "my landlord wants me out", Friday6pm(), Suggest());
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kOpen);
  EXPECT_FALSE(d.ticket.urgent);
  EXPECT_EQ(d.ticket.due_at, MondayDue());
  EXPECT_EQ(d.ticket.suggestions, (std::vector<std::string>{"housing", "rent"}));
  EXPECT_TRUE(d.ticket.mark_acked);
  ASSERT_EQ(d.replies.size(), 1u);
  EXPECT_EQ(d.replies[0].kind, ReplyKind::kAck);
  EXPECT_EQ(d.replies[0].text,
            "Thank you, we got your message. A moderator will answer by Monday 17:00. In danger? Call 911.");
}

TEST_F(RouterTest, AtMostOneAckPerTicket) {
  World w;
  sys_seconds t = Friday6pm();
  const RouteDecision first = Step(w, "rent question", t, Suggest());
  EXPECT_EQ(first.replies.size(), 1u);
  EXPECT_TRUE(first.HasReason("new_contact"));
  const RouteDecision second = Step(w, "also about my deposit", t += 5min, Match(Decision::kQueue));
  EXPECT_EQ(second.ticket.kind, TicketActionKind::kAppend);
  EXPECT_FALSE(second.ticket.due_at.has_value());
  EXPECT_FALSE(second.HasReason("new_contact"));
  EXPECT_TRUE(second.replies.empty());
  EXPECT_TRUE(second.ticket.suggestions.empty());
}

TEST_F(RouterTest, AnUnackedTicketIsAckedWithItsOwnDeadline) {
  World w;
  w.ticket = OpenTicket{.id = 7, .acked = false, .due_at = MondayDue(),
                        .last_inbound_text = "hello", .last_inbound_at = Friday6pm() - 2h};
  w.contact.chosen_lang = Lang::kFr;
  const RouteDecision d = Step(w, "bonjour, une question", Friday6pm(), Match(Decision::kQueue));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kAppend);
  EXPECT_TRUE(d.ticket.mark_acked);
  EXPECT_EQ(d.replies.at(0).text,
            Ack(Lang::kFr, "d'ici lundi 17h00"));
}

TEST_F(RouterTest, AnOverdueUnackedTicketGetsAFreshDeadline) {
  World w;
  w.ticket = OpenTicket{.id = 7, .acked = false, .due_at = MondayDue(),
                        .last_inbound_text = "hello", .last_inbound_at = Friday6pm()};
  const sys_seconds tuesday_evening = test_util::At(config_.office_hours, 2025, 3, 11, 18);
  const RouteDecision d = Step(w, "any news?", tuesday_evening, Match(Decision::kQueue));
  EXPECT_EQ(d.ticket.due_at, test_util::At(config_.office_hours, 2025, 3, 12, 17));
  EXPECT_EQ(d.replies.at(0).text,
            Ack(Lang::kEn, "by tomorrow 17:00"));
}

TEST_F(RouterTest, MachinesCanOnlyStop) {
  World w{.sender = "32665"};
  for (const char* text : {"JOIN BUS", "START", "LANG fr", "HELP"}) {
    const RouteDecision d = Step(w, text, Friday6pm());
    EXPECT_TRUE(d.replies.empty()) << text;
    EXPECT_TRUE(d.contact.subscribe.empty()) << text;
    EXPECT_TRUE(d.contact.consents.empty()) << text;
    EXPECT_FALSE(d.contact.chosen_lang.has_value()) << text;
    EXPECT_TRUE(d.HasReason("ignored_from_machine")) << text;
  }
}

TEST_F(RouterTest, FaqAutoIsQueuedWhenItCannotBeSent) {
  // Over the cap: a ticket, no SMS, the answer as the first suggestion.
  World capped;
  capped.sent.assign(5, Friday6pm() - 30min);
  RouteDecision d = Step(capped, "food bank hours?", Friday6pm(), Auto("Mon-Fri 9-5."));
  EXPECT_TRUE(d.replies.empty());
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kOpen);
  EXPECT_EQ(d.ticket.suggestions.at(0), "food-bank");
  EXPECT_FALSE(d.ticket.mark_acked);
  EXPECT_TRUE(d.HasReason("cap_reached"));
  // Incomplete: the answer may be to half a question.
  World w;
  InboundContext ctx = Ctx(w, "food bank hours", Friday6pm(), Auto("Mon-Fri 9-5."));
  ctx.message.incomplete = true;
  d = Route(ctx, config_);
  EXPECT_EQ(d.replies.at(0).kind, ReplyKind::kAck);
  EXPECT_TRUE(d.HasReason("incomplete_no_auto"));
}

TEST_F(RouterTest, TheSameQuestionAfterAnAutoAnswerGoesToAPerson) {
  World w;
  sys_seconds t = Friday6pm();
  EXPECT_EQ(Step(w, "food bank hours?", t, Auto("Mon-Fri 9-5.")).replies.at(0).kind, ReplyKind::kAuto);
  const RouteDecision d = Step(w, "Food bank hours", t += 10min, Auto("Mon-Fri 9-5."));
  EXPECT_TRUE(d.HasReason("repeat_after_auto"));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kOpen);
  EXPECT_EQ(d.replies.at(0).kind, ReplyKind::kAck);
}

TEST_F(RouterTest, RepeatedTextsFoldIntoTheOpenTicket) {
  World w;
  sys_seconds t = Friday6pm();
  Step(w, "Where do I get my health card?", t, Suggest());
  const RouteDecision d = Step(w, "where do I get my health card", t += 3min, Suggest());
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kFoldDuplicate);
  EXPECT_TRUE(d.replies.empty());
  EXPECT_TRUE(d.HasReason("repeat_folded"));
  // Beyond the window it is a new line on the ticket (still acked: no SMS).
  const RouteDecision later = Step(w, "where do I get my health card", t += 25h, Suggest());
  EXPECT_EQ(later.ticket.kind, TicketActionKind::kAppend);
  EXPECT_TRUE(later.replies.empty());
}

TEST_F(RouterTest, ARepeatThatTurnsUrgentStillRaisesTheTicket) {
  World w;
  Step(w, "help police", Friday6pm(), Match(Decision::kQueue));
  const RouteDecision d = Step(w, "help police", Friday6pm() + 1min, Match(Decision::kUrgent));
  EXPECT_EQ(d.ticket.kind, TicketActionKind::kFoldDuplicate);
  EXPECT_TRUE(d.ticket.urgent);
  EXPECT_EQ(d.replies.at(0).kind, ReplyKind::kUrgent);
}

TEST_F(RouterTest, StoredLanguageAndDetection) {
  World w;
  w.contact.chosen_lang = Lang::kFr;
  RouteDecision d = Step(w, "where is the library?", Friday6pm(), Suggest(Lang::kEn));
  EXPECT_EQ(d.lang, Lang::kFr);
  EXPECT_EQ(d.ticket.lang, Lang::kFr);
  EXPECT_EQ(d.contact.detected_lang, Lang::kEn);
  // Undetectable text: the earlier detection, then the default.
  World known;
  known.contact.detected_lang = Lang::kUk;
  d = Step(known, "??", Friday6pm(), Match(Decision::kQueue, Lang::kUnknown));
  EXPECT_EQ(d.lang, Lang::kUk);
  EXPECT_FALSE(d.contact.detected_lang.has_value());
  World fresh;
  config_.default_lang = Lang::kFr;
  EXPECT_EQ(Step(fresh, "??", Friday6pm(), Match(Decision::kQueue, Lang::kUnknown)).lang, Lang::kFr);
}

// --- Loops.

TEST_F(RouterTest, TwoRobotsStopAtTheCap) {
  // Another autoresponder on a long number answers each of our texts with a
  // new text that the FAQ happens to match: without the cap, forever.
  World robot;
  sys_seconds t = Friday6pm();
  for (int i = 0; i < 200; ++i)
    Step(robot, "Auto-reply #" + std::to_string(i) + ": office hours are 9-5", t += 10s,
         Auto("Our office hours are Mon-Fri 9-5."));
  // 200 messages over 33 minutes: the cap, and not one more.
  EXPECT_EQ(robot.sent.size(), static_cast<size_t>(config_.loop.auto_replies_per_hour));
  // Each later hour allows the cap again, so the cost is bounded per hour.
  for (int i = 0; i < 400; ++i)
    Step(robot, "Auto-reply #" + std::to_string(1000 + i) + ": office hours", t += 10s,
         Auto("Our office hours are Mon-Fri 9-5."));
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(t - Friday6pm()).count() + 1;
  EXPECT_LE(robot.sent.size(), static_cast<size_t>(hours * config_.loop.auto_replies_per_hour));
}

TEST_F(RouterTest, AnEchoingRobotGetsOneAckThenSilence) {
  // A robot that sends the same text back: one acknowledgement, then folds.
  World robot;
  sys_seconds t = Friday6pm();
  for (int i = 0; i < 100; ++i) Step(robot, "I am away, I will reply later.", t += 30s);
  EXPECT_EQ(robot.sent.size(), 1u);
  EXPECT_EQ(robot.next_ticket, 2);
}

}  // namespace
}  // namespace smsdesk::desk
