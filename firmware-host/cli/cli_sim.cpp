// smsdesk sim …: run the virtual modems (sim / sim run) and drive a running
// simulator through its control socket (text, inbox, robot, fault, stats,
// ussd-balance, network, refuse, reset, modems). See modem/sim/control_commands.h.
#include <csignal>
#include <functional>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "firmware-host/cli/cli.h"
#include "modem/sim/control_client.h"
#include "modem/sim/control_server.h"
#include "modem/sim/simulator.h"

namespace smsdesk {
namespace {

struct SimRunOptions {
  int modems = 0;
  std::vector<std::string> links;
  std::vector<std::string> numbers;
  std::vector<std::string> profiles;
  std::vector<std::string> faults;
  std::string latency;
  std::string link_setup;
  std::string reset_delay = "1s";
  int sm_slots = 10;
  int me_slots = 25;
  std::string control;
};

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "smsdesk sim: %s\n", message.c_str());
  return code;
}

// Builds the simulator's configuration; an error message for bad input.
std::optional<std::string> BuildConfig(const SimRunOptions& o, sim::SimulatorConfig& config) {
  int count = o.modems > 0 ? o.modems : std::max<int>(1, static_cast<int>(o.links.size()));
  if (!o.links.empty() && static_cast<int>(o.links.size()) != count) {
    return "--modems " + std::to_string(count) + " but " + std::to_string(o.links.size()) + " --link";
  }
  if (o.numbers.size() > static_cast<std::size_t>(count)) return "more --number values than modems";
  if (o.profiles.size() > 1 && o.profiles.size() != static_cast<std::size_t>(count)) {
    return "give one --profile for all modems or one per modem";
  }
  sim::ModemTiming timing;
  timing.sm_slots = o.sm_slots;
  timing.me_slots = o.me_slots;
  if (!o.latency.empty()) {
    auto d = sim::ParseDuration(o.latency);
    if (!d) return d.error().message;
    timing.send_latency = *d;
    timing.link_setup = *d / 2;  // keeps CMMS measurable at any speed
  }
  if (!o.link_setup.empty()) {
    auto d = sim::ParseDuration(o.link_setup);
    if (!d) return d.error().message;
    timing.link_setup = *d;
  }
  auto reset_delay = sim::ParseDuration(o.reset_delay);
  if (!reset_delay) return reset_delay.error().message;
  for (int i = 0; i < count; ++i) {
    sim::ModemConfig mc;
    mc.identity = sim::DefaultIdentity(i);
    if (static_cast<std::size_t>(i) < o.numbers.size()) mc.identity.number = o.numbers[static_cast<std::size_t>(i)];
    std::string profile = o.profiles.empty() ? "generic" : o.profiles[o.profiles.size() == 1 ? 0 : static_cast<std::size_t>(i)];
    mc.identity.profile = sim::FindProfile(profile);
    if (!mc.identity.profile) return "unknown profile '" + profile + "' (generic, huawei, zte, simcom)";
    mc.timing = timing;
    mc.reset_delay = *reset_delay;
    if (!o.links.empty()) mc.link = o.links[static_cast<std::size_t>(i)];
    config.modems.push_back(std::move(mc));
  }
  for (const std::string& f : o.faults) {
    // MODEM:KIND[:ARG…], MODEM an index or a name.
    auto colon = f.find(':');
    if (colon == std::string::npos) return "--fault wants MODEM:KIND[:ARGS], got '" + f + "'";
    std::string which = f.substr(0, colon);
    auto spec = sim::ParseFaultString(f.substr(colon + 1));
    if (!spec) return spec.error().message;
    bool found = false;
    for (std::size_t i = 0; i < config.modems.size(); ++i) {
      if (which == std::to_string(i) || which == config.modems[i].identity.name ||
          which == config.modems[i].identity.number) {
        config.modems[i].faults.push_back(*spec);
        found = true;
      }
    }
    if (!found) return "--fault: no modem '" + which + "'";
  }
  config.control_path = o.control.empty() ? sim::DefaultControlPath() : o.control;
  return std::nullopt;
}

