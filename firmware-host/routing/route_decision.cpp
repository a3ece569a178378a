#include "firmware-host/routing/route_decision.h"

#include <algorithm>

namespace smsdesk::desk {

std::string_view ReplyKindName(ReplyKind kind) {
  switch (kind) {
    case ReplyKind::kAuto: return "auto";
    case ReplyKind::kAck: return "ack";
    case ReplyKind::kKeyword: return "keyword";
    case ReplyKind::kUrgent: return "urgent";
    case ReplyKind::kMenu: return "menu";
  }
  return "keyword";
}

std::string_view TicketActionKindName(TicketActionKind kind) {
  switch (kind) {
    case TicketActionKind::kNone: return "none";
    case TicketActionKind::kOpen: return "open";
    case TicketActionKind::kAppend: return "append";
    case TicketActionKind::kFoldDuplicate: return "fold";
  }
  return "none";
}

std::string_view ConsentActionName(ConsentAction action) {
  switch (action) {
    case ConsentAction::kStop: return "stop";
    case ConsentAction::kStart: return "start";
    case ConsentAction::kSubscribe: return "subscribe";
    case ConsentAction::kUnsubscribe: return "unsubscribe";
  }
  return "stop";
}

bool RouteDecision::HasReason(std::string_view reason) const {
  return std::find(reasons.begin(), reasons.end(), reason) != reasons.end();
}

}  // namespace smsdesk::desk
