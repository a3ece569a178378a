// Canned answers: the page where moderators keep them (add, change, delete;
// each change audited) and the picker on a conversation that inserts one
// into the reply box, the ticket's language first.
#include <charconv>
#include <regex>

#include "firmware-host/base/language.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "store/audit_log.h"
#include "store/canned_answers.h"

namespace smsdesk::console {
namespace {


std::string LanguageSelect(std::string_view ui, const std::optional<std::string>& current) {
  std::string select = "<select name=\"lang\"><option value=\"\">" + std::string(T(ui, "any_language")) + "</option>";
  bool listed = !current;
  // The languages the desk tells apart (a Lang), offered for an answer.
  for (const LanguageInfo& info : Languages()) {
    if (info.lang == Lang::kUnknown) continue;
    const std::string code(info.code);
    listed = listed || current == code;
    select += "<option value=\"" + code + "\"" + (current == code ? " selected" : "") + ">" + code + "</option>";
  }
  // A code written some other way (by hand in the database) stays as it is.
  if (!listed) select += "<option value=\"" + Escape(*current) + "\" selected>" + Escape(*current) + "</option>";
  return select + "</select>";
}

// The fields of one answer's form, filled with `a`.
std::string AnswerFields(std::string_view ui, const store::CannedAnswer& a) {
  return "<div class=\"row\"><label class=\"grow\">" + std::string(T(ui, "title")) +
         "<input type=\"text\" name=\"title\" required value=\"" + Escape(a.title) + "\" dir=\"auto\"></label><label>" +
         std::string(T(ui, "language")) + "<br>" + LanguageSelect(ui, a.lang) + "</label></div><label>" +
         std::string(T(ui, "text")) + "<textarea name=\"body\" required dir=\"auto\" class=\"short\">" +
         Escape(a.body) + "</textarea></label>";
}

Reply CannedList(store::Database& db, const Principal& who, const std::string& done) {
  const std::string& ui = who.user.language;
  auto answers = store::CannedAnswers(db).List();
  if (!answers.ok()) return Text(http::status::service_unavailable, answers.status().message());
  std::string body = "<h1>" + std::string(T(ui, "canned")) + "</h1><p class=\"meta\">" +
                     std::string(T(ui, "canned_help")) + "</p>";
  if (!done.empty()) body += "<p class=\"notice\" role=\"status\">" + std::string(T(ui, "canned_" + done)) + "</p>";
  body += "<form method=\"post\" action=\"/canned/add\" class=\"card\" id=\"canned-new\"><h2>" +
          std::string(T(ui, "canned_new")) + "</h2>" + HiddenCsrf(who) + AnswerFields(ui, {}) + "<button>" +
          std::string(T(ui, "add")) + "</button></form>";
  if (answers->empty()) body += "<p>" + std::string(T(ui, "no_canned")) + "</p>";
  for (const store::CannedAnswer& a : *answers) {
    const std::string base = "/canned/" + std::to_string(a.id) + "/";
    body += "<div class=\"card canned\" id=\"canned-" + std::to_string(a.id) + "\"><form method=\"post\" action=\"" +
            base + "update\">" + HiddenCsrf(who) + AnswerFields(ui, a) + "<button>" + std::string(T(ui, "save")) +
            "</button></form><form method=\"post\" action=\"" + base + "delete\" class=\"inline\">" +
            HiddenCsrf(who) + "<button>" + std::string(T(ui, "delete")) + "</button></form></div>";
  }
  return Reply{HtmlResponse(Page(T(ui, "canned"), body, ui, who.user.name, Csrf(who), who.user.role)), {}};
}

}  // namespace

Reply ConsoleServer::CannedPage(RequestContext& ctx, const Principal& who) {
  // The notice after a change (Post/Redirect/Get); only known ones.
  const std::string done = ctx.query.count("done") ? ctx.query.at("done") : "";
  const bool known = done == "added" || done == "saved" || done == "deleted";
  return CannedList(deps_.db, who, known ? done : "");
}

// POST /canned/add, /canned/{id}/update, /canned/{id}/delete.
Reply ConsoleServer::CannedChange(RequestContext& ctx, const Principal& who) {
  const std::string verb = LastSegment(ctx.path);
  const std::optional<std::int64_t> id = ParseId(ctx.Param("id").value_or(""));
  if (verb != "add" && !id) return Text(http::status::not_found, "not found");
  const std::int64_t now = deps_.clock->NowSeconds();
  store::CannedAnswer answer{.id = id.value_or(0),
                             .title = ctx.Form("title").value_or(""),
                             .body = ctx.Form("body").value_or(""),
                             .created_at = now,
                             .updated_at = now};
  static const std::regex kLang("^[a-z]{2,3}(-[A-Za-z]{4})?$");
  if (const std::string lang = ctx.Form("lang").value_or(""); !lang.empty()) {
    if (!std::regex_match(lang, kLang)) return Text(http::status::bad_request, "a language is a code: ar, fr, ar-Latn…");
    answer.lang = lang;
  }
  store::CannedAnswers canned(deps_.db);
  store::Transaction tx(deps_.db);  // the change and its audit row, or neither
  if (!tx.begin_status().ok()) return Text(http::status::service_unavailable, tx.begin_status().message());
  store::Status status;
  if (verb == "add") {
    auto added = canned.Add(answer);
    status = added.status();
    if (added.ok()) answer.id = *added;
  } else if (verb == "update") {
    status = canned.Update(answer);
  } else {
    if (auto old = canned.Get(answer.id); old.ok() && *old) answer.title = (*old)->title;  // for the audit
    status = canned.Remove(answer.id);
  }
  if (status.ok()) {
    status = store::AuditLog(deps_.db).Record({.at = now, .actor = who.user.name, .action = "canned." + verb,
                                               .object = "canned:" + std::to_string(answer.id),
                                               .detail = answer.title});
  }
  if (status.ok()) status = tx.Commit();
  if (!status.ok()) {
    const bool input = status.code() == store::Status::Code::kInvalid || status.code() == store::Status::Code::kNotFound;
    return Text(input ? http::status::bad_request : http::status::service_unavailable, status.message());
  }
  const char* done = verb == "add" ? "added" : verb == "update" ? "saved" : "deleted";
  return Reply{Redirect("/canned?done=" + std::string(done)), {}};
}

std::string CannedPicker(store::Database& db, std::string_view ui, const std::optional<std::string>& ticket_lang,
                         bool manage) {
  auto answers = store::CannedAnswers(db).List(ticket_lang);
  if (!answers.ok() || answers->empty()) return {};
  // Three groups, in List's order: the ticket's language, any, the others.
  std::string groups[3];
  for (const store::CannedAnswer& a : *answers) {
    const int group = ticket_lang && a.lang == ticket_lang ? 0 : !a.lang ? 1 : 2;
    groups[group] += "<option value=\"" + std::to_string(a.id) + "\" data-body=\"" + Escape(a.body) + "\">" +
                     Escape(a.title) + (group == 2 ? " (" + Escape(*a.lang) + ")" : "") + "</option>";
  }
  const std::string labels[3] = {std::string(T(ui, "in_ticket_lang")) + " (" + Escape(ticket_lang.value_or("")) + ")",
                                 std::string(T(ui, "any_language")), std::string(T(ui, "other_languages"))};
  std::string select = "<select id=\"canned-pick\" aria-label=\"" + std::string(T(ui, "canned")) + "\"><option value=\"\">" +
                       std::string(T(ui, "canned_pick")) + "</option>";
  for (int g = 0; g < 3; ++g) {
    if (!groups[g].empty()) select += "<optgroup label=\"" + labels[g] + "\">" + groups[g] + "</optgroup>";
  }
  return "<p class=\"picker\">" + select + "</select> <button type=\"button\" data-insert=\"canned-pick\">" +
         std::string(T(ui, "insert")) + "</button>" +
         (manage ? " <a href=\"/canned\" class=\"meta\">" + std::string(T(ui, "canned_manage")) + "</a>" : "") +
         "</p>";
}

}  // namespace smsdesk::console
