// A real modem::ModemDriver talking to the in-process virtual modem, for the
// tests of what sits on top of the driver (credit checks, the outbox
// sender, the credit watch): no pseudo-terminal, no other process.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "modem/io/byte_stream.h"
#include "modem/io/modem_driver.h"
#include "modem/io/port_finder.h"
#include "modem/sim/sim_profiles.h"
#include "modem/sim/virtual_modem.h"

namespace smsdesk::test_util {

// The virtual modem behind the driver's ByteStream, without a pty: what the
// driver writes is fed to the modem, what the modem answers comes back on the
// io_context (never from inside Write, as ByteStream promises), and a timer
// wakes the modem at its next deadline (ModemHost's job on a real pty). The
// modem runs on real steady time, like the driver.
class VirtualModemLink {
 public:
  using Clock = std::chrono::steady_clock;

  VirtualModemLink(boost::asio::io_context& io, const char* profile, sim::ModemTiming timing,
                   sim::VirtualModem::Hooks hooks = {})
      : modem(Identity(profile), timing, Clock::now(), std::move(hooks)), io_(io), timer_(io) {}

  void Start(modem::ByteStream::DataHandler on_data, modem::ByteStream::ClosedHandler on_closed) {
    alive_ = std::make_shared<bool>(true);
    on_data_ = std::move(on_data);
    on_closed_ = std::move(on_closed);
    Pump();
  }
  void Write(std::string_view bytes) {
    written += bytes;
    if (!hang_on.empty() && written.find(hang_on) != std::string::npos) return;
    modem.Feed(bytes, Clock::now());
    Pump();
  }
  void Close() { *alive_ = false; }
  // The USB cable pulled: the read loop ends with EIO.
  void Vanish() {
    boost::asio::post(io_, [this, alive = alive_] {
      if (!*alive) return;
      *alive = false;
      on_closed_("EIO (test)");
    });
  }
  int Count(std::string_view line) const {
    int n = 0;
    for (auto at = written.find(line); at != std::string::npos; at = written.find(line, at + 1)) ++n;
    return n;
  }

  sim::VirtualModem modem;
  std::string written, answered;
  std::string hang_on;  // once the driver has written this, the modem hears nothing more
  bool away = false;    // the opener finds no port

 private:
  static sim::ModemIdentity Identity(const char* profile) {
    sim::ModemIdentity id;
    id.profile = sim::FindProfile(profile);
    return id;
  }
  void Pump() {
    std::string out = modem.TakeOutput();
    if (!out.empty()) {
      answered += out;
      boost::asio::post(io_, [this, out, alive = alive_] {
        if (*alive) on_data_(out);
      });
    }
    if (auto deadline = modem.NextDeadline()) {
      timer_.expires_at(*deadline);
      timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        modem.Advance(Clock::now());
        Pump();
      });
    }
  }

  boost::asio::io_context& io_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(false);
  modem::ByteStream::DataHandler on_data_;
  modem::ByteStream::ClosedHandler on_closed_;
};

class LinkStream : public modem::ByteStream {
 public:
  explicit LinkStream(VirtualModemLink& link) : link_(link) {}
  void Start(DataHandler d, ClosedHandler c) override { link_.Start(std::move(d), std::move(c)); }
  void Write(std::string_view bytes) override { link_.Write(bytes); }
  void Close() override { link_.Close(); }
  const std::string& name() const override { return name_; }

 private:
  VirtualModemLink& link_;
  std::string name_ = "virtual0";
};

class LinkOpener : public modem::PortOpener {
 public:
  explicit LinkOpener(VirtualModemLink& link) : link_(link) {}
  std::vector<std::string> Candidates(const modem::PortSelector&) override {
    return link_.away ? std::vector<std::string>{} : std::vector<std::string>{"virtual0"};
  }
  modem::Result<std::unique_ptr<modem::ByteStream>> Open(const std::string&) override {
    return std::unique_ptr<modem::ByteStream>(std::make_unique<LinkStream>(link_));
  }

 private:
  VirtualModemLink& link_;
};

// Runs `io` on real time in short turns until `done` holds or `limit` has
// passed; returns `done()`. The limit only bounds a test that fails: nothing
// is asserted about how long the exchange took.
inline bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& done,
                     std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done() && std::chrono::steady_clock::now() < end) {
    io.restart();
    io.run_for(std::chrono::milliseconds(2));
  }
  return done();
}

// A virtual modem that answers at once: sends, USSD and boot take
// milliseconds of real time; no status reports arrive in the middle of a test.
inline sim::ModemTiming FastModem() {
  using namespace std::chrono_literals;
  sim::ModemTiming t;
  t.send_latency = 5ms;
  t.link_setup = 1ms;
  t.boot_ready_delay = 5ms;
  t.ussd_latency = 5ms;
  t.status_report_delay = 1h;
  return t;
}

// Driver timings for FastModem: short timeouts, no sweeps or idle probes
// during a test.
inline modem::ModemDriverOptions FastDriver() {
  using namespace std::chrono_literals;
  modem::ModemDriverOptions o;
  o.modem_id = "m0";
  o.init_command_timeout = 1s;
  o.sweep_interval = o.sweep_interval_without_urcs = 1h;
  o.idle_probe = 1h;
  o.ussd_timeout = 2s;
  o.reopen_poll = 20ms;
  return o;
}

}  // namespace smsdesk::test_util
