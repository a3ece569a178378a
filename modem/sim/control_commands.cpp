#include "modem/sim/control_commands.h"

#include <chrono>

#include "modem/sim/simulator.h"

namespace smsdesk::sim {
namespace {

using nlohmann::json;

json Fail(const std::string& message) { return {{"ok", false}, {"error", message}}; }

long long Micros(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

json DescribeModem(const ModemHost& host, std::size_t index) {
  const ModemIdentity& id = host.config().identity;
  return {{"name", id.name},     {"index", index},          {"number", id.number},
          {"imei", id.imei},     {"imsi", id.imsi},         {"profile", id.profile->name},
          {"path", host.slave_path()}, {"link", host.config().link}, {"online", host.online()},
          {"resets", host.resets()}};
}

json EventJson(const ModemEvent& e) {
  json j = {{"t_us", Micros(e.time)}, {"kind", e.kind}};
  if (!e.message_id.empty()) j["message_id"] = e.message_id;
  if (!e.memory.empty()) j["memory"] = e.memory;
  if (e.index >= 0) j["index"] = e.index;
  if (!e.destination.empty()) j["destination"] = e.destination;
  if (!e.from.empty()) j["from"] = e.from;
  if (!e.text_hash.empty()) j["text_hash"] = e.text_hash;
  if (e.mr >= 0) j["mr"] = e.mr;
  if (e.parts > 0) {
    j["part"] = e.part;
    j["parts"] = e.parts;
  }
  if (e.code != 0) j["code"] = e.code;
  if (!e.mode.empty()) j["mode"] = e.mode;
  return j;
}

// The network around a modem: {"state":"up"} or {"state":"down","mode",
// "send_error"[,"ends_at_us"]}, ends_at_us on the clock of the events.
json NetworkJson(const VirtualModem& m) {
  const auto& outage = m.outage();
  if (!outage) return {{"state", "up"}};
  json j = {{"state", "down"}, {"mode", OutageModeName(outage->mode)}, {"send_error", outage->send_error}};
  if (outage->ends_at) j["ends_at_us"] = Micros(*outage->ends_at);
  return j;
}

json StatsJson(const ModemHost& host, bool events) {
  const VirtualModem& m = host.modem();
  const ModemStats& s = m.stats();
  json storage = json::object();
  for (Memory mem : {Memory::kSm, Memory::kMe}) {
    storage[MemoryName(mem)] = {{"used", m.storage().Used(mem)}, {"capacity", m.storage().Capacity(mem)}};
  }
  json j = {{"name", host.config().identity.name},
            {"number", host.config().identity.number},
            {"command_lines", s.command_lines},
            {"commands", s.commands},
            {"parts_sent", s.parts_sent},
            {"parts_received", s.parts_received},
            {"pending_incoming", m.pending_incoming()},
            {"storage", storage},
            {"resets", host.resets()},
            {"network", NetworkJson(m)},
            {"dropped_output_bytes", host.dropped_output_bytes()}};
  if (events) {
    json list = json::array();
    for (const ModemEvent& e : s.events) list.push_back(EventJson(e));
    j["events"] = std::move(list);
  }
  return j;
}

json InboxJson(const Phone* phone, const std::string& number) {
  json messages = json::array();
  if (phone) {
    for (const InboxMessage& m : phone->inbox) {
      messages.push_back({{"from", m.from}, {"modem", m.modem}, {"text", m.text},
                          {"parts_received", m.parts_received}, {"parts_total", m.parts_total},
                          {"state", m.state}, {"status_report_requested", m.status_report_requested},
                          {"received_at", m.received_at}, {"mrs", m.mrs}});
    }
  }
  json robot = phone && phone->robot_reply ? json(*phone->robot_reply) : json(nullptr);
  return {{"ok", true}, {"number", number}, {"robot", robot}, {"messages", messages}};
}

// A whole number in [min, max], or nothing (not a number, a fraction, out of range).
std::optional<long long> IntegerIn(const json& value, long long min, long long max) {
  if (!value.is_number_integer()) return std::nullopt;
  // Beyond long long get<long long> would wrap; max is never negative here.
  if (value.is_number_unsigned() && value.get<unsigned long long>() > static_cast<unsigned long long>(max)) {
    return std::nullopt;
  }
  const auto v = value.get<long long>();
  if (v < min || v > max) return std::nullopt;
  return v;
}

// A +CMS error code a request chooses (send_error, no_credit_error).
modem::Result<int> CmsCode(const json& value, const std::string& field) {
  auto code = IntegerIn(value, 1, 999);
  if (!code) return modem::MakeError(field + " must be a +CMS ERROR code, 1..999, got " + value.dump());
  return static_cast<int>(*code);
}

// "network" with "state":"down": what fails and for how long.
struct NetworkDownRequest {
  OutageMode mode = OutageMode::kSmsc;
  std::optional<int> send_error;  // none: the mode's default (500, 331)
  std::optional<std::chrono::milliseconds> duration;
};

modem::Result<NetworkDownRequest> ParseNetworkDown(const json& request) {
  NetworkDownRequest down;
  if (request.contains("mode")) {
    const json& mode = request["mode"];
    auto parsed = mode.is_string() ? ParseOutageMode(mode.get<std::string>()) : std::nullopt;
    if (!parsed) return modem::MakeError("mode must be smsc or unregistered, got " + mode.dump());
    down.mode = *parsed;
  }
  if (request.contains("send_error")) {
    auto code = CmsCode(request["send_error"], "send_error");
    if (!code) return code.error();
    down.send_error = *code;
  }
  if (request.contains("for_ms")) {
    auto ms = IntegerIn(request["for_ms"], 0, kMaxOutage.count());
    if (!ms) {
      return modem::MakeError("for_ms must be whole milliseconds from 0 to " + std::to_string(kMaxOutage.count()) +
                              " (a year), got " + request["for_ms"].dump());
    }
    down.duration = std::chrono::milliseconds(*ms);
  }
  return down;
}

// The fields of "ussd-balance"; absent ones stay as they are.
modem::Result<UssdBalanceUpdate> ParseUssdUpdate(const json& request) {
  UssdBalanceUpdate update;
  if (request.contains("amount")) {
    const json& amount = request["amount"];
    update.amount = amount.is_string() ? amount.get<std::string>() : amount.dump();
  }
  if (request.contains("text")) {
    if (!request["text"].is_string()) return modem::MakeError("text must be a string");
    update.text = request["text"].get<std::string>();
  }
  if (request.contains("encoding")) {
    const json& name = request["encoding"];
    update.encoding = name.is_string() ? ParseUssdEncoding(name.get<std::string>()) : std::nullopt;
    if (!update.encoding) return modem::MakeError("encoding must be auto, plain, packed or ucs2");
  }
  if (request.contains("sms_cost")) {
    const json& cost = request["sms_cost"];
    if (!cost.is_number() || cost.get<double>() < 0) return modem::MakeError("sms_cost must be a number >= 0");
    update.sms_cost = cost.get<double>();
  }
  if (request.contains("no_credit_error")) {
    auto code = CmsCode(request["no_credit_error"], "no_credit_error");
    if (!code) return code.error();
    update.no_credit_error = *code;
  }
  return update;
}

json UssdJson(const VirtualModem& m) {
  return {{"ok", true},
          {"balance", m.ussd().balance()},
          {"amount", m.ussd().amount()},
          {"currency", m.ussd().currency()},
          {"text", m.ussd().BalanceText()},
          {"encoding", UssdEncodingName(m.ussd_encoding())},
          {"sms_cost", m.ussd().sms_cost()},
          {"no_credit_error", m.ussd().no_credit_error()}};
}

}  // namespace

json HandleControlRequest(Simulator& sim, const json& request) {
  const std::string cmd = request.value("cmd", "");
  auto modem_arg = [&]() -> ModemHost* {
    json key = request.value("modem", json("0"));
    return sim.FindModem(key.is_string() ? key.get<std::string>() : key.dump());
  };

  if (cmd == "ping") return {{"ok", true}};
  if (cmd == "modems") {
    json list = json::array();
    for (std::size_t i = 0; i < sim.modems().size(); ++i) list.push_back(DescribeModem(*sim.modems()[i], i));
    return {{"ok", true}, {"modems", list}, {"control", sim.control_path()}};
  }
  if (cmd == "text") {
    std::string from = request.value("from", "");
    std::string text = request.value("text", "");
    std::string to = request.value("to", "");
    if (to.empty()) to = sim.modems().empty() ? "" : sim.modems().front()->config().identity.number;
    if (ModemHost* host = sim.FindModem(to)) to = host->config().identity.number;
    auto result = sim.network().SendText(from, to, text, request.value("shuffle", false));
    if (!result) return Fail(result.error().message);
    return {{"ok", true}, {"id", result->message_id}, {"parts", result->parts}, {"to", to}};
  }
  if (cmd == "inbox") {
    std::string number = request.value("number", "");
    return InboxJson(sim.network().FindPhone(number), number);
  }
  if (cmd == "inboxes") {
    // Every phone's inbox at once (tests with hundreds of phones).
    json phones = json::object();
    for (const auto& [number, phone] : sim.network().phones()) {
      if (!phone.inbox.empty()) phones[number] = InboxJson(&phone, number)["messages"];
    }
    return {{"ok", true}, {"phones", phones}};
  }
  if (cmd == "robot") {
    std::string number = request.value("number", "");
    if (number.empty()) return Fail("robot needs a number");
    if (sim.network().IsModem(number)) return Fail(number + " is a modem, not a phone");
    sim.network().SetRobot(number, request.value("reply", "Auto-reply: message received."));
    return {{"ok", true}};
  }
  if (cmd == "refuse") {
    const std::string number = request.value("number", "");
    if (number.empty()) return Fail("refuse needs a number");
    const json code = request.value("code", json(1));
    if (!code.is_number_integer() || code.get<int>() < 0 || code.get<int>() > 999) {
      return Fail("code must be a +CMS ERROR code, 1..999 (0: take the number again), got " + code.dump());
    }
    sim.network().Refuse(number, code.get<int>());
    return {{"ok", true}, {"number", number}, {"code", code.get<int>()}};
  }
  if (cmd == "stats") {
    bool events = request.value("events", true);
    json list = json::array();
    if (request.contains("modem")) {
      ModemHost* host = modem_arg();
      if (!host) return Fail("no such modem");
      list.push_back(StatsJson(*host, events));
    } else {
      for (const auto& host : sim.modems()) list.push_back(StatsJson(*host, events));
    }
    return {{"ok", true}, {"clock", "steady_clock"},
            {"now_us", Micros(std::chrono::steady_clock::now())}, {"modems", list}};
  }
  ModemHost* host = modem_arg();
  if (cmd == "fault" || cmd == "ussd-balance" || cmd == "reset" || cmd == "network") {
    if (!host) return Fail("no such modem");
  }
  if (cmd == "fault") {
    std::vector<std::string> args;
    for (const json& a : request.value("args", json::array())) {
      args.push_back(a.is_string() ? a.get<std::string>() : a.dump());
    }
    auto spec = ParseFault(request.value("kind", ""), args);
    if (!spec) return Fail(spec.error().message);
    host->InjectFault(*spec);
    return {{"ok", true}, {"modem", host->config().identity.name}, {"kind", FaultKindName(spec->kind)}};
  }
  if (cmd == "ussd-balance") {
    auto update = ParseUssdUpdate(request);
    if (!update) return Fail(update.error().message);
    if (auto error = host->UpdateUssd(*update)) return Fail(error->message);
    return UssdJson(host->modem());
  }
  if (cmd == "network") {
    json answer = {{"ok", true}, {"modem", host->config().identity.name}};
    const json state = request.value("state", json());
    if (state == "down") {
      auto down = ParseNetworkDown(request);
      if (!down) return Fail(down.error().message);
      host->NetworkDown(down->mode, down->send_error, down->duration);
    } else if (state == "up") {
      if (request.contains("mode") || request.contains("send_error") || request.contains("for_ms")) {
        return Fail("mode, send_error and for_ms go with state down");
      }
      host->NetworkUp();
    } else if (!state.is_null()) {
      return Fail("state must be up or down, got " + state.dump());
    }
    answer.update(NetworkJson(host->modem()));
    return answer;
  }
  if (cmd == "reset") {
    host->Reset(std::chrono::milliseconds(request.value("delay_ms", 1000)));
    return {{"ok", true}, {"modem", host->config().identity.name}};
  }
  return Fail("unknown command '" + cmd + "'");
}

}  // namespace smsdesk::sim
