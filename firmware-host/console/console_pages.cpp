// Console pages: the queue, one conversation and what a moderator does in
// it. Every text from outside is escaped (html.h).
#include <charconv>
#include <date/date.h>

#include <nlohmann/json.hpp>

#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "modem/trim.h"
#include "store/audit_log.h"
#include "store/drafts.h"
#include "store/tickets.h"

namespace smsdesk::console {
namespace {

// "3 h 20 min", "2 d 4 h", "12 min".
std::string Span(std::int64_t seconds) {
  seconds = std::max<std::int64_t>(seconds, 0);
  const std::int64_t days = seconds / 86400, hours = seconds % 86400 / 3600, minutes = seconds % 3600 / 60;
  if (days > 0) return std::to_string(days) + " d " + std::to_string(hours) + " h";
  if (hours > 0) return std::to_string(hours) + " h " + std::to_string(minutes) + " min";
  return std::to_string(minutes) + " min";
}

// At most `max` bytes of `text`, never cutting a UTF-8 character in two.
std::string Cut(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

Reply Html(std::string page, http::status status = http::status::ok) { return Reply{HtmlResponse(std::move(page), status), {}}; }

// A moderator's reply in the thread gets "promote to FAQ": the FAQ editor,
// filled with the newcomer's question before it and this answer.
std::string PromoteButton(std::string_view ui, std::int64_t ticket_id, std::int64_t reply_id) {
  return "<form method=\"get\" action=\"/faq/edit\" class=\"inline promote\"><input type=\"hidden\" "
         "name=\"ticket\" value=\"" + std::to_string(ticket_id) + "\"><input type=\"hidden\" name=\"reply\" value=\"" +
         std::to_string(reply_id) + "\"><button>" + std::string(T(ui, "promote")) + "</button></form>";
}

// "This was urgent" (or "not urgent") on one of the person's texts.
std::string DangerButton(std::string_view ui, const std::string& csrf_field, std::int64_t ticket_id,
                         std::int64_t message_id, bool urgent) {
  return "<form method=\"post\" action=\"/tickets/" + std::to_string(ticket_id) +
         (urgent ? "/urgent" : "/not-urgent") + "\" class=\"inline judge\">" + csrf_field +
         "<input type=\"hidden\" name=\"message\" value=\"" + std::to_string(message_id) +
         "\"><button>" + std::string(T(ui, urgent ? "mark_urgent" : "mark_not_urgent")) + "</button></form>";
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string words;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (!space) words += c;
    else if (!words.empty() && words.back() != ' ') words += ' ';
  }
  if (!words.empty() && words.back() == ' ') words.pop_back();
  return words;
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Reply Text(http::status status, const std::string& text) { return Reply{TextResponse(status, text + "\n"), {}}; }

std::string ShownNumber(const Principal& who, const std::string& number) {
  return who.May(Capability::kSeeFullNumbers) ? number : MaskedNumber(number);
}

std::string LastSegment(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::string Csrf(const Principal& who) { return who.session ? who.session->csrf : std::string{}; }

std::string HiddenCsrf(const Principal& who) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(Csrf(who)) + "\">";
}

Reply ConsoleServer::QueuePage(RequestContext& ctx, const Principal& who) {
  const std::string& lang = who.user.language;
  store::Tickets tickets(deps_.db);
  auto queue = tickets.Queue();
  if (!queue.ok()) return Html(Page("error", "<p class=\"error\">" + Escape(queue.status().message()) + "</p>", lang),
                               http::status::service_unavailable);
  const std::int64_t now = deps_.clock->NowSeconds();
  std::string rows;
  for (const store::TicketRecord& t : *queue) {
    auto thread = tickets.PreviousInbound(t.contact_id, INT64_MAX);
    const std::string last = thread.ok() && *thread ? (*thread)->body.value_or("") : "";
    std::string due = t.priority > 0 && t.due_at <= t.created_at ? "<span class=\"overdue\">" + std::string(T(lang, "answer_now")) + "</span>"
                      : t.due_at < now ? "<span class=\"overdue\">" + std::string(T(lang, "overdue")) + " " +
                                           Span(now - t.due_at) + "</span>"
                                     : std::string(T(lang, "due_in")) + " " + Span(t.due_at - now);
    rows += "<tr><td><a href=\"/tickets/" + std::to_string(t.id) + "\">#" + std::to_string(t.id) + "</a>" +
            (t.priority > 0 ? " <span class=\"urgent\">" + std::string(T(lang, "urgent")) + "</span>" : "") +
            "</td><td>" + Escape(t.status) + "</td><td>" + Escape(t.lang.value_or("?")) + "</td><td>" +
            Escape(ShownNumber(who, t.number)) + "</td><td>" + std::string(T(lang, "waiting")) + " " +
            Span(now - t.created_at) + "<br>" + due + "</td><td class=\"msg\" dir=\"auto\">" + Escape(Cut(last, 300)) +
            (t.claimed_by ? "<div class=\"meta\">" + std::string(T(lang, "claimed_by")) + " " + Escape(*t.claimed_by) + "</div>"
                          : "") +
            "</td></tr>";
  }
  if (rows.empty()) rows = "<tr><td colspan=\"6\">" + std::string(T(lang, "empty_queue")) + "</td></tr>";
  if (ctx.query.count("partial")) return Html(rows);
  const std::string body = "<h1>" + std::string(T(lang, "queue")) + " (<span id=\"queue-count\">" +
                           std::to_string(queue->size()) + "</span>)</h1><table><tbody id=\"queue\">" + rows +
                           "</tbody></table>";
  return Html(Page(T(lang, "queue"), body, lang, who.user.name, Csrf(who), who.user.role));
}

namespace {

// Where an answer's SMS is, when that is news: waiting for the network (and
// since when), failed or expired. Sent and delivered say nothing more.
std::string SendStateNote(const store::MessageRecord& m, const std::string& lang) {
  if (m.direction != "out" || !m.send_state) return "";
  if (*m.send_state == "queued" && m.waiting_since) {
    const auto since = date::format("%F %H:%M", std::chrono::sys_seconds{std::chrono::seconds{*m.waiting_since}});
    return " · <span class=\"warn waiting\">" + std::string(T(lang, "waiting_network")) + " " + since + " UTC</span>";
  }
  if (*m.send_state == "failed" || *m.send_state == "expired") {
    return " · <span class=\"warn\">" + Escape(*m.send_state) + "</span>";
  }
  return "";
}

}  // namespace

Reply ConsoleServer::TicketPage(RequestContext& ctx, const Principal& who) {
  const std::string& lang = who.user.language;
  const auto id = ParseId(ctx.Param("id").value_or(""));
  if (!id) return Html(Page("404", "<p>no such ticket</p>", lang), http::status::not_found);
  // The notice after an action (Post/Redirect/Get); only known ones.
  std::string notice = ctx.query.count("done") ? ctx.query.at("done") : "";
  if (notice != "sent" && notice != "resolved" && notice != "noted" && notice != "drafted" && notice != "rejected" &&
      notice != "marked_urgent" && notice != "marked_not_urgent") {
    notice.clear();
  }
  store::Tickets tickets(deps_.db);
  auto ticket = tickets.Get(*id);
  if (!ticket.ok() || !*ticket) return Html(Page("404", "<p>no such ticket</p>", lang), http::status::not_found);
  const store::TicketRecord& t = **ticket;
  auto thread = tickets.Thread(t.contact_id);
  std::string body = "<h1>#" + std::to_string(t.id) + " " + Escape(ShownNumber(who, t.number)) + " " +
                     (t.priority > 0 ? "<span class=\"urgent\">" + std::string(T(lang, "urgent")) + "</span>" : "") +
                     "</h1><p class=\"meta\">" + Escape(t.status) + " · " + Escape(t.lang.value_or("?")) +
                     (t.claimed_by ? " · " + std::string(T(lang, "claimed_by")) + " " + Escape(*t.claimed_by) : "") +
                     "</p>";
  if (!notice.empty()) body += "<p class=\"notice\" role=\"status\">" + std::string(T(lang, notice)) + "</p>";
  body += "<h2>" + std::string(T(lang, "thread")) + "</h2>";
  if (thread.ok()) {
    for (const store::MessageRecord& m : *thread) {
      const std::string when = date::format("%F %H:%M", std::chrono::sys_seconds{std::chrono::seconds{m.at}});
      const bool promotable = who.May(Capability::kEditFaq) && m.direction == "out" && m.kind == "reply" && m.body;
      // The person's texts: "this was urgent", and on an urgent ticket "not
      // urgent" (the desk learns from both, once a moderator confirms).
      std::string judge;
      if (m.direction == "in" && m.body) {
        const std::string csrf = HiddenCsrf(who);
        if (who.May(Capability::kWorkTickets)) judge += " " + DangerButton(lang, csrf, t.id, m.id, true);
        if (t.priority > 0 && who.May(Capability::kAnswer)) judge += " " + DangerButton(lang, csrf, t.id, m.id, false);
      }
      body += "<div class=\"bubble " + Escape(m.direction) + "\" id=\"m" + std::to_string(m.id) +
              "\"><div class=\"msg\" dir=\"auto\">" + Escape(m.body.value_or("(erased after the retention period)")) +
              "</div><div class=\"meta\">" + when + " UTC" + (m.kind ? " · " + Escape(*m.kind) : "") +
              (m.author ? " · " + Escape(*m.author) : "") + (m.incomplete ? " · incomplete" : "") +
              SendStateNote(m, lang) +
              (promotable ? " " + PromoteButton(lang, t.id, m.id) : "") + judge + "</div></div>";
    }
  }
  // Suggested answers: the FAQ entries the matcher ranked, in the ticket's language.
  if (t.suggestions && !t.suggestions->empty() && deps_.faq_answer) {
    std::string items;
    for (const auto& faq_id : nlohmann::json::parse(*t.suggestions, nullptr, false)) {
      if (!faq_id.is_string()) continue;
      auto answer = deps_.faq_answer(faq_id.get<std::string>(), t.lang.value_or("en"));
      if (!answer) continue;
      items += "<li><div class=\"msg\" dir=\"auto\">" + Escape(*answer) + "</div><button type=\"button\" data-use=\"" +
               Escape(*answer) + "\">" + std::string(T(lang, "use")) + "</button></li>";
    }
    if (!items.empty()) body += "<h2>" + std::string(T(lang, "suggested")) + "</h2><ul>" + items + "</ul>";
  }
  const std::string base = "/tickets/" + std::to_string(t.id) + "/";
  // Volunteers' drafts wait here for a moderator, who may edit, approve or reject.
  if (auto drafts = store::Drafts(deps_.db).Pending(t.id); drafts.ok() && !drafts->empty()) {
    body += "<h2>" + std::string(T(lang, "drafts")) + "</h2>";
    store::Accounts accounts(deps_.db);
    for (const store::DraftRecord& d : *drafts) {
      auto author = accounts.GetUser(d.author_id);
      const std::string by = author.ok() && *author ? (*author)->name : "?";
      const std::string draft_base = base + "drafts/" + std::to_string(d.id) + "/";
      body += "<div class=\"card draft\"><p class=\"meta\">" + std::string(T(lang, "draft_by")) + " " + Escape(by) + "</p>";
      if (who.May(Capability::kAnswer)) {
        body += "<form method=\"post\" action=\"" + draft_base + "approve\">" + HiddenCsrf(who) +
                "<textarea name=\"text\" dir=\"auto\" required>" + Escape(d.body) + "</textarea><button>" +
                std::string(T(lang, "approve")) + "</button></form><form method=\"post\" action=\"" + draft_base +
                "reject\" class=\"inline\">" + HiddenCsrf(who) + "<button>" + std::string(T(lang, "reject")) +
                "</button></form>";
      } else {
        body += "<div class=\"msg\" dir=\"auto\">" + Escape(d.body) + "</div>";
      }
      body += "</div>";
    }
  }
  // Canned answers to insert (and adapt) in the reply or the draft.
  const std::string picker = CannedPicker(deps_.db, lang, t.lang, who.May(Capability::kManageCanned));
  if (who.May(Capability::kAnswer)) {
    body += "<div class=\"card\">" + picker + "<form method=\"post\" action=\"" + base + "reply\">" + HiddenCsrf(who) +
            "<textarea id=\"reply-text\" name=\"text\" dir=\"auto\" required data-count=\"seg\"></textarea>"
            "<p class=\"meta\"><span id=\"seg\"></span> " +
            std::string(T(lang, "segments")) + "</p><button>" + std::string(T(lang, "reply")) + "</button></form></div>";
  } else if (who.May(Capability::kDraftAnswers)) {
    body += "<div class=\"card\">" + picker + "<form method=\"post\" action=\"" + base + "draft\">" + HiddenCsrf(who) +
            "<label>" + std::string(T(lang, "draft_help")) +
            "<textarea id=\"reply-text\" name=\"text\" dir=\"auto\" required data-count=\"seg\"></textarea></label>"
            "<p class=\"meta\"><span id=\"seg\"></span> " +
            std::string(T(lang, "segments")) + "</p><button>" + std::string(T(lang, "propose")) + "</button></form></div>";
  }
  if (who.May(Capability::kWorkTickets)) {
    body += "<form method=\"post\" action=\"" + base + "note\" class=\"card\">" + HiddenCsrf(who) + "<label>" +
            std::string(T(lang, "note_private")) +
            "<textarea name=\"text\" dir=\"auto\" required></textarea></label><button>" +
            std::string(T(lang, "note")) + "</button></form>";
    body += "<form method=\"post\" action=\"" + base + (t.claimed_by == who.user.name ? "unclaim" : "claim") +
            "\" class=\"inline\">" + HiddenCsrf(who) + "<button>" +
            std::string(T(lang, t.claimed_by == who.user.name ? "unclaim" : "claim")) + "</button></form> ";
  }
  if (who.May(Capability::kAnswer) && t.status != "resolved") {
    body += "<form method=\"post\" action=\"" + base + "resolve\" class=\"inline\">" + HiddenCsrf(who) + "<button>" +
            std::string(T(lang, "resolve")) + "</button></form>";
  }
  return Html(Page("#" + std::to_string(t.id), body, lang, who.user.name, Csrf(who), who.user.role));
}

Reply ConsoleServer::DraftDecision(RequestContext& ctx, const Principal& who) {
  const auto ticket = ParseId(ctx.Param("id").value_or(""));
  const auto draft_number = ParseId(ctx.Param("draft").value_or(""));
  if (!ticket || !draft_number) return Reply{TextResponse(http::status::not_found, "no such draft\n"), {}};
  const std::int64_t ticket_id = *ticket, draft_id = *draft_number;
  const std::string decision = LastSegment(ctx.path);
  store::Drafts drafts(deps_.db);
  auto draft = drafts.Get(draft_id);
  if (!draft.ok() || !*draft || (*draft)->ticket_id != ticket_id) {
    return Reply{TextResponse(http::status::not_found, "no such draft\n"), {}};
  }
  if ((*draft)->state != "pending") return Reply{TextResponse(http::status::conflict, "already decided\n"), {}};
  const auto now = std::chrono::floor<std::chrono::seconds>(deps_.clock->Wall());
  const std::int64_t now_s = now.time_since_epoch().count();
  store::Status status;
  if (decision == "approve") {
    // The moderator may have edited it; what they approve is what is sent.
    const std::string text = ctx.Form("text").value_or((*draft)->body);
    auto queued = deps_.desk.Reply(ticket_id, text, who.user.name, now);
    if (!queued.ok()) return Reply{TextResponse(http::status::bad_request, queued.status().message() + "\n"), {}};
    status = drafts.Approve(draft_id, who.user.id, *queued, now_s);
    if (deps_.outbox_changed) deps_.outbox_changed();
  } else if (decision == "reject") {
    status = drafts.Reject(draft_id, who.user.id, now_s);
  } else {
    return Reply{TextResponse(http::status::not_found, "unknown decision\n"), {}};
  }
  if (!status.ok()) return Reply{TextResponse(http::status::service_unavailable, status.message() + "\n"), {}};
  WarnIfFailed(store::AuditLog(deps_.db).Record({.at = now_s,
                                                 .actor = who.user.name,
                                                 .action = "draft." + decision,
                                                 .object = "draft:" + std::to_string(draft_id)}),
               "an audit row");
  NotifyQueueChanged();
  return Reply{Redirect("/tickets/" + std::to_string(ticket_id) + "?done=" + (decision == "approve" ? "sent" : "rejected")), {}};
}

// reply, resolve, draft, note, claim, unclaim: the route (console.cpp)
// checked the capability each needs.
Reply ConsoleServer::TicketAction(RequestContext& ctx, const Principal& who) {
  const auto ticket = ParseId(ctx.Param("id").value_or(""));
  if (!ticket) return Reply{TextResponse(http::status::not_found, "no such ticket\n"), {}};
  const std::int64_t id = *ticket;
  const std::string action = LastSegment(ctx.path);
  const auto now = std::chrono::floor<std::chrono::seconds>(deps_.clock->Wall());
  const std::string text = ctx.Form("text").value_or("");
  store::Status status;
  std::string notice;
  if (action == "reply") {
    auto queued = deps_.desk.Reply(id, text, who.user.name, now);
    status = queued.status();
    notice = "sent";
    if (status.ok() && deps_.outbox_changed) deps_.outbox_changed();
  } else if (action == "resolve") {
    status = deps_.desk.Resolve(id, who.user.name, now);
    notice = "resolved";
  } else if (action == "draft") {
    if (IsBlank(text)) {
      return Reply{TextResponse(http::status::bad_request, "the draft is empty\n"), {}};
    }
    auto made = store::Drafts(deps_.db).Create(id, who.user.id, text, now.time_since_epoch().count());
    status = made.status();
    notice = "drafted";
    if (status.ok()) {
      WarnIfFailed(store::AuditLog(deps_.db).Record({.at = now.time_since_epoch().count(),
                                                     .actor = who.user.name,
                                                     .action = "draft.create",
                                                     .object = "ticket:" + std::to_string(id)}),
                   "an audit row");
    }
  } else if (action == "note") {
    status = deps_.desk.Note(id, text, who.user.name, now);
    notice = "noted";
  } else if (action == "urgent" || action == "not-urgent") {
    const auto message = ParseId(ctx.Form("message").value_or(""));
    if (!message) return Reply{TextResponse(http::status::bad_request, "which text? (message)\n"), {}};
    status = deps_.desk.MarkDanger(id, *message, action == "urgent", who.user.name, now);
    notice = action == "urgent" ? "marked_urgent" : "marked_not_urgent";
  } else if (action == "claim" || action == "unclaim") {
    store::Tickets tickets(deps_.db);
    status = action == "claim" ? tickets.Claim(id, who.user.name) : tickets.Unclaim(id, who.user.name);
    if (status.ok()) {
      WarnIfFailed(store::AuditLog(deps_.db).Record({.at = now.time_since_epoch().count(),
                                                     .actor = who.user.name,
                                                     .action = "ticket." + action,
                                                     .object = "ticket:" + std::to_string(id)}),
                   "an audit row");
    }
  } else {
    return Reply{TextResponse(http::status::not_found, "unknown action\n"), {}};
  }
  if (!status.ok()) {
    const bool input = status.code() == store::Status::Code::kInvalid || status.code() == store::Status::Code::kNotFound ||
                       status.code() == store::Status::Code::kConstraint;
    return Reply{TextResponse(input ? http::status::bad_request : http::status::service_unavailable,
                              status.message() + "\n"),
                 {}};
  }
  NotifyQueueChanged();
  return Reply{Redirect("/tickets/" + std::to_string(id) + (notice.empty() ? "" : "?done=" + notice)), {}};
}

}  // namespace smsdesk::console
