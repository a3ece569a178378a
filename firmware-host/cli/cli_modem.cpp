// smsdesk modem …: operator commands on one real or virtual modem, driven by
// the same ModemDriver as the daemon. Output: JSON on stdout only;
// diagnostics (and, with --verbose, the AT trace) on stderr.
//
//   modem probe  --device D                 identity, network, signal, storage
//   modem send   --device D --to N TEXT     all parts; prints the TP-MRs
//   modem listen --device D                 one JSON line per stored part,
//                                           deleted only after it was flushed
//   modem ussd   --device D CODE [REPLY…]   one JSON line per screen
//
// --device: a path, usb:VID:PID[:IF], serial:USBSERIAL or imei:IMEI.
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "firmware-host/cli/cli.h"
#include "modem/io/modem_driver.h"
#include "modem/io/serial_port.h"
#include "modem/sms_pdu.h"

namespace smsdesk {
namespace {

using namespace std::chrono_literals;
using modem::DriverEvent;
using modem::ModemDriver;

struct CommonOptions {
  std::string device;
  std::string pin;
  bool verbose = false;
  double timeout_s = 60;
  double idle_probe_s = 60;  // silence before the driver checks the modem is alive
};

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "smsdesk modem: %s\n", message.c_str());
  return code;
}

// One driver on its own io_context for a one-shot command.
struct Session {
  boost::asio::io_context io;
  modem::SystemPortOpener opener{io};
  std::unique_ptr<ModemDriver> driver;
  std::function<void(const DriverEvent&)> on_event;
  std::string lost;

  bool Open(const CommonOptions& o, modem::InboundSink sink, std::chrono::milliseconds store_retry = 30s) {
    modem::ModemDriverOptions options;
    options.modem_id = o.device;
    if (!modem::ParsePortSelector(o.device, options.selector)) return false;
    options.pin = o.pin;
    options.store_retry = store_retry;
    options.idle_probe = std::chrono::milliseconds(static_cast<long long>(o.idle_probe_s * 1000));
    driver = std::make_unique<ModemDriver>(io, opener, options, std::move(sink), [this](const DriverEvent& e) {
      if (auto* lost_event = std::get_if<modem::ModemLost>(&e)) lost = lost_event->reason;
      if (on_event) on_event(e);
    });
    if (o.verbose) {
      driver->set_trace([](std::string_view dir, std::string_view text) {
        std::fprintf(stderr, "%.*s %.*s\n", static_cast<int>(dir.size()), dir.data(), static_cast<int>(text.size()),
                     text.data());
      });
    }
    driver->Start();
    return true;
  }
  // Runs until `done` or the deadline; false on timeout.
  bool RunUntil(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() >= end) return false;
      io.restart();
      io.run_for(10ms);
    }
    return true;
  }
  bool WaitReady(std::chrono::milliseconds limit) {
    return RunUntil([&] { return driver->state() == ModemDriver::State::kReady && driver->idle(); }, limit);
  }
};

std::chrono::milliseconds Limit(const CommonOptions& o) {
  return std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
}

std::string NotReady(const Session& s) {
  return "no modem ready on " + s.driver->info().port + (s.lost.empty() ? "" : ": " + s.lost);
}

int Probe(const CommonOptions& o) {
  Session s;
  if (!s.Open(o, [](const modem::InboundPdu&) { return false; })) return Fail(kExitBadInput, "bad --device");
  if (!s.WaitReady(Limit(o))) return Fail(kExitFailure, NotReady(s));
  s.RunUntil([] { return false; }, 200ms);  // the health refresh answers
  const auto& info = s.driver->info();
  const modem::Health health = s.driver->health();
  nlohmann::json storage = nlohmann::json::array();
  for (const auto& u : health.storage) storage.push_back({{"memory", u.memory}, {"used", u.used}, {"total", u.total}});
  nlohmann::json out = {{"port", info.port},         {"manufacturer", info.manufacturer},
                        {"model", info.model},       {"revision", info.revision},
                        {"imei", info.imei},         {"imsi", info.imsi},
                        {"smsc", info.smsc},         {"operator", health.operator_name},
                        {"storage_preferred", info.storage}, {"storage", storage},
                        {"cnmi", info.cnmi}};
  out["signal_dbm"] = health.signal_dbm ? nlohmann::json(*health.signal_dbm) : nlohmann::json();
  out["registration"] = health.registration ? nlohmann::json(static_cast<int>(*health.registration)) : nlohmann::json();
  std::printf("%s\n", out.dump().c_str());
  return kExitOk;
}

