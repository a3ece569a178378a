#include "firmware-host/desk/faq_source.h"

#include <map>

#include "firmware-host/faq/faq_csv.h"
#include "modem/trim.h"

namespace smsdesk::desk {

faq::FaqEntry EntryFromRow(const store::FaqRow& row) {
  faq::FaqEntry entry{.id = row.id, .lang = row.lang, .question = row.question, .answer = row.answer};
  std::string_view rest = row.keywords;
  while (!rest.empty()) {
    const std::size_t semicolon = rest.find(';');
    std::string_view keyword = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
    keyword = Trim(keyword, " ");
    if (!keyword.empty()) entry.keywords.emplace_back(keyword);
  }
  entry.examples = faq::SplitExamples(row.examples);
  return entry;
}

store::FaqRow RowFromEntry(const faq::FaqEntry& entry, std::int64_t updated_at, std::optional<std::string> by) {
  std::string keywords;
  for (const std::string& k : entry.keywords) keywords += (keywords.empty() ? "" : ";") + k;
  return {.id = entry.id,
          .lang = entry.lang,
          .keywords = std::move(keywords),
          .question = entry.question,
          .answer = entry.answer,
          .examples = faq::JoinExamples(entry.examples),
          .updated_at = updated_at,
          .updated_by = std::move(by)};
}

modem::Result<std::vector<faq::FaqEntry>> LoadFaqEntries(const config::Config& config, store::Database& db) {
  if (!config.faq.file.empty()) {
    faq::FaqCsvResult csv = faq::ReadFaqCsvFile(config.faq.file);
    if (!csv.ok) {
      return modem::MakeError("faq.file " + config.faq.file + ":" + std::to_string(csv.error.line) + ": " +
                              csv.error.message);
    }
    return std::move(csv.entries);
  }
  auto rows = store::FaqStore(db).All();
  if (!rows.ok()) return modem::MakeError("reading the FAQ from the store: " + rows.status().message());
  std::vector<faq::FaqEntry> entries;
  for (const store::FaqRow& row : *rows) entries.push_back(EntryFromRow(row));
  return entries;
}

modem::Result<FaqLoad> LoadFaq(const config::Config& config, store::Database& db) {
  auto entries = LoadFaqEntries(config, db);
  if (!entries) return entries.error();
  FaqLoad load{.entries = std::move(*entries)};
  for (const auto& [name, value] : config.faq.matcher) {
    if (std::string wrong = faq::SetMatcherParam(load.matcher, name, value); !wrong.empty()) {
      return modem::MakeError("faq.matcher." + name + ": " + wrong);
    }
  }
  return load;
}

std::optional<std::string> AnswerIn(const std::vector<faq::FaqEntry>& entries, const std::string& id,
                                    const std::string& lang) {
  const faq::FaqEntry* fallback = nullptr;
  for (const faq::FaqEntry& e : entries) {
    if (e.id != id) continue;
    if (e.lang == lang) return e.answer;
    if (e.lang == "en" || !fallback) fallback = &e;
  }
  return fallback ? std::optional<std::string>(fallback->answer) : std::nullopt;
}

std::shared_ptr<const menu::MenuTree> BakeMenu(const menu::MenuTree& menu, const std::vector<faq::FaqEntry>& entries,
                                               std::vector<std::string>& missing) {
  if (menu.empty()) return nullptr;
  auto tree = std::make_shared<menu::MenuTree>(menu);
  missing = menu::BakeAnswers(*tree, [&entries](const std::string& id) {
    std::map<std::string, std::string> answers;
    for (const faq::FaqEntry& e : entries) {
      if (e.id == id) answers[e.lang] = e.answer;
    }
    return answers;
  });
  return tree;
}

}  // namespace smsdesk::desk
