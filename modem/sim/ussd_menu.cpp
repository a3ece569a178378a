#include "modem/sim/ussd_menu.h"

namespace smsdesk::sim {
namespace {

constexpr std::string_view kMainMenu = "1. Balance\n2. Bundles\n0. Exit";
constexpr std::string_view kBundleMenu = "Bundles:\n1. 1 GB for 5.00\n2. 5 GB for 15.00\n0. Back";

}  // namespace

std::string UssdMenu::BalanceText() const {
  return "Your balance is " + balance_ + ". Valid until 31.12.2030.";
}

UssdReply UssdMenu::Start(std::string_view code) {
  state_ = State::kIdle;
  if (code == "*100#" || code == "#100#" || code == "*101#") return {0, BalanceText()};
  if (code == "*123#") {
    state_ = State::kMainMenu;
    return {1, std::string(kMainMenu)};
  }
  return {0, "Unknown service code " + std::string(code)};
}

UssdReply UssdMenu::Answer(std::string_view text) {
  switch (state_) {
    case State::kIdle:
      return Start(text);
    case State::kMainMenu:
      if (text == "1") {
        state_ = State::kIdle;
        return {0, BalanceText()};
      }
      if (text == "2") {
        state_ = State::kBundles;
        return {1, std::string(kBundleMenu)};
      }
      if (text == "0") {
        state_ = State::kIdle;
        return {2, "Goodbye"};
      }
      return {1, "Invalid choice\n" + std::string(kMainMenu)};
    case State::kBundles:
      if (text == "1" || text == "2") {
        state_ = State::kIdle;
        return {0, std::string(text == "1" ? "1 GB" : "5 GB") + " bundle activated. Thank you."};
      }
      if (text == "0") {
        state_ = State::kMainMenu;
        return {1, std::string(kMainMenu)};
      }
      return {1, "Invalid choice\n" + std::string(kBundleMenu)};
  }
  return {4, ""};
}

}  // namespace smsdesk::sim
