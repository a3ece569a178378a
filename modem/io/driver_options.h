// ModemDriverOptions: what the config says about one modem and every timing
// the driver uses. Defaults follow docs/modem.md §5 and keep an idle modem at
// about one AT line per minute; tests shrink them to std::chrono::milliseconds.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "modem/io/port_finder.h"

namespace smsdesk::modem {

struct ModemDriverOptions {
  std::string modem_id = "modem0";
  PortSelector selector{};
  std::string pin{};  // entered when AT+CPIN? says SIM PIN; empty: fail with a clear reason

  // Storage preference for AT+CPMS (first one the modem offers wins). ME
  // before SM because SIM storage is tiny (MF103: 10 slots) and ME survives
  // our sweeps better; MT last because it is ME+SM and makes indices shift
  // between memories (python-gsmmodem and oFono prefer ME > SM; ModemManager
  // MT > ME > SM).
  std::vector<std::string> storage_preference{"ME", "SM", "MT"};
  // Status reports inline (+CDS, AT+CNMI <ds>=1) rather than stored (+CDSI,
  // <ds>=2): saves the read and the delete (two AT round trips) per SMS sent,
  // which a burst of alerts feels; a report that arrives while the daemon is
  // down is lost (its SMS stays "sent"). Received messages stay stored.
  bool direct_status_reports = false;

  // Init (docs/modem.md §1).
  std::chrono::milliseconds wake_timeout{500};      // each bare AT while waking the port
  int wake_attempts = 20;
  std::chrono::milliseconds init_command_timeout{10000};
  std::chrono::milliseconds radio_on_timeout{40000};  // AT+CFUN=1, gammu for Huawei
  std::chrono::milliseconds sim_busy_backoff{500};    // + this per attempt (python-gsmmodem: 0.2 s)
  std::chrono::milliseconds sim_busy_max{5000};
  int sim_busy_attempts = 20;
  std::chrono::milliseconds pin_settle{2000};         // smstools3 pinsleeptime
  std::chrono::milliseconds sms_ready_wait{10000};    // SIMCom after RDY (GPRS_SIM900 #39)
  std::chrono::milliseconds cmgf_retry{1000};         // oFono: 10 tries, 1 s apart
  int cmgf_attempts = 10;

  // Inbound.
  std::chrono::milliseconds sweep_interval{std::chrono::minutes{5}};
  std::chrono::milliseconds sweep_interval_without_urcs{std::chrono::minutes{1}};  // AT+CNMI refused
  std::chrono::milliseconds store_retry{std::chrono::seconds{30}};  // sink failed: sweep again after
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds list_timeout{120000};     // AT+CMGL, ModemManager

  // Outbound.
  std::chrono::milliseconds prompt_timeout{10000};    // ModemManager
  std::chrono::milliseconds send_timeout{std::chrono::seconds{180}};

  // USSD.
  std::chrono::milliseconds ussd_timeout{30000};      // gammu

  // Health and hangs.
  std::chrono::milliseconds idle_probe{60000};        // nothing heard for this long: AT+CSQ
  std::chrono::milliseconds probe_timeout{5000};
  int probes_before_reset = 2;
  std::chrono::milliseconds reopen_poll{1000};        // port away: look again this often (not busy)
  std::chrono::milliseconds reset_settle{2000};       // after AT+CFUN=1,1, before looking for the port
  std::chrono::milliseconds retry_max{std::chrono::seconds{60}};  // backoff cap between failed inits
  std::chrono::milliseconds permanent_retry{std::chrono::minutes{5}};  // SIM PIN/PUK missing
};

}  // namespace smsdesk::modem
