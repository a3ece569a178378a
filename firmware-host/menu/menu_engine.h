// Menu navigation and rendering over SMS and USSD: pure functions of a
// MenuTree, a position and the user's input — no store, no clock, no I/O. The
// caller keeps an SMS session's Position (EncodePosition) and its expiry; USSD
// needs no session at all (ReplayUssd replays every input from the root).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/menu/menu_screen.h"
#include "firmware-host/menu/menu_tree.h"

namespace smsdesk::menu {

inline constexpr int kBackChoice = 0;
inline constexpr int kMoreChoice = 98;   // next page (USSD)
inline constexpr int kMainMenu = -1;     // what "00" parses to: back to the first screen

// "2", " ٢ ", "۲", "2.", "#2", "２" (fullwidth) -> 2; "0" -> 0; "98" -> 98;
// "00" -> kMainMenu. Anything else ("2 please", "", "123", "05") -> nullopt:
// not a menu choice, the text goes to normal routing.
std::optional<int> ParseChoice(std::string_view text);

enum class Channel { kSms, kUssd };

// Where a session stands. `path`: 0-based child indices from the root to a
// menu, or to a kPerson item while awaiting_question.
struct Position {
  std::vector<int> path;
  int page = 0;  // USSD pages of a long menu
  bool awaiting_question = false;
  bool operator==(const Position&) const = default;
};

// One TEXT column: "" (the first screen), "1.0", "1.0|p1", "2|q".
std::string EncodePosition(const Position& position);
std::optional<Position> DecodePosition(std::string_view text);

struct Outcome {
  enum class Kind { kScreen, kAnswer, kJoin, kStop, kPerson, kInvalid, kQuestion, kExit };
  Kind kind = Kind::kScreen;
  Position position;  // afterwards; the leaf's parent menu for kAnswer/kJoin/kStop/kQuestion
  // kScreen/kInvalid: the menu screen (kInvalid: "Choose a number from 1 to N."
  // above it over SMS, "Invalid choice." over USSD); kAnswer: the answer;
  // kJoin/kStop: a confirmation naming the item (a stop item borrows the title
  // of the join item for the same topic);
  // kPerson: "Type your question:"; kQuestion: the thank-you; kExit: goodbye.
  std::string text;
  std::string faq_id;    // kAnswer
  std::string topic;     // kJoin, kStop
  std::string question;  // kQuestion
};

// The first screen, the greeting above the choices. `max_chars` paginates
// USSD screens (SMS screens are never cut).
Outcome Open(const MenuTree& tree, const std::string& lang, Channel channel, std::size_t max_chars = kUssdMaxChars);

// `choice` from ParseChoice. 1..N picks an item (on any page), 0 goes back (a
// page, a menu, or kExit on the first screen), 98 next page, kMainMenu the
// first screen; anything else is kInvalid with the position unchanged. A
// position that no longer exists in the tree (the config changed) is cut back
// to its deepest valid menu first. While awaiting a question only 0 and 00
// navigate (other choices ask again, kPerson): hand any other text to Ask.
Outcome Choose(const MenuTree& tree, const Position& position, int choice, const std::string& lang, Channel channel,
               std::size_t max_chars = kUssdMaxChars);

// The typed question while `position.awaiting_question`: kQuestion with the
// thank-you, back at the person item's parent menu. An empty question: kPerson again.
Outcome Ask(const MenuTree& tree, const Position& position, std::string_view question, const std::string& lang);

struct UssdAction {
  enum class Kind { kJoin, kStop, kTicket, kSendAnswerBySms };
  Kind kind = Kind::kTicket;
  std::string topic;     // kJoin, kStop
  std::string question;  // kTicket
  std::string faq_id;    // kSendAnswerBySms
  std::string answer;    // kSendAnswerBySms: the whole answer
};

struct UssdScreen {
  bool end = false;  // "END <text>", else "CON <text>"
  std::string text;  // always within MeasureScreen(text, max_chars).limit
  std::vector<UssdAction> actions;
  std::string language;  // the language chosen (empty on the language picker)
};

// One USSD request: `text` is every input so far joined with '*' (Africa's
// Talking style). `lang` empty: the first screen picks a language among
// `languages` (default: MenuLanguages(tree); skipped when there is one). Each
// later input is a choice; an invalid one shows the same screen under a short
// notice. A leaf ends the session: an answer (cut to fit, the whole answer as a
// kSendAnswerBySms action), a join/stop confirmation with its action, or —
// after a person item — everything after it, re-joined with '*', as the
// question (a kTicket action). Same arguments, same screen.
UssdScreen ReplayUssd(const MenuTree& tree, const std::string& lang, std::string_view text,
                      std::size_t max_chars = kUssdMaxChars, const std::vector<std::string>& languages = {});

}  // namespace smsdesk::menu
