#include "firmware-host/lexicon/lexicon.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <sstream>

#include <toml++/toml.h>

#include "firmware-host/base/language.h"
#include "firmware-host/lexicon/lexicon_data.h"

namespace smsdesk::lexicon {
namespace {

bool OneOf(std::string_view value, std::span<const std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// A language code of the registry as it writes it, or "shared".
bool KnownLanguageCode(std::string_view code) {
  if (code == "shared") return true;
  const LanguageInfo* info = FindLanguage(code);
  return info != nullptr && info->lang != Lang::kUnknown && info->code == code;
}

class FileReader {
 public:
  FileReader(const std::string& source, Lexicon& into, std::vector<LexiconError>& errors, bool builtin)
      : source_(source), into_(into), errors_(errors), builtin_(builtin) {}

  void Read(const toml::table& root) {
    const toml::node* language = root.get("language");
    if (!language || !language->is_string()) {
      Error(language ? LineOf(*language) : 1, "language = \"ar\" (a code: ar, ar-Latn, en, fr, es, fa, uk, or shared) "
                                              "is needed");
      return;
    }
    lang_ = **language->as_string();
    if (!KnownLanguageCode(lang_)) {
      Error(LineOf(*language), "unknown language \"" + lang_ + "\" (ar, ar-Latn, en, fr, es, fa, uk or shared)");
      return;
    }
    for (const auto& [key, node] : root) {
      if (key == "language") continue;
      if (key == "danger" && node.is_table()) {
        ReadDanger(*node.as_table());
      } else if (key == "keywords" && node.is_table()) {
        ReadKeywords(*node.as_table());
      } else if (key == "texts" && node.is_table() && builtin_) {
        ReadTexts(*node.as_table());
      } else if (key == "texts") {
        Error(LineOf(node), "the desk's own texts are changed in the config's [texts] section, not here");
      } else {
        Error(LineOf(node), "unknown section \"" + std::string(key.str()) + "\" ([danger] or [keywords])");
      }
    }
  }

 private:
  void Error(int line, std::string message) { errors_.push_back({{source_, line}, std::move(message)}); }

  // The strings of `node`, a list; each wrong item is an error.
  std::vector<std::pair<std::string, int>> Strings(const toml::node& node, std::string_view name) {
    std::vector<std::pair<std::string, int>> out;
    const toml::array* array = node.as_array();
    if (!array) {
      Error(LineOf(node), std::string(name) + ": expected a list of strings, e.g. [\"a\", \"b\"]");
      return out;
    }
    for (const toml::node& item : *array) {
      if (const auto* s = item.as_string()) {
        out.emplace_back(**s, LineOf(item));
      } else {
        Error(LineOf(item), std::string(name) + ": every item must be a string");
      }
    }
    return out;
  }

  void ReadDanger(const toml::table& table) {
    for (const auto& [key, node] : table) {
      const std::string name = "danger." + std::string(key.str());
      if (key == "negations" || key == "information_cues") {
        for (auto& [text, line] : Strings(node, name)) {
          const std::string why = key == "negations" ? CheckSpelling(text) : CheckPattern(text);
          if (!why.empty()) {
            Error(line, name + ": \"" + text + "\": " + why);
          } else {
            (key == "negations" ? into_.negations : into_.information_cues).push_back(std::move(text));
          }
        }
        continue;
      }
      if (!OneOf(key.str(), kDangerKinds)) {
        Error(LineOf(node), "unknown danger list \"" + std::string(key.str()) +
                                "\" (violence, suicide, medical, fire, child, general, negations, information_cues)");
        continue;
      }
      for (auto& [text, line] : Strings(node, name)) {
        if (const std::string why = CheckPattern(text); !why.empty()) {
          Error(line, name + ": \"" + text + "\": " + why);
        } else if (into_.danger.size() >= kMaxEntries) {
          Error(line, name + ": more than " + std::to_string(kMaxEntries) + " danger patterns in all");
          return;
        } else {
          into_.danger.push_back({lang_, std::string(key.str()), std::move(text), {source_, line}});
        }
      }
    }
  }

  void ReadSpelling(const toml::node& node) {
    const toml::array* row = node.as_array();
    const int line = LineOf(node);
    auto item = [&](std::size_t i) -> std::optional<std::string> {
      if (!row || i >= row->size()) return std::nullopt;
      const auto* s = row->get(i)->as_string();
      return s ? std::optional<std::string>(**s) : std::nullopt;
    };
    const auto text = item(0), alone = item(1), before = item(2), topic = item(3);
    if (!row || row->size() < 3 || row->size() > 4 || !text || !alone || !before || (row->size() == 4 && !topic)) {
      Error(line, "keywords.spellings: each is [\"spelling\", \"meaning alone\", \"meaning before a topic\"] "
                  "with \"topic\" as a fourth item when only a topic may follow");
      return;
    }
    if (const std::string why = CheckSpelling(*text); !why.empty()) {
      Error(line, "keywords.spellings: \"" + *text + "\": " + why);
      return;
    }
    for (const std::string* meaning : {&*alone, &*before}) {
      if (!OneOf(*meaning, kMeanings)) {
        Error(line, "keywords.spellings: \"" + *meaning +
                        "\" is not a meaning (none, stop, start, join, leave, help, lang, menu)");
        return;
      }
    }
    if (topic && *topic != "topic") {
      Error(line, "keywords.spellings: the fourth item can only be \"topic\"");
      return;
    }
    if (into_.spellings.size() >= kMaxEntries) {
      Error(line, "keywords.spellings: more than " + std::to_string(kMaxEntries) + " spellings in all");
      return;
    }
    into_.spellings.push_back({lang_, *text, *alone, *before, topic.has_value(), {source_, line}});
  }

  void ReadKeywords(const toml::table& table) {
    for (const auto& [key, node] : table) {
      const std::string name = "keywords." + std::string(key.str());
      if (key == "spellings") {
        if (const toml::array* rows = node.as_array()) {
          for (const toml::node& row : *rows) ReadSpelling(row);
        } else {
          Error(LineOf(node), name + ": expected a list of [spelling, alone, before a topic] lists");
        }
        continue;
      }
      std::vector<std::string>* list = key == "politeness"   ? &into_.politeness
                                       : key == "connectors" ? &into_.connectors
                                                             : nullptr;
      if (!list && key != "names") {
        Error(LineOf(node), "unknown keyword list \"" + std::string(key.str()) +
                                "\" (spellings, names, politeness, connectors)");
        continue;
      }
      for (auto& [text, line] : Strings(node, name)) {
        if (const std::string why = CheckSpelling(text); !why.empty()) {
          Error(line, name + ": \"" + text + "\": " + why);
        } else if (list) {
          list->push_back(std::move(text));
        } else if (lang_ == "shared") {
          Error(line, name + ": names are of one language; put them in that language's file");
        } else {
          into_.language_names.push_back({lang_, std::move(text)});
        }
      }
    }
  }

  void ReadTexts(const toml::table& table) {
    for (const auto& [key, node] : table) {
      if (const auto* text = node.as_string()) {
        into_.texts.push_back({lang_, std::string(key.str()), **text, {source_, LineOf(node)}});
      } else {
        Error(LineOf(node), "texts." + std::string(key.str()) + ": expected a string");
      }
    }
  }

  const std::string& source_;
  Lexicon& into_;
  std::vector<LexiconError>& errors_;
  bool builtin_ = false;
  std::string lang_;
};

}  // namespace

std::string Origin::Describe() const {
  return line > 0 ? source + ":" + std::to_string(line) : source;
}

std::string CheckSpelling(std::string_view text) {
  if (text.empty() || text.find_first_not_of(' ') == std::string_view::npos) return "empty";
  if (text.size() > kMaxPatternBytes) return "longer than " + std::to_string(kMaxPatternBytes) + " bytes";
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return "a control character";
  }
  return {};
}

std::string CheckPattern(std::string_view pattern) {
  if (std::string why = CheckSpelling(pattern); !why.empty()) return why;
  std::istringstream slots{std::string(pattern)};
  std::string slot;
  std::size_t count = 0;
  while (slots >> slot) {
    if (++count > kMaxSlots) return "more than " + std::to_string(kMaxSlots) + " words";
    std::size_t alternatives = 0;
    std::size_t start = 0;
    while (start <= slot.size()) {
      std::size_t end = slot.find('|', start);
      if (end == std::string::npos) end = slot.size();
      std::string_view alt(slot.data() + start, end - start);
      if (alt.empty()) return "an empty alternative (\"||\" or a '|' at an end)";
      if (++alternatives > kMaxAlternatives) {
        return "more than " + std::to_string(kMaxAlternatives) + " alternatives in one word";
      }
      std::string_view core = alt;
      if (core.starts_with('*')) core.remove_prefix(1);
      if (core.ends_with('*')) core.remove_suffix(1);
      if (core.find('*') != std::string_view::npos) return "a '*' inside \"" + std::string(alt) + "\" (only at its ends)";
      // At least two characters besides the stars: "*a*" would match nearly anything.
      std::size_t chars = 0;
      for (unsigned char c : core) chars += (c & 0xC0) != 0x80;
      if (core.size() < alt.size() && chars < 2) {
        return "\"" + std::string(alt) + "\": a '*' needs at least two letters beside it";
      }
      start = end + 1;
    }
  }
  return {};
}

void ReadLanguageFile(std::string_view text, const std::string& source, Lexicon& into,
                      std::vector<LexiconError>& errors, bool builtin) {
  if (text.size() > kMaxFileBytes) {
    errors.push_back({{source, 0}, "larger than " + std::to_string(kMaxFileBytes / 1024) + " KiB"});
    return;
  }
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    errors.push_back({{source, static_cast<int>(e.source().begin.line)}, std::string(e.description())});
    return;
  }
  FileReader(source, into, errors, builtin).Read(root);
}

