#include "firmware-host/menu/menu_tree.h"

#include "firmware-host/menu/menu_reader.h"

#include <algorithm>

#include "firmware-host/base/config_reader.h"
#include "firmware-host/base/language.h"
#include "modem/trim.h"

namespace smsdesk::menu {
namespace {

using config::LineOf;
using config::TableReader;


// A FAQ id as faq_csv ids are written: letters, digits, '-' and '_'.
bool IsFaqId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

class MenuReader {
 public:
  MenuReader(const std::set<std::string>& topics, const std::string& default_language,
             std::vector<config::ConfigError>& errors)
      : topics_(topics), default_language_(default_language), errors_(errors) {}

  void Root(const toml::table& table, MenuTree& tree) {
    TableReader r(table, "menu", errors_);
    r.Duration("idle_timeout", tree.idle_timeout);
    if (tree.idle_timeout < std::chrono::minutes(1)) {
      r.Error(table.get("idle_timeout"), "menu.idle_timeout: at least 1m");
    }
    Title(r, tree.root);
    tree.root.line = r.line();
    if (const toml::node* items = r.Node("item")) {
      Items(r, *items, 0, tree.root);
    } else {
      r.Error(nullptr, "menu: add the choices as [[menu.item]] tables");
    }
    r.ReportUnknownKeys();
  }

 private:
  void Error(const toml::node* node, std::string message) { errors_.push_back({LineOf(node), std::move(message)}); }

  void Title(TableReader& r, MenuNode& node) {
    const std::string path = r.path() + ".title";
    const toml::node* title = r.Node("title");
    if (!title) {
      r.Error(nullptr, path + ": required, with at least a title in " + default_language_ + " (the default language)");
      return;
    }
    const toml::table* by_language = title->as_table();
    if (!by_language) {
      Error(title, path + ": expected titles by language, e.g. { " + default_language_ + " = \"School\" }");
      return;
    }
    for (const auto& [key, value] : *by_language) {
      const std::string code(key.str());
      const auto text = value.value<std::string>();
      if (faq::LangFromCode(code) == faq::Lang::kUnknown) {
        Error(&value, path + "." + code + ": unknown language (use ar, en, fr, fa, uk, es, ar-Latn)");
      } else if (!text || !value.is_string()) {
        Error(&value, path + "." + code + ": expected a string");
      } else if (Trim(*text).empty()) {
        Error(&value, path + "." + code + ": must not be empty");
      } else if (text->find_first_of("\r\n") != std::string::npos) {
        // One line per choice: a line break would look like another choice on the screen.
        Error(&value, path + "." + code + ": one line, without line breaks");
      } else if (!node.title.emplace(CanonicalLanguage(code), std::string(Trim(*text))).second) {
        Error(&value, path + "." + code + ": a second title in " + CanonicalLanguage(code));
      }
    }
    if (!node.title.contains(default_language_)) {
      Error(title, path + ": needs a title in " + default_language_ + " (the default language)");
    }
  }

  void Items(TableReader& r, const toml::node& items, int depth, MenuNode& node) {
    const std::string path = r.path() + ".item";
    const toml::array* array = items.as_array();
    if (!array) {
      Error(&items, path + ": write each choice as a [[" + path + "]] table");
      return;
    }
    if (depth >= kMaxDepth) {
      Error(&items, r.path() + ": too deep; menus go at most " + std::to_string(kMaxDepth) + " levels down");
      return;
    }
    if (array->empty()) Error(&items, path + ": a menu needs 1 to 9 choices");
    if (array->size() > kMaxChoices) {
      Error(&(*array)[kMaxChoices], path + ": at most 9 choices in a menu (found " + std::to_string(array->size()) +
                                        "); group the others under a sub-menu");
    }
    for (std::size_t i = 0; i < array->size() && i < static_cast<std::size_t>(kMaxChoices); ++i) {
      const toml::table* table = (*array)[i].as_table();
      if (!table) {
        Error(&(*array)[i], path + ": write each choice as a [[" + path + "]] table");
        continue;
      }
      MenuNode child;
      child.line = LineOf(table);
      Item(*table, path + "[" + std::to_string(i + 1) + "]", depth + 1, child);
      node.children.push_back(std::move(child));
    }
  }

