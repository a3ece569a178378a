// The USSD callback (ussd.path, e.g. /ussd): an aggregator (Africa's Talking
// and its look-alikes) POSTs sessionId, serviceCode, phoneNumber and text
// (every input so far, joined with '*') as a form, and shows our plain-text
// answer: "CON <screen>" waits for the next input, "END <screen>" closes the
// session. No login: the request is let in by the shared secret (?secret=
// or an X-Ussd-Secret header) and/or the address allow-list. Answering is a
// replay of the menu plus one short transaction, milliseconds against the
// aggregators' 15-second limit.
#include <spdlog/spdlog.h>

#include <chrono>
#include <regex>

#include "firmware-host/console/auth.h"
#include "firmware-host/console/console.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/net_address.h"
#include "firmware-host/daemon/log.h"
#include "firmware-host/wall_clock.h"

namespace smsdesk::console {
namespace {

// "+254711000001"; a number without '+' is taken as international (the
// aggregators send E.164, some without the plus).
std::optional<std::string> NormalizeNumber(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    digits += c;
  }
  if (digits.starts_with("+")) digits.erase(0, 1);
  if (digits.size() < 8 || digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return "+" + digits;
}

bool AllowedPeer(const std::string& peer, const std::vector<std::string>& allow_from) {
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(peer, error);
  if (error) return false;
  for (const std::string& text : allow_from) {
    if (auto block = ParseCidr(text); block && CidrContains(*block, address)) return true;
  }
  return false;
}

Reply UssdText(std::string text) {
  Response response = MakeResponse(http::status::ok, std::move(text), "text/plain; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  return Reply{std::move(response), {}, {}};
}

}  // namespace

Reply Console::Ussd(RequestContext& ctx, const config::UssdConfig& config) {
  const auto started = std::chrono::steady_clock::now();
  const auto method = ctx.request.method();
  if (method != http::verb::post && method != http::verb::get) {
    Response response = TextResponse(http::status::method_not_allowed, "POST (a form) or GET\n");
    response.set(http::field::allow, "POST, GET");
    return Reply{std::move(response), {}, {}};
  }
  if (!config.allow_from.empty() && !AllowedPeer(ctx.peer, config.allow_from)) {
    spdlog::warn("USSD callback from {} refused: not in ussd.allow_from", ctx.peer);
    return Text(http::status::forbidden, "address not allowed\n");
  }
  if (!config.secret.empty()) {
    std::string given;
    if (auto header = ctx.request.find("X-Ussd-Secret"); header != ctx.request.end()) {
      given = std::string(header->value());
    } else if (auto it = ctx.query.find("secret"); it != ctx.query.end()) {
      given = it->second;
    }
    if (!SameToken(given, config.secret)) {
      spdlog::warn("USSD callback from {} refused: wrong or missing secret", ctx.peer);
      return Text(http::status::forbidden, "wrong or missing secret\n");
    }
  }
  const auto& fields = method == http::verb::post ? ctx.form : ctx.query;
  auto field = [&](const char* name) -> std::optional<std::string> {
    auto it = fields.find(name);
    return it == fields.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  static const std::regex kSessionId(R"(^[A-Za-z0-9._:-]{1,100}$)");
  const auto session_id = field("sessionId");
  const auto number = field("phoneNumber") ? NormalizeNumber(*field("phoneNumber")) : std::nullopt;
  const std::string service_code = field("serviceCode").value_or("");
  const std::string text = field("text").value_or("");
  if (!session_id || !std::regex_match(*session_id, kSessionId)) {
    return Text(http::status::bad_request, "sessionId: missing or not an id\n");
  }
  if (!number) return Text(http::status::bad_request, "phoneNumber: missing or not an international number\n");
  if (service_code.size() > 32 || text.size() > 2000) return Text(http::status::bad_request, "field too long\n");
  if (!config.service_codes.empty() &&
      std::find(config.service_codes.begin(), config.service_codes.end(), service_code) == config.service_codes.end()) {
    return Text(http::status::not_found, "unknown serviceCode\n");
  }

  auto answer = deps_.desk.AnswerUssd({.session_id = *session_id,
                                       .service_code = service_code,
                                       .phone_number = *number,
                                       .text = text},
                                      static_cast<std::size_t>(config.max_chars),
                                      desk::sys_seconds(std::chrono::seconds(NowSeconds())));
  if (!answer.ok()) {
    if (answer.status().code() == store::Status::Code::kInvalid) {
      return Text(http::status::bad_request, answer.status().message() + "\n");
    }
    // The store is busy or broken: the person must not stare at a frozen
    // screen; they can dial again.
    spdlog::error("USSD session {}: {}", *session_id, answer.status().message());
    return UssdText("END Sorry, the service is not available now. Please try again later.");
  }
  if (answer->new_messages && deps_.messages_added) deps_.messages_added();
  if (answer->new_sms && deps_.outbox_changed) deps_.outbox_changed();
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  spdlog::debug("USSD session {} from {}: {} input(s), {} in {} us", *session_id, daemon::MaskNumber(*number),
                text.empty() ? 0 : std::count(text.begin(), text.end(), '*') + 1, answer->end ? "END" : "CON",
                elapsed.count());
  return UssdText((answer->end ? "END " : "CON ") + answer->text);
}

}  // namespace smsdesk::console
