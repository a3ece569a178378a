// Pieces the console's pages share (console_*.cpp), not part of the
// console's interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "firmware-host/console/console_server.h"

namespace smsdesk::console {

// A positive decimal id from a path ("17"); nullopt for anything else.
std::optional<std::int64_t> ParseId(std::string_view text);
// A plain-text reply (errors of the pages).
Reply Text(http::status status, const std::string& text);

// `number` as `who` may see it: whole, or masked (roles.h kSeeFullNumbers).
std::string ShownNumber(const Principal& who, const std::string& number);

// `text` as one line of words: each run of spaces, tabs and line breaks one
// space, none at the ends (an example, a phrase typed in a form).
std::string OneLine(std::string_view text);

// The last segment of a path: the action of "/tickets/17/reply".
std::string LastSegment(const std::string& path);

// The session's CSRF token, and the hidden form field carrying it.
std::string Csrf(const Principal& who);
std::string HiddenCsrf(const Principal& who);

// The canned-answer picker of a conversation (console_canned.cpp): every
// answer, the ticket's language first, and a button inserting the chosen
// one into the reply box, and for moderators (`manage`) a link to the
// canned answers' page; empty when there is no canned answer.
std::string CannedPicker(store::Database& db, std::string_view ui, const std::optional<std::string>& ticket_lang,
                         bool manage);

}  // namespace smsdesk::console
