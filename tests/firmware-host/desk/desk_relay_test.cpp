// The SMS relay: a new ticket reaches the moderators' phones as "#N lang: …";
// a registered moderator answers "#N <SMS PIN> answer" and the newcomer gets
// it from the box. A caller ID can be forged, so the number alone is not
// enough: without the PIN nothing goes out, wrong PINs pause the number and
// tell the admins, and anyone else's "#N …" is an ordinary message with any
// PIN in it redacted.
#include <gtest/gtest.h>

#include "firmware-host/auth/auth.h"
#include "store/accounts.h"
#include "store/sms_pins.h"
#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;

constexpr const char* kModeratorPhone = "+16135559001";
constexpr const char* kAdminPhone = "+16135559003";
constexpr const char* kPin = "482193";

class DeskRelayTest : public DeskTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(console::InitCrypto());
    store::Accounts accounts(*db_);
    auto amira = accounts.CreateUser({.name = "amira", .role = "moderator", .phone = std::string(kModeratorPhone)});
    ASSERT_TRUE(amira.ok());
    moderator_id_ = *amira;
    ASSERT_TRUE(accounts.SetPin(moderator_id_, console::HashPassword(kPin, console::MinimumCost())).ok());
    ASSERT_TRUE(accounts.CreateUser({.name = "vera", .role = "volunteer", .phone = std::string("+16135559002")}).ok());
    ASSERT_TRUE(accounts.CreateUser({.name = "root", .role = "admin", .phone = std::string(kAdminPhone)}).ok());
  }

  std::vector<store::OutboxItem> To(const std::string& number) {
    std::vector<store::OutboxItem> rows;
    for (auto& row : OutboxRows()) {
      if (row.to == number) rows.push_back(row);
    }
    return rows;
  }

  std::int64_t NewTicket(sys_seconds at, const std::string& question = "what is the weather tomorrow") {
    Receive(question, at, kPerson, "m2");
    const auto ticket = OpenTicket();
    EXPECT_TRUE(ticket.has_value());
    return ticket ? ticket->id : 0;
  }

  std::string Tag(std::int64_t id) const { return "#" + std::to_string(id); }

  // The admins' SMS about wrong PINs (they also get new tickets, as moderators do).
  std::vector<store::OutboxItem> LockNotices() {
    std::vector<store::OutboxItem> rows;
    for (auto& row : To(kAdminPhone)) {
      if (row.body.find("wrong SMS PINs") != std::string::npos) rows.push_back(row);
    }
    return rows;
  }

  std::int64_t moderator_id_ = 0;
};

TEST_F(DeskRelayTest, ANewTicketReachesModeratorsOnly) {
  const std::int64_t id = NewTicket(Friday6pm());
  auto relayed = To(kModeratorPhone);
  ASSERT_EQ(relayed.size(), 1u);
  EXPECT_EQ(relayed[0].body.rfind(Tag(id) + " en: what is the weather tomorrow", 0), 0u) << relayed[0].body;
  EXPECT_EQ(relayed[0].body.find(kPerson), std::string::npos) << "the newcomer's number never goes out";
  EXPECT_TRUE(To("+16135559002").empty()) << "volunteers are not relayed to";
}

TEST_F(DeskRelayTest, AnAnswerWithThePinReachesTheNewcomerFromTheBox) {
  const std::int64_t id = NewTicket(Friday6pm());
  Receive(Tag(id) + " " + kPin + " Sunny, and no snow.", Friday6pm() + 10min, kModeratorPhone, "m1");
  auto answers = To(kPerson);
  ASSERT_EQ(answers.size(), 2u);  // the acknowledgement, then the answer
  EXPECT_EQ(answers[1].body, "Sunny, and no snow.") << "the PIN is never sent on";
  EXPECT_EQ(answers[1].via, std::optional<std::string>("m2")) << "from the modem the person texted";
  EXPECT_EQ(To(kModeratorPhone).back().body, Tag(id) + " sent.");
  EXPECT_EQ((**tickets_.Get(id)).status, "pending");
  for (const auto& m : Thread(kModeratorPhone)) {
    EXPECT_EQ(m.body.value_or("").find(kPin), std::string::npos) << "stored: " << *m.body;
  }
}

TEST_F(DeskRelayTest, TheNumberAloneAnswersNothing) {
  // What a forger with the moderator's caller ID sends.
  const std::int64_t id = NewTicket(Friday6pm());
  Receive(Tag(id) + " Please call 900-555-0199 to claim your benefit", Friday6pm() + 1min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).size(), 1u) << "only the acknowledgement";
  EXPECT_EQ(To(kModeratorPhone).back().body, Tag(id) + " not sent: start with your SMS PIN: " + Tag(id) +
                                                 " PIN your answer.");
}

TEST_F(DeskRelayTest, AModeratorWithoutAPinIsToldHowToGetOne) {
  ASSERT_TRUE(store::Accounts(*db_).SetPin(moderator_id_, std::nullopt).ok());
  const std::int64_t id = NewTicket(Friday6pm());
  Receive(Tag(id) + " 482193 Sunny.", Friday6pm() + 1min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).size(), 1u);
  EXPECT_NE(To(kModeratorPhone).back().body.find("need your SMS PIN"), std::string::npos);
}

