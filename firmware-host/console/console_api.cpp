// The JSON API: the console's operations for scripts and integrations,
// authenticated by an API token (Authorization: Bearer …) or, from the
// console's own pages, by the session plus its CSRF token in X-CSRF-Token
// (console.cpp checks both, and the capability of each route).
//
//   GET  /api/queue                    unresolved tickets, urgent first
//   GET  /api/tickets/{id}             a ticket and its thread
//   POST /api/tickets/{id}/reply       {"text": "..."} -> {"outbox_id": N}
//   POST /api/tickets/{id}/resolve
//   POST /api/tickets/{id}/note        {"text": "..."}
//   /api/alerts…                       alerts (agency, admin): console_alerts.cpp
#include <charconv>

#include <nlohmann/json.hpp>

#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"
#include "firmware-host/console/html.h"
#include "store/tickets.h"

namespace smsdesk::console {
namespace {

using nlohmann::json;

Reply Json(const json& body, http::status status = http::status::ok) {
  return Reply{JsonResponse(body.dump(), status), {}};
}

Reply Error(http::status status, const std::string& message) { return Json({{"error", message}}, status); }

json TicketJson(const store::TicketRecord& t, const Principal& who) {
  return {{"id", t.id},
          {"number", ShownNumber(who, t.number)},
          {"status", t.status},
          {"urgent", t.priority > 0},
          {"lang", t.lang ? json(*t.lang) : json(nullptr)},
          {"created_at", t.created_at},
          {"due_at", t.due_at},
          {"claimed_by", t.claimed_by ? json(*t.claimed_by) : json(nullptr)},
          {"suggestions", t.suggestions ? json::parse(*t.suggestions, nullptr, false) : json::array()}};
}

Reply FromStatus(const store::Status& status, json ok_body) {
  if (status.ok()) return Json(ok_body);
  switch (status.code()) {
    case store::Status::Code::kNotFound: return Error(http::status::not_found, status.message());
    case store::Status::Code::kInvalid:
    case store::Status::Code::kConstraint: return Error(http::status::bad_request, status.message());
    default: return Error(http::status::service_unavailable, status.message());
  }
}

}  // namespace

Reply ConsoleServer::ApiQueue(RequestContext&, const Principal& who) {
  auto queue = store::Tickets(deps_.db).Queue();
  if (!queue.ok()) return Error(http::status::service_unavailable, queue.status().message());
  json items = json::array();
  for (const auto& t : *queue) items.push_back(TicketJson(t, who));
  return Json({{"tickets", items}});
}

Reply ConsoleServer::ApiTicket(RequestContext& ctx, const Principal& who) {
  const auto id = ParseId(ctx.Param("id").value_or(""));
  if (!id) return Error(http::status::not_found, "no such ticket");
  store::Tickets tickets(deps_.db);
  auto ticket = tickets.Get(*id);
  if (!ticket.ok()) return Error(http::status::service_unavailable, ticket.status().message());
  if (!*ticket) return Error(http::status::not_found, "no such ticket");
  json out = TicketJson(**ticket, who);
  json thread = json::array();
  if (auto messages = tickets.Thread((*ticket)->contact_id); messages.ok()) {
    for (const auto& m : *messages) {
      thread.push_back({{"id", m.id}, {"direction", m.direction}, {"at", m.at},
                        {"body", m.body ? json(*m.body) : json(nullptr)}, {"kind", m.kind ? json(*m.kind) : json(nullptr)},
                        {"author", m.author ? json(*m.author) : json(nullptr)},
                        {"ticket_id", m.ticket_id ? json(*m.ticket_id) : json(nullptr)}});
    }
  }
  out["thread"] = thread;
  return Json(out);
}

// reply, resolve, note: the route (console.cpp) checked the capability.
Reply ConsoleServer::ApiTicketAction(RequestContext& ctx, const Principal& who) {
  const auto id = ParseId(ctx.Param("id").value_or(""));
  if (!id) return Error(http::status::not_found, "no such ticket");
  const std::string action = LastSegment(ctx.path);
  const json body = json::parse(ctx.request.body(), nullptr, false);
  const std::string text = body.is_object() && body.contains("text") && body["text"].is_string()
                               ? body["text"].get<std::string>() : std::string{};
  const auto now = std::chrono::floor<std::chrono::seconds>(deps_.clock->Wall());
  if (action == "reply") {
    auto queued = deps_.desk.Reply(*id, text, who.user.name, now);
    if (!queued.ok()) return FromStatus(queued.status(), {});
    if (deps_.outbox_changed) deps_.outbox_changed();
    NotifyQueueChanged();
    return Json({{"outbox_id", *queued}});
  }
  if (action == "resolve") {
    auto status = deps_.desk.Resolve(*id, who.user.name, now);
    if (status.ok()) NotifyQueueChanged();
    return FromStatus(status, {{"resolved", *id}});
  }
  return FromStatus(deps_.desk.Note(*id, text, who.user.name, now), {{"noted", *id}});
}

}  // namespace smsdesk::console
