// smsdesk queue list|show|reply|resolve|note: the moderators' queue at the
// box, until the web console exists. Each command opens the database the
// config names (or --database; cli_store.h) and works through
// store::Tickets and desk::Desk, the same steps the console will take; a
// reply then wakes a running daemon (daemon_lock.h) so that it leaves at once.
// Numbers are shown in full: this is a moderator's tool, not a log. Text
// from the store goes through TerminalSafeText: a newcomer's message must
// not drive the moderator's terminal (escape sequences, bidi overrides).
// Bad input (unknown ticket, empty text, a bad config): one line on stderr,
// exit 2; a database that cannot be opened or written: exit 1.
#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firmware-host/base/clock.h"
#include "firmware-host/base/terminal_text.h"
#include "firmware-host/cli/cli.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/daemon/daemon_lock.h"
#include "firmware-host/desk/desk.h"
#include "modem/trim.h"
#include "modem/unicode.h"
#include "store/database.h"
#include "store/tickets.h"

namespace smsdesk {
namespace {

using nlohmann::ordered_json;
using std::chrono::sys_seconds;

constexpr int kListLimit = 200;
constexpr std::size_t kPreviewCharacters = 60;

struct QueueArgs {
  std::string config_path;  // empty: kDefaultConfigPath, or built-in defaults when it is absent
  std::string database;     // empty: the config's
  bool json = false;
  bool all = false;
  std::int64_t ticket = 0;
  std::string text;
  std::string author;  // empty: "cli:$USER"
};

// Runs one queue command on a freshly opened session.
int WithSession(const QueueArgs& args, int (*run)(const QueueArgs&, StoreSession&)) {
  std::optional<StoreSession> session;
  if (int code = OpenStoreSession(args.config_path, args.database, session); code != kExitOk) return code;
  return run(args, *session);
}

sys_seconds Now() { return std::chrono::floor<std::chrono::seconds>(SystemClock().Wall()); }

std::string LocalTime(const StoreSession& session, std::int64_t unix_seconds) {
  return date::format("%Y-%m-%d %H:%M",
                      session.desk.office_hours.ToLocal(sys_seconds{std::chrono::seconds{unix_seconds}}));
}

// Stored text as the terminal may show it (terminal_text.h).
std::string Safe(const std::string& text) { return TerminalSafeText(text); }
std::string Safe(const std::optional<std::string>& text, const char* absent) {
  return text ? Safe(*text) : absent;
}

// The text on one line, cut to `max` characters (code points, never inside
// one), safe for the terminal.
std::string Preview(const std::string& text, std::size_t max) {
  std::u32string cps = modem::Utf8ToCodepointsLenient(text);
  for (char32_t& c : cps) {
    if (c == U'\n' || c == U'\r' || c == U'\t') c = U' ';
  }
  if (cps.size() <= max) return Safe(modem::CodepointsToUtf8(cps));
  return Safe(modem::CodepointsToUtf8(std::u32string_view(cps).substr(0, max - 1))) + "…";
}

ordered_json Optional(const std::optional<std::string>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json Optional(const std::optional<std::int64_t>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

// JSON keeps the text as it is, for scripts (its string escapes cover the
// C0 controls); invalid UTF-8 becomes U+FFFD rather than an exception.
std::string JsonText(const ordered_json& value) {
  return value.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

bool Overdue(const store::TicketRecord& t, std::int64_t now) { return t.status != "resolved" && t.due_at < now; }

ordered_json ListJson(const StoreSession& session, const store::TicketRecord& t, const std::optional<std::string>& last,
                      std::int64_t now) {
  return {{"id", t.id},
          {"status", t.status},
          {"urgent", t.priority > 0},
          {"due_at", t.due_at},
          {"due", LocalTime(session, t.due_at)},
          {"overdue", Overdue(t, now)},
          {"lang", Optional(t.lang)},
          {"number", t.number},
          {"claimed_by", Optional(t.claimed_by)},
          {"last_message", Optional(last)}};
}

void PrintListRow(const StoreSession& session, const store::TicketRecord& t, const std::optional<std::string>& last,
                  std::int64_t now) {
  const std::string due = LocalTime(session, t.due_at) + (Overdue(t, now) ? " overdue" : "");
  std::printf("%-6lld %-8s %-6s %-25s %-4s %-16s %s\n", static_cast<long long>(t.id), Safe(t.status).c_str(),
              t.priority > 0 ? "URGENT" : "", due.c_str(), Safe(t.lang, "-").c_str(), Safe(t.number).c_str(),
              Preview(last.value_or(""), kPreviewCharacters).c_str());
}

int RunList(const QueueArgs& args, StoreSession& session) {
  store::Tickets tickets(*session.db);
  auto queue = tickets.Queue(kListLimit);
  if (!queue.ok()) return FailStore(queue.status());
  if (args.all) {
    auto resolved = store::Tickets(*session.db).Resolved(kListLimit);
    if (!resolved.ok()) return FailStore(resolved.status());
    queue->insert(queue->end(), resolved->begin(), resolved->end());
  }
  const std::int64_t now = Now().time_since_epoch().count();
  ordered_json rows = ordered_json::array();
  if (!args.json) {
    std::printf("%-6s %-8s %-6s %-25s %-4s %-16s %s\n", "ID", "STATUS", "PRI", "DUE", "LANG", "NUMBER", "LAST MESSAGE");
  }
  for (const store::TicketRecord& t : *queue) {
    auto last = tickets.LastInboundText(t.id, INT64_MAX);
    if (!last.ok()) return FailStore(last.status());
    if (args.json) {
      rows.push_back(ListJson(session, t, *last, now));
    } else {
      PrintListRow(session, t, *last, now);
    }
  }
  if (args.json) std::cout << JsonText(rows) << '\n';
  return kExitOk;
}

// The ticket's suggested FAQ ids (a JSON array); an unreadable value is
// shown as it is rather than hidden.
std::vector<std::string> SuggestionIds(const std::optional<std::string>& json) {
  if (!json) return {};
  const auto parsed = nlohmann::json::parse(*json, nullptr, false);
  if (!parsed.is_array()) return {*json};
  std::vector<std::string> ids;
  for (const auto& id : parsed) ids.push_back(id.is_string() ? id.get<std::string>() : id.dump());
  return ids;
}

// A message body under its heading: every line indented, so a multi-line
// SMS stays readable as one block.
std::string Indented(const std::string& body) {
  std::string out = "  ";
  for (char c : body) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

// The ticket's state in a few words: when it was resolved, or when it is due.
std::string Deadline(const StoreSession& session, const store::TicketRecord& t, std::int64_t now) {
  if (t.resolved_at) return "resolved " + LocalTime(session, *t.resolved_at);
  return "due " + LocalTime(session, t.due_at) + (Overdue(t, now) ? " (overdue)" : "");
}

void PrintThread(const StoreSession& session, const store::TicketRecord& t,
                 const std::vector<store::MessageRecord>& thread) {
  std::printf("ticket #%lld  %s%s  %s\n", static_cast<long long>(t.id), Safe(t.status).c_str(),
              t.priority > 0 ? "  URGENT" : "", Deadline(session, t, Now().time_since_epoch().count()).c_str());
  std::printf("from %s  lang %s  opened %s  claimed by %s\n", Safe(t.number).c_str(), Safe(t.lang, "-").c_str(),
              LocalTime(session, t.created_at).c_str(), Safe(t.claimed_by, "nobody").c_str());
  std::string suggestions;
  for (const std::string& id : SuggestionIds(t.suggestions)) suggestions += (suggestions.empty() ? "" : ", ") + id;
  std::printf("suggested FAQ: %s\n", suggestions.empty() ? "none" : Safe(suggestions).c_str());
  for (const store::MessageRecord& m : thread) {
    std::string head = "[" + LocalTime(session, m.at) + "] " + m.direction;
    if (m.kind) head += " " + *m.kind;
    if (m.author) head += " by " + *m.author;
    if (m.faq_id) head += " (FAQ " + *m.faq_id + ")";
    if (m.incomplete) head += " (incomplete: some parts never arrived)";
    if (m.ticket_id && *m.ticket_id != t.id) head += " (ticket #" + std::to_string(*m.ticket_id) + ")";
    std::printf("\n%s\n%s\n", Safe(head).c_str(), Indented(Safe(m.body, "(erased by the retention purge)")).c_str());
  }
}

int RunShow(const QueueArgs& args, StoreSession& session) {
  store::Tickets tickets(*session.db);
  auto ticket = tickets.Get(args.ticket);
  if (!ticket.ok()) return FailStore(ticket.status());
  if (!*ticket) return Fail(kExitBadInput, "no ticket " + std::to_string(args.ticket));
  const store::TicketRecord& t = **ticket;
  auto thread = tickets.Thread(t.contact_id);
  if (!thread.ok()) return FailStore(thread.status());
  if (!args.json) {
    PrintThread(session, t, *thread);
    return kExitOk;
  }
  ordered_json messages = ordered_json::array();
  for (const store::MessageRecord& m : *thread) {
    messages.push_back({{"id", m.id},
                        {"at", m.at},
                        {"time", LocalTime(session, m.at)},
                        {"direction", m.direction},
                        {"kind", Optional(m.kind)},
                        {"author", Optional(m.author)},
                        {"body", Optional(m.body)},
                        {"incomplete", m.incomplete},
                        {"ticket_id", Optional(m.ticket_id)},
                        {"faq_id", Optional(m.faq_id)}});
  }
  const ordered_json out = {{"id", t.id},
                            {"status", t.status},
                            {"urgent", t.priority > 0},
                            {"number", t.number},
                            {"lang", Optional(t.lang)},
                            {"created_at", t.created_at},
                            {"due_at", t.due_at},
                            {"due", LocalTime(session, t.due_at)},
                            {"claimed_by", Optional(t.claimed_by)},
                            {"suggestions", SuggestionIds(t.suggestions)},
                            {"messages", messages}};
  std::cout << JsonText(out) << '\n';
  return kExitOk;
}


int RunReply(const QueueArgs& args, StoreSession& session) {
  desk::Desk desk(*session.db, nullptr, session.desk);
  auto queued = desk.Reply(args.ticket, args.text, CliActor(args.author), Now());
  if (!queued.ok()) return FailStore(queued.status());
  std::printf("queued as outbox #%lld\n", static_cast<long long>(*queued));
  if (daemon::NotifyDaemon(session.database_path)) {
    std::printf("daemon notified: it goes out now\n");
  } else {
    std::printf("no daemon running: it will go out when smsdesk run starts\n");
  }
  return kExitOk;
}

int RunResolve(const QueueArgs& args, StoreSession& session) {
  desk::Desk desk(*session.db, nullptr, session.desk);
  if (auto s = desk.Resolve(args.ticket, CliActor(args.author), Now()); !s.ok()) return FailStore(s);
  std::printf("ticket #%lld resolved\n", static_cast<long long>(args.ticket));
  return kExitOk;
}

int RunNote(const QueueArgs& args, StoreSession& session) {
  if (IsBlank(args.text)) return Fail(kExitBadInput, "the note is empty");
  desk::Desk desk(*session.db, nullptr, session.desk);
  if (auto s = desk.Note(args.ticket, args.text, CliActor(args.author), Now()); !s.ok()) return FailStore(s);
  std::printf("note added to ticket #%lld\n", static_cast<long long>(args.ticket));
  return kExitOk;
}

// --config and --database, which every queue command takes.
void AddSource(CLI::App* cmd, QueueArgs& args) { AddStoreOptions(cmd, args.config_path, args.database); }

CLI::App* AddTicketCommand(CLI::App* queue, const char* name, const char* help, QueueArgs& args) {
  auto* cmd = queue->add_subcommand(name, help);
  AddSource(cmd, args);
  cmd->add_option("ID", args.ticket, "Ticket number")->required();
  return cmd;
}

void AddAuthor(CLI::App* cmd, QueueArgs& args) {
  cmd->add_option("--as", args.author, "Who answers, for the thread and the audit log (default cli:$USER)");
}

}  // namespace

void AddQueueCommands(CLI::App& app, CliStatus& status) {
  auto* queue =
      app.add_subcommand("queue", "The moderators' queue: list, show, reply to, resolve and annotate tickets");
  queue->require_subcommand(1);
  auto args = std::make_shared<QueueArgs>();

  auto* list = queue->add_subcommand("list", "Unresolved tickets, urgent first, then by deadline");
  AddSource(list, *args);
  list->add_flag("--json", args->json, "Print JSON");
  list->add_flag("--all", args->all, "Include resolved tickets (the latest 200)");
  list->callback([args, &status] { status.exit_code = WithSession(*args, RunList); });

  auto* show = AddTicketCommand(queue, "show", "A ticket, its suggested FAQ entries and the whole thread", *args);
  show->add_flag("--json", args->json, "Print JSON");
  show->callback([args, &status] { status.exit_code = WithSession(*args, RunShow); });

  auto* reply = AddTicketCommand(queue, "reply", "Answer a ticket by SMS (queued in the outbox)", *args);
  reply->add_option("TEXT", args->text, "The answer")->required();
  AddAuthor(reply, *args);
  reply->callback([args, &status] { status.exit_code = WithSession(*args, RunReply); });

  auto* resolve = AddTicketCommand(queue, "resolve", "Mark a ticket resolved", *args);
  AddAuthor(resolve, *args);
  resolve->callback([args, &status] { status.exit_code = WithSession(*args, RunResolve); });

  auto* note = AddTicketCommand(queue, "note", "Add an internal note to a ticket's thread (never sent)", *args);
  note->add_option("TEXT", args->text, "The note")->required();
  AddAuthor(note, *args);
  note->callback([args, &status] { status.exit_code = WithSession(*args, RunNote); });
}

}  // namespace smsdesk
