// Event streams (/events): the live queue and the alerts' progress bars.
// A stream carries ticks without content ("queue" for those who may see the
// queue, "alerts" for agencies), and it lives only as long as what let it
// open: one asio timer per stream wakes it at the next of stream_recheck, the
// session's idle expiry, the session's absolute end and the stream's maximum
// age; it then checks the session (or API token) and the user again in the
// store and either re-arms or ends the stream. No polling in between: an
// idle console costs one wake-up per stream per stream_recheck.
#include <algorithm>


#include "firmware-host/console/console_server.h"

namespace smsdesk::console {

struct ConsoleServer::Watched {
  Watched(const Clock& clock, boost::asio::io_context& io) : timer(clock.MakeTimer(io)) {}
  std::weak_ptr<EventStream> stream;
  std::string session_hash;               // empty for an API token's stream
  std::int64_t session_expires_at = 0;    // idle expiry as last read
  std::int64_t session_end = 0;           // absolute end of the session
  std::optional<std::int64_t> token_id;   // an API token's stream
  std::int64_t user_id = 0;
  std::string role;
  std::chrono::steady_clock::time_point opened;
  std::unique_ptr<Timer> timer;
};

namespace {

enum class Validity { kValid, kInvalid, kUnknown };

}  // namespace

Reply ConsoleServer::Events(RequestContext&, const Principal& who) {
  auto watched = std::make_shared<Watched>(*deps_.clock, io_);
  watched->user_id = who.user.id;
  watched->role = who.user.role;
  watched->token_id = who.api_token_id;
  if (who.session) {
    watched->session_hash = who.session->token_hash;
    watched->session_expires_at = who.session->expires_at;
    watched->session_end = SessionEnd(*who.session);
  }
  Reply reply;
  reply.on_open = [this, watched](std::shared_ptr<EventStream> stream) {
    watched->stream = stream;
    watched->opened = deps_.clock->Steady();
    stream->Send("hello", "");
    streams_.push_back(watched);
    ArmRecheck(watched);
  };
  return reply;
}

void ConsoleServer::ArmRecheck(const std::shared_ptr<Watched>& watched) {
  using std::chrono::seconds;
  const auto age = std::chrono::duration_cast<seconds>(deps_.clock->Steady() - watched->opened);
  seconds wait = std::min(timings_.stream_recheck, timings_.stream_max_age - age);
  if (!watched->token_id) {
    const std::int64_t now = deps_.clock->NowSeconds();
    wait = std::min({wait, seconds(watched->session_expires_at - now), seconds(watched->session_end - now)});
  }
  // The timer is the stream's: once the stream is dropped (ended, the
  // console stopping) the call never comes.
  watched->timer->ArmAfter(std::max(wait, seconds(0)), [this, weak = std::weak_ptr<Watched>(watched)] {
    if (auto w = weak.lock()) Recheck(w);
  });
}

void ConsoleServer::Recheck(const std::shared_ptr<Watched>& watched) {
  auto stream = watched->stream.lock();
  Validity validity = Validity::kValid;
  if (!stream || stream->closed()) {
    validity = Validity::kUnknown;
  } else if (deps_.clock->Steady() - watched->opened >= timings_.stream_max_age) {
    validity = Validity::kUnknown;  // old enough: the browser reconnects and logs in again
  } else {
    store::Accounts accounts(deps_.db);
    const std::int64_t now = deps_.clock->NowSeconds();
    bool store_failed = false;
    bool valid = true;
    if (watched->token_id) {
      auto token = accounts.GetApiToken(*watched->token_id);
      store_failed = !token.ok();
      valid = token.ok() && *token && !(*token)->revoked_at;
    } else {
      auto session = accounts.FindSession(watched->session_hash, now);
      store_failed = !session.ok();
      valid = session.ok() && *session && now < watched->session_end;
      if (valid) watched->session_expires_at = (*session)->expires_at;
    }
    if (valid) {
      auto user = accounts.GetUser(watched->user_id);
      store_failed = store_failed || !user.ok();
      valid = user.ok() && *user && !(*user)->disabled && RoleMay((*user)->role, Capability::kLiveUpdates);
      if (valid) watched->role = (*user)->role;
    }
    validity = valid ? Validity::kValid : store_failed ? Validity::kUnknown : Validity::kInvalid;
  }
  if (validity == Validity::kValid) {
    stream->Send("ping", "");  // a peer that vanished shows up as a failed write
    return ArmRecheck(watched);
  }
  watched->timer->Cancel();
  if (stream) {
    // Logged out, expired, disabled, a new password: the page goes to the
    // login form (html.cpp's script). Otherwise the browser reconnects.
    if (validity == Validity::kInvalid) stream->Send("logout", "");
    stream->End();
  }
  std::erase(streams_, watched);
}

void ConsoleServer::PruneStreams() {
  std::erase_if(streams_, [](const std::shared_ptr<Watched>& w) {
    auto stream = w->stream.lock();
    if (stream && !stream->closed()) return false;
    w->timer->Cancel();
    return true;
  });
}

void ConsoleServer::NotifyQueueChanged() {
  PruneStreams();
  for (const auto& w : streams_) {
    auto stream = w->stream.lock();
    if (RoleMay(w->role, Capability::kViewQueue)) {
      stream->Send("queue", "changed");
    } else if (RoleMay(w->role, Capability::kSendAlerts)) {
      stream->Send("alerts", "changed");
    }
  }
}

void ConsoleServer::AccountsChanged() {
  const auto all = streams_;  // Recheck erases from streams_
  for (const auto& w : all) Recheck(w);
}

std::size_t ConsoleServer::streams_open() {
  PruneStreams();
  return streams_.size();
}

void ConsoleServer::EndStreams(const std::optional<std::string>& session_hash) {
  std::erase_if(streams_, [&](const std::shared_ptr<Watched>& w) {
    if (session_hash && (w->token_id || w->session_hash != *session_hash)) return false;
    w->timer->Cancel();
    if (auto stream = w->stream.lock()) {
      stream->Send(session_hash ? "logout" : "bye", "");
      stream->End();
    }
    return true;
  });
}

}  // namespace smsdesk::console
