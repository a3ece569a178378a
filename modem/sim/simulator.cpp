#include "modem/sim/simulator.h"

#include <filesystem>

#include <boost/asio/post.hpp>

#include "modem/sim/control_commands.h"

namespace smsdesk::sim {
namespace {

// Luhn check digit, so that IMEIs pass clients that validate them.
char LuhnDigit(const std::string& digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string Padded(int value, int width) {
  std::string s = std::to_string(value);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

}  // namespace

ModemIdentity DefaultIdentity(int index) {
  ModemIdentity id;
  id.name = "modem" + std::to_string(index);
  id.number = "+1555000" + Padded(index + 1, 4);
  std::string imei14 = "35693803" + Padded(index + 1, 6);
  id.imei = imei14 + LuhnDigit(imei14);
  id.imsi = "00101" + Padded(index + 1, 10);
  id.iccid = "89001010" + Padded(index + 1, 11);
  return id;
}

Simulator::Simulator(boost::asio::io_context& io, SimulatorConfig config)
    : io_(io),
      network_([this](const std::string& number, std::vector<modem::EncodedPdu> parts,
                      const std::string& id) {
        // Posted, so a modem's own +CMGS handling finishes before the network
        // hands it (or a robot's reply) anything new.
        boost::asio::post(io_, [this, number, parts = std::move(parts), id] {
          for (auto& host : modems_) {
            if (host->config().identity.number != number) continue;
            for (const auto& part : parts) host->Deliver(part, id);
          }
        });
      }),
      control_(io, config.control_path.empty() ? DefaultControlPath() : config.control_path,
               [this](const nlohmann::json& request) { return HandleControlRequest(*this, request); }) {
  for (ModemConfig& mc : config.modems) {
    network_.AddModem(mc.identity.number, mc.identity.name);
    modems_.push_back(std::make_unique<ModemHost>(
        io, std::move(mc), [this](ModemHost& host, const modem::SubmitPdu& pdu, std::uint8_t mr) {
          network_.OnSubmit(host.config().identity.number, pdu, mr);
        },
        [this](const std::string& destination) { return network_.Refusal(destination); }));
  }
}

Simulator::~Simulator() { Stop(); }

std::optional<modem::Error> Simulator::Start() {
  for (auto& host : modems_) {
    if (auto err = host->Start()) {
      Stop();
      return modem::MakeError(host->config().identity.name + ": " + err->message);
    }
  }
  if (auto err = control_.Start()) {
    Stop();
    return err;
  }
  return std::nullopt;
}

void Simulator::Stop() {
  for (auto& host : modems_) host->Stop();
  control_.Stop();
}

ModemHost* Simulator::FindModem(const std::string& key) {
  for (std::size_t i = 0; i < modems_.size(); ++i) {
    const ModemConfig& c = modems_[i]->config();
    if (key == c.identity.name || key == c.identity.number || key == std::to_string(i) ||
        (!c.link.empty() && (key == c.link || key == std::filesystem::path(c.link).filename())) ||
        key == modems_[i]->slave_path()) {
      return modems_[i].get();
    }
  }
  return nullptr;
}

}  // namespace smsdesk::sim