std::shared_ptr<const Lexicon> Builtin() {
  static const std::shared_ptr<const Lexicon> builtin = [] {
    auto lexicon = std::make_shared<Lexicon>();
    std::vector<LexiconError> errors;
    for (const EmbeddedFile& f : BuiltinFiles()) ReadLanguageFile(f.text, "builtin " + std::string(f.name), *lexicon, errors, true);
    // The compiled-in files are tested (lexicon_test.cpp): an error here is
    // a build that skipped its tests. Say so; the rest of the lists stand.
    for (const LexiconError& e : errors) std::fprintf(stderr, "smsdesk: word lists: %s\n", e.Describe().c_str());
    return std::shared_ptr<const Lexicon>(std::move(lexicon));
  }();
  return builtin;
}

Loaded LoadWithFolder(const std::string& dir) {
  Loaded loaded;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) {
    loaded.lexicon = Builtin();
    return loaded;
  }
  auto lexicon = std::make_shared<Lexicon>(*Builtin());
  std::vector<std::filesystem::path> files;
  // Never throws: an error reading the folder is one more error.
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml") files.push_back(it->path());
  }
  if (ec) loaded.errors.push_back({{dir, 0}, ec.message()});
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string text(kMaxFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) {
      loaded.errors.push_back({{path.string(), 0}, "cannot read it"});
      continue;
    }
    text.resize(static_cast<std::size_t>(in.gcount()));
    ReadLanguageFile(text, path.string(), *lexicon, loaded.errors);
  }
  loaded.lexicon = std::move(lexicon);
  return loaded;
}

