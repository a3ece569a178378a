#include "firmware-host/menu/menu_engine.h"

#include <algorithm>

#include "firmware-host/menu/menu_list.h"
#include "firmware-host/menu/menu_texts.h"
#include "modem/unicode.h"

namespace smsdesk::menu {
namespace {

// Spaces and the invisible marks phones put around digits typed in an RTL
// keyboard (LRM, RLM, ALM U+061C, bidi embeddings and isolates, BOM).
bool IsIgnorable(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0x00A0 || cp == 0x3000 ||
         cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

// ASCII, Arabic-Indic (٠..٩), Extended Arabic-Indic as Persian keyboards type
// them (۰..۹) and fullwidth (０..９, CJK and some Android keyboards).
int DigitValue(char32_t cp) {
  for (char32_t zero : {U'0', char32_t{0x0660}, char32_t{0x06F0}, char32_t{0xFF10}}) {
    if (cp >= zero && cp <= zero + 9) return static_cast<int>(cp - zero);
  }
  return -1;
}

std::size_t Limit(Channel channel, std::size_t max_chars) { return channel == Channel::kUssd ? max_chars : 0; }

// The node at `path`, or nullptr when the path leaves the tree.
const MenuNode* NodeAt(const MenuTree& tree, const std::vector<int>& path) {
  const MenuNode* node = &tree.root;
  for (int index : path) {
    if (index < 0 || static_cast<std::size_t>(index) >= node->children.size()) return nullptr;
    node = &node->children[static_cast<std::size_t>(index)];
  }
  return node;
}

// The position cut back to what exists in the tree: a menu, or a person item
// while awaiting a question. Sessions outlive config reloads.
Position Resolve(const MenuTree& tree, const Position& position) {
  Position resolved;
  const MenuNode* node = &tree.root;
  for (std::size_t i = 0; i < position.path.size(); ++i) {
    const int index = position.path[i];
    if (index < 0 || static_cast<std::size_t>(index) >= node->children.size()) break;
    const MenuNode& child = node->children[static_cast<std::size_t>(index)];
    const bool last = i + 1 == position.path.size();
    if (child.kind == NodeKind::kPerson && last && position.awaiting_question) {
      resolved.path.push_back(index);
      resolved.awaiting_question = true;
      return resolved;
    }
    if (child.kind != NodeKind::kMenu) break;
    resolved.path.push_back(index);
    node = &child;
  }
  if (resolved.path.size() == position.path.size()) resolved.page = std::max(position.page, 0);
  return resolved;
}

PagedList ListOf(const MenuTree& tree, const std::vector<int>& path, const std::string& lang, std::size_t limit) {
  const MenuNode& menu = *NodeAt(tree, path);
  NumberedList list;
  list.heading = TextIn(menu.title, lang, tree.default_language);
  for (std::size_t i = 0; i < menu.children.size(); ++i) {
    list.items.push_back(std::to_string(i + 1) + ". " + TextIn(menu.children[i].title, lang, tree.default_language));
  }
  list.more_line = std::to_string(kMoreChoice) + ". " + MenuString(MenuText::kMore, lang);
  list.back_line = std::to_string(kBackChoice) + ". " + MenuString(MenuText::kBack, lang);
  list.back_on_first_page = !path.empty();
  // SMS has room to say what is valid; a USSD screen keeps it short.
  list.notice_line = limit == 0 ? FillIn(MenuString(MenuText::kChooseRange, lang), "n",
                                         std::to_string(std::max<std::size_t>(menu.children.size(), 1)))
                                : MenuString(MenuText::kInvalidChoice, lang);
  return PagedList(std::move(list), limit);
}

// The menu at `path` (laid out as `menu`), page clamped; `invalid`: under the notice line.
Outcome MenuScreen(const PagedList& menu, std::vector<int> path, int page, bool invalid = false) {
  Outcome out;
  out.kind = invalid ? Outcome::Kind::kInvalid : Outcome::Kind::kScreen;
  out.position.page = std::clamp(page, 0, static_cast<int>(menu.page_count()) - 1);
  out.position.path = std::move(path);
  out.text = menu.Render(static_cast<std::size_t>(out.position.page), invalid);
  return out;
}

Outcome MenuScreen(const MenuTree& tree, std::vector<int> path, const std::string& lang, std::size_t limit) {
  const PagedList menu = ListOf(tree, path, lang, limit);
  return MenuScreen(menu, std::move(path), 0);
}

// Back from the child at `path` to its parent menu, on the page that shows it.
Outcome Up(const MenuTree& tree, std::vector<int> path, const std::string& lang, std::size_t limit) {
  const auto child = static_cast<std::size_t>(path.back());
  path.pop_back();
  const PagedList parent = ListOf(tree, path, lang, limit);
  return MenuScreen(parent, std::move(path), static_cast<int>(parent.PageOf(child)));
}

Outcome PersonPrompt(std::vector<int> path, const std::string& lang) {
  Outcome out;
  out.kind = Outcome::Kind::kPerson;
  out.position.path = std::move(path);
  out.position.awaiting_question = true;
  out.text = MenuString(MenuText::kTypeQuestion, lang) + "\n" + std::to_string(kBackChoice) + ". " +
             MenuString(MenuText::kBack, lang);
  return out;
}

// "Unsubscribed: Weather alerts." reads better than "…: Stop weather alerts.",
// so a stop item borrows the title of a join item for the same topic.
const MenuNode* FindJoin(const MenuNode& node, const std::string& topic) {
  if (node.kind == NodeKind::kJoin && node.topic == topic) return &node;
  for (const MenuNode& child : node.children) {
    if (const MenuNode* found = FindJoin(child, topic)) return found;
  }
  return nullptr;
}

Outcome Leaf(const MenuTree& tree, const Position& at, std::size_t index, const std::string& lang) {
  const MenuNode& leaf = NodeAt(tree, at.path)->children[index];
  Outcome out;
  out.position = at;
  switch (leaf.kind) {
    case NodeKind::kFaq: {
      out.kind = Outcome::Kind::kAnswer;
      out.faq_id = leaf.faq_id;
      out.text = TextIn(leaf.answer, lang, tree.default_language);
      if (out.text.empty()) out.text = MenuString(MenuText::kNoAnswer, lang);
      break;
    }
    case NodeKind::kJoin:
    case NodeKind::kStop: {
      const bool join = leaf.kind == NodeKind::kJoin;
      const MenuNode* named = join ? &leaf : FindJoin(tree.root, leaf.topic);
      out.kind = join ? Outcome::Kind::kJoin : Outcome::Kind::kStop;
      out.topic = leaf.topic;
      out.text = FillIn(MenuString(join ? MenuText::kJoined : MenuText::kStopped, lang), "title",
                        TextIn((named ? *named : leaf).title, lang, tree.default_language));
      break;
    }
    case NodeKind::kPerson: {
      std::vector<int> path = at.path;
      path.push_back(static_cast<int>(index));
      return PersonPrompt(std::move(path), lang);
    }
    case NodeKind::kMenu: break;  // handled by the caller
  }
  return out;
}

}  // namespace

std::optional<int> ParseChoice(std::string_view text) {
  std::u32string cps = modem::Utf8ToCodepointsLenient(text);
  auto begin = std::find_if_not(cps.begin(), cps.end(), IsIgnorable);
  auto end = std::find_if_not(cps.rbegin(), std::make_reverse_iterator(begin), IsIgnorable).base();
  // "#2" (USSD habits), "2." / "2)" (copying the screen's "2. School").
  if (begin != end && (*begin == U'#' || *begin == 0xFF03)) ++begin;
  if (begin != end) {
    const char32_t last = *(end - 1);
    if (last == U'.' || last == U')' || last == U'#' || last == 0xFF0E) --end;
  }
  const auto length = end - begin;
  if (length < 1 || length > 2) return std::nullopt;
  int value = 0;
  for (auto it = begin; it != end; ++it) {
    const int digit = DigitValue(*it);
    if (digit < 0) return std::nullopt;
    value = value * 10 + digit;
  }
  if (length == 2 && DigitValue(*begin) == 0) {
    if (value == 0) return kMainMenu;
    return std::nullopt;  // "05": not a number anyone types for a choice
  }
  return value;
}

std::string EncodePosition(const Position& position) {
  std::string text;
  for (std::size_t i = 0; i < position.path.size(); ++i) {
    if (i > 0) text += '.';
    text += std::to_string(position.path[i]);
  }
  if (position.page > 0) text += "|p" + std::to_string(position.page);
  if (position.awaiting_question) text += "|q";
  return text;
}

std::optional<Position> DecodePosition(std::string_view text) {
  Position position;
  const std::size_t bar = text.find('|');
  const std::string_view path = text.substr(0, bar);
  std::string_view rest = bar == std::string_view::npos ? std::string_view{} : text.substr(bar);
  // The path: single digits 0..8 (at most 9 choices) separated by dots.
  for (std::size_t i = 0; i < path.size(); i += 2) {
    if (path[i] < '0' || path[i] > '8') return std::nullopt;
    if (i + 1 < path.size() && path[i + 1] != '.') return std::nullopt;
    if (i + 1 == path.size() - 1) return std::nullopt;  // a trailing dot
    position.path.push_back(path[i] - '0');
  }
  if (position.path.size() > static_cast<std::size_t>(kMaxDepth)) return std::nullopt;
  if (rest.starts_with("|p")) {
    const std::size_t stop = rest.find('|', 1);
    const std::string_view digits = rest.substr(2, stop == std::string_view::npos ? rest.npos : stop - 2);
    if (digits.empty() || digits.size() > 2 || digits[0] == '0') return std::nullopt;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      position.page = position.page * 10 + (c - '0');
    }
    rest = stop == std::string_view::npos ? std::string_view{} : rest.substr(stop);
  }
  if (rest == "|q") {
    // Only a person item awaits a question, and it has no pages.
    if (position.path.empty() || position.page > 0) return std::nullopt;
    position.awaiting_question = true;
    rest = {};
  }
  if (!rest.empty()) return std::nullopt;
  return position;
}

Outcome Open(const MenuTree& tree, const std::string& lang, Channel channel, std::size_t max_chars) {
  return MenuScreen(tree, {}, CanonicalLanguage(lang), Limit(channel, max_chars));
}

Outcome Choose(const MenuTree& tree, const Position& position, int choice, const std::string& language,
               Channel channel, std::size_t max_chars) {
  const std::string lang = CanonicalLanguage(language);
  const std::size_t limit = Limit(channel, max_chars);
  const Position at = Resolve(tree, position);
  if (choice == kMainMenu) return MenuScreen(tree, {}, lang, limit);
  if (at.awaiting_question) {
    if (choice == kBackChoice) return Up(tree, at.path, lang, limit);
    return PersonPrompt(at.path, lang);
  }
  const MenuNode& menu = *NodeAt(tree, at.path);
  const PagedList list = ListOf(tree, at.path, lang, limit);
  const int page = std::min(at.page, static_cast<int>(list.page_count()) - 1);
  if (choice == kBackChoice) {
    if (page > 0) return MenuScreen(list, at.path, page - 1);
    if (at.path.empty()) {
      Outcome out;
      out.kind = Outcome::Kind::kExit;
      out.text = MenuString(MenuText::kGoodbye, lang);
      return out;
    }
    return Up(tree, at.path, lang, limit);
  }
  if (choice == kMoreChoice && static_cast<std::size_t>(page) + 1 < list.page_count()) {
    return MenuScreen(list, at.path, page + 1);
  }
  if (choice >= 1 && static_cast<std::size_t>(choice) <= menu.children.size()) {
    const auto index = static_cast<std::size_t>(choice - 1);
    if (menu.children[index].kind == NodeKind::kMenu) {
      std::vector<int> path = at.path;
      path.push_back(choice - 1);
      return MenuScreen(tree, std::move(path), lang, limit);
    }
    Position here = at;
    here.page = page;
    return Leaf(tree, here, index, lang);
  }
  return MenuScreen(list, at.path, page, /*invalid=*/true);
}

Outcome Ask(const MenuTree& tree, const Position& position, std::string_view question, const std::string& language) {
  const std::string lang = CanonicalLanguage(language);
  const Position at = Resolve(tree, position);
  const std::u32string cps = modem::Utf8ToCodepointsLenient(question);
  const auto begin = std::find_if_not(cps.begin(), cps.end(), IsIgnorable);
  const auto end = std::find_if_not(cps.rbegin(), std::make_reverse_iterator(begin), IsIgnorable).base();
  if (begin == end) {
    return at.awaiting_question ? PersonPrompt(at.path, lang) : MenuScreen(tree, at.path, lang, 0);
  }
  Outcome out;
  out.kind = Outcome::Kind::kQuestion;
  out.question = modem::CodepointsToUtf8(std::u32string(begin, end));
  out.text = MenuString(MenuText::kThanks, lang);
  out.position.path = at.path;
  if (at.awaiting_question) out.position.path.pop_back();
  return out;
}

}  // namespace smsdesk::menu
