// MenuTree: the multilingual menu from the config's [menu] table, one tree
// served over SMS and USSD (menu_engine.h). Plain data, part of config::Config:
// read once at start-up (menu_reader.h: ReadMenu), answers baked in
// (BakeAnswers), then only read — safe to share between threads once built.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>


namespace smsdesk::menu {

enum class NodeKind { kMenu, kFaq, kJoin, kStop, kPerson };

// Language keys are canonical codes ("prs", "fa-AF" are stored as "fa").
struct MenuNode {
  std::map<std::string, std::string> title;   // language code -> title
  NodeKind kind = NodeKind::kMenu;
  std::vector<MenuNode> children;              // kMenu: the numbered choices, 1..9
  std::string faq_id;                          // kFaq
  std::map<std::string, std::string> answer;   // kFaq: per language, filled by BakeAnswers
  std::string topic;                           // kJoin/kStop: a topic id from [topics.<id>]
  int line = 0;                                // in the config, for messages
};

struct MenuTree {
  MenuNode root;                               // root.title: the greeting shown above the first screen
  std::chrono::seconds idle_timeout{900};      // SMS sessions
  std::string default_language = "en";         // fallback when a title/answer is missing in a language
  bool empty() const { return root.children.empty(); }
};

inline constexpr int kMaxChoices = 9;  // one key per choice; 0 is back, 98 more
inline constexpr int kMaxDepth = 5;    // levels of items below the greeting

// Fills each kFaq node's `answer` from `lookup(faq_id)` (language -> answer
// text, keys canonicalised); returns the ids for which lookup gave nothing,
// each once, in menu order.
std::vector<std::string> BakeAnswers(
    MenuTree& tree, const std::function<std::map<std::string, std::string>(const std::string&)>& lookup);

// The languages every node has its own title in (the USSD language picker's
// choices). Without `order`: the root title's languages in code order, the
// default language first; with it: those of `order` that qualify, in its order.
std::vector<std::string> MenuLanguages(const MenuTree& tree, const std::vector<std::string>& order = {});

// "prs"/"fa-AF" -> "fa", "ar-latn" -> "ar-Latn"; unknown codes are returned unchanged.
std::string CanonicalLanguage(const std::string& code);

// `texts[lang]`, else `texts[fallback]`, else the first text, else "".
const std::string& TextIn(const std::map<std::string, std::string>& texts, const std::string& lang,
                          const std::string& fallback);

}  // namespace smsdesk::menu