int RunSimulator(const SimRunOptions& options) {
  sim::SimulatorConfig config;
  if (auto err = BuildConfig(options, config)) return Fail(kExitBadInput, *err);
  boost::asio::io_context io;
  sim::Simulator simulator(io, std::move(config));
  if (auto err = simulator.Start()) return Fail(kExitFailure, err->message);
  for (const auto& host : simulator.modems()) {
    const auto& c = host->config();
    std::printf("%s %s%s%s number %s imei %s profile %s\n", c.identity.name.c_str(),
                host->slave_path().c_str(), c.link.empty() ? "" : " link ", c.link.c_str(),
                c.identity.number.c_str(), c.identity.imei.c_str(),
                std::string(c.identity.profile->name).c_str());
  }
  std::printf("control %s\n", simulator.control_path().c_str());
  std::fflush(stdout);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    simulator.Stop();
    io.stop();
  });
  std::signal(SIGPIPE, SIG_IGN);
  io.run();
  simulator.Stop();
  return kExitOk;
}

// Sends one request; prints `render(answer)` or the error.
int Request(const std::string& control, const nlohmann::json& request,
            const std::function<void(const nlohmann::json&)>& render) {
  auto answer = sim::ControlRequest(control.empty() ? sim::DefaultControlPath() : control, request);
  if (!answer) return Fail(kExitFailure, answer.error().message);
  if (!answer->value("ok", false)) return Fail(kExitBadInput, answer->value("error", "failed"));
  render(*answer);
  return kExitOk;
}

void PrintInbox(const nlohmann::json& a) {
  for (const auto& m : a["messages"]) {
    std::printf("[%s] from %s (%s) %d/%d parts%s: %s\n", m.value("state", "").c_str(),
                m.value("from", "").c_str(), m.value("modem", "").c_str(),
                m.value("parts_received", 0), m.value("parts_total", 0),
                m.value("status_report_requested", false) ? ", report requested" : "",
                m.value("text", "").c_str());
  }
}

void PrintStats(const nlohmann::json& a) {
  for (const auto& m : a["modems"]) {
    std::printf("%s %s: %llu command lines, %llu parts sent, %llu parts received\n",
                m.value("name", "").c_str(), m.value("number", "").c_str(),
                m.value("command_lines", 0ULL), m.value("parts_sent", 0ULL),
                m.value("parts_received", 0ULL));
    for (const auto& [name, count] : m["commands"].items()) {
      std::printf("  %-8s %llu\n", name.c_str(), count.get<unsigned long long>());
    }
  }
}

}  // namespace

