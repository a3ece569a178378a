// The examples the desk learns from (store::FaqExamples): texts that a
// moderator's FAQ answer, "promote to FAQ" or "this was urgent" / "not
// urgent" proposed, pending until a moderator confirms (after taking out
// anything personal) or rejects them. A confirmation tells the daemon,
// which trains its models again; a rejection of a pending text changes
// nothing the models learn, so it does not.
#include <algorithm>
#include <chrono>
#include <date/date.h>
#include <map>
#include <regex>

#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "store/audit_log.h"
#include "store/faq_examples.h"
#include "store/faq_store.h"

namespace smsdesk::console {
namespace {

constexpr int kShown = 200;  // rows on one page, newest first

// "pending", "confirmed" or "rejected"; anything else is "pending".
std::string StatusOf(const std::string& asked) {
  return asked == "confirmed" || asked == "rejected" ? asked : "pending";
}

// An entry id as the page's filter takes it ("" for every entry).
std::string EntryOf(const std::string& asked) {
  static const std::regex kEntry("^([a-z0-9][a-z0-9-]{0,63}|!|~)$");
  return std::regex_match(asked, kEntry) ? asked : "";
}

std::string ExamplesUrl(const std::string& status, const std::string& entry) {
  std::string url = "/faq/examples?status=" + status;
  if (entry == "!") return url + "&entry=%21";
  if (entry == "~") return url + "&entry=%7E";
  return entry.empty() ? url : url + "&entry=" + entry;
}

}  // namespace

Reply ConsoleServer::ExamplesPage(RequestContext& ctx, const Principal& who) {
  const std::string& ui = who.user.language;
  auto get = [&](const char* key) { return ctx.query.count(key) ? ctx.query.at(key) : std::string{}; };
  const std::string status = StatusOf(get("status"));
  const std::string entry = EntryOf(get("entry"));
  const std::string done = get("done");
  store::FaqExamples examples(deps_.db);
  auto rows = examples.List(status, kShown, entry);
  if (!rows.ok()) return Text(http::status::service_unavailable, rows.status().message());
  // Each entry's question, for context, and the version to edit: in the
  // user's language if it has one.
  struct Version {
    std::string lang, question;
  };
  std::map<std::string, Version> questions;
  if (auto faq = store::FaqStore(deps_.db).All(); faq.ok()) {
    for (const store::FaqRow& row : *faq) {
      if (!questions.count(row.id) || row.lang == ui) questions[row.id] = {row.lang, row.question};
    }
  }
  std::string body = "<h1>" + std::string(T(ui, "examples_title")) + "</h1><p class=\"meta\">" +
                     std::string(T(ui, "examples_help")) + "</p>";
  if (done == "confirmed" || done == "rejected") {
    body += "<p class=\"notice\" role=\"status\">" +
            std::string(T(ui, done == "confirmed" ? "example_confirmed" : "example_rejected")) + "</p>";
  }
  // Which ones: pending (with counts), confirmed, rejected; one entry or all.
  int pending_total = 0;
  if (auto counts = examples.PendingCounts(); counts.ok()) {
    for (const auto& [id, n] : *counts) pending_total += n;
  }
  body += "<p class=\"tabs\">";
  for (const char* s : {"pending", "confirmed", "rejected"}) {
    const std::string label = std::string(T(ui, std::string_view(s) == "rejected" ? "rejected_examples" : s)) +
                              (std::string_view(s) == "pending" ? " (" + std::to_string(pending_total) + ")" : "");
    body += status == s ? "<strong>" + label + "</strong> "
                        : "<a href=\"" + Escape(ExamplesUrl(s, entry)) + "\">" + label + "</a> ";
  }
  body += "</p><form method=\"get\" action=\"/faq/examples\" class=\"inline\"><input type=\"hidden\" name=\"status\" "
          "value=\"" + status + "\"><select name=\"entry\"><option value=\"\">" + std::string(T(ui, "every_entry")) +
          "</option><option value=\"!\"" + (entry == "!" ? " selected" : "") + ">" +
          std::string(T(ui, "example_danger")) + "</option><option value=\"~\"" + (entry == "~" ? " selected" : "") +
          ">" + std::string(T(ui, "example_not_danger")) + "</option>";
  for (const auto& [id, question] : questions) {
    body += "<option value=\"" + Escape(id) + "\"" + (entry == id ? " selected" : "") + ">" + Escape(id) + "</option>";
  }
  body += "</select><button>" + std::string(T(ui, "show")) + "</button></form>";
  if (rows->empty()) body += "<p>" + std::string(T(ui, "no_examples")) + "</p>";
  for (const store::FaqExample& x : *rows) {
    std::string what;
    if (x.faq_id == "!") {
      what = "<span class=\"urgent\">" + std::string(T(ui, "example_danger")) + "</span>";
    } else if (x.faq_id == "~") {
      what = Escape(T(ui, "example_not_danger"));
    } else {
      if (const auto version = questions.find(x.faq_id); version != questions.end()) {
        what = "<a href=\"/faq/edit?id=" + Escape(x.faq_id) + "&amp;lang=" + Escape(version->second.lang) + "\">" +
               Escape(x.faq_id) + "</a> <span class=\"msg\" dir=\"auto\">" + Escape(version->second.question) +
               "</span>";
      } else {
        what = Escape(x.faq_id);  // an entry the FAQ no longer has
      }
    }
    const std::string when = date::format("%F", std::chrono::sys_seconds{std::chrono::seconds{x.proposed_at}});
    body += "<form method=\"post\" action=\"/faq/examples/decide\" class=\"card example\" id=\"x" +
            std::to_string(x.id) + "\">" + HiddenCsrf(who) + "<input type=\"hidden\" name=\"id\" value=\"" +
            std::to_string(x.id) + "\"><input type=\"hidden\" name=\"status\" value=\"" + status +
            "\"><input type=\"hidden\" name=\"entry\" value=\"" + Escape(entry) + "\"><p>" + what +
            "</p><textarea name=\"text\" dir=\"auto\" maxlength=\"2000\">" + Escape(x.text) +
            "</textarea><p class=\"meta\">" + Escape(x.lang.empty() ? "?" : x.lang) + " · " +
            std::string(T(ui, "proposed_by")) + " " + Escape(x.proposed_by.value_or("?")) + " · " + when +
            (x.decided_by ? " · " + Escape(*x.decided_by) : "") + "</p>";
    if (x.status != "confirmed") {
      body += "<button name=\"decision\" value=\"confirm\">" + std::string(T(ui, "confirm")) + "</button> ";
    }
    if (x.status != "rejected") {
      body += "<button name=\"decision\" value=\"reject\">" + std::string(T(ui, "reject")) + "</button>";
    }
    body += "</form>";
  }
  return Reply{HtmlResponse(Page(T(ui, "examples_title"), body, ui, who.user.name, Csrf(who), who.user.role)), {}};
}

// POST /faq/examples/decide: id, decision (confirm or reject), the text as
// the moderator left it (a confirmation keeps their changes).
Reply ConsoleServer::ExamplesDecide(RequestContext& ctx, const Principal& who) {
  const auto id = ParseId(ctx.Form("id").value_or(""));
  const std::string decision = ctx.Form("decision").value_or("");
  if (!id || (decision != "confirm" && decision != "reject")) {
    return Text(http::status::bad_request, "an example id and a decision (confirm or reject) are needed");
  }
  const bool confirm = decision == "confirm";
  store::FaqExamples examples(deps_.db);
  auto before = examples.Get(*id);
  if (!before.ok()) return Text(http::status::service_unavailable, before.status().message());
  if (!*before) return Text(http::status::not_found, "no such example");
  std::optional<std::string> text = ctx.Form("text");
  if (text) {
    // A textarea sends CR LF; an example is one line of words.
    *text = OneLine(*text);
    if (text->size() > 2000) return Text(http::status::bad_request, "an example is at most 2000 bytes");
    if (*text == (*before)->text) text.reset();
  }
  const std::int64_t now = deps_.clock->NowSeconds();
  const store::Status decided = examples.Decide(*id, confirm, who.user.name, now, confirm ? text : std::nullopt);
  if (!decided.ok()) {
    const bool input = decided.code() == store::Status::Code::kInvalid ||
                       decided.code() == store::Status::Code::kConstraint;
    return Text(input ? http::status::bad_request : http::status::service_unavailable, decided.message());
  }
  WarnIfFailed(store::AuditLog(deps_.db).Record({.at = now,
                                                 .actor = who.user.name,
                                                 .action = confirm ? "faq.example.confirm" : "faq.example.reject",
                                                 .object = "example:" + std::to_string(*id),
                                                 .detail = confirm && text ? "text changed" : ""}),
               "an audit row");
  // What the models learn changed: the daemon trains them again.
  if ((confirm || (*before)->status == "confirmed") && deps_.faq_changed) deps_.faq_changed();
  const std::string status = StatusOf(ctx.Form("status").value_or(""));
  const std::string entry = EntryOf(ctx.Form("entry").value_or(""));
  return Reply{Redirect(ExamplesUrl(status, entry) + "&done=" + (confirm ? "confirmed" : "rejected")), {}};
}

}  // namespace smsdesk::console