int Send(const CommonOptions& o, const std::string& to, const std::string& text, bool report, bool wait_report) {
  modem::SubmitOptions submit;
  submit.to = to;
  submit.status_report = report || wait_report;
  std::random_device random;
  modem::ConcatReferenceAllocator references(static_cast<std::uint16_t>(random()));
  auto parts = modem::EncodeSubmit(text, submit, references);
  if (!parts) return Fail(kExitBadInput, parts.error().message);
  Session s;
  std::vector<int> reports;
  std::map<int, nlohmann::json> report_lines;
  s.on_event = [&](const DriverEvent& e) {
    if (auto* r = std::get_if<modem::StatusReport>(&e)) {
      report_lines[r->message_reference] = {{"mr", r->message_reference}, {"status", r->status_code},
                                           {"delivered", r->delivered}};
    }
  };
  if (!s.Open(o, [](const modem::InboundPdu& pdu) {
        // Keep messages on the modem for `listen`, but take status reports.
        auto decoded = modem::DecodePduHex(pdu.pdu);
        return decoded && std::holds_alternative<modem::StatusReportPdu>(*decoded);
      })) {
    return Fail(kExitBadInput, "bad --device");
  }
  if (!s.WaitReady(Limit(o))) return Fail(kExitFailure, NotReady(s));
  std::vector<modem::SendResult> results;
  for (const auto& part : *parts) {
    s.driver->Send({part.Hex(), part.tpdu_length},
                   [&](const modem::SendResult& r) { results.push_back(r); });
  }
  if (!s.RunUntil([&] { return results.size() == parts->size(); }, Limit(o))) {
    return Fail(kExitFailure, "sending timed out");
  }
  nlohmann::json mrs = nlohmann::json::array();
  for (const auto& r : results) {
    if (!r.ok) return Fail(kExitFailure, "send failed: " + r.error);
    mrs.push_back(r.message_reference);
  }
  std::printf("%s\n", nlohmann::json{{"parts", parts->size()}, {"mr", mrs}}.dump().c_str());
  std::fflush(stdout);
  if (!wait_report) return kExitOk;
  const bool all = s.RunUntil([&] {
    for (const auto& r : results) if (!report_lines.count(r.message_reference)) return false;
    return true;
  }, Limit(o));
  for (const auto& [mr, line] : report_lines) std::printf("%s\n", line.dump().c_str());
  return all ? kExitOk : Fail(kExitFailure, "not every status report arrived");
}

nlohmann::json Describe(const modem::InboundPdu& pdu) {
  nlohmann::json j = {{"modem", pdu.modem_id}, {"via", std::string(modem::InboundViaName(pdu.via))},
                      {"memory", pdu.memory}, {"index", pdu.index}, {"pdu", pdu.pdu}};
  auto decoded = modem::DecodePduHex(pdu.pdu);
  if (!decoded) {
    j["error"] = decoded.error().message;
    return j;
  }
  if (const auto* d = std::get_if<modem::DeliverPdu>(&*decoded)) {
    j["type"] = "deliver";
    j["from"] = d->originator.number;
    j["text"] = d->user_data.text;
    j["timestamp"] = d->service_centre_time.ToIso8601();
    if (d->user_data.header && d->user_data.header->concat) {
      const auto& c = *d->user_data.header->concat;
      j["concat"] = {{"ref", c.reference}, {"total", c.total}, {"seq", c.sequence}};
    }
  } else if (const auto* r = std::get_if<modem::StatusReportPdu>(&*decoded)) {
    j["type"] = "status-report";
    j["mr"] = r->message_reference;
    j["recipient"] = r->recipient.number;
    j["status"] = r->status_code;
  } else {
    j["type"] = "submit";
  }
  return j;
}

bool PrintLine(const nlohmann::json& j) {
  const std::string line = j.dump() + "\n";
  return std::fwrite(line.data(), 1, line.size(), stdout) == line.size() && std::fflush(stdout) == 0;
}

int Listen(const CommonOptions& o, bool reassemble, int count) {
  int printed = 0;
  // --reassemble: a part is acknowledged (deleted) only once its whole
  // message was printed; until then the sink says "not stored" and the part
  // stays on the modem, offered again every 2 s.
  std::map<std::string, std::map<int, nlohmann::json>> groups;
  std::map<std::string, bool> done_groups;
  auto sink = [&](const modem::InboundPdu& pdu) {
    nlohmann::json j = Describe(pdu);
    if (!reassemble || !j.contains("concat")) {
      if (!PrintLine(j)) return false;
      ++printed;
      return true;
    }
    const std::string key = j.value("from", "") + "/" + std::to_string(j["concat"]["ref"].get<int>()) + "/" +
                            std::to_string(j["concat"]["total"].get<int>());
    if (done_groups[key]) return true;
    auto& parts = groups[key];
    parts[j["concat"]["seq"].get<int>()] = j;
    if (static_cast<int>(parts.size()) < j["concat"]["total"].get<int>()) return false;
    std::string text;
    for (const auto& [seq, part] : parts) text += part.value("text", "");
    nlohmann::json whole = j;
    whole["text"] = text;
    whole.erase("pdu");
    whole["parts"] = parts.size();
    if (!PrintLine(whole)) return false;
    done_groups[key] = true;
    groups.erase(key);
    ++printed;
    return true;
  };
  Session s;
  if (!s.Open(o, sink, reassemble ? 2s : 30s)) return Fail(kExitBadInput, "bad --device");
  const auto limit = Limit(o);
  if (count > 0) {
    if (!s.RunUntil([&] { return printed >= count && s.driver->idle(); }, limit)) {
      return Fail(kExitFailure, "only " + std::to_string(printed) + " of " + std::to_string(count) + " messages");
    }
    return kExitOk;
  }
  s.RunUntil([] { return false; }, limit);
  return kExitOk;
}

