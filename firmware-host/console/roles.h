// Who may see and do what in the console: one table of capabilities per
// role. Every route of the console and the JSON API names the capability it
// needs (console.cpp's route table); the pages ask the same table what to
// show (full or masked numbers, which links, which buttons). Nothing else in
// the console looks at a role's name.
//
//   volunteer  the queue and tickets with masked numbers; drafts answers that
//              a moderator approves; notes and claims
//   moderator  answers, resolves, approves drafts, edits the FAQ and canned
//              answers, sees full numbers (to call someone in danger back)
//   agency     its own alerts and the dashboard's aggregate numbers; never a
//              conversation, a ticket, the queue, a number or the FAQ editor
//   admin      all of it, every agency's alerts and the SIM credit check
//
// Pure data and lookups; no state.
#pragma once

#include <span>
#include <string_view>

namespace smsdesk::console {

enum class Capability {
  kSignedIn,        // any account: log out, the home page
  kLiveUpdates,     // /events (ticks without content; per-role event names)
  kViewDashboard,   // aggregate numbers: modems, today's counts, answer times
  kViewQueue,       // the queue (page and API)
  kViewTickets,     // one conversation with its messages (page and API)
  kSeeFullNumbers,  // numbers unmasked; without it only the last 3 digits
  kWorkTickets,     // internal notes, claim and release
  kDraftAnswers,    // propose an answer that a moderator approves
  kAnswer,          // send answers, resolve, approve or reject drafts
  kViewFaq,         // the FAQ entries, "try a question", the FAQ as CSV
  kEditFaq,         // the FAQ editor, import, promote a reply to the FAQ
  kManageCanned,    // the canned answers' page
  kTicketReports,   // the tickets report (CSV)
  kSendAlerts,      // alerts: compose, preview, send, follow, cancel its own
  kSeeAllAlerts,    // every account's alerts, not only one's own
  kCheckCredit,     // start a SIM credit check from the dashboard
};

// One row of the table: a capability, its name for people, and which roles
// have it.
struct CapabilityRow {
  Capability capability;
  std::string_view name;
  std::string_view what;
  bool volunteer, moderator, agency, admin;
};

// The whole table, one row per capability, in the enum's order.
std::span<const CapabilityRow> CapabilityTable();

// The roles, in the table's column order.
inline constexpr std::string_view kConsoleRoles[] = {"volunteer", "moderator", "agency", "admin"};

// Whether `role` has `capability`; an unknown role has none.
bool RoleMay(std::string_view role, Capability capability);
std::string_view CapabilityName(Capability capability);

// Where a role lands after logging in: the queue, or the alerts for an
// agency (which may not see the queue).
std::string_view HomePage(std::string_view role);

}  // namespace smsdesk::console
