// The USSD callback (ussd.path, e.g. /ussd): an aggregator (Africa's Talking
// and its look-alikes) POSTs sessionId, serviceCode, phoneNumber and text
// (every input so far, joined with '*') as a form, and shows our plain-text
// answer: "CON <screen>" waits for the next input, "END <screen>" closes the
// session. No login: the request is let in by the shared secret and/or the
// address allow-list, after the host and origin checks every request gets
// (console.cpp). The secret comes in a header only, as the password of
// Authorization: Basic (what an aggregator sends for a callback URL written
// https://smsdesk:SECRET@desk.example.org/ussd) or as X-Smsdesk-Secret (or
// the older X-Ussd-Secret); in a query string or a form it would end up in
// proxies' and aggregators' logs, so a request carrying it there is refused
// whatever its value. Answering is a replay of the menu plus one short
// transaction, milliseconds against the aggregators' 15-second limit.
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <regex>

#include "firmware-host/auth/auth.h"
#include "firmware-host/base/log.h"
#include "firmware-host/base/net_address.h"
#include "firmware-host/console/console_parts.h"
#include "firmware-host/console/console_server.h"

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

// The secret a request carries in its headers; empty when none.
std::string SecretOf(const Request& request) {
  for (const char* name : {"X-Smsdesk-Secret", "X-Ussd-Secret"}) {
    if (auto header = request.get(name)) return std::string(*header);
  }
  auto authorization = request.get(http::field::authorization);
  if (!authorization) return {};
  const std::string_view value = *authorization;
  if (!value.starts_with("Basic ")) return {};
  // base64 of "user:password"; the user name is whatever the aggregator put.
  const std::string_view encoded = value.substr(6);
  std::string decoded(encoded.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), encoded.data(),
                        encoded.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  decoded.resize(length);
  const std::size_t colon = decoded.find(':');
  return colon == std::string::npos ? std::string{} : decoded.substr(colon + 1);
}

Reply UssdText(std::string text) {
  Response response = MakeResponse(http::status::ok, std::move(text), "text/plain; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  return Reply{std::move(response), {}, {}};
}

}  // namespace

Reply ConsoleServer::Ussd(RequestContext& ctx, const config::UssdConfig& config) {
  const auto started = deps_.clock->Steady();
  const auto method = ctx.request.method();
  if (method != http::verb::post && method != http::verb::get) {
    Response response = TextResponse(http::status::method_not_allowed, "POST (a form) or GET\n");
    response.set(http::field::allow, "POST, GET");
    return Reply{std::move(response), {}, {}};
  }
  if (ctx.query.count("secret") || ctx.form.count("secret")) {
    spdlog::warn("USSD callback from {} refused: the secret was in the URL or the form", ctx.peer);
    return Text(http::status::forbidden,
                "the USSD secret goes in a header (Authorization: Basic, or X-Smsdesk-Secret), never in the URL or "
                "the form: URLs end up in logs. Change the callback URL and the secret.");
  }
  if (!config.allow_from.empty() && !AllowedPeer(ctx.peer, config.allow_from)) {
    spdlog::warn("USSD callback from {} refused: not in ussd.allow_from", ctx.peer);
    return Text(http::status::forbidden, "address not allowed\n");
  }
  if (!config.secret.empty()) {
    if (!SameToken(SecretOf(ctx.request), config.secret)) {
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
                                      desk::sys_seconds(std::chrono::seconds(deps_.clock->NowSeconds())));
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
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(deps_.clock->Steady() - started);
  spdlog::debug("USSD session {} from {}: {} input(s), {} in {} us", *session_id, MaskNumber(*number),
                text.empty() ? 0 : std::count(text.begin(), text.end(), '*') + 1, answer->end ? "END" : "CON",
                elapsed.count());
  return UssdText((answer->end ? "END " : "CON ") + answer->text);
}

}  // namespace smsdesk::console