int Ussd(const CommonOptions& o, const std::vector<std::string>& steps) {
  Session s;
  if (!s.Open(o, [](const modem::InboundPdu&) { return false; })) return Fail(kExitBadInput, "bad --device");
  if (!s.WaitReady(Limit(o))) return Fail(kExitFailure, NotReady(s));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::optional<modem::UssdReply> reply;
    s.driver->StartUssd(steps[i], [&](const modem::UssdReply& r) { reply = r; });
    if (!s.RunUntil([&] { return reply.has_value(); }, Limit(o))) return Fail(kExitFailure, "USSD timed out");
    nlohmann::json j = {{"status", reply->status}, {"text", reply->text}};
    if (!reply->ok || !reply->error.empty()) j["error"] = reply->error;
    PrintLine(j);
    if (!reply->ok) return kExitFailure;
    if (!reply->session_open()) {
      if (i + 1 < steps.size()) return Fail(kExitFailure, "the network ended the session before all replies");
      break;
    }
  }
  return kExitOk;
}

}  // namespace

void AddModemCommands(CLI::App& app, CliStatus& status) {
  auto* modem = app.add_subcommand("modem", "Talk to a real or virtual modem");
  modem->require_subcommand(1);
  auto common = std::make_shared<CommonOptions>();
  auto add_common = [common](CLI::App* sub) {
    sub->add_option("--device", common->device, "Path, usb:VID:PID[:IF], serial:SERIAL or imei:IMEI")->required();
    sub->add_option("--pin", common->pin, "SIM PIN, entered if the SIM asks");
    sub->add_option("--timeout", common->timeout_s, "Seconds to wait (default 60)");
    sub->add_flag("--verbose", common->verbose, "AT trace on stderr (shows numbers and PDUs)");
    sub->add_option("--idle-probe", common->idle_probe_s, "Seconds of silence before checking the modem (default 60)")
        ->check(CLI::Range(1.0, 3600.0));
  };
  auto* probe = modem->add_subcommand("probe", "Identity, network, signal and storage as JSON");
  add_common(probe);
  probe->callback([common, &status] { status.exit_code = Probe(*common); });

  auto to = std::make_shared<std::string>(), text = std::make_shared<std::string>();
  auto report = std::make_shared<bool>(false), wait_report = std::make_shared<bool>(false);
  auto* send = modem->add_subcommand("send", "Send an SMS (all parts); prints the TP-MRs");
  add_common(send);
  send->add_option("--to", *to, "Destination number")->required();
  send->add_option("text", *text, "The text (UTF-8)")->required();
  send->add_flag("--status-report", *report, "Ask for delivery reports");
  send->add_flag("--wait-report", *wait_report, "Wait for the delivery reports and print them");
  send->callback([=, &status] { status.exit_code = Send(*common, *to, *text, *report, *wait_report); });

  auto reassemble = std::make_shared<bool>(false);
  auto count = std::make_shared<int>(0);
  auto* listen = modem->add_subcommand("listen", "Print each received part as a JSON line, then delete it");
  add_common(listen);
  listen->add_flag("--reassemble", *reassemble, "Print concatenated messages whole");
  listen->add_option("--count", *count, "Exit after this many lines");
  listen->callback([=, &status] {
    if (listen->count("--timeout") == 0 && *count == 0) common->timeout_s = 1e9;
    status.exit_code = Listen(*common, *reassemble, *count);
  });

  auto steps = std::make_shared<std::vector<std::string>>();
  auto* ussd = modem->add_subcommand("ussd", "Run a USSD dialogue: CODE, then each REPLY in turn");
  add_common(ussd);
  ussd->add_option("steps", *steps, "CODE [REPLY…]")->required();
  ussd->callback([=, &status] { status.exit_code = Ussd(*common, *steps); });
}

}  // namespace smsdesk
