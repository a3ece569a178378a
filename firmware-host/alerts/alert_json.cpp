#include "firmware-host/alerts/alert_json.h"

#include "firmware-host/base/store_warn.h"
#include "store/audit_log.h"

namespace smsdesk::alerts {

using nlohmann::ordered_json;

ordered_json PreviewToJson(const AlertPreview& p) {
  ordered_json texts = ordered_json::array();
  for (const auto& t : p.texts) {
    texts.push_back({{"lang", t.lang}, {"encoding", t.encoding}, {"characters", t.characters},
                     {"segments", t.segments}, {"recipients", t.recipients}});
  }
  return {{"ok", p.ok()},
          {"errors", p.errors},
          {"warnings", p.warnings},
          {"texts", texts},
          {"fallback_lang", p.fallback_lang},
          {"recipients", p.recipients},
          {"segments", p.segments},
          {"modems_ready", p.modems_ready},
          {"segments_per_second", p.segments_per_second},
          {"estimated_seconds", p.seconds ? ordered_json(*p.seconds) : ordered_json(nullptr)},
          {"release_at", p.release_at},
          {"held", p.held}};
}

ordered_json AlertToJson(const store::AlertRecord& a, const store::AlertProgress& p) {
  return {{"id", a.id},
          {"topics", a.topics},
          {"class", store::AlertClassName(a.alert_class)},
          {"state", a.state},
          {"fallback_lang", a.fallback_lang},
          {"source", a.source},
          {"created_at", a.created_at},
          {"release_at", a.release_at},
          {"started_at", a.started_at ? ordered_json(*a.started_at) : ordered_json(nullptr)},
          {"finished_at", a.finished_at ? ordered_json(*a.finished_at) : ordered_json(nullptr)},
          {"texts", a.texts},
          {"progress",
           {{"recipients", p.recipients}, {"queued", p.queued}, {"sending", p.sending}, {"sent", p.sent},
            {"delivered", p.delivered}, {"failed", p.failed}, {"expired", p.expired},
            {"cancelled", p.cancelled}, {"segments", p.segments}}}};
}

store::StatusOr<std::int64_t> CancelAlert(store::Database& db, std::int64_t id, const std::string& actor,
                                          std::int64_t now) {
  auto cancelled = store::Alerts(db).Cancel(id, now);
  if (!cancelled.ok()) return cancelled;
  WarnIfFailed(store::AuditLog(db).Record({.at = now,
                                           .actor = actor,
                                           .action = "alert.cancel",
                                           .object = "alert:" + std::to_string(id),
                                           .detail = std::to_string(*cancelled) + " unsent"}),
               "an audit row");
  return cancelled;
}

}  // namespace smsdesk::alerts
