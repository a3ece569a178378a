// Vendor profiles of the virtual modem: a table of quirk flags per modem
// family (docs/style.md: a table of flags, not an inheritance tree). Each flag
// reproduces a behaviour from docs/modem.md §4 that a client must cope with.
#pragma once

#include <span>
#include <string_view>

namespace smsdesk::sim {

struct SimProfile {
  std::string_view name;          // "generic", "huawei", "zte", "simcom"
  std::string_view manufacturer;  // AT+CGMI
  std::string_view model;         // AT+CGMM
  std::string_view revision;      // AT+CGMR
  // Huawei E173/E3372: ^RSSI, ^MODE, ^BOOT arrive unprompted every few
  // seconds until AT^CURC=0 (ModemManager plugins/huawei).
  bool huawei_urc_noise = false;
  // ZTE K3565-Z: +ZDONR/+ZPASR inside AT+CMGS, before "> " and between the
  // PDU and +CMGS: (python-gsmmodem fakemodems.py).
  bool zte_urcs_in_send = false;
  // ZTE: AT+CMGR leaves out <stat>: "+CMGR: ,,27".
  bool cmgr_without_stat = false;
  // SIMCom SIM800: "RDY", then "Call Ready" and "SMS Ready" after boot.
  bool simcom_ready_urcs = false;
  // Quectel/SIMCom print "RDY" after boot; the generic profile does too, so
  // clients learn that a reset happened.
  bool rdy_after_boot = true;
  // Huawei: +CUSD strings are packed GSM-7 as hex (docs/modem.md §2).
  bool ussd_packed_hex = false;
  // Huawei: SMS indices start at 0 (gammu F_SMS_LOCATION_0).
  bool indices_from_zero = false;
  // Huawei MU509: AT+CMGR of an empty index answers a bare OK.
  bool empty_read_bare_ok = false;
};

// The known profiles, "generic" first.
std::span<const SimProfile> AllProfiles();

// nullptr when `name` is unknown.
const SimProfile* FindProfile(std::string_view name);

}  // namespace smsdesk::sim
