// ReplayUssd: the USSD side of menu_engine.h. Aggregators (Africa's Talking
// style) send every input so far on each request and retry requests, so the
// screen is recomputed from the root each time instead of kept in a session.
#include <algorithm>

#include "firmware-host/menu/menu_engine.h"
#include "firmware-host/menu/menu_list.h"
#include "firmware-host/menu/menu_texts.h"
#include "modem/trim.h"

namespace smsdesk::menu {
namespace {

// Parses to nothing Choose accepts: the same screen under "Invalid choice.".
constexpr int kNotAChoice = -2;

std::vector<std::string_view> SplitInputs(std::string_view text) {
  std::vector<std::string_view> inputs;
  if (text.empty()) return inputs;  // the first request
  for (std::size_t start = 0;;) {
    const std::size_t star = text.find('*', start);
    inputs.push_back(text.substr(start, star == std::string_view::npos ? text.npos : star - start));
    if (star == std::string_view::npos) return inputs;
    start = star + 1;
  }
}



struct LanguagePicker {
  std::vector<std::string> languages;
  NumberedList list;
};

LanguagePicker MakePicker(const MenuTree& tree, const std::vector<std::string>& given) {
  LanguagePicker picker;
  for (const std::string& code : given.empty() ? MenuLanguages(tree) : given) {
    const std::string lang = CanonicalLanguage(code);
    if (std::find(picker.languages.begin(), picker.languages.end(), lang) != picker.languages.end()) continue;
    if (picker.languages.size() < static_cast<std::size_t>(kMaxChoices)) picker.languages.push_back(lang);
  }
  // Each language by its own name: the reader does not know the others yet.
  for (std::size_t i = 0; i < picker.languages.size(); ++i) {
    picker.list.items.push_back(std::to_string(i + 1) + ". " + LanguageName(picker.languages[i]));
  }
  picker.list.more_line = std::to_string(kMoreChoice) + ". " + MenuString(MenuText::kMore, tree.default_language);
  picker.list.back_line = std::to_string(kBackChoice) + ". " + MenuString(MenuText::kBack, tree.default_language);
  // The reader's language is not known yet: the notice is in the default one.
  picker.list.notice_line = MenuString(MenuText::kInvalidChoice, tree.default_language);
  return picker;
}

UssdScreen End(std::string text, std::string lang) {
  UssdScreen screen;
  screen.end = true;
  screen.text = std::move(text);
  screen.language = std::move(lang);
  return screen;
}

// The answer if it fits, else its beginning and "full answer by SMS", with
// the whole answer handed back to be sent.
UssdScreen AnswerScreen(const Outcome& outcome, const std::string& lang, std::size_t max_chars) {
  if (MeasureScreen(outcome.text, max_chars).fits()) return End(outcome.text, lang);
  UssdScreen screen = End(CutToFit(outcome.text, "\n" + MenuString(MenuText::kFullBySms, lang), max_chars), lang);
  screen.actions.push_back({.kind = UssdAction::Kind::kSendAnswerBySms, .faq_id = outcome.faq_id, .answer = outcome.text});
  return screen;
}

UssdScreen Replay(const MenuTree& tree, const std::string& requested_lang, std::string_view text,
                  std::size_t max_chars, const std::vector<std::string>& languages) {
  const std::vector<std::string_view> inputs = SplitInputs(text);
  std::size_t i = 0;
  std::string lang = CanonicalLanguage(requested_lang);
  if (lang.empty()) {
    LanguagePicker picker = MakePicker(tree, languages);
    if (picker.languages.size() <= 1) {
      lang = picker.languages.empty() ? tree.default_language : picker.languages.front();
    }
    const PagedList pages(picker.list, max_chars);
    std::size_t page = 0;
    bool invalid = false;
    for (; lang.empty() && i < inputs.size(); ++i) {
      const std::optional<int> choice = ParseChoice(inputs[i]);
      invalid = false;
      if (choice && *choice >= 1 && static_cast<std::size_t>(*choice) <= picker.languages.size()) {
        lang = picker.languages[static_cast<std::size_t>(*choice - 1)];
      } else if (choice == kMoreChoice && page + 1 < pages.page_count()) {
        ++page;
      } else if (choice == kBackChoice && page > 0) {
        --page;
      } else if (choice == kMainMenu) {
        page = 0;
      } else {
        invalid = true;
      }
    }
    if (lang.empty()) {
      UssdScreen screen;
      screen.text = pages.Render(page, invalid);
      return screen;
    }
  }

  Outcome state = Open(tree, lang, Channel::kUssd, max_chars);
  while (i < inputs.size()) {
    if (state.position.awaiting_question) {
      // Blank inputs ask again; "0"/"00" still navigate; anything else is the
      // question, the rest of `text` included: a question may contain '*'.
      if (IsBlank(inputs[i])) {
        ++i;
        continue;
      }
      const std::optional<int> choice = ParseChoice(inputs[i]);
      if (choice == kBackChoice || choice == kMainMenu) {
        state = Choose(tree, state.position, *choice, lang, Channel::kUssd, max_chars);
        ++i;
        continue;
      }
      const std::string_view rest = text.substr(static_cast<std::size_t>(inputs[i].data() - text.data()));
      const Outcome asked = Ask(tree, state.position, Trim(rest), lang);
      UssdScreen screen = End(asked.text, lang);
      screen.actions.push_back({.kind = UssdAction::Kind::kTicket, .question = asked.question});
      return screen;
    }
    const std::optional<int> choice = ParseChoice(inputs[i++]);
    state = Choose(tree, state.position, choice.value_or(kNotAChoice), lang, Channel::kUssd, max_chars);
    switch (state.kind) {
      case Outcome::Kind::kAnswer: return AnswerScreen(state, lang, max_chars);
      case Outcome::Kind::kJoin:
      case Outcome::Kind::kStop: {
        UssdScreen screen = End(state.text, lang);
        const bool join = state.kind == Outcome::Kind::kJoin;
        screen.actions.push_back({.kind = join ? UssdAction::Kind::kJoin : UssdAction::Kind::kStop, .topic = state.topic});
        return screen;
      }
      case Outcome::Kind::kExit: return End(state.text, lang);
      case Outcome::Kind::kScreen:
      case Outcome::Kind::kInvalid:
      case Outcome::Kind::kPerson:
      case Outcome::Kind::kQuestion: break;
    }
  }
  UssdScreen screen;
  screen.text = state.text;
  screen.language = lang;
  return screen;
}

}  // namespace

UssdScreen ReplayUssd(const MenuTree& tree, const std::string& lang, std::string_view text, std::size_t max_chars,
                      const std::vector<std::string>& languages) {
  UssdScreen screen = Replay(tree, lang, text, max_chars, languages);
  // The one place that guarantees the limit, whatever path built the screen.
  screen.text = FitScreen(screen.text, max_chars);
  return screen;
}

}  // namespace smsdesk::menu
