// The dashboard (modems, today's numbers, the queue, time to answer against
// the 24-hour promise, the last 30 days) and the tickets report as CSV.
#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "firmware-host/credit/credit_parser.h"
#include "store/audit_log.h"
#include "store/outbox.h"
#include "store/reports.h"
#include "store/sim_credit.h"
#include "store/sms_pins.h"

namespace smsdesk::console {
namespace {

using std::chrono::sys_seconds;

std::string Hours(std::int64_t seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f h", static_cast<double>(seconds) / 3600.0);
  return text;
}

// The value at quantile q of sorted values.
std::int64_t Quantile(const std::vector<std::int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

// A bar chart as inline SVG: no script, no library, readable on a phone.
std::string BarChart(const std::vector<std::pair<std::string, std::int64_t>>& bars, std::string_view title) {
  const int width = 600, height = 140, base = 120;
  std::int64_t top = 1;
  for (const auto& [label, value] : bars) top = std::max(top, value);
  const double step = bars.empty() ? 0 : static_cast<double>(width) / static_cast<double>(bars.size());
  std::string svg = "<figure><svg viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"" + Escape(title) + "\" width=\"100%\">";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double h = static_cast<double>(bars[i].second) * (base - 10) / static_cast<double>(top);
    svg += "<rect x=\"" + std::to_string(static_cast<int>(i * step + 2)) + "\" y=\"" +
           std::to_string(static_cast<int>(base - h)) + "\" width=\"" + std::to_string(static_cast<int>(step - 4)) +
           "\" height=\"" + std::to_string(static_cast<int>(h)) + "\" fill=\"#1f3a5f\"><title>" +
           Escape(bars[i].first) + ": " + std::to_string(bars[i].second) + "</title></rect>";
    if (bars.size() <= 8 || i % 5 == 0) {
      svg += "<text x=\"" + std::to_string(static_cast<int>(i * step + 2)) + "\" y=\"" + std::to_string(height - 4) +
             "\" font-size=\"10\">" + Escape(bars[i].first) + "</text>";
    }
  }
  svg += "</svg><figcaption>" + Escape(title) + "</figcaption></figure>";
  return svg;
}

// The SIM credit cell: what the operator said at the last check, when it
// said it, and the warnings the daemon raised (low, expiring) - never a guess.
std::string CreditCell(const std::optional<store::SimCreditRecord>& c, const std::string& lang,
                       const std::function<std::string(std::int64_t)>& when) {
  if (!c) return "—";
  std::string cell;
  if (c->amount) {
    cell = "<strong>" + Escape(credit::FormatAmount(*c->amount, c->currency)) + "</strong>";
    if (c->low_warned_at) cell += " <span class=\"warn\">" + std::string(T(lang, "credit_low")) + "</span>";
    if (c->expires_on) {
      cell += "<br><small>" + std::string(T(lang, "valid_until")) + " " + Escape(*c->expires_on) + "</small>";
    }
    if (c->checked_at) cell += "<br><small>" + std::string(T(lang, "checked")) + " " + when(*c->checked_at) + "</small>";
  } else {
    cell = "—";
  }
  if (c->error) cell += "<br><small>" + std::string(T(lang, "credit_failed")) + ": " + Escape(*c->error) + "</small>";
  return cell;
}

// A modem's last error for someone who may not see numbers (roles.h): a
// timed-out command can carry an SMS's PDU (a number and a text, in hex) or
// a number; every run of 6 or more hex digits becomes "…".
std::string Scrubbed(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && std::isxdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j - i >= 6) {
      out += "…";
      i = j;
    } else if (j > i) {
      out.append(text, i, j - i);
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

Reply ConsoleServer::Dashboard(RequestContext&, const Principal& who) { return DashboardPage(who, {}); }

Reply ConsoleServer::CheckCredit(RequestContext& ctx, const Principal& who) {
  const std::string modem = ctx.Param("modem").value_or("");
  const bool started = deps_.check_credit && deps_.check_credit(modem);
  WarnIfFailed(store::AuditLog(deps_.db).Record({.at = deps_.clock->NowSeconds(),
                                                 .actor = who.user.name,
                                                 .action = "modem.credit_check",
                                                 .object = "modem:" + modem,
                                                 .detail = started ? "started" : "refused"}),
               "an audit row");
  return DashboardPage(who, std::string(T(who.user.language, started ? "credit_check_started" : "credit_check_refused")));
}

Reply ConsoleServer::DashboardPage(const Principal& who, const std::string& notice) {
  const std::string& lang = who.user.language;
  const std::int64_t now = deps_.clock->NowSeconds();
  const auto& hours = deps_.desk.config().office_hours;
  auto local_day = [&](std::int64_t t) {
    return date::format("%F", date::floor<date::days>(hours.ToLocal(sys_seconds{std::chrono::seconds{t}})));
  };
  store::Reports reports(deps_.db);
  std::string body = "<h1>" + std::string(T(lang, "dashboard")) + "</h1>";
  if (!notice.empty()) body += "<p class=\"notice\">" + Escape(notice) + "</p>";
  std::map<std::string, store::SimCreditRecord> credits;
  if (auto rows = store::SimCredit(deps_.db).All(); rows.ok()) {
    for (auto& row : *rows) credits[row.modem] = std::move(row);
  }
  auto when = [&](std::int64_t t) {
    return date::format("%F %R", date::floor<std::chrono::minutes>(hours.ToLocal(sys_seconds{std::chrono::seconds{t}})));
  };
  // The daemon's warnings, where nobody can miss them.
  for (const auto& [id, c] : credits) {
    if (c.low_warned_at && c.amount) {
      body += "<p class=\"warn\" id=\"credit-low-" + Escape(id) + "\">" + Escape(id) + ": " +
              std::string(T(lang, "sim_credit")) + " " + Escape(credit::FormatAmount(*c.amount, c.currency)) + " — " +
              std::string(T(lang, "credit_low")) + "</p>";
    }
    if (c.expiry_warned_at && c.expires_on) {
      body += "<p class=\"warn\" id=\"credit-expiry-" + Escape(id) + "\">" + Escape(id) + ": " +
              std::string(T(lang, "credit_expiring")) + " (" + Escape(*c.expires_on) + ")</p>";
    }
  }

  // Numbers whose SMS PIN texts are paused after wrong PINs: a moderator's
  // or an agency's number may be being forged (the admins also got an SMS).
  if (who.May(Capability::kAnswer)) {
    auto locked = store::SmsPins(deps_.db).Locked(now);
    auto users = store::Accounts(deps_.db).Users();
    if (locked.ok() && users.ok()) {
      for (const store::PinThrottleRecord& lock : *locked) {
        std::string name = "?";
        for (const store::UserRecord& u : *users) {
          if (u.phone == lock.number) name = u.name;
        }
        body += "<p class=\"warn\" id=\"sms-pin-paused\">" + Escape(name) + " (" + Escape(MaskedNumber(lock.number)) +
                "): " + std::to_string(lock.failures) + " " + std::string(T(lang, "sms_pin_paused")) + " " +
                Escape(when(lock.locked_until)) + ". smsdesk user sms-unlock " + Escape(name) + "</p>";
      }
    }
  }

  // Modems that stopped sending (network, SMSC, credit), and the messages
  // that wait for them: the reason and since when, on top of the page.
  std::int64_t waiting_rows = 0;
  if (auto waiting = store::Outbox(deps_.db).WaitingForNetwork(); waiting.ok() && waiting->rows > 0) {
    waiting_rows = waiting->rows;
  }
  for (const ModemStatus& m : deps_.modems ? deps_.modems() : std::vector<ModemStatus>{}) {
    if (!m.outage_since) continue;
    body += "<p class=\"warn\" id=\"outage-" + Escape(m.id) + "\">" + Escape(m.id) + ": " +
            std::string(T(lang, "outage_since")) + " " + Escape(when(*m.outage_since)) + " — " +
            Escape(who.May(Capability::kSeeFullNumbers) ? m.outage_reason : Scrubbed(m.outage_reason)) + ". " +
            std::to_string(waiting_rows) + " " + std::string(T(lang, "outage_waiting")) + "</p>";
  }

  body += "<h2>" + std::string(T(lang, "modems")) + "</h2><table id=\"modems\"><tr>";
  for (const char* column : {"modem", "state", "operator", "signal", "storage", "sim_credit", "last_error"}) {
    body += "<th>" + std::string(T(lang, column)) + "</th>";
  }
  body += "</tr>";
  for (const ModemStatus& m : deps_.modems ? deps_.modems() : std::vector<ModemStatus>{}) {
    auto credit = credits.find(m.id);
    std::string cell = CreditCell(credit == credits.end() ? std::nullopt : std::optional(credit->second), lang, when);
    if (who.May(Capability::kCheckCredit) && m.state == "ready") {
      cell += "<form method=\"post\" action=\"/dashboard/credit/" + Escape(m.id) + "\">" + HiddenCsrf(who) +
              "<button>" + std::string(T(lang, "check_credit")) + "</button></form>";
    }
    body += "<tr><td>" + Escape(m.id) + "</td><td>" + Escape(m.state) + "</td><td>" + Escape(m.operator_name) +
            "</td><td>" + (m.signal_dbm ? std::to_string(*m.signal_dbm) + " dBm" : "?") + "</td><td>" +
            Escape(m.storage) + "</td><td class=\"credit\">" + cell + "</td><td>" +
            Escape(who.May(Capability::kSeeFullNumbers) ? m.last_error : Scrubbed(m.last_error)) +
            "</td></tr>";
  }
  body += "</table>";

  const std::string today = local_day(now);
  std::map<std::string, std::int64_t> today_counts;
  if (auto counts = reports.DailyCounts(today, today); counts.ok()) {
    for (const auto& c : *counts) today_counts[c.metric] = c.value;
  }
  auto depth = reports.QueueDepth();
  body += "<h2>" + std::string(T(lang, "today")) + "</h2><table>";
  for (const char* metric : {"received", "reply_auto", "reply_ack", "reply_moderator", "tickets_opened", "urgent",
                             "tickets_resolved"}) {
    body += "<tr><td>" + std::string(T(lang, metric)) + "</td><td>" + std::to_string(today_counts[metric]) +
            "</td></tr>";
  }
  if (depth.ok()) {
    body += "<tr><td>" + std::string(T(lang, "queue_depth")) + "</td><td>" + std::to_string(depth->first) + " (" +
            std::to_string(depth->second) + " " + std::string(T(lang, "urgent")) + ")</td></tr>";
  }
  body += "</table>";

  const std::int64_t month_ago = now - 30 * 86400;
  auto delays = reports.FirstAnswerDelays(month_ago);
  body += "<h2>" + std::string(T(lang, "answer_times")) + "</h2>";
  if (delays.ok() && !delays->empty()) {
    const auto within = std::count_if(delays->begin(), delays->end(), [](std::int64_t d) { return d <= 24 * 3600; });
    body += "<p>" + std::string(T(lang, "median")) + " " + Hours(Quantile(*delays, 0.5)) + " · p90 " +
            Hours(Quantile(*delays, 0.9)) + " · " + std::to_string(within * 100 / static_cast<long>(delays->size())) +
            "% " + std::string(T(lang, "within_promise")) + " (" + std::to_string(delays->size()) + ")</p>";
    std::vector<std::pair<std::string, std::int64_t>> buckets = {{"<1h", 0}, {"1-4h", 0}, {"4-8h", 0}, {"8-24h", 0}, {">24h", 0}};
    for (std::int64_t d : *delays) {
      const std::size_t b = d < 3600 ? 0 : d < 4 * 3600 ? 1 : d < 8 * 3600 ? 2 : d <= 24 * 3600 ? 3 : 4;
      ++buckets[b].second;
    }
    body += BarChart(buckets, T(lang, "answer_times"));
  } else {
    body += "<p>" + std::string(T(lang, "no_answers_yet")) + "</p>";
  }
  std::vector<std::pair<std::string, std::int64_t>> days;
  std::map<std::string, std::int64_t> received;
  if (auto counts = reports.DailyCounts(local_day(month_ago), today); counts.ok()) {
    for (const auto& c : *counts) {
      if (c.metric == "received") received[c.day] = c.value;
    }
  }
  for (std::int64_t t = month_ago + 86400; t <= now; t += 86400) {
    const std::string day = local_day(t);
    days.emplace_back(day.substr(5), received[day]);
  }
  body += BarChart(days, T(lang, "messages_per_day"));
  if (who.May(Capability::kTicketReports)) {
    body += "<p><a href=\"/reports/tickets.csv\">" + std::string(T(lang, "report_csv")) + "</a></p>";
  }
  return Reply{HtmlResponse(Page(T(lang, "dashboard"), body, lang, who.user.name,
                                 who.session ? who.session->csrf : std::string{}, who.user.role)),
               {}};
}

Reply ConsoleServer::TicketsCsv(RequestContext& ctx, const Principal&) {
  int days = 90;
  if (auto it = ctx.query.find("days"); it != ctx.query.end()) {
    days = std::clamp(std::atoi(it->second.c_str()), 1, 3650);
  }
  auto rows = store::Reports(deps_.db).Tickets(deps_.clock->NowSeconds() - std::int64_t{days} * 86400);
  if (!rows.ok()) return Reply{TextResponse(http::status::service_unavailable, rows.status().message()), {}};
  auto iso = [](std::optional<std::int64_t> t) {
    return t ? date::format("%FT%TZ", sys_seconds{std::chrono::seconds{*t}}) : std::string{};
  };
  std::string csv = "ticket,status,urgent,lang,created_at,due_at,acked_at,first_answer_at,resolved_at,"
                    "minutes_to_first_answer,answered_within_promise,messages_in,messages_out\n";
  for (const auto& r : *rows) {
    const std::string minutes = r.first_answer_at ? std::to_string((*r.first_answer_at - r.created_at) / 60) : "";
    const std::string within = r.first_answer_at ? (*r.first_answer_at <= r.due_at ? "yes" : "no") : "";
    csv += std::to_string(r.id) + "," + r.status + "," + (r.priority > 0 ? "yes" : "no") + "," + r.lang.value_or("") +
           "," + iso(r.created_at) + "," + iso(r.due_at) + "," + iso(r.acked_at) + "," + iso(r.first_answer_at) + "," +
           iso(r.resolved_at) + "," + minutes + "," + within + "," + std::to_string(r.messages_in) + "," +
           std::to_string(r.messages_out) + "\n";
  }
  Response response = MakeResponse(http::status::ok, std::move(csv), "text/csv; charset=utf-8");
  response.set(http::field::content_disposition, "attachment; filename=\"smsdesk-tickets.csv\"");
  return Reply{std::move(response), {}};
}

}  // namespace smsdesk::console