std::string AddPhrase(Lexicon& into, const std::string& lang, const std::string& list, const std::string& text,
                      const Origin& origin) {
  if (!KnownLanguageCode(lang)) return "unknown language \"" + lang + "\"";
  if (OneOf(list, kDangerKinds)) {
    if (std::string why = CheckPattern(text); !why.empty()) return why;
    if (into.danger.size() >= kMaxEntries) return "the danger lists are full";
    into.danger.push_back({lang, list, text, origin});
    return {};
  }
  // A keyword: what it means alone and before a topic.
  struct Kind {
    std::string_view list, alone, before;
    bool topic;
  };
  static constexpr Kind kKinds[] = {{"stop", "stop", "none", false},  {"start", "start", "none", false},
                                    {"help", "help", "none", false},  {"menu", "menu", "none", false},
                                    {"join", "join", "join", true},   {"leave", "none", "leave", true}};
  const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const Kind& k) { return k.list == list; });
  if (kind == std::end(kKinds)) return "unknown list \"" + list + "\"";
  if (std::string why = CheckSpelling(text); !why.empty()) return why;
  if (into.spellings.size() >= kMaxEntries) return "the keyword lists are full";
  into.spellings.push_back({lang, text, std::string(kind->alone), std::string(kind->before), kind->topic, origin});
  return {};
}

}  // namespace smsdesk::lexicon
