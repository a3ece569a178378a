#include "firmware-host/console/roles.h"

#include <array>

namespace smsdesk::console {
namespace {

constexpr bool Y = true;
constexpr bool N = false;

// The policy. Columns: volunteer, moderator, agency, admin.
constexpr std::array<CapabilityRow, 16> kTable = {{
    {Capability::kSignedIn, "signed_in", "log out, the home page", Y, Y, Y, Y},
    {Capability::kLiveUpdates, "live_updates", "live page updates (/events), no content", Y, Y, Y, Y},
    {Capability::kViewDashboard, "view_dashboard", "dashboard: modems, counts, answer times", Y, Y, Y, Y},
    {Capability::kViewQueue, "view_queue", "the queue (page, /api/queue)", Y, Y, N, Y},
    {Capability::kViewTickets, "view_tickets", "a conversation (page, /api/tickets/{id})", Y, Y, N, Y},
    {Capability::kSeeFullNumbers, "see_full_numbers", "phone numbers unmasked", N, Y, N, Y},
    {Capability::kWorkTickets, "work_tickets", "notes, claim, release", Y, Y, N, Y},
    {Capability::kDraftAnswers, "draft_answers", "propose an answer for approval", Y, Y, N, Y},
    {Capability::kAnswer, "answer", "send answers, resolve, approve drafts", N, Y, N, Y},
    {Capability::kViewFaq, "view_faq", "FAQ entries, try a question, FAQ CSV", Y, Y, N, Y},
    {Capability::kEditFaq, "edit_faq", "FAQ editor, import, promote to FAQ", N, Y, N, Y},
    {Capability::kManageCanned, "manage_canned", "canned answers' page", N, Y, N, Y},
    {Capability::kTicketReports, "ticket_reports", "tickets report (CSV)", N, Y, N, Y},
    {Capability::kSendAlerts, "send_alerts", "alerts: compose, send, follow, cancel own", N, N, Y, Y},
    {Capability::kSeeAllAlerts, "see_all_alerts", "every account's alerts", N, N, N, Y},
    {Capability::kCheckCredit, "check_credit", "SIM credit check from the dashboard", N, N, N, Y},
}};

constexpr bool InEnumOrder() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<std::size_t>(kTable[i].capability) != i) return false;
  }
  return true;
}
static_assert(InEnumOrder(), "the table has one row per capability, in the enum's order");

}  // namespace

std::span<const CapabilityRow> CapabilityTable() { return kTable; }

bool RoleMay(std::string_view role, Capability capability) {
  const auto index = static_cast<std::size_t>(capability);
  if (index >= kTable.size()) return false;
  const CapabilityRow& row = kTable[index];
  if (role == "volunteer") return row.volunteer;
  if (role == "moderator") return row.moderator;
  if (role == "agency") return row.agency;
  if (role == "admin") return row.admin;
  return false;
}

std::string_view CapabilityName(Capability capability) {
  const auto index = static_cast<std::size_t>(capability);
  return index < kTable.size() ? kTable[index].name : "?";
}

std::string_view HomePage(std::string_view role) {
  if (RoleMay(role, Capability::kViewQueue)) return "/queue";
  if (RoleMay(role, Capability::kSendAlerts)) return "/alerts";
  return "/dashboard";
}

}  // namespace smsdesk::console