void AddSimCommands(CLI::App& app, CliStatus& status) {
  auto* sim = app.add_subcommand("sim", "Virtual GSM modems on pseudo-terminals");
  auto options = std::make_shared<SimRunOptions>();
  auto json_out = std::make_shared<bool>(false);
  sim->add_option("--control", options->control, "Control socket path")->envname("SMSDESK_SIM_SOCKET");
  sim->add_option("--modems", options->modems, "Number of modems (default: one per --link, else 1)");
  sim->add_option("--link", options->links, "Symlink to create for a modem (repeat, one per modem)");
  sim->add_option("--number", options->numbers, "Phone numbers of the modems")->delimiter(',');
  sim->add_option("--profile", options->profiles, "generic|huawei|zte|simcom (one, or one per modem)")
      ->delimiter(',');
  sim->add_option("--latency", options->latency, "Send latency per part, e.g. 50ms (default 3s)");
  sim->add_option("--link-setup", options->link_setup, "Extra delay without AT+CMMS (default latency/2)");
  sim->add_option("--reset-delay", options->reset_delay, "How long a reset keeps the port away");
  sim->add_option("--sm-slots", options->sm_slots, "SIM storage slots");
  sim->add_option("--me-slots", options->me_slots, "Phone storage slots");
  sim->add_option("--fault", options->faults, "MODEM:KIND[:ARGS], e.g. 0:sim-busy:3, 1:send-error:500:2");
  auto run = sim->add_subcommand("run", "Run the simulator in the foreground (the default)");
  run->fallthrough();
  sim->callback([sim, run, options, &status] {
    if (sim->get_subcommands().empty() || run->parsed()) status.exit_code = RunSimulator(*options);
  });

  auto client = [&](const std::string& name, const std::string& description) {
    auto* sub = sim->add_subcommand(name, description);
    sub->fallthrough();
    return sub;
  };

  auto from = std::make_shared<std::string>(), body = std::make_shared<std::string>(),
       to = std::make_shared<std::string>();
  auto shuffle = std::make_shared<bool>(false);
  auto* t = client("text", "A virtual phone texts a modem");
  t->add_option("from", *from, "Sender: number, short code or alphanumeric name")->required();
  t->add_option("message", *body, "The text (UTF-8)")->required();
  t->add_option("--to", *to, "The modem (number, name or index; default the first)");
  t->add_flag("--shuffle", *shuffle, "Deliver the parts out of order");
  t->callback([=, &status] {
    nlohmann::json req = {{"cmd", "text"}, {"from", *from}, {"text", *body}, {"shuffle", *shuffle}};
    if (!to->empty()) req["to"] = *to;
    status.exit_code = Request(options->control, req, [](const nlohmann::json& a) {
      std::printf("%s %d part(s) to %s\n", a.value("id", "").c_str(), a.value("parts", 0),
                  a.value("to", "").c_str());
    });
  });

  auto number = std::make_shared<std::string>();
  auto* inbox = client("inbox", "What a virtual phone received");
  inbox->add_option("number", *number, "The phone's number")->required();
  inbox->add_flag("--json", *json_out, "JSON output");
  inbox->callback([=, &status] {
    status.exit_code = Request(options->control, {{"cmd", "inbox"}, {"number", *number}},
                               [=](const nlohmann::json& a) {
                                 if (*json_out) std::printf("%s\n", a.dump(2).c_str());
                                 else PrintInbox(a);
                               });
  });

  auto* inboxes = client("inboxes", "Every virtual phone's inbox, as JSON {number: [messages]}");
  inboxes->callback([=, &status] {
    status.exit_code = Request(options->control, {{"cmd", "inboxes"}}, [](const nlohmann::json& a) {
      std::printf("%s\n", a["phones"].dump().c_str());
    });
  });

  auto reply = std::make_shared<std::string>("Auto-reply: message received.");
  auto* robot = client("robot", "Make a virtual phone answer every SMS it gets");
  robot->add_option("number", *number, "The phone's number")->required();
  robot->add_option("--reply", *reply, "The answer's text");
  robot->callback([=, &status] {
    status.exit_code = Request(options->control, {{"cmd", "robot"}, {"number", *number}, {"reply", *reply}},
                               [](const nlohmann::json&) {});
  });

  auto modem = std::make_shared<std::string>(), kind = std::make_shared<std::string>();
  auto args = std::make_shared<std::vector<std::string>>();
  auto* fault = client("fault", "Inject a fault: drop, garbage, hang, reset, sim-busy, send-error, outage, no-network");
  fault->add_option("modem", *modem, "Modem (name, index or number)")->required();
  fault->add_option("kind", *kind, "Fault kind")->required();
  fault->add_option("args", *args, "Arguments (count, delay, code, nth)");
  fault->callback([=, &status] {
    status.exit_code = Request(options->control,
                               {{"cmd", "fault"}, {"modem", *modem}, {"kind", *kind}, {"args", *args}},
                               [](const nlohmann::json&) {});
  });

  auto* stats = client("stats", "Command counts and the event log per modem");
  stats->add_flag("--json", *json_out, "JSON output (with events)");
  stats->add_option("--modem", *modem, "Only this modem");
  stats->callback([=, &status] {
    nlohmann::json req = {{"cmd", "stats"}, {"events", *json_out}};
    if (!modem->empty()) req["modem"] = *modem;
    status.exit_code = Request(options->control, req, [=](const nlohmann::json& a) {
      if (*json_out) std::printf("%s\n", a.dump(2).c_str());
      else PrintStats(a);
    });
  });

  auto amount = std::make_shared<std::string>(), ussd_text = std::make_shared<std::string>(),
       encoding = std::make_shared<std::string>();
  auto sms_cost = std::make_shared<double>(0);
  auto* balance = client("ussd-balance", "Set what *100# answers: the balance, its text, its encoding");
  balance->add_option("modem", *modem, "Modem")->required();
  balance->add_option("amount", *amount, "e.g. \"7.25 EUR\" (a bare number keeps the currency)");
  auto* text_option = balance->add_option("--text", *ussd_text,
                                          "The answer, {balance} for the amount (\"\": the English default)");
  auto* encoding_option = balance->add_option("--encoding", *encoding, "+CUSD framing: auto, plain, packed, ucs2")
                              ->check(CLI::IsMember({"auto", "plain", "packed", "ucs2"}));
  auto* cost_option = balance->add_option("--sms-cost", *sms_cost, "Taken off the balance per SMS part sent");
  auto no_credit_error = std::make_shared<int>(21);
  auto* no_credit_option = balance->add_option("--no-credit-error", *no_credit_error,
                                               "+CMS ERROR a send gets when the balance is below the SMS cost")
                               ->check(CLI::Range(1, 999));
  balance->callback([=, &status] {
    nlohmann::json req = {{"cmd", "ussd-balance"}, {"modem", *modem}};
    if (!amount->empty()) req["amount"] = *amount;
    if (text_option->count() > 0) req["text"] = *ussd_text;
    if (encoding_option->count() > 0) req["encoding"] = *encoding;
    if (cost_option->count() > 0) req["sms_cost"] = *sms_cost;
    if (no_credit_option->count() > 0) req["no_credit_error"] = *no_credit_error;
    status.exit_code = Request(options->control, req, [](const nlohmann::json& a) {
      std::printf("%s (encoding %s, SMS cost %g): %s\n", a.value("balance", "").c_str(),
                  a.value("encoding", "").c_str(), a.value("sms_cost", 0.0), a.value("text", "").c_str());
    });
  });

  // The operator's side: an SMSC that refuses every send, or no network.
  auto network_state = std::make_shared<std::string>(), network_mode = std::make_shared<std::string>("smsc"),
       network_for = std::make_shared<std::string>();
  auto send_error = std::make_shared<int>(0);
  auto* network = client("network", "Take a modem's network down (every send refused) or bring it back up");
  network->add_option("modem", *modem, "Modem")->required();
  network->add_option("state", *network_state, "down or up")->required()->check(CLI::IsMember({"down", "up"}));
  network->add_option("--mode", *network_mode,
                      "smsc: registered but sends refused; unregistered: no network at all")
      ->check(CLI::IsMember({"smsc", "unregistered"}));
  auto* error_option = network->add_option("--error", *send_error, "The +CMS ERROR sends get (default 500 / 331)")
                           ->check(CLI::Range(1, 999));
  network->add_option("--for", *network_for, "Back up by itself after this long (e.g. 10m)");
  network->callback([=, &status] {
    nlohmann::json req = {{"cmd", "network"}, {"modem", *modem}, {"state", *network_state}};
    if (*network_state == "down") {
      req["mode"] = *network_mode;
      if (error_option->count() > 0) req["send_error"] = *send_error;
      if (!network_for->empty()) {
        auto d = sim::ParseDuration(*network_for);
        if (!d) {
          status.exit_code = Fail(kExitBadInput, d.error().message);
          return;
        }
        req["for_ms"] = d->count();
      }
    }
    status.exit_code = Request(options->control, req, [](const nlohmann::json&) {});
  });

  auto refuse_code = std::make_shared<int>(1);
  auto* refuse = client("refuse", "Make the network refuse every send to a number (a bad destination)");
  refuse->add_option("number", *number, "The destination")->required();
  refuse->add_option("--error", *refuse_code, "The +CMS ERROR sends to it get (1: unassigned number; 0: take it again)")
      ->check(CLI::Range(0, 999));
  refuse->callback([=, &status] {
    status.exit_code = Request(options->control, {{"cmd", "refuse"}, {"number", *number}, {"code", *refuse_code}},
                               [](const nlohmann::json&) {});
  });

  auto delay = std::make_shared<std::string>("1s");
  auto* reset = client("reset", "Reset a modem: the port disappears and comes back");
  reset->add_option("modem", *modem, "Modem")->required();
  reset->add_option("--delay", *delay, "How long the port stays away");
  reset->callback([=, &status] {
    auto d = sim::ParseDuration(*delay);
    if (!d) {
      status.exit_code = Fail(kExitBadInput, d.error().message);
      return;
    }
    status.exit_code = Request(options->control,
                               {{"cmd", "reset"}, {"modem", *modem}, {"delay_ms", d->count()}},
                               [](const nlohmann::json&) {});
  });

  auto* modems = client("modems", "List the running simulator's modems");
  modems->add_flag("--json", *json_out, "JSON output");
  modems->callback([=, &status] {
    status.exit_code = Request(options->control, {{"cmd", "modems"}}, [=](const nlohmann::json& a) {
      if (*json_out) {
        std::printf("%s\n", a.dump(2).c_str());
        return;
      }
      for (const auto& m : a["modems"]) {
        std::printf("%s %s %s %s %s\n", m.value("name", "").c_str(), m.value("path", "").c_str(),
                    m.value("link", "").c_str(), m.value("number", "").c_str(),
                    m.value("online", false) ? "online" : "offline");
      }
    });
  });
}

}  // namespace smsdesk
