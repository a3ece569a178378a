// Where the desk's FAQ comes from: the CSV file named in the config
// (faq.file), else the entries kept in the store (faq_entries); what the
// daemon, the console's import and `smsdesk faq` share. Also what the desk
// does with the loaded entries besides matching: an entry's answer in a
// language (the console's suggestions) and the menu's answers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware-host/config/config.h"
#include "firmware-host/faq/faq_entry.h"
#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/menu/menu_tree.h"
#include "modem/result.h"
#include "store/database.h"
#include "store/faq_store.h"

namespace smsdesk::desk {

modem::Result<std::vector<faq::FaqEntry>> LoadFaqEntries(const config::Config& config, store::Database& db);

// The entries and the matcher's settings (faq.matcher.*, each name checked).
struct FaqLoad {
  std::vector<faq::FaqEntry> entries;
  faq::MatcherConfig matcher;
};
modem::Result<FaqLoad> LoadFaq(const config::Config& config, store::Database& db);

// Entry `id`'s answer in `lang`, else in English, else in the first
// language it has; nullopt when there is no such entry.
std::optional<std::string> AnswerIn(const std::vector<faq::FaqEntry>& entries, const std::string& id,
                                    const std::string& lang);

// `menu` with each FAQ item's answers filled in from `entries`; null when
// the menu is empty. `missing` gets the ids the FAQ does not have.
std::shared_ptr<const menu::MenuTree> BakeMenu(const menu::MenuTree& menu, const std::vector<faq::FaqEntry>& entries,
                                               std::vector<std::string>& missing);

faq::FaqEntry EntryFromRow(const store::FaqRow& row);
store::FaqRow RowFromEntry(const faq::FaqEntry& entry, std::int64_t updated_at, std::optional<std::string> by);

}  // namespace smsdesk::desk
