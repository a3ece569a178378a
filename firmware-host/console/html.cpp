#include "firmware-host/console/html.h"

#include "firmware-host/console/roles.h"

#include <algorithm>
#include <array>
#include <utility>

namespace smsdesk::console {
namespace {

struct Text {
  const char* key;
  const char* en;
  const char* fr;
};
constexpr Text kTexts[] = {
    {"queue", "Queue", "File d'attente"},
    {"login", "Log in", "Connexion"},
    {"logout", "Log out", "Déconnexion"},
    {"name", "Name", "Nom"},
    {"password", "Password", "Mot de passe"},
    {"bad_login", "Wrong name or password.", "Nom ou mot de passe incorrect."},
    {"slow_down", "Too many attempts. Try again in a moment.", "Trop de tentatives. Réessayez dans un moment."},
    {"empty_queue", "Nobody is waiting for an answer.", "Personne n'attend de réponse."},
    {"urgent", "URGENT", "URGENT"},
    {"waiting", "waiting", "attend depuis"},
    {"due_in", "due in", "échéance dans"},
    {"overdue", "overdue by", "en retard de"},
    {"reply", "Send the answer", "Envoyer la réponse"},
    {"resolve", "Resolve", "Clore"},
    {"note", "Add a note", "Ajouter une note"},
    {"claim", "Claim", "Prendre"},
    {"unclaim", "Release", "Libérer"},
    {"claimed_by", "claimed by", "pris par"},
    {"suggested", "Suggested answers", "Réponses suggérées"},
    {"use", "Use this answer", "Utiliser cette réponse"},
    {"thread", "Conversation", "Conversation"},
    {"sent", "Answer queued for sending.", "Réponse mise en file d'envoi."},
    {"resolved", "Resolved.", "Clos."},
    {"noted", "Note added.", "Note ajoutée."},
    {"segments", "segments", "segments"},
    {"cannot_answer", "Volunteers cannot send answers yet.", "Les bénévoles ne peuvent pas encore envoyer de réponses."},
    {"note_private", "Internal note (never sent)", "Note interne (jamais envoyée)"},
    {"drafts", "Drafts waiting for approval", "Brouillons à approuver"},
    {"dashboard", "Dashboard", "Tableau de bord"},
    {"answer_now", "answer now", "à traiter tout de suite"},
    {"modems", "Modems", "Modems"},
    {"today", "Today", "Aujourd'hui"},
    {"received", "Messages received", "Messages reçus"},
    {"reply_auto", "Answered from the FAQ", "Réponses de la FAQ"},
    {"reply_ack", "Acknowledged, for a moderator", "Accusés de réception"},
    {"reply_moderator", "Moderators' answers", "Réponses des modératrices"},
    {"tickets_opened", "New tickets", "Nouveaux tickets"},
    {"tickets_resolved", "Tickets resolved", "Tickets clos"},
    {"queue_depth", "Waiting in the queue", "En attente"},
    {"answer_times", "Time to a moderator's first answer (30 days)", "Délai de première réponse (30 jours)"},
    {"median", "median", "médiane"},
    {"within_promise", "within 24 hours", "en moins de 24 heures"},
    {"no_answers_yet", "No moderator answers in the last 30 days.", "Aucune réponse de modératrice ces 30 derniers jours."},
    {"messages_per_day", "Messages received per day (30 days)", "Messages reçus par jour (30 jours)"},
    {"report_csv", "Tickets and answer times (CSV, 90 days)", "Tickets et délais de réponse (CSV, 90 jours)"},
    {"draft_by", "Draft by", "Brouillon de"},
    {"approve", "Approve and send", "Approuver et envoyer"},
    {"reject", "Reject", "Rejeter"},
    {"draft_help", "Your proposed answer (a moderator approves it before it is sent)",
     "Votre proposition de réponse (une modératrice l'approuve avant l'envoi)"},
    {"propose", "Propose this answer", "Proposer cette réponse"},
    {"drafted", "Draft saved: a moderator will review it.", "Brouillon enregistré : une modératrice va le relire."},
    {"rejected", "Draft rejected.", "Brouillon rejeté."},
    // Canned answers.
    {"canned", "Canned answers", "Réponses types"},
    {"canned_help", "Ready-made texts to insert in a reply and adapt. The desk never sends them by itself.",
     "Des textes tout prêts à insérer dans une réponse et à adapter. Le desk ne les envoie jamais de lui-même."},
    {"canned_new", "New canned answer", "Nouvelle réponse type"},
    {"canned_added", "Canned answer added.", "Réponse type ajoutée."},
    {"canned_saved", "Canned answer saved.", "Réponse type enregistrée."},
    {"canned_deleted", "Canned answer deleted.", "Réponse type supprimée."},
    {"no_canned", "No canned answers yet.", "Aucune réponse type pour l'instant."},
    {"canned_pick", "Canned answer…", "Réponse type…"},
    {"canned_manage", "Manage canned answers", "Gérer les réponses types"},
    {"in_ticket_lang", "In the language of this ticket", "Dans la langue de ce ticket"},
    {"any_language", "any language", "toutes langues"},
    {"other_languages", "Other languages", "Autres langues"},
    {"insert", "Insert", "Insérer"},
    {"title", "Title", "Titre"},
    {"text", "Text", "Texte"},
    {"language", "Language", "Langue"},
    {"add", "Add", "Ajouter"},
    {"save", "Save", "Enregistrer"},
    {"delete", "Delete", "Supprimer"},
    // Promote to FAQ.
    {"promote", "Promote to FAQ", "Ajouter à la FAQ"},
    {"faq_editor", "Add to the FAQ", "Ajouter à la FAQ"},
    {"promote_help",
     "From a moderator's answer: check the question and the answer (take out anything personal), then make them a "
     "new entry or a new language version of an entry.",
     "À partir de la réponse d'une modératrice : vérifiez la question et la réponse (retirez tout ce qui est "
     "personnel), puis faites-en une nouvelle entrée ou une nouvelle version linguistique d'une entrée."},
    {"new_entry", "A new entry, with the id (a-z, 0-9, -)", "Une nouvelle entrée, d'identifiant (a-z, 0-9, -)"},
    {"existing_entry", "A new language version of the entry", "Une nouvelle version linguistique de l'entrée"},
    {"keywords", "Keywords (; between them)", "Mots-clés (séparés par ;)"},
    {"question", "Question", "Question"},
    {"answer", "Answer", "Réponse"},
    {"faq_saved", "Saved", "Enregistrée :"},
    {"promoted_new", "A new entry, from a moderator's reply.", "Une nouvelle entrée, d'après la réponse d'une modératrice."},
    {"promoted_version", "A new language version, from a moderator's reply.",
     "Une nouvelle version linguistique, d'après la réponse d'une modératrice."},
    {"edit", "Edit", "Modifier"},
    {"examples", "Examples", "Exemples"},
    {"examples_field",
     "Examples: real questions this entry answers, in any language, one per line (the desk learns them)",
     "Exemples : de vraies questions auxquelles cette entrée répond, en toute langue, une par ligne (le desk les "
     "apprend)"},
    {"rtl_numbers",
     "Numbers in this right-to-left answer are sent wrapped in direction marks, so that phones show them left to "
     "right:",
     "Les nombres de cette réponse écrite de droite à gauche partent entourés de marques de direction, pour que les "
     "téléphones les affichent de gauche à droite :"},
    {"change_entry", "Change this language version", "Modifier cette version linguistique"},
    {"add_entry", "Add an entry", "Ajouter une entrée"},
    // Examples the desk learns from.
    {"examples_title", "Examples to teach the desk", "Exemples pour apprendre au desk"},
    {"examples_help",
     "Texts that moderators' answers or judgements proposed as examples: of an FAQ entry, of danger, or of a text "
     "that only looked like danger. Confirm one and the desk's next training learns it (take out names, numbers "
     "and anything personal first); reject it and it is never learnt. Unconfirmed texts are deleted after the "
     "retention period, with the messages.",
     "Des textes que les réponses ou les jugements des modératrices ont proposés comme exemples : d'une entrée de "
     "la FAQ, d'un danger, ou d'un texte qui n'en avait que l'air. Confirmez-en un et le prochain apprentissage du "
     "desk l'apprend (retirez d'abord noms, numéros et tout ce qui est personnel) ; rejetez-le et il ne sera jamais "
     "appris. Les textes non confirmés sont effacés après la durée de conservation, avec les messages."},
    {"pending", "Pending", "En attente"},
    {"confirmed", "Confirmed", "Confirmés"},
    {"rejected_examples", "Rejected", "Rejetés"},
    {"confirm", "Confirm", "Confirmer"},
    {"every_entry", "every entry", "toutes les entrées"},
    {"show", "Show", "Afficher"},
    {"no_examples", "No examples here.", "Aucun exemple ici."},
    {"example_danger", "Danger: someone was at risk", "Danger : quelqu'un était en danger"},
    {"example_not_danger", "Not danger (it only looked like it)", "Pas un danger (il n'en avait que l'air)"},
    {"proposed_by", "proposed by", "proposé par"},
    {"example_confirmed", "Confirmed: the desk's next training learns it.",
     "Confirmé : le prochain apprentissage du desk l'apprend."},
    {"example_rejected", "Rejected: it is never learnt.", "Rejeté : il ne sera jamais appris."},
    {"examples_pending", "examples to confirm", "exemples à confirmer"},
    // The word lists.
    {"words_title", "Word lists", "Listes de mots"},
    {"words_help",
     "The words the desk recognises danger and SMS keywords by. Add a phrase it missed: danger phrases are words in "
     "their order (a few other words may stand between them), '|' between alternatives (\"breathe|breathing\"), "
     "'*' at the start or end of a word for any ending or beginning (\"suffoca*\"). Accents and letter case do not "
     "matter.",
     "Les mots par lesquels le desk reconnaît un danger et les mots-clés SMS. Ajoutez une expression qu'il a manquée : "
     "une expression de danger, ce sont des mots dans leur ordre (quelques autres mots peuvent se glisser entre eux), "
     "'|' entre des variantes (\"respire|respirer\"), '*' au début ou à la fin d'un mot pour toute fin ou tout début "
     "(\"etouff*\"). Les accents et les majuscules ne comptent pas."},
    {"words_in_use", "in use, with the box's own files and what moderators added",
     "en service, avec les fichiers du boîtier et ce que les modératrices ont ajouté"},
    {"word_list", "List", "Liste"},
    {"phrase", "Phrase", "Expression"},
    {"phrase_help", "A keyword counts only when it is the whole message (\"basta\", \"basta please\").",
     "Un mot-clé ne compte que s'il est tout le message (\"basta\", \"basta svp\")."},
    {"words_added", "Added by moderators", "Ajoutés par les modératrices"},
    {"no_words_added", "Nothing added yet: the desk uses its own lists.",
     "Rien d'ajouté : le desk utilise ses propres listes."},
    {"word_added", "Added: the desk uses it from now on.", "Ajouté : le desk l'utilise dès maintenant."},
    {"word_removed", "Removed.", "Retiré."},
    {"list_violence", "Danger: violence, threats", "Danger : violence, menaces"},
    {"list_suicide", "Danger: suicide, self-harm", "Danger : suicide, automutilation"},
    {"list_medical", "Danger: medical emergency", "Danger : urgence médicale"},
    {"list_fire", "Danger: fire, smoke, gas", "Danger : feu, fumée, gaz"},
    {"list_child", "Danger: a child or someone missing", "Danger : un enfant ou une personne disparue"},
    {"list_general", "Danger, weak: counts when two agree", "Danger, faible : compte si deux concordent"},
    {"list_stop", "Keyword: STOP", "Mot-clé : STOP"},
    {"list_start", "Keyword: START", "Mot-clé : START"},
    {"list_help", "Keyword: HELP", "Mot-clé : AIDE"},
    {"list_menu", "Keyword: MENU", "Mot-clé : MENU"},
    {"list_join", "Keyword: JOIN a topic", "Mot-clé : s'abonner à un sujet"},
    {"list_leave", "Keyword: LEAVE a topic", "Mot-clé : se désabonner d'un sujet"},
    // A moderator's judgement of an incoming text.
    {"mark_urgent", "This was urgent", "C'était urgent"},
    {"mark_not_urgent", "Not urgent", "Pas urgent"},
    {"marked_urgent", "Marked urgent: the ticket is at the top of the queue, and the text waits on the examples page.",
     "Marqué urgent : le ticket est en tête de file, et le texte attend sur la page des exemples."},
    {"marked_not_urgent", "Marked not urgent: the text waits on the examples page.",
     "Marqué pas urgent : le texte attend sur la page des exemples."},
    // Dashboard: the modems' table.
    {"modem", "Modem", "Modem"},
    {"state", "State", "État"},
    {"operator", "Operator", "Opérateur"},
    {"signal", "Signal", "Signal"},
    {"storage", "SIM storage", "Mémoire SIM"},
    {"sim_credit", "SIM credit", "Crédit SIM"},
    {"last_error", "Last error", "Dernière erreur"},
    {"valid_until", "valid until", "valable jusqu'au"},
    {"credit_low", "low: top it up", "bas : à recharger"},
    {"sms_pin_paused", "wrong SMS PINs from this number (forged?): its PIN texts are paused until",
     "mauvais codes PIN par SMS depuis ce numéro (usurpé ?) : ses SMS avec PIN sont suspendus jusqu'à"},
    {"outage_since", "not sending since", "n'envoie plus depuis"},
    {"outage_waiting", "message(s) wait for the network; they leave through another modem if one can send, else when "
                       "this one recovers (it retries by itself).",
     "message(s) attendent le réseau ; ils partent par un autre modem s'il le peut, sinon quand celui-ci se "
     "rétablit (il réessaie de lui-même)."},
    {"waiting_network", "waiting for the network since", "en attente du réseau depuis"},
    {"credit_expiring", "SIM validity ends soon: renew it", "validité de la SIM bientôt finie : à renouveler"},
    {"credit_failed", "last check failed", "dernière vérification échouée"},
    {"checked", "checked", "vérifié"},
    {"check_credit", "Check now", "Vérifier"},
    {"credit_check_started", "Credit check started; reload in a minute.",
     "Vérification du crédit lancée ; rechargez dans une minute."},
    {"credit_check_refused", "That modem cannot be checked now (not ready, already checking, or credit = \"off\").",
     "Ce modem ne peut pas être vérifié maintenant (pas prêt, déjà en cours, ou credit = \"off\")."},
};

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view T(std::string_view lang, std::string_view key) {
  for (const Text& t : kTexts) {
    if (key == t.key) return lang == "fr" ? t.fr : t.en;
  }
  return key;
}

std::string MaskedNumber(std::string_view number) {
  // Only ASCII digits count; anything else (+, spaces, dashes, letters of an
  // alphanumeric sender, junk) is never shown.
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (number.empty()) return {};
  constexpr std::size_t kShown = 3;
  if (digits.size() <= kShown) return "•••";  // nothing to tell apart by: show none of it
  std::string masked;
  for (std::size_t i = 0; i < std::max<std::size_t>(digits.size() - kShown, 3); ++i) masked += "•";
  return masked + digits.substr(digits.size() - kShown);
}

std::string Page(std::string_view title, std::string_view body, std::string_view lang, std::string_view user,
                 std::string_view csrf, std::string_view role) {
  std::string page = "<!doctype html>\n<html lang=\"" + Escape(lang) +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\"><title>" +
                     Escape(title) +
                     " - smsdesk</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
                     "<script src=\"/static/app.js\" defer></script></head><body><header><a href=\"/\" "
                     "class=\"brand\">smsdesk</a>";
  if (!user.empty()) {
    // The pages this role may open, as roles.h's table says.
    std::string nav;
    auto link = [&](Capability need, std::string_view href, std::string_view text) {
      if (!RoleMay(role, need)) return;
      nav += (nav.empty() ? "" : " ") + std::string("<a href=\"") + std::string(href) + "\">" + std::string(text) + "</a>";
    };
    link(Capability::kViewQueue, "/queue", T(lang, "queue"));
    link(Capability::kViewDashboard, "/dashboard", T(lang, "dashboard"));
    link(Capability::kViewFaq, "/faq", "FAQ");
    link(Capability::kManageCanned, "/canned", T(lang, "canned"));
    link(Capability::kSendAlerts, "/alerts", lang == "fr" ? "Alertes" : "Alerts");
    page += "<nav>" + nav +
            "</nav><form method=\"post\" "
            "action=\"/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\"" +
            Escape(csrf) + "\"><span>" + Escape(user) + "</span> <button>" + std::string(T(lang, "logout")) +
            "</button></form>";
  }
  page += "</header><main>";
  page += body;
  page += "</main></body></html>\n";
  return page;
}

std::string_view StyleSheet() {
  return R"css(
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1d2330;background:#f5f6f8}
header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#1f3a5f;color:#fff}
header a{color:#fff;text-decoration:none}.brand{font-weight:700}nav{flex:1}
.logout{display:flex;gap:.5rem;align-items:center}main{max-width:60rem;margin:1rem auto;padding:0 1rem}
table{width:100%;border-collapse:collapse;background:#fff}td,th{padding:.5rem;border-bottom:1px solid #e3e6ea;text-align:start;vertical-align:top}
.urgent{color:#fff;background:#b3261e;border-radius:.3rem;padding:0 .4rem;font-size:.8rem;font-weight:700}
.overdue{color:#b3261e;font-weight:600}.msg{white-space:pre-wrap;unicode-bidi:plaintext}
.bubble{max-width:80%;margin:.4rem 0;padding:.5rem .7rem;border-radius:.6rem;background:#fff;border:1px solid #e3e6ea}
.bubble.out{margin-inline-start:auto;background:#e6f0fb}.bubble.note{background:#fff7d6}.meta{font-size:.8rem;color:#5b6475}
textarea{width:100%;min-height:6rem;font:inherit;padding:.5rem}button{font:inherit;padding:.4rem .9rem;cursor:pointer}
.notice{background:#e7f5e9;padding:.5rem;border-radius:.3rem}.warn{background:#fff3cd;padding:.2rem .4rem;border-radius:.3rem}.error{background:#fde8e6;padding:.5rem;border-radius:.3rem}
.card{background:#fff;padding:1rem;border-radius:.5rem;margin:1rem 0}form.inline{display:inline}
label{display:block;margin:.5rem 0}input[type=text],input[type=password]{width:100%;padding:.4rem;font:inherit}
.picker{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin-top:0}select{font:inherit;padding:.3rem;max-width:100%}
.row{display:flex;gap:1rem;align-items:end}.grow{flex:1}textarea.short{min-height:3.5rem}
.promote button{font-size:.8rem;padding:.1rem .5rem}.choice{display:flex;gap:.5rem;align-items:center}
.choice input[type=text],.choice select{flex:1;width:auto}
)css";
}

std::string_view Script() {
  return R"js(
// Live queue: the server says "queue" when it changed; fetch the table again.
(function () {
  var table = document.getElementById('queue');
  if (table && window.EventSource) {
    var events = new EventSource('/events');
    // The session ended (logout elsewhere, expiry, a new password): to the login form.
    events.addEventListener('logout', function () { events.close(); window.location = '/login'; });
    events.addEventListener('queue', function () {
      fetch('/queue?partial=1', {credentials: 'same-origin', redirect: 'manual'}).then(function (r) {
        if (!r.ok) { events.close(); window.location = '/login'; return null; }  // logged out meanwhile
        return r.text();
      }).then(function (html) {
        if (html === null) return;
        table.innerHTML = html;
        var count = document.getElementById('queue-count');
        if (count) count.textContent = table.querySelectorAll('a[href^="/tickets/"]').length;
      });
    });
  }
  // Alert progress: the daemon says "queue" as an alert's sends go out; fetch the bar again.
  var progress = document.getElementById('alert-progress');
  if (progress && progress.dataset.alert && window.EventSource) {
    var alertEvents = new EventSource('/events');
    function refresh() {
      fetch('/alerts/' + progress.dataset.alert + '?partial=1', {credentials: 'same-origin', redirect: 'manual'})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) progress.innerHTML = html; });
    }
    // Agencies get "alerts" ticks (they may not see the queue), admins "queue".
    alertEvents.addEventListener('alerts', refresh);
    alertEvents.addEventListener('queue', refresh);
    alertEvents.addEventListener('logout', function () { alertEvents.close(); window.location = '/login'; });
  }
  // Segment counter: GSM 03.38 default alphabet or UCS-2, as the modem will send it.
  var gsm = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  var ext = '^{}\\[~]|€';
  function count(text) {
    var septets = 0, ucs2 = false, units = 0;
    for (var ch of text) {
      units += ch.length;
      if (gsm.indexOf(ch) >= 0) septets += 1; else if (ext.indexOf(ch) >= 0) septets += 2; else ucs2 = true;
    }
    if (ucs2) return {enc: 'UCS-2', n: units <= 70 ? 1 : Math.ceil(units / 67)};
    return {enc: 'GSM-7', n: septets <= 160 ? 1 : Math.ceil(septets / 153)};
  }
  document.querySelectorAll('textarea[data-count]').forEach(function (area) {
    var out = document.getElementById(area.getAttribute('data-count'));
    function update() { var c = count(area.value); out.textContent = c.enc + ', ' + c.n; }
    area.addEventListener('input', update); update();
  });
  document.querySelectorAll('button[data-use]').forEach(function (b) {
    b.addEventListener('click', function () {
      var area = document.getElementById('reply-text');
      area.value = b.getAttribute('data-use'); area.dispatchEvent(new Event('input')); area.focus();
    });
  });
  // A canned answer goes in where the cursor is (replacing a selection), to
  // be adapted; the counter follows.
  document.querySelectorAll('button[data-insert]').forEach(function (b) {
    b.addEventListener('click', function () {
      var pick = document.getElementById(b.getAttribute('data-insert'));
      var option = pick.options[pick.selectedIndex];
      var area = document.getElementById('reply-text');
      if (!option || !option.value || !area) return;
      area.setRangeText(option.getAttribute('data-body'), area.selectionStart, area.selectionEnd, 'end');
      area.dispatchEvent(new Event('input')); area.focus();
      pick.selectedIndex = 0;
    });
  });
  // Typing in a choice's field (a new id, an entry) chooses it.
  document.querySelectorAll('.choice').forEach(function (choice) {
    choice.addEventListener('focusin', function () { choice.querySelector('input[type=radio]').checked = true; });
  });
})();
)js";
}

}  // namespace smsdesk::console