  void Item(const toml::table& table, const std::string& path, int depth, MenuNode& node) {
    TableReader r(table, path, errors_);
    Title(r, node);
    const toml::node* items = r.Node("item");
    const toml::node* faq = r.Node("faq");
    const toml::node* join = r.Node("join");
    const toml::node* stop = r.Node("stop");
    const toml::node* person = r.Node("person");
    r.ReportUnknownKeys();

    std::vector<std::string> found;
    if (items) found.push_back("item");
    if (faq) found.push_back("faq");
    if (join) found.push_back("join");
    if (stop) found.push_back("stop");
    if (person) {
      // person = false says nothing; a non-boolean is still meant as a person (one error, not two).
      if (!person->is_boolean()) Error(person, path + ".person: expected true");
      if (!person->is_boolean() || person->value<bool>().value_or(false)) found.push_back("person");
    }
    if (found.empty()) {
      r.Error(nullptr, path + ": say what this choice does: [[" + path + ".item]] (a sub-menu), faq, join, stop "
                              "or person = true");
      return;
    }
    if (found.size() > 1) {
      std::string list;
      for (const std::string& f : found) list += (list.empty() ? "" : ", ") + f;
      r.Error(nullptr, path + ": use only one of item, faq, join, stop, person (found " + list + ")");
    }
    if (items) {
      node.kind = NodeKind::kMenu;
      Items(r, *items, depth, node);
    } else if (faq) {
      node.kind = NodeKind::kFaq;
      node.faq_id = faq->value<std::string>().value_or("");
      if (!faq->is_string() || !IsFaqId(node.faq_id)) {
        Error(faq, path + ".faq: expected a FAQ id (letters, digits, '-', '_'), e.g. \"school-bus\"");
      }
    } else if (join || stop) {
      node.kind = join ? NodeKind::kJoin : NodeKind::kStop;
      const toml::node* topic = join ? join : stop;
      const std::string key = join ? ".join" : ".stop";
      node.topic = topic->value<std::string>().value_or("");
      if (!topic->is_string()) {
        Error(topic, path + key + ": expected a topic id, e.g. \"weather\"");
      } else if (!topics_.contains(node.topic)) {
        Error(topic, path + key + ": unknown topic \"" + node.topic + "\" (define it as [topics." + node.topic + "])");
      }
    } else {
      node.kind = NodeKind::kPerson;
    }
  }

  const std::set<std::string>& topics_;
  const std::string& default_language_;
  std::vector<config::ConfigError>& errors_;
};

void Bake(MenuNode& node, const std::function<std::map<std::string, std::string>(const std::string&)>& lookup,
          std::vector<std::string>& missing) {
  if (node.kind == NodeKind::kFaq) {
    node.answer.clear();
    for (const auto& [code, text] : lookup(node.faq_id)) {
      if (!Trim(text).empty()) node.answer.emplace(CanonicalLanguage(code), text);
    }
    if (node.answer.empty() && std::find(missing.begin(), missing.end(), node.faq_id) == missing.end()) {
      missing.push_back(node.faq_id);
    }
  }
  for (MenuNode& child : node.children) Bake(child, lookup, missing);
}

bool TitledEverywhere(const MenuNode& node, const std::string& lang) {
  if (!node.title.contains(lang)) return false;
  return std::all_of(node.children.begin(), node.children.end(),
                     [&](const MenuNode& child) { return TitledEverywhere(child, lang); });
}

}  // namespace

std::string CanonicalLanguage(const std::string& code) {
  const faq::Lang lang = faq::LangFromCode(code);
  return lang == faq::Lang::kUnknown ? code : std::string(faq::LangCode(lang));
}

const std::string& TextIn(const std::map<std::string, std::string>& texts, const std::string& lang,
                          const std::string& fallback) {
  static const std::string kNone;
  if (auto it = texts.find(lang); it != texts.end()) return it->second;
  if (auto it = texts.find(fallback); it != texts.end()) return it->second;
  return texts.empty() ? kNone : texts.begin()->second;
}

void ReadMenu(const toml::table& table, const std::set<std::string>& topics, std::string default_language,
              MenuTree& tree, std::vector<config::ConfigError>& errors) {
  tree.default_language = CanonicalLanguage(default_language);
  MenuReader(topics, tree.default_language, errors).Root(table, tree);
}

std::vector<std::string> BakeAnswers(
    MenuTree& tree, const std::function<std::map<std::string, std::string>(const std::string&)>& lookup) {
  std::vector<std::string> missing;
  Bake(tree.root, lookup, missing);
  return missing;
}

std::vector<std::string> MenuLanguages(const MenuTree& tree, const std::vector<std::string>& order) {
  std::vector<std::string> candidates = order;
  if (candidates.empty()) {
    candidates.push_back(tree.default_language);
    for (const auto& [code, title] : tree.root.title) candidates.push_back(code);
  }
  std::vector<std::string> languages;
  for (const std::string& code : candidates) {
    const std::string lang = CanonicalLanguage(code);
    if (faq::LangFromCode(lang) == faq::Lang::kUnknown) continue;
    if (std::find(languages.begin(), languages.end(), lang) != languages.end()) continue;
    if (TitledEverywhere(tree.root, lang)) languages.push_back(lang);
  }
  return languages;
}

}  // namespace smsdesk::menu
