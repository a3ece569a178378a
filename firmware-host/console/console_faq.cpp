// The FAQ editor: the entries, "try a question" (the matcher's decision,
// score and candidates, exactly as the desk would decide), one entry added or
// one language version changed with its examples (also from a moderator's
// answer: "promote to FAQ", which proposes the person's question as a
// pending example), and the whole FAQ as CSV in and out. Changes go to the
// store and the daemon reloads its matcher (and trains its models again
// when the examples changed); with faq.file in the config the store is not
// what the desk reads, and the page says so.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <regex>

#include "firmware-host/base/store_warn.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "firmware-host/desk/faq_source.h"
#include "firmware-host/faq/faq_csv.h"
#include "modem/bidi_marks.h"
#include "store/audit_log.h"
#include "store/faq_examples.h"
#include "store/faq_store.h"
#include "store/tickets.h"

namespace smsdesk::console {
namespace {

std::string Field(std::string_view label, std::string_view name, std::string_view value, bool area = false) {
  if (area) {
    return "<label>" + std::string(label) + "<textarea name=\"" + std::string(name) + "\" dir=\"auto\">" +
           Escape(value) + "</textarea></label>";
  }
  return "<label>" + std::string(label) + "<input type=\"text\" name=\"" + std::string(name) + "\" value=\"" +
         Escape(value) + "\" dir=\"auto\"></label>";
}

// What "promote to FAQ" starts from: reply `reply_id` in ticket `ticket_id`'s
// thread and the newcomer's message before it.
struct Promoted {
  std::string question, answer;
  std::optional<std::string> lang;
  std::optional<std::int64_t> question_id;  // the newcomer's message
};

std::optional<Promoted> FindReply(store::Database& db, std::int64_t ticket_id, std::int64_t reply_id) {
  store::Tickets tickets(db);
  auto ticket = tickets.Get(ticket_id);
  if (!ticket.ok() || !*ticket) return std::nullopt;
  auto thread = tickets.Thread((*ticket)->contact_id);
  if (!thread.ok()) return std::nullopt;
  std::string asked;
  std::optional<std::int64_t> asked_id;
  for (const store::MessageRecord& m : *thread) {
    if (m.id == reply_id) {
      if (m.direction != "out" || !m.body) return std::nullopt;
      return Promoted{asked, *m.body, (*ticket)->lang, asked_id};
    }
    if (m.direction == "in" && m.body) {
      asked = *m.body;
      asked_id = m.id;
    }
  }
  return std::nullopt;
}

// At most this much text in one version's examples column (about a
// hundred texts): the whole FAQ stays a file a person can read.
constexpr std::size_t kMaxExamplesBytes = 16 * 1024;

// The note under a right-to-left answer whose numbers the sender marks
// (modem/bidi_marks.h); empty when none needs it.
std::string RtlNumbersNote(std::string_view ui, std::string_view answer) {
  const std::size_t n = modem::NumbersNeedingMarks(answer);
  if (n == 0) return {};
  return std::string(T(ui, "rtl_numbers")) + " " + std::to_string(n) + " (+" + std::to_string(2 * n) + ")";
}

}  // namespace

Reply ConsoleServer::FaqEditor(RequestContext& ctx, const Principal& who) {
  const std::string& ui = who.user.language;
  auto get = [&](const char* key) { return ctx.query.count(key) ? ctx.query.at(key) : std::string{}; };
  std::string question = get("question"), answer = get("answer"), lang = get("lang"), id = get("id");
  std::string keywords = get("keywords"), examples;
  std::optional<std::int64_t> ticket_id, reply_id;
  if (ctx.query.count("reply")) {
    ticket_id = ParseId(get("ticket"));
    reply_id = ParseId(get("reply"));
    auto promoted = ticket_id && reply_id ? FindReply(deps_.db, *ticket_id, *reply_id) : std::nullopt;
    if (!promoted) return Text(http::status::not_found, "no such reply");
    question = promoted->question;
    answer = promoted->answer;
    if (lang.empty()) lang = promoted->lang.value_or("");
  }
  // The entries there are, with their languages, for "a new language
  // version"; and the version to change, when the query names one.
  std::map<std::string, std::string> entries;
  std::optional<store::FaqRow> editing;
  if (auto rows = store::FaqStore(deps_.db).All(); rows.ok()) {
    for (store::FaqRow& row : *rows) {
      entries[row.id] += (entries[row.id].empty() ? "" : ", ") + row.lang;
      if (!reply_id && row.id == id && row.lang == lang) editing = std::move(row);
    }
  }
  const bool existing = entries.count(id) > 0;
  std::string body = "<h1>" + std::string(T(ui, editing ? "change_entry" : "faq_editor")) + "</h1>";
  if (reply_id) body += "<p class=\"meta\">" + std::string(T(ui, "promote_help")) + "</p>";
  body += "<form method=\"post\" action=\"/faq/entry\" class=\"card\" id=\"faq-editor\">" + HiddenCsrf(who);
  if (reply_id) {
    body += "<input type=\"hidden\" name=\"ticket\" value=\"" + std::to_string(*ticket_id) +
            "\"><input type=\"hidden\" name=\"reply\" value=\"" + std::to_string(*reply_id) + "\">";
  }
  if (editing) {
    // One language version of an entry, changed in place.
    question = editing->question;
    answer = editing->answer;
    keywords = editing->keywords;
    examples = editing->examples;
    body += "<input type=\"hidden\" name=\"target\" value=\"edit\"><input type=\"hidden\" name=\"id\" value=\"" +
            Escape(editing->id) + "\"><input type=\"hidden\" name=\"lang\" value=\"" + Escape(editing->lang) +
            "\"><p><strong>" + Escape(editing->id) + "</strong> · " + Escape(editing->lang) + " · <a href=\"/faq/examples?entry=" +
            Escape(editing->id) + "\">" + std::string(T(ui, "examples")) + "</a></p>";
  } else {
    body += "<label class=\"choice\"><input type=\"radio\" name=\"target\" value=\"new\"" +
            std::string(existing ? "" : " checked") + "> " + std::string(T(ui, "new_entry")) +
            " <input type=\"text\" name=\"new_id\" value=\"" + Escape(existing ? "" : id) + "\"></label>";
    if (!entries.empty()) {
      body += "<label class=\"choice\"><input type=\"radio\" name=\"target\" value=\"existing\"" +
              std::string(existing ? " checked" : "") + "> " + std::string(T(ui, "existing_entry")) +
              " <select name=\"existing_id\">";
      for (const auto& [entry, langs] : entries) {
        body += "<option value=\"" + Escape(entry) + "\"" + (entry == id ? " selected" : "") + ">" + Escape(entry) +
                " (" + Escape(langs) + ")</option>";
      }
      body += "</select></label>";
    }
    body += Field(T(ui, "language"), "lang", lang);
  }
  body += Field(T(ui, "keywords"), "keywords", keywords) + Field(T(ui, "question"), "question", question, true) +
          "<label>" + std::string(T(ui, "answer")) +
          "<textarea name=\"answer\" dir=\"auto\" data-count=\"faq-seg\">" + Escape(answer) +
          "</textarea></label><p class=\"meta\"><span id=\"faq-seg\"></span> " + std::string(T(ui, "segments")) +
          "</p>";
  if (const std::string note = RtlNumbersNote(ui, answer); !note.empty()) {
    body += "<p class=\"meta rtl-numbers\">" + Escape(note) + "</p>";
  }
  body += "<label>" + std::string(T(ui, "examples_field")) + "<textarea name=\"examples\" dir=\"auto\" rows=\"6\">" +
          Escape(examples) + "</textarea></label><button>" + std::string(T(ui, "save")) + "</button></form>";
  return Reply{HtmlResponse(Page(T(ui, "faq_editor"), body, ui, who.user.name, Csrf(who), who.user.role)), {}};
}

Reply ConsoleServer::FaqPage(RequestContext& ctx, const Principal& who) { return FaqPageWith(ctx, who, {}); }

Reply ConsoleServer::FaqPageWith(RequestContext& ctx, const Principal& who, const std::string& notice) {
  const std::string& lang = who.user.language;
  const std::string csrf = who.session ? who.session->csrf : std::string{};
  const std::string hidden = "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">";
  std::string body = "<h1>FAQ</h1>";
  if (!notice.empty()) body += "<p class=\"notice\" role=\"status\">" + Escape(notice) + "</p>";
  if (deps_.faq_file && !deps_.faq_file().empty()) {
    body += "<p class=\"error\">The desk reads its FAQ from " + Escape(deps_.faq_file()) +
            " (faq.file in the config): edits here are kept in the store but not used until that line is removed.</p>";
  }
  // Try a question.
  const std::string question = ctx.query.count("try") ? ctx.query.at("try") : "";
  body += "<form method=\"get\" action=\"/faq\" class=\"card\"><label>Try a question<input type=\"text\" name=\"try\" "
          "value=\"" + Escape(question) + "\" dir=\"auto\"></label><button>Match</button></form>";
  if (!question.empty() && deps_.match) {
    const faq::MatchResult r = deps_.match(question);
    char score[64];
    std::snprintf(score, sizeof score, "score %.2f, confidence %.2f", r.score, r.confidence);
    std::string models;
    if (r.models_used) {
      char line[96];
      std::snprintf(line, sizeof line, " · models: answer %.2f, danger %.2f", r.answer_probability,
                    r.danger_probability);
      models = line;
    }
    body += "<div class=\"card\"><p><strong>" + std::string(faq::DecisionName(r.decision)) + "</strong> " +
            Escape(r.faq_id.value_or("-")) + " · " + std::string(faq::LangCode(r.lang)) + " · " + score + models +
            "</p>";
    if (!r.answer.empty()) body += "<div class=\"msg\" dir=\"auto\">" + Escape(r.answer) + "</div>";
    body += "<ul>";
    for (const faq::Candidate& c : r.candidates) {
      std::snprintf(score, sizeof score, " %.2f", c.confidence);
      body += "<li>" + Escape(c.id) + score + "</li>";
    }
    body += "</ul>";
    for (const std::string& reason : r.reasons) body += "<p class=\"meta\">" + Escape(reason) + "</p>";
    body += "</div>";
  }
  const bool editor = who.May(Capability::kEditFaq);
  std::map<std::string, int> pending;
  if (editor) {
    if (auto counts = store::FaqExamples(deps_.db).PendingCounts(); counts.ok()) {
      int total = 0;
      for (const auto& [id, n] : *counts) {
        pending[id] = n;
        total += n;
      }
      body += "<p><a href=\"/faq/edit\">" + std::string(T(lang, "add_entry")) + "</a> · <a href=\"/faq/examples\">" +
              std::string(T(lang, "examples_title")) + "</a> (" + std::to_string(total) + " " +
              std::string(T(lang, "examples_pending")) + ") · <a href=\"/words\">" +
              std::string(T(lang, "words_title")) + "</a></p>";
    }
  }
  auto rows = store::FaqStore(deps_.db).All();
  body += "<h2>Entries</h2><p><a href=\"/faq/export.csv\">Export CSV</a></p><table><tr><th>id</th><th>lang</th>"
          "<th>question</th><th>answer</th>" +
          std::string(editor ? "<th></th>" : "") + "</tr>";
  if (rows.ok()) {
    for (const store::FaqRow& row : *rows) {
      body += "<tr><td>" + Escape(row.id) + "</td><td>" + Escape(row.lang) + "</td><td class=\"msg\" dir=\"auto\">" +
              Escape(row.question) + "</td><td class=\"msg\" dir=\"auto\">" + Escape(row.answer) + "</td>";
      if (editor) {
        const int waiting = pending.count(row.id) ? pending.at(row.id) : 0;
        body += "<td><a href=\"/faq/edit?id=" + Escape(row.id) + "&amp;lang=" + Escape(row.lang) + "\">" +
                std::string(T(lang, "edit")) + "</a>" +
                (waiting > 0 ? " · <a href=\"/faq/examples?entry=" + Escape(row.id) + "\">" + std::to_string(waiting) +
                                   " " + std::string(T(lang, "examples_pending")) + "</a>"
                             : "") +
                "</td>";
      }
      body += "</tr>";
    }
  }
  body += "</table>";
  if (who.May(Capability::kEditFaq)) {
    body += "<form method=\"post\" action=\"/faq/import\" class=\"card\"><h2>Import CSV (replaces every entry)</h2>" +
            hidden + "<textarea name=\"csv\" placeholder=\"id,lang,keywords,question,answer,examples\"></textarea>"
            "<button>Import</button></form>";
  }
  return Reply{HtmlResponse(Page("FAQ", body, lang, who.user.name, csrf, who.user.role)), {}};
}

// POST /faq/entry and /faq/import.
Reply ConsoleServer::FaqAction(RequestContext& ctx, const Principal& who) {
  const std::string action = LastSegment(ctx.path);
  const std::int64_t now = deps_.clock->NowSeconds();
  store::FaqStore faq(deps_.db);
  std::string notice;   // for the audit log, in English
  std::string shown;    // for the page, in the user's language
  std::string object;   // "ticket:N" when promoted from a reply
  const std::string& ui = who.user.language;
  if (action == "entry") {
    // From the editor: a new entry, a new language version of one, or one
    // version changed ("edit"); without a target, the version is written
    // as given.
    const std::string target = ctx.Form("target").value_or("");
    std::string id = ctx.Form("id").value_or("");
    if (target == "new") id = ctx.Form("new_id").value_or("");
    if (target == "existing") id = ctx.Form("existing_id").value_or("");
    store::FaqRow row{.id = id,
                      .lang = ctx.Form("lang").value_or(""),
                      .keywords = ctx.Form("keywords").value_or(""),
                      .question = ctx.Form("question").value_or(""),
                      .answer = ctx.Form("answer").value_or(""),
                      .examples = faq::JoinExamples(faq::SplitExamples(ctx.Form("examples").value_or(""))),
                      .updated_at = now,
                      .updated_by = who.user.name};
    static const std::regex kId("^[a-z0-9][a-z0-9-]{0,63}$"), kLang("^[a-z]{2,3}(-[A-Za-z]{4})?$");
    if (!std::regex_match(row.id, kId) || !std::regex_match(row.lang, kLang) || row.question.empty() ||
        row.answer.empty()) {
      return Reply{TextResponse(http::status::bad_request,
                                "an entry needs an id (a-z, 0-9, -), a language code (ar, fr, ar-Latn…), "
                                "a question and an answer\n"),
                   {}};
    }
    if (row.examples.size() > kMaxExamplesBytes) {
      return Text(http::status::bad_request, "the examples are at most " + std::to_string(kMaxExamplesBytes) +
                                                 " bytes: keep the most varied ones");
    }
    auto rows = faq.All();
    if (!rows.ok()) return Text(http::status::service_unavailable, rows.status().message());
    const auto version = std::find_if(rows->begin(), rows->end(),
                                      [&](const store::FaqRow& r) { return r.id == row.id && r.lang == row.lang; });
    // A form without the examples field (an older page, a script) keeps
    // the examples the version has.
    if (!ctx.Form("examples") && version != rows->end()) row.examples = version->examples;
    if (target == "edit" && version == rows->end()) {
      return Text(http::status::not_found, "there is no entry " + row.id + " in " + row.lang);
    }
    if (target == "new" || target == "existing") {
      const bool exists = std::any_of(rows->begin(), rows->end(), [&](const store::FaqRow& r) { return r.id == id; });
      const bool has_lang = std::any_of(rows->begin(), rows->end(),
                                        [&](const store::FaqRow& r) { return r.id == id && r.lang == row.lang; });
      if (target == "new" && exists) {
        return Text(http::status::conflict, "there is already an entry " + id +
                                                ": choose it to add a language version, or pick another id");
      }
      if (target == "existing" && !exists) return Text(http::status::bad_request, "there is no entry " + id);
      // A new version must not silently replace one a colleague wrote.
      if (target == "existing" && has_lang) {
        return Text(http::status::conflict, "the entry " + id + " already has a version in " + row.lang +
                                                ": change that one on the FAQ page");
      }
    }
    if (auto s = faq.Upsert(row); !s.ok()) return Reply{TextResponse(http::status::service_unavailable, s.message()), {}};
    notice = "Saved " + row.id + " (" + row.lang + ").";
    shown = std::string(T(ui, "faq_saved")) + " " + row.id + " (" + row.lang + ").";
    const auto ticket = ParseId(ctx.Form("ticket").value_or(""));
    const auto reply = ParseId(ctx.Form("reply").value_or(""));
    if (ticket && reply) {
      object = "ticket:" + std::to_string(*ticket);
      notice += " From reply " + std::to_string(*reply) + (target == "existing" ? ", a language version." : ".");
      shown += " " + std::string(T(ui, target == "existing" ? "promoted_version" : "promoted_new"));
      // The person's question, as they wrote it, becomes a pending example
      // of the entry: a moderator confirms it on the examples page.
      if (auto promoted = FindReply(deps_.db, *ticket, *reply); promoted && promoted->question_id) {
        WarnIfFailed(store::FaqExamples(deps_.db)
                         .Propose({.faq_id = row.id,
                                   .text = promoted->question,
                                   .lang = promoted->lang.value_or(row.lang),
                                   .message_id = promoted->question_id,
                                   .proposed_by = who.user.name,
                                   .proposed_at = now})
                         .status(),
                     "a proposed example");
      }
    }
    if (const std::string note = RtlNumbersNote(ui, row.answer); !note.empty()) shown += " " + note;
  } else if (action == "import") {
    faq::FaqCsvResult parsed = faq::ParseFaqCsv(ctx.Form("csv").value_or(""));
    if (!parsed.ok) {
      return Reply{TextResponse(http::status::bad_request, "line " + std::to_string(parsed.error.line) + ": " +
                                                               parsed.error.message + "\n"), {}};
    }
    if (parsed.entries.empty()) return Reply{TextResponse(http::status::bad_request, "no entries\n"), {}};
    std::vector<store::FaqRow> rows;
    for (const auto& e : parsed.entries) rows.push_back(desk::RowFromEntry(e, now, who.user.name));
    if (auto s = faq.ReplaceAll(rows); !s.ok()) {
      return Reply{TextResponse(http::status::service_unavailable, s.message()), {}};
    }
    notice = "Imported " + std::to_string(rows.size()) + " entries.";
    shown = notice;
  } else {
    return Reply{TextResponse(http::status::not_found, "not found\n"), {}};
  }
  WarnIfFailed(store::AuditLog(deps_.db).Record({.at = now,
                                                 .actor = who.user.name,
                                                 .action = object.empty() ? "faq." + action : "faq.promote",
                                                 .object = object.empty() ? std::nullopt : std::optional(object),
                                                 .detail = notice}),
               "an audit row");
  if (deps_.faq_changed) deps_.faq_changed();
  return FaqPageWith(ctx, who, shown);
}

Reply ConsoleServer::FaqCsv(RequestContext&, const Principal&) {
  auto rows = store::FaqStore(deps_.db).All();
  if (!rows.ok()) return Reply{TextResponse(http::status::service_unavailable, rows.status().message()), {}};
  std::vector<faq::FaqEntry> entries;
  for (const auto& row : *rows) entries.push_back(desk::EntryFromRow(row));
  Response response = MakeResponse(http::status::ok, faq::WriteFaqCsv(entries), "text/csv; charset=utf-8");
  response.set(http::field::content_disposition, "attachment; filename=\"faq.csv\"");
  return Reply{std::move(response), {}};
}

}  // namespace smsdesk::console
