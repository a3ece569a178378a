#include "modem/sim/sim_profiles.h"

#include <array>

namespace smsdesk::sim {
namespace {

constexpr SimProfile MakeGeneric() {
  SimProfile p;
  p.name = "generic";
  p.manufacturer = "smsdesk";
  p.model = "VM-1 virtual modem";
  p.revision = "smsdesk-sim 1.0";
  return p;
}

constexpr SimProfile MakeHuawei() {
  SimProfile p;
  p.name = "huawei";
  p.manufacturer = "huawei";
  p.model = "E173";
  p.revision = "11.126.85.00.209";
  p.huawei_urc_noise = true;
  p.rdy_after_boot = false;
  p.ussd_packed_hex = true;
  p.indices_from_zero = true;
  p.empty_read_bare_ok = true;
  return p;
}

constexpr SimProfile MakeZte() {
  SimProfile p;
  p.name = "zte";
  p.manufacturer = "ZTE INCORPORATED";
  p.model = "K3565-Z";
  p.revision = "BD_P673A2V1.0.0B09";
  p.zte_urcs_in_send = true;
  p.cmgr_without_stat = true;
  p.rdy_after_boot = false;
  return p;
}

constexpr SimProfile MakeSimcom() {
  SimProfile p;
  p.name = "simcom";
  p.manufacturer = "SIMCOM_Ltd";
  p.model = "SIMCOM_SIM800L";
  p.revision = "Revision:1418B04SIM800L24";
  p.simcom_ready_urcs = true;
  return p;
}

constexpr std::array<SimProfile, 4> kProfiles = {MakeGeneric(), MakeHuawei(), MakeZte(),
                                                  MakeSimcom()};

}  // namespace

std::span<const SimProfile> AllProfiles() { return kProfiles; }

const SimProfile* FindProfile(std::string_view name) {
  for (const SimProfile& p : kProfiles) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace smsdesk::sim
