// The SMS relay: a new ticket reaches the moderators' phones as "#N lang: …";
// a registered moderator answers "#N answer" and the newcomer gets it from the
// box; anyone else's "#N …" is an ordinary message.
#include <gtest/gtest.h>

#include "store/accounts.h"
#include "tests/firmware-host/desk/desk_fixture.h"

namespace smsdesk::desk::test_util {
namespace {

using namespace std::chrono_literals;

constexpr const char* kModeratorPhone = "+16135559001";

class DeskRelayTest : public DeskTest {
 protected:
  void SetUp() override {
    store::Accounts accounts(*db_);
    ASSERT_TRUE(accounts.CreateUser({.name = "amira", .role = "moderator", .phone = std::string(kModeratorPhone)}).ok());
    ASSERT_TRUE(accounts.CreateUser({.name = "vera", .role = "volunteer", .phone = std::string("+16135559002")}).ok());
  }

  std::vector<store::OutboxItem> To(const std::string& number) {
    std::vector<store::OutboxItem> rows;
    for (auto& row : OutboxRows()) {
      if (row.to == number) rows.push_back(row);
    }
    return rows;
  }
};

TEST_F(DeskRelayTest, ANewTicketReachesModeratorsOnly) {
  Receive("what is the weather tomorrow", Friday6pm());
  const auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  auto relayed = To(kModeratorPhone);
  ASSERT_EQ(relayed.size(), 1u);
  EXPECT_EQ(relayed[0].body.rfind("#" + std::to_string(ticket->id) + " en: what is the weather tomorrow", 0), 0u)
      << relayed[0].body;
  EXPECT_EQ(relayed[0].body.find(kPerson), std::string::npos) << "the newcomer's number never goes out";
  EXPECT_TRUE(To("+16135559002").empty()) << "volunteers are not relayed to";
}

TEST_F(DeskRelayTest, AModeratorsHashAnswerReachesTheNewcomerFromTheBox) {
  Receive("what is the weather tomorrow", Friday6pm(), kPerson, "m2");
  const auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  Receive("#" + std::to_string(ticket->id) + " Sunny, and no snow.", Friday6pm() + 10min, kModeratorPhone, "m1");
  auto answers = To(kPerson);
  ASSERT_EQ(answers.size(), 2u);  // the acknowledgement, then the answer
  EXPECT_EQ(answers[1].body, "Sunny, and no snow.");
  EXPECT_EQ(answers[1].via, std::optional<std::string>("m2")) << "from the modem the person texted";
  auto confirmations = To(kModeratorPhone);
  ASSERT_FALSE(confirmations.empty());
  EXPECT_EQ(confirmations.back().body, "#" + std::to_string(ticket->id) + " sent.");
  EXPECT_EQ((**tickets_.Get(ticket->id)).status, "pending");
}

TEST_F(DeskRelayTest, AnUnknownTicketIsSaidSo) {
  Receive("#999 hello", Friday6pm(), kModeratorPhone);
  auto confirmations = To(kModeratorPhone);
  ASSERT_EQ(confirmations.size(), 1u);
  EXPECT_EQ(confirmations[0].body, "#999: no such ticket.");
}

TEST_F(DeskRelayTest, AnUnregisteredHashTextIsAnOrdinaryMessage) {
  Receive("what is the weather tomorrow", Friday6pm());
  const auto ticket = OpenTicket();
  ASSERT_TRUE(ticket.has_value());
  const std::size_t before = To(kPerson).size();
  Receive("#" + std::to_string(ticket->id) + " you have won a prize", Friday6pm() + 1min, "+16135550777");
  EXPECT_EQ(To(kPerson).size(), before) << "a stranger cannot answer someone else's ticket";
  EXPECT_FALSE(To("+16135550777").empty()) << "they are answered like any newcomer";
}

}  // namespace
}  // namespace smsdesk::desk::test_util
