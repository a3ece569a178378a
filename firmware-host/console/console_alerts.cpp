// Alerts in the console (agency and admin accounts; each agency sees only its
// own alerts): compose one text per
// language, preview it (per language the encoding and SMS, the recipients,
// the estimated time from the modems ready now), send it, follow its
// progress and delivery reports, cancel it. The same through the JSON API:
//
//   GET  /api/alerts                 the latest alerts with their progress
//   POST /api/alerts/preview         {"topics": ["bus"], "class": "info", "texts": {"en": "…"}, "fallback": "en"}
//   POST /api/alerts                 the same body: the preview, then the job -> {"id": N, "preview": …}
//   GET  /api/alerts/{id}            one alert: texts, state, progress
//   POST /api/alerts/{id}/cancel
//
// Every creation and cancellation is audited (alert_plan.h, store/alerts.h).
#include <charconv>

#include <nlohmann/json.hpp>

#include "firmware-host/alerts/alert_json.h"
#include "firmware-host/alerts/alert_plan.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "store/alerts.h"

namespace smsdesk::console {
namespace {

using json = nlohmann::ordered_json;

// Each agency sees and cancels only the alerts its account created; an
// account that may see all of them (admins) sees every one, the command
// line's and the SMS's too.
bool Owns(const Principal& who, const store::AlertRecord& alert) {
  return who.May(Capability::kSeeAllAlerts) || alert.created_by == who.user.id;
}

// The latest `limit` alerts `who` may see.
store::StatusOr<std::vector<store::AlertRecord>> Visible(store::Alerts& alerts, const Principal& who, int limit) {
  // Others' alerts are skipped, so look further back for one's own.
  auto recent = alerts.Recent(who.May(Capability::kSeeAllAlerts) ? limit : 20 * limit);
  if (!recent.ok()) return recent;
  std::vector<store::AlertRecord> mine;
  for (auto& a : *recent) {
    if (Owns(who, a) && static_cast<int>(mine.size()) < limit) mine.push_back(std::move(a));
  }
  return mine;
}

// The alert of the path's {id}, if it exists and `who` may see it; someone
// else's is "no such alert", as if it did not exist.
store::StatusOr<std::optional<store::AlertRecord>> OwnAlert(store::Database& db, const RequestContext& ctx,
                                                            const Principal& who) {
  const auto id = ParseId(ctx.Param("id").value_or(""));
  if (!id) return std::optional<store::AlertRecord>{};
  auto alert = store::Alerts(db).Get(*id);
  if (!alert.ok() || !*alert) return alert;
  if (!Owns(who, **alert)) return std::optional<store::AlertRecord>{};
  return alert;
}

// This page's interface texts (English, French).
std::string_view AT(std::string_view ui, std::string_view key) {
  struct Text {
    std::string_view key, en, fr;
  };
  static constexpr Text kTexts[] = {
      {"alerts", "Alerts", "Alertes"},
      {"new", "New alert", "Nouvelle alerte"},
      {"help",
       "One text per language; each subscriber gets theirs, else the fallback. Info alerts wait for the end of quiet "
       "hours; emergencies go before everything.",
       "Un texte par langue ; chaque abonné reçoit le sien, sinon celui de repli. Les alertes info attendent la fin "
       "des heures de silence ; les urgences passent avant tout."},
      {"topics", "Topics", "Sujets"},
      {"class", "Class", "Type"},
      {"info", "info", "info"},
      {"emergency", "emergency", "urgence"},
      {"fallback", "Fallback language", "Langue de repli"},
      {"preview", "Preview", "Aperçu"},
      {"send", "Send", "Envoyer"},
      {"cancel", "Cancel the rest", "Annuler le reste"},
      {"recipients", "recipients", "destinataires"},
      {"sms_each", "SMS each", "SMS chacun"},
      {"characters", "characters", "caractères"},
      {"estimate", "Estimated sending time", "Durée d'envoi estimée"},
      {"no_modem", "no modem can send now", "aucun modem ne peut envoyer maintenant"},
      {"held", "Held for quiet hours; starts in", "Retenue (heures de silence) ; départ dans"},
      {"delivered", "delivered", "remis"},
      {"awaiting", "awaiting a report", "sans accusé"},
      {"failed", "failed", "échec"},
      {"to_go", "to go", "restants"},
      {"none", "No alerts yet.", "Aucune alerte pour l'instant."},
      {"state", "State", "État"},
  };
  for (const Text& t : kTexts) {
    if (t.key == key) return ui == "fr" ? t.fr : t.en;
  }
  return key;
}

std::string S(std::string_view ui, std::string_view key) { return std::string(AT(ui, key)); }

Reply Json(const json& body, http::status status = http::status::ok) {
  return Reply{JsonResponse(body.dump(), status), {}};
}
Reply JsonError(http::status status, const std::string& message) { return Json({{"error", message}}, status); }

// A failed cancel: no such alert, already over, or the store failing.
http::status CancelStatus(const store::Status& status) {
  switch (status.code()) {
    case store::Status::Code::kNotFound: return http::status::not_found;
    case store::Status::Code::kInvalid: return http::status::conflict;
    default: return http::status::service_unavailable;
  }
}

// The progress bar and tallies of one alert.
std::string ProgressHtml(std::string_view ui, const store::AlertProgress& p) {
  const std::int64_t done = p.recipients - p.to_go();
  return "<progress max=\"" + std::to_string(std::max<std::int64_t>(p.recipients, 1)) + "\" value=\"" +
         std::to_string(p.recipients == 0 ? 1 : done) + "\"></progress> <span class=\"meta\">" +
         std::to_string(done) + "/" + std::to_string(p.recipients) + " · " + std::to_string(p.delivered) + " " +
         S(ui, "delivered") + " · " + std::to_string(p.sent) + " " + S(ui, "awaiting") + " · " +
         std::to_string(p.failed) + " " + S(ui, "failed") + " · " + std::to_string(p.to_go()) + " " +
         S(ui, "to_go") + "</span>";
}

// The compose form, filled with `draft`.
std::string ComposeForm(std::string_view ui, const Principal& who, const alerts::AlertSettings& settings,
                        const alerts::AlertDraft& draft) {
  std::string form = "<form method=\"post\" action=\"/alerts/preview\" class=\"card\" id=\"alert-compose\"><h2>" +
                     S(ui, "new") + "</h2><p class=\"meta\">" + S(ui, "help") + "</p>" + HiddenCsrf(who) +
                     "<fieldset><legend>" + S(ui, "topics") + "</legend>";
  for (const std::string& topic : settings.topics) {
    const bool on = std::find(draft.topics.begin(), draft.topics.end(), topic) != draft.topics.end();
    form += "<label><input type=\"checkbox\" name=\"topic_" + Escape(topic) + "\" value=\"1\"" +
            (on ? " checked" : "") + "> " + Escape(topic) + "</label> ";
  }
  form += "</fieldset><label>" + S(ui, "class") + " <select name=\"class\">";
  for (const char* c : {"info", "emergency"}) {
    const bool on = store::AlertClassName(draft.alert_class) == std::string_view(c);
    form += "<option value=\"" + std::string(c) + "\"" + (on ? " selected" : "") + ">" + S(ui, c) + "</option>";
  }
  form += "</select></label> <label>" + S(ui, "fallback") + " <select name=\"fallback\">";
  const std::string fallback = draft.fallback_lang.empty() ? settings.fallback_lang : draft.fallback_lang;
  for (const std::string& lang : settings.languages) {
    form += "<option" + std::string(lang == fallback ? " selected" : "") + ">" + Escape(lang) + "</option>";
  }
  form += "</select></label>";
  for (const std::string& lang : settings.languages) {
    const auto text = draft.texts.find(lang);
    form += "<label>" + Escape(lang) + "<textarea name=\"text_" + Escape(lang) + "\" dir=\"auto\" lang=\"" +
            Escape(lang) + "\" class=\"short\" data-counter>" +
            (text == draft.texts.end() ? "" : Escape(text->second)) + "</textarea></label>";
  }
  return form + "<button name=\"step\" value=\"preview\">" + S(ui, "preview") + "</button></form>";
}

std::string PreviewHtml(std::string_view ui, const Principal& who, const alerts::AlertDraft& draft,
                        const alerts::AlertPreview& p, std::int64_t now) {
  std::string html = "<div class=\"card\" id=\"alert-preview\"><h2>" + S(ui, "preview") + "</h2>";
  for (const auto& e : p.errors) html += "<p class=\"error\" role=\"alert\">" + Escape(e) + "</p>";
  for (const auto& w : p.warnings) html += "<p class=\"notice\">" + Escape(w) + "</p>";
  if (!p.texts.empty()) {
    html += "<table><tr><th></th><th></th><th>" + S(ui, "characters") + "</th><th>" + S(ui, "sms_each") +
            "</th><th>" + S(ui, "recipients") + "</th></tr>";
    for (const auto& t : p.texts) {
      html += "<tr><td>" + Escape(t.lang) + (t.lang == p.fallback_lang ? " *" : "") + "</td><td>" +
              Escape(t.encoding) + "</td><td>" + std::to_string(t.characters) + "</td><td>" +
              std::to_string(t.segments) + "</td><td>" + std::to_string(t.recipients) + "</td></tr>";
    }
    html += "</table>";
  }
  if (p.ok()) {
    html += "<p><strong>" + std::to_string(p.recipients) + "</strong> " + S(ui, "recipients") + ", " +
            std::to_string(p.segments) + " SMS. " + S(ui, "estimate") + ": " +
            (p.seconds ? alerts::DescribeDuration(*p.seconds) + " (" + std::to_string(p.modems_ready) + " modems)"
                       : S(ui, "no_modem")) +
            "</p>";
    if (p.held) html += "<p class=\"notice\">" + S(ui, "held") + " " + alerts::DescribeDuration(p.release_at - now) + "</p>";
    // The same draft, sent for real.
    html += "<form method=\"post\" action=\"/alerts/send\">" + HiddenCsrf(who);
    for (const auto& topic : draft.topics) html += "<input type=\"hidden\" name=\"topic_" + Escape(topic) + "\" value=\"1\">";
    html += "<input type=\"hidden\" name=\"class\" value=\"" + std::string(store::AlertClassName(draft.alert_class)) +
            "\"><input type=\"hidden\" name=\"fallback\" value=\"" + Escape(p.fallback_lang) + "\">";
    for (const auto& [lang, text] : draft.texts) {
      html += "<input type=\"hidden\" name=\"text_" + Escape(lang) + "\" value=\"" + Escape(text) + "\">";
    }
    html += "<button class=\"primary\" id=\"alert-send\">" + S(ui, "send") + "</button></form>";
  }
  return html + "</div>";
}

// The draft a form describes (topic_<id>, class, fallback, text_<lang>).
alerts::AlertDraft DraftFromForm(const RequestContext& ctx, const alerts::AlertSettings& settings,
                                 const Principal& who, std::string& error) {
  alerts::AlertDraft draft{.source = "console", .created_by = who.user.id};
  for (const std::string& topic : settings.topics) {
    if (ctx.Form("topic_" + topic)) draft.topics.push_back(topic);
  }
  const auto cls = store::ParseAlertClass(ctx.Form("class").value_or("info"));
  if (!cls) error = "class: info or emergency";
  draft.alert_class = cls.value_or(store::AlertClass::kInfo);
  draft.fallback_lang = ctx.Form("fallback").value_or("");
  for (const std::string& lang : settings.languages) {
    if (auto text = ctx.Form("text_" + lang); text && !text->empty()) draft.texts[lang] = *text;
  }
  return draft;
}

}  // namespace

Reply ConsoleServer::AlertsPage(RequestContext&, const Principal& who) {
  const std::string& ui = who.user.language;
  store::Alerts alerts(deps_.db);
  std::string body = "<h1>" + S(ui, "alerts") + "</h1>" + ComposeForm(ui, who, deps_.desk.config().alerts, {});
  auto recent = Visible(alerts, who, 30);
  if (!recent.ok()) return Text(http::status::service_unavailable, recent.status().message());
  if (recent->empty()) body += "<p>" + S(ui, "none") + "</p>";
  for (const store::AlertRecord& a : *recent) {
    auto p = alerts.Progress(a.id);
    if (!p.ok()) return Text(http::status::service_unavailable, p.status().message());
    std::string topics;
    for (const auto& t : a.topics) topics += (topics.empty() ? "" : ", ") + t;
    body += "<div class=\"card\"><a href=\"/alerts/" + std::to_string(a.id) + "\">#" + std::to_string(a.id) +
            "</a> " + Escape(store::AlertClassName(a.alert_class)) + " · " + Escape(topics) + " · " +
            Escape(a.state) + "<br>" + ProgressHtml(ui, *p) + "</div>";
  }
  return Reply{HtmlResponse(Page(S(ui, "alerts"), body, ui, who.user.name, Csrf(who), who.user.role)), {}};
}

// POST /alerts/preview and /alerts/send.
Reply ConsoleServer::AlertsCompose(RequestContext& ctx, const Principal& who) {
  const std::string& ui = who.user.language;
  const alerts::AlertSettings& settings = deps_.desk.config().alerts;
  const std::int64_t now = deps_.clock->NowSeconds();
  auto pool = deps_.pool ? deps_.pool() : std::vector<alerts::ModemCapacity>{};
  std::string error;
  const alerts::AlertDraft draft = DraftFromForm(ctx, settings, who, error);
  if (!error.empty()) return Text(http::status::bad_request, error);
  auto preview = alerts::Preview(deps_.db, settings, draft, pool, now);
  if (!preview.ok()) return Text(http::status::service_unavailable, preview.status().message());
  if (LastSegment(ctx.path) == "send" && preview->ok()) {
    auto id = alerts::CreateAlert(deps_.db, settings, draft, who.user.name, now);
    if (id.ok()) {
      if (deps_.outbox_changed) deps_.outbox_changed();
      return Reply{Redirect("/alerts/" + std::to_string(*id)), {}};
    }
    if (id.status().code() != store::Status::Code::kInvalid) {
      return Text(http::status::service_unavailable, id.status().message());
    }
    preview->errors.push_back(id.status().message());
  }
  const std::string body = "<h1>" + S(ui, "alerts") + "</h1>" + PreviewHtml(ui, who, draft, *preview, now) +
                           ComposeForm(ui, who, settings, draft);
  return Reply{HtmlResponse(Page(S(ui, "alerts"), body, ui, who.user.name, Csrf(who), who.user.role),
                            preview->ok() ? http::status::ok : http::status::unprocessable_entity),
               {}};
}

Reply ConsoleServer::AlertCancel(RequestContext& ctx, const Principal& who) {
  auto alert = OwnAlert(deps_.db, ctx, who);
  if (!alert.ok()) return Text(http::status::service_unavailable, alert.status().message());
  if (!*alert) return Text(http::status::not_found, "no such alert");
  auto cancelled = alerts::CancelAlert(deps_.db, (*alert)->id, who.user.name, deps_.clock->NowSeconds());
  if (!cancelled.ok()) return Text(CancelStatus(cancelled.status()), cancelled.status().message());
  return Reply{Redirect("/alerts/" + std::to_string((*alert)->id)), {}};
}

Reply ConsoleServer::AlertPage(RequestContext& ctx, const Principal& who) {
  const std::string& ui = who.user.language;
  auto alert = OwnAlert(deps_.db, ctx, who);
  if (!alert.ok()) return Text(http::status::service_unavailable, alert.status().message());
  if (!*alert) return Text(http::status::not_found, "no such alert");
  const store::AlertRecord& a = **alert;
  auto p = store::Alerts(deps_.db).Progress(a.id);
  if (!p.ok()) return Text(http::status::service_unavailable, p.status().message());
  // The bar alone, for the page's live update (html.cpp's script).
  if (ctx.query.count("partial")) return Reply{HtmlResponse(ProgressHtml(ui, *p)), {}};
  std::string topics;
  for (const auto& t : a.topics) topics += (topics.empty() ? "" : ", ") + t;
  std::string body = "<h1>" + S(ui, "alerts") + " #" + std::to_string(a.id) + "</h1><p>" +
                     Escape(store::AlertClassName(a.alert_class)) + " · " + Escape(topics) + " · " + S(ui, "state") +
                     ": <strong id=\"alert-state\">" + Escape(a.state) + "</strong></p><p id=\"alert-progress\" data-alert=\"" +
                     std::to_string(a.id) + "\">" +
                     ProgressHtml(ui, *p) + "</p>";
  for (const auto& [lang, text] : a.texts) {
    body += "<div class=\"bubble out\"><span class=\"meta\">" + Escape(lang) +
            (lang == a.fallback_lang ? " *" : "") + "</span><div dir=\"auto\">" + Escape(text) + "</div></div>";
  }
  if (a.state == "sending" || a.state == "held") {
    body += "<form method=\"post\" action=\"/alerts/" + std::to_string(a.id) + "/cancel\">" + HiddenCsrf(who) +
            "<button>" + S(ui, "cancel") + "</button></form>";
  }
  return Reply{HtmlResponse(Page(S(ui, "alerts"), body, ui, who.user.name, Csrf(who), who.user.role)), {}};
}

Reply ConsoleServer::ApiAlerts(RequestContext&, const Principal& who) {
  store::Alerts alerts(deps_.db);
  auto recent = Visible(alerts, who, 50);
  if (!recent.ok()) return JsonError(http::status::service_unavailable, recent.status().message());
  json items = json::array();
  for (const auto& a : *recent) {
    auto p = alerts.Progress(a.id);
    if (!p.ok()) return JsonError(http::status::service_unavailable, p.status().message());
    items.push_back(alerts::AlertToJson(a, *p));
  }
  return Json({{"alerts", items}});
}

// POST /api/alerts (send) and /api/alerts/preview.
Reply ConsoleServer::ApiAlertsCreate(RequestContext& ctx, const Principal& who) {
  const alerts::AlertSettings& settings = deps_.desk.config().alerts;
  const std::int64_t now = deps_.clock->NowSeconds();
  const json body = json::parse(ctx.request.body(), nullptr, false);
  if (!body.is_object()) return JsonError(http::status::bad_request, "expected a JSON object");
  alerts::AlertDraft draft{.source = "api", .created_by = who.user.id};
  if (body.contains("topics") && body["topics"].is_array()) {
    for (const auto& t : body["topics"]) {
      if (!t.is_string()) return JsonError(http::status::bad_request, "topics: strings");
      draft.topics.push_back(t.get<std::string>());
    }
  }
  if (body.contains("texts") && body["texts"].is_object()) {
    for (const auto& [lang, text] : body["texts"].items()) {
      if (!text.is_string()) return JsonError(http::status::bad_request, "texts: {\"lang\": \"text\"}");
      draft.texts[lang] = text.get<std::string>();
    }
  }
  const auto cls = store::ParseAlertClass(body.value("class", std::string("info")));
  if (!cls) return JsonError(http::status::bad_request, "class: info or emergency");
  draft.alert_class = *cls;
  draft.fallback_lang = body.value("fallback", std::string());
  auto preview = alerts::Preview(deps_.db, settings, draft, deps_.pool ? deps_.pool() : std::vector<alerts::ModemCapacity>{}, now);
  if (!preview.ok()) return JsonError(http::status::service_unavailable, preview.status().message());
  if (LastSegment(ctx.path) == "preview" || !preview->ok()) {
    return Json(alerts::PreviewToJson(*preview), preview->ok() ? http::status::ok : http::status::unprocessable_entity);
  }
  auto id = alerts::CreateAlert(deps_.db, settings, draft, who.user.name, now);
  if (!id.ok()) {
    return JsonError(id.status().code() == store::Status::Code::kInvalid ? http::status::unprocessable_entity
                                                                         : http::status::service_unavailable,
                     id.status().message());
  }
  if (deps_.outbox_changed) deps_.outbox_changed();
  return Json({{"id", *id}, {"preview", alerts::PreviewToJson(*preview)}}, http::status::created);
}

Reply ConsoleServer::ApiAlert(RequestContext& ctx, const Principal& who) {
  auto alert = OwnAlert(deps_.db, ctx, who);
  if (!alert.ok()) return JsonError(http::status::service_unavailable, alert.status().message());
  if (!*alert) return JsonError(http::status::not_found, "no such alert");
  auto p = store::Alerts(deps_.db).Progress((*alert)->id);
  if (!p.ok()) return JsonError(http::status::service_unavailable, p.status().message());
  return Json(alerts::AlertToJson(**alert, *p));
}

Reply ConsoleServer::ApiAlertCancel(RequestContext& ctx, const Principal& who) {
  auto alert = OwnAlert(deps_.db, ctx, who);
  if (!alert.ok()) return JsonError(http::status::service_unavailable, alert.status().message());
  if (!*alert) return JsonError(http::status::not_found, "no such alert");
  auto cancelled = alerts::CancelAlert(deps_.db, (*alert)->id, who.user.name, deps_.clock->NowSeconds());
  if (!cancelled.ok()) return JsonError(CancelStatus(cancelled.status()), cancelled.status().message());
  return Json({{"cancelled", *cancelled}});
}

}  // namespace smsdesk::console