TEST_F(DeskRelayTest, WrongPinsPauseTheNumberWithABackOffAndTellTheAdminsOnce) {
  const std::int64_t id = NewTicket(Friday6pm());
  const sys_seconds t0 = Friday6pm() + 1min;
  Receive(Tag(id) + " 111111 one", t0, kModeratorPhone);
  Receive(Tag(id) + " 222222 two", t0 + 1s, kModeratorPhone);
  EXPECT_TRUE(LockNotices().empty()) << "two slips of the thumb are free";
  Receive(Tag(id) + " 333333 three", t0 + 2s, kModeratorPhone);
  ASSERT_EQ(LockNotices().size(), 1u) << "the lock-out starts: the admins hear";
  EXPECT_NE(LockNotices()[0].body.find("ending 001"), std::string::npos) << LockNotices()[0].body;
  EXPECT_EQ(LockNotices()[0].body.find(kModeratorPhone), std::string::npos) << "no full number";
  EXPECT_NE(To(kModeratorPhone).back().body.find("paused"), std::string::npos);
  auto lock = store::SmsPins(*db_).Get(kModeratorPhone);
  ASSERT_TRUE(lock.ok() && *lock);
  EXPECT_EQ((*lock)->locked_until, Seconds(t0 + 2s + 60s));

  // While locked even the right PIN is not checked, and no SMS answers each guess.
  const std::size_t answered = To(kModeratorPhone).size();
  Receive(Tag(id) + " " + kPin + " right but early", t0 + 30s, kModeratorPhone);
  EXPECT_EQ(To(kPerson).size(), 1u);
  EXPECT_EQ(To(kModeratorPhone).size(), answered);

  // After the lock, a fourth wrong PIN doubles it; the admins are not told again.
  Receive(Tag(id) + " 444444 four", t0 + 2min, kModeratorPhone);
  lock = store::SmsPins(*db_).Get(kModeratorPhone);
  EXPECT_EQ((*lock)->locked_until, Seconds(t0 + 2min + 120s));
  EXPECT_EQ(LockNotices().size(), 1u);

  // The right PIN after the wait is taken and starts the number afresh.
  Receive(Tag(id) + " " + kPin + " Sunny.", t0 + 5min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).back().body, "Sunny.");
  EXPECT_FALSE(*store::SmsPins(*db_).Get(kModeratorPhone));
}

TEST_F(DeskRelayTest, AnAdminMayTrustTheNumberAlone) {
  ASSERT_TRUE(store::SmsPins(*db_).SetRelayTrustsNumber(moderator_id_, true).ok());
  const std::int64_t id = NewTicket(Friday6pm());
  Receive(Tag(id) + " Sunny.", Friday6pm() + 1min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).back().body, "Sunny.");
  Receive(Tag(id) + " " + kPin + " And warm.", Friday6pm() + 2min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).back().body, "And warm.") << "a PIN typed anyway is taken off";
}

TEST_F(DeskRelayTest, AResolvedTicketOrAStoppedPersonIsNotAnsweredBySms) {
  const std::int64_t id = NewTicket(Friday6pm());
  ASSERT_TRUE(desk_.Resolve(id, "amira", Friday6pm() + 1min).ok());
  Receive(Tag(id) + " " + kPin + " late answer", Friday6pm() + 2min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).size(), 1u);
  EXPECT_NE(To(kModeratorPhone).back().body.find("the ticket is resolved"), std::string::npos);

  const std::int64_t second = NewTicket(Friday6pm() + 3min, "is the pool open on sunday afternoon");
  Receive("STOP", Friday6pm() + 4min);
  const std::size_t before = To(kPerson).size();
  Receive(Tag(second) + " " + kPin + " are you there?", Friday6pm() + 5min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).size(), before);
  EXPECT_NE(To(kModeratorPhone).back().body.find("sent STOP"), std::string::npos);
}

TEST_F(DeskRelayTest, AnUnknownTicketIsSaidSo) {
  Receive(std::string("#999 ") + kPin + " hello", Friday6pm(), kModeratorPhone);
  auto confirmations = To(kModeratorPhone);
  ASSERT_EQ(confirmations.size(), 1u);
  EXPECT_EQ(confirmations[0].body, "#999: no such ticket.");
}

TEST_F(DeskRelayTest, AStrangersHashTextIsAnOrdinaryMessageWithItsPinRedacted) {
  const std::int64_t id = NewTicket(Friday6pm());
  const std::size_t before = To(kPerson).size();
  Receive(Tag(id) + " " + kPin + " you have won a prize", Friday6pm() + 1min, "+16135550777");
  EXPECT_EQ(To(kPerson).size(), before) << "a stranger cannot answer someone else's ticket";
  EXPECT_FALSE(To("+16135550777").empty()) << "they are answered like any newcomer";
  const auto thread = Thread("+16135550777");
  ASSERT_FALSE(thread.empty());
  EXPECT_EQ(thread[0].body, Tag(id) + " ****** you have won a prize");
  for (const auto& sms : To(kModeratorPhone)) EXPECT_EQ(sms.body.find(kPin), std::string::npos) << sms.body;
}

TEST_F(DeskRelayTest, TextTypedIntoUssdIsNeverARelayAnswer) {
  const std::int64_t id = NewTicket(Friday6pm());
  Receive(Tag(id) + " " + kPin + " Sunny.", Friday6pm() + 1min, kModeratorPhone, kUssdChannel);
  EXPECT_EQ(To(kPerson).size(), 1u);
}

TEST_F(DeskRelayTest, RelayAnswersCanBeTurnedOff) {
  DeskSettings config = desk_.config();
  config.relay_answers = false;
  desk_.SetConfig(config);
  const std::int64_t id = NewTicket(Friday6pm());
  Receive(Tag(id) + " " + kPin + " Sunny.", Friday6pm() + 1min, kModeratorPhone);
  EXPECT_EQ(To(kPerson).size(), 1u);
}

}  // namespace
}  // namespace smsdesk::desk::test_util
