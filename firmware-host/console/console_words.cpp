// The desk's word lists, from the console: a moderator adds a danger phrase
// the desk missed ("ما عم يحس برجليه" as medical, in Arabic) or a STOP
// spelling people use, without a new build; each is checked as a file's
// entries are (lexicon.h), kept in the store, audited, and the daemon
// reloads its lists. The compiled-in lists and the box's files are shown as
// counts; what moderators added can be removed again.
#include <algorithm>
#include <chrono>
#include <date/date.h>
#include <map>

#include "firmware-host/base/language.h"
#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "firmware-host/desk/word_lists.h"
#include "firmware-host/lexicon/lexicon.h"
#include "store/audit_log.h"
#include "store/word_list_additions.h"

namespace smsdesk::console {
namespace {

// The languages a phrase may be added in: those the desk reads, and
// "shared" (any language).
std::string LanguageOptions() {
  std::string out;
  for (const LanguageInfo& info : Languages()) {
    if (info.lang == Lang::kUnknown) continue;
    out += "<option value=\"" + std::string(info.code) + "\">" + std::string(info.code) + " · " +
           Escape(info.native_name) + "</option>";
  }
  return out + "<option value=\"shared\">shared</option>";
}

}  // namespace

Reply ConsoleServer::WordsPage(RequestContext& ctx, const Principal& who) {
  const std::string& ui = who.user.language;
  const std::string done = ctx.query.count("done") ? ctx.query.at("done") : "";
  std::string body = "<h1>" + std::string(T(ui, "words_title")) + "</h1><p class=\"meta\">" +
                     std::string(T(ui, "words_help")) + "</p>";
  if (done == "added" || done == "removed") {
    body += "<p class=\"notice\" role=\"status\">" + std::string(T(ui, done == "added" ? "word_added" : "word_removed")) +
            "</p>";
  }
  // What the desk runs with, counted by list.
  if (deps_.word_lists) {
    const std::shared_ptr<const lexicon::Lexicon> lists = deps_.word_lists();
    if (lists) {
      std::map<std::string, int> counts;
      for (const lexicon::DangerPattern& p : lists->danger) ++counts[p.kind];
      for (const lexicon::Spelling& s : lists->spellings) ++counts[s.alone != "none" ? s.alone : s.before_topic];
      body += "<p class=\"meta\">";
      for (const auto& [list, n] : counts) body += Escape(list) + " " + std::to_string(n) + " · ";
      body += std::string(T(ui, "words_in_use")) + "</p>";
    }
  }
  body += "<form method=\"post\" action=\"/words/add\" class=\"card\" id=\"words-add\">" + HiddenCsrf(who) + "<label>" +
          std::string(T(ui, "language")) + "<select name=\"lang\">" + LanguageOptions() + "</select></label><label>" +
          std::string(T(ui, "word_list")) + "<select name=\"list\">";
  for (std::string_view list : desk::kAddableLists) {
    body += "<option value=\"" + std::string(list) + "\">" + std::string(T(ui, "list_" + std::string(list))) +
            "</option>";
  }
  body += "</select></label><label>" + std::string(T(ui, "phrase")) +
          "<input type=\"text\" name=\"phrase\" dir=\"auto\" maxlength=\"300\" required></label><p class=\"meta\">" +
          std::string(T(ui, "phrase_help")) + "</p><button>" + std::string(T(ui, "add")) + "</button></form>";
  auto additions = store::WordListAdditions(deps_.db).All();
  if (!additions.ok()) return Text(http::status::service_unavailable, additions.status().message());
  body += "<h2>" + std::string(T(ui, "words_added")) + "</h2>";
  if (additions->empty()) body += "<p>" + std::string(T(ui, "no_words_added")) + "</p>";
  else body += "<table><tr><th>" + std::string(T(ui, "language")) + "</th><th>" + std::string(T(ui, "word_list")) +
               "</th><th>" + std::string(T(ui, "phrase")) + "</th><th></th></tr>";
  for (const store::WordListAddition& a : *additions) {
    const std::string when = date::format("%F", std::chrono::sys_seconds{std::chrono::seconds{a.added_at}});
    body += "<tr><td>" + Escape(a.lang) + "</td><td>" + Escape(a.list) + "</td><td class=\"msg\" dir=\"auto\">" +
            Escape(a.phrase) + "<div class=\"meta\">" + Escape(a.added_by) + " · " + when +
            "</div></td><td><form method=\"post\" action=\"/words/" + std::to_string(a.id) +
            "/remove\" class=\"inline\">" + HiddenCsrf(who) + "<button>" + std::string(T(ui, "delete")) +
            "</button></form></td></tr>";
  }
  if (!additions->empty()) body += "</table>";
  return Reply{HtmlResponse(Page(T(ui, "words_title"), body, ui, who.user.name, Csrf(who), who.user.role)), {}};
}

// POST /words/add (lang, list, phrase) and /words/{id}/remove.
Reply ConsoleServer::WordsChange(RequestContext& ctx, const Principal& who) {
  const std::string action = LastSegment(ctx.path);
  const std::int64_t now = deps_.clock->NowSeconds();
  store::WordListAdditions additions(deps_.db);
  std::string detail;
  std::string object;
  if (action == "add") {
    const std::string lang = ctx.Form("lang").value_or("");
    const std::string list = ctx.Form("list").value_or("");
    // Spaces at the ends and between words are not part of a phrase.
    const std::string phrase = OneLine(ctx.Form("phrase").value_or(""));
    if (std::find(std::begin(desk::kAddableLists), std::end(desk::kAddableLists), list) ==
        std::end(desk::kAddableLists)) {
      return Text(http::status::bad_request, "unknown list \"" + list + "\"");
    }
    // Checked exactly as the daemon will check it.
    lexicon::Lexicon scratch;
    if (std::string why = lexicon::AddPhrase(scratch, lang, list, phrase, {}); !why.empty()) {
      return Text(http::status::bad_request, "\"" + phrase + "\": " + why);
    }
    auto added = additions.Add({.lang = lang, .list = list, .phrase = phrase, .added_by = who.user.name,
                                .added_at = now});
    if (!added.ok()) {
      const bool twice = added.status().code() == store::Status::Code::kConstraint;
      return Text(twice ? http::status::conflict : http::status::service_unavailable,
                  twice ? "that phrase is already in that list" : added.status().message());
    }
    object = "word:" + std::to_string(*added);
    detail = lang + " " + list + ": " + phrase;
  } else if (action == "remove") {
    const auto id = ParseId(ctx.Param("id").value_or(""));
    if (!id) return Text(http::status::not_found, "no such phrase");
    if (store::Status s = additions.Remove(*id); !s.ok()) {
      return Text(s.code() == store::Status::Code::kNotFound ? http::status::not_found
                                                              : http::status::service_unavailable,
                  s.message());
    }
    object = "word:" + std::to_string(*id);
  } else {
    return Text(http::status::not_found, "not found");
  }
  WarnIfFailed(store::AuditLog(deps_.db).Record({.at = now,
                                                 .actor = who.user.name,
                                                 .action = "words." + action,
                                                 .object = object,
                                                 .detail = detail}),
               "an audit row");
  // The daemon reads its word lists again (with the FAQ and the config).
  if (deps_.faq_changed) deps_.faq_changed();
  return Reply{Redirect(std::string("/words?done=") + (action == "add" ? "added" : "removed")), {}};
}

}  // namespace smsdesk::console
