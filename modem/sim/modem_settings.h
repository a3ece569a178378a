// The configuration of one virtual modem (who it is, how slow it is) and the
// AT settings a client changes at run time (27.005/27.007 parameters).
#pragma once

#include <chrono>
#include <string>

#include "modem/sim/sim_profiles.h"
#include "modem/sim/sim_storage.h"
#include "modem/sim/te_charset.h"

namespace smsdesk::sim {

struct ModemIdentity {
  std::string name = "modem0";        // the simulator's name for it
  std::string number = "+15550000001";
  std::string imei = "356938035643809";
  std::string imsi = "001010000000001";
  std::string iccid = "8900100000000000001";
  std::string smsc = "+15550000100";
  const SimProfile* profile = nullptr;  // nullptr: the generic profile
};

struct ModemTiming {
  // Per SUBMIT part, from Ctrl-Z to +CMGS (docs/modem.md §5: 2-3 s).
  std::chrono::milliseconds send_latency{3000};
  // Extra time to set up the RP link for a send, saved by AT+CMMS while the
  // previous send ended less than `link_idle` ago (27.005 §3.5.6).
  std::chrono::milliseconds link_setup{1500};
  std::chrono::milliseconds link_idle{3000};
  std::chrono::milliseconds status_report_delay{500};
  std::chrono::milliseconds ussd_latency{300};
  std::chrono::milliseconds boot_ready_delay{500};  // RDY -> SMS Ready (SIMCom)
  std::chrono::seconds noise_min{5};                // Huawei ^RSSI interval
  std::chrono::seconds noise_max{20};
  int sm_slots = 10;
  int me_slots = 25;
};

// Run-time AT state, back to these defaults on ATZ, AT&F and reset.
struct AtSettings {
  bool echo = true;      // ATE
  bool verbose = true;   // ATV
  int cmee = 0;          // AT+CMEE
  int cmgf = 0;          // AT+CMGF (only PDU mode)
  TeCharset cscs = TeCharset::kGsm;
  Memory mem1 = Memory::kSm, mem2 = Memory::kSm, mem3 = Memory::kSm;
  int cnmi_mode = 2, cnmi_mt = 1, cnmi_bm = 0, cnmi_ds = 0, cnmi_bfr = 0;
  int creg = 0, cgreg = 0, cereg = 0;
  int cmms = 0;
  int cgsms = 1;
  int csms = 0;
  bool curc = true;      // Huawei AT^CURC
  bool cusd = false;     // AT+CUSD=1 result codes
};

}  // namespace smsdesk::sim
