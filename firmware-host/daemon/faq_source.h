// Where the daemon's FAQ comes from: the CSV file named in the config
// (faq.file), else the entries kept in the store (faq_entries).
#pragma once

#include <vector>

#include "firmware-host/config/config.h"
#include "firmware-host/faq_entry.h"
#include "modem/result.h"
#include "store/database.h"
#include "store/faq_store.h"

namespace smsdesk::daemon {

modem::Result<std::vector<faq::FaqEntry>> LoadFaqEntries(const config::Config& config, store::Database& db);

faq::FaqEntry EntryFromRow(const store::FaqRow& row);
store::FaqRow RowFromEntry(const faq::FaqEntry& entry, std::int64_t updated_at, std::optional<std::string> by);

}  // namespace smsdesk::daemon
