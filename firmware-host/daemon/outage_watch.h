// OutageWatch: what the daemon does when a modem stops sending for its
// network, SMSC or credit (send_gate.h; issue 18). Each modem's outage is a
// row in store::ModemOutages, opened when its sender's gate shuts, updated
// as the looks go on and ended when a message leaves again; an open one is
// resumed at start. The journal says when a modem stops and recovers; after
// outages.alert_after of an outage that failed more than once (or one of
// credit or registration), it warns again and every admin with a phone gets
// one SMS through another modem that can send (none if there is none), and
// one more when it is over. A credit outage reads the SIM's balance at each
// look. One timer; runs on the daemon's io_context.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "firmware-host/base/clock.h"
#include "firmware-host/config/config.h"
#include "firmware-host/daemon/outbox_sender.h"
#include "store/database.h"
#include "store/modem_outages.h"

namespace smsdesk::daemon {

class OutageWatch {
 public:
  // A modem as the watch sees it: its sender's gate, and whether it can
  // send now (for the admins' SMS).
  struct ModemView {
    std::string id;
    const SendGate* gate = nullptr;
    bool can_send = false;
  };
  struct Hooks {
    std::function<std::vector<ModemView>()> modems;              // every modem, in config order
    std::function<bool(const std::string& modem)> check_credit;  // a USSD balance read; false: none
    std::function<void()> changed;  // status line, dashboard, pool, kick the senders
    std::function<std::string(std::int64_t unix_seconds)> local_time;  // "2026-12-07 14:02"
    const Clock* clock = &SystemClock();
  };

  OutageWatch(boost::asio::io_context& io, store::Database& db, config::OutagesConfig config, Hooks hooks);

  // At start: the outage on record for `modem`, if any, which its sender
  // resumes (OutboxSender::ResumeOutage).
  std::optional<store::ModemOutage> Resume(const std::string& modem);
  // A sender's gate changed.
  void OnGateChange(const std::string& modem, const GateChange& change);
  void SetConfig(config::OutagesConfig config);
  void Stop();

 private:
  struct Record {
    std::optional<std::int64_t> outage_id;
    bool alerted = false;  // the journal warned after alert_after
    bool texted = false;   // the admins got the SMS: they get one when it ends
  };
  void Arm();
  void AlertAdmins();
  // One SMS to every admin with a phone, through a modem other than `avoid`
  // that can send; false when there is none.
  bool TellAdmins(const std::string& text, const std::string& avoid);

  boost::asio::io_context& io_;
  store::Database& db_;
  config::OutagesConfig config_;
  Hooks hooks_;
  std::unique_ptr<Timer> timer_;
  std::map<std::string, Record> records_;
  bool stopped_ = false;
};

}  // namespace smsdesk::daemon
