#include "firmware-host/desk/desk_settings.h"

#include <gtest/gtest.h>

#include "tests/firmware-host/desk/desk_test_util.h"

namespace smsdesk::desk {
namespace {

using std::chrono::hours;

DeskSettings Build(std::string_view toml) {
  auto parsed = config::ParseConfig(toml);
  EXPECT_TRUE(parsed.ok()) << config::FormatErrors(parsed, "t");
  auto built = BuildDeskConfig(parsed.config);
  EXPECT_TRUE(built.ok()) << (built.ok() ? "" : built.error().message);
  return std::move(built).value();
}

TEST(DeskSettings, TheConfigsMondayIsTheDesksMonday) {
  const DeskSettings desk = Build(R"(
[desk]
time_zone = "America/Toronto"
[desk.office_hours]
monday = "09:00-12:00, 13:00-17:00"
saturday = "10:00-12:00"
holidays = ["2025-03-14"]
)");
  const OfficeHours& h = desk.office_hours;
  // 2025-03-08 is a Saturday, 2025-03-09 a Sunday, 2025-03-10 a Monday.
  EXPECT_TRUE(h.IsOpen(test_util::At(h, 2025, 3, 8, 11)));
  EXPECT_FALSE(h.IsOpen(test_util::At(h, 2025, 3, 9, 11)));
  EXPECT_TRUE(h.IsOpen(test_util::At(h, 2025, 3, 10, 10)));
  EXPECT_FALSE(h.IsOpen(test_util::At(h, 2025, 3, 10, 12, 30))) << "lunch break";
  EXPECT_TRUE(h.IsOpen(test_util::At(h, 2025, 3, 10, 16)));
  EXPECT_FALSE(h.IsOpen(test_util::At(h, 2025, 3, 14, 10))) << "a holiday (a Friday)";
  EXPECT_TRUE(h.IsOpen(test_util::At(h, 2025, 3, 13, 10))) << "Thursday keeps the default 9-17";
}

TEST(DeskSettings, CarriesTopicsTextsAndLimits) {
  const DeskSettings desk = Build(R"(
[desk]
default_language = "fr"
auto_replies_per_hour = 3
duplicate_window = "2h"
emergency_numbers = "911 or 613-555-0100"
blocked_senders = ["+15550001111"]
[topics.bus]
names = { fr = "autobus", ar = "باص" }
aliases = ["school bus"]
[texts.ack]
fr = "Merci ! Réponse {deadline}."
)");
  EXPECT_EQ(desk.default_lang, faq::Lang::kFr);
  EXPECT_EQ(desk.loop.auto_replies_per_hour, 3);
  EXPECT_EQ(desk.loop.repeat_window, hours(2));
  EXPECT_EQ(desk.emergency_numbers, "911 or 613-555-0100");
  EXPECT_EQ(desk.blocked_senders, std::vector<std::string>{"+15550001111"});
  ASSERT_EQ(desk.topics.size(), 1u);
  EXPECT_EQ(desk.topics[0].names.at(faq::Lang::kAr), "باص");
  EXPECT_EQ(desk.topics[0].aliases, std::vector<std::string>{"school bus"});
  EXPECT_EQ(desk.texts.Template(TextKey::kAck, faq::Lang::kFr), "Merci ! Réponse {deadline}.");
  EXPECT_NE(desk.texts.Template(TextKey::kAck, faq::Lang::kEn).find("moderator"), std::string::npos);
}

TEST(DeskSettings, ABlockedSenderIsNeverAnswered) {
  DeskSettings desk = Build("[desk]\nblocked_senders = [\"+15550001111\"]\n");
  InboundContext ctx{.message = {.sender = "+15550001111", .text = "hello?"}};
  EXPECT_TRUE(Route(ctx, desk).replies.empty());
  ctx.message.sender = "+15550002222";
  EXPECT_FALSE(Route(ctx, desk).replies.empty());
}

}  // namespace
}  // namespace smsdesk::desk
