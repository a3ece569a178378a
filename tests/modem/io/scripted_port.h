// A scripted fake serial port for driver unit tests (python-gsmmodem
// fakemodems / ModemManager gsm-port.conf style): a table of expected writes
// and canned replies. Rules are tried in order; a rule with `times` left
// answers and counts down, so "AT+CPIN?" can answer +CME ERROR: 14 twice and
// then READY. A written line no rule matches answers OK when it starts with
// AT. The PDU after "> " is seen as "PDU:<hex>", ESC as "<ESC>".
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "modem/io/byte_stream.h"

namespace smsdesk::modem::testing {

struct Rule {
  std::string expect;  // exact, or a prefix when it ends with '*'
  std::string reply;   // bytes; "" answers nothing (a dropped response)
  int times = -1;      // -1: forever
  std::chrono::milliseconds delay{1};
};

inline std::string Lines(std::initializer_list<std::string> lines) {
  std::string out;
  for (const auto& l : lines) out += "\r\n" + l + "\r\n";
  return out;
}

class ScriptedPort {
 public:
  explicit ScriptedPort(boost::asio::io_context& io) : io_(io) {}

  std::vector<Rule> rules;
  std::vector<std::string> written;  // every line/PDU/ESC in order
  bool hung = false;                 // answers nothing at all
  int opens = 0;

  void Prepend(Rule rule) { rules.insert(rules.begin(), std::move(rule)); }
  void Add(Rule rule) { rules.push_back(std::move(rule)); }
  int Count(const std::string& line) const {
    int n = 0;
    for (const auto& w : written) n += (w == line || (line.back() == '*' && w.rfind(line.substr(0, line.size() - 1), 0) == 0));
    return n;
  }
  void Inject(std::string bytes) {
    boost::asio::post(io_, [this, bytes, alive = alive_] {
      if (*alive && on_data_) on_data_(bytes);
    });
  }
  void Vanish() {
    boost::asio::post(io_, [this, alive = alive_] {
      if (!*alive) return;
      *alive = false;
      if (on_closed_) on_closed_("EIO (test)");
    });
  }

  // ByteStream side.
  void Start(ByteStream::DataHandler d, ByteStream::ClosedHandler c) {
    alive_ = std::make_shared<bool>(true);
    on_data_ = std::move(d);
    on_closed_ = std::move(c);
    ++opens;
  }
  void Close() { *alive_ = false; }
  void Write(std::string_view bytes) {
    for (char ch : bytes) {
      if (ch == '\r' || ch == '\x1A' || ch == '\x1B') {
        std::string token = ch == '\x1A' ? "PDU:" + partial_ : ch == '\x1B' ? "<ESC>" : partial_;
        partial_.clear();
        if (!token.empty()) OnToken(token);
      } else if (ch != '\n') {
        partial_ += ch;
      }
    }
  }

 private:
  void OnToken(const std::string& token) {
    written.push_back(token);
    if (hung) return;
    for (Rule& rule : rules) {
      if (rule.times == 0) continue;
      const bool match = rule.expect.back() == '*' ? token.rfind(rule.expect.substr(0, rule.expect.size() - 1), 0) == 0
                                                   : token == rule.expect;
      if (!match) continue;
      if (rule.times > 0) --rule.times;
      Reply(rule.reply, rule.delay);
      return;
    }
    if (token.rfind("AT", 0) == 0) Reply("\r\nOK\r\n", std::chrono::milliseconds{1});
  }
  void Reply(const std::string& bytes, std::chrono::milliseconds delay) {
    if (bytes.empty()) return;
    auto timer = std::make_shared<boost::asio::steady_timer>(io_, delay);
    timer->async_wait([this, timer, bytes, alive = alive_](const boost::system::error_code& ec) {
      if (!ec && *alive && on_data_ && !hung) on_data_(bytes);
    });
  }

  boost::asio::io_context& io_;
  std::string partial_;
  ByteStream::DataHandler on_data_;
  ByteStream::ClosedHandler on_closed_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(false);
};

class ScriptedStream : public ByteStream {
 public:
  explicit ScriptedStream(std::shared_ptr<ScriptedPort> port) : port_(std::move(port)) {}
  void Start(DataHandler d, ClosedHandler c) override { port_->Start(std::move(d), std::move(c)); }
  void Write(std::string_view bytes) override { port_->Write(bytes); }
  void Close() override { port_->Close(); }
  const std::string& name() const override { return name_; }

 private:
  std::shared_ptr<ScriptedPort> port_;
  std::string name_ = "fake0";
};

// Hands out the same scripted port each time it is opened, unless `away`.
class ScriptedOpener : public PortOpener {
 public:
  explicit ScriptedOpener(std::shared_ptr<ScriptedPort> port) : port(std::move(port)) {}
  std::shared_ptr<ScriptedPort> port;
  bool away = false;
  int candidates_asked = 0;
  std::vector<std::string> Candidates(const PortSelector&) override {
    ++candidates_asked;
    if (away) return {};
    return {"fake0"};
  }
  Result<std::unique_ptr<ByteStream>> Open(const std::string&) override {
    if (away) return MakeError("ENOENT");
    return std::unique_ptr<ByteStream>(std::make_unique<ScriptedStream>(port));
  }
};

// A generic 27.005/27.007 modem: init answers and an empty ME storage.
inline std::vector<Rule> GenericModem() {
  return {
      {"AT+CGMI", Lines({"FakeCo", "OK"})},
      {"AT+CGMM", Lines({"Fake 1", "OK"})},
      {"AT+CGMR", Lines({"1.0", "OK"})},
      {"AT+CGSN", Lines({"356938035643809", "OK"})},
      {"AT+CIMI", Lines({"001010000000001", "OK"})},
      {"AT+CFUN?", Lines({"+CFUN: 1", "OK"})},
      {"AT+CPIN?", Lines({"+CPIN: READY", "OK"})},
      {"AT+CSCA?", Lines({"+CSCA: \"+15550000100\",145", "OK"})},
      {"AT+CPMS=?", Lines({"+CPMS: (\"ME\",\"SM\"),(\"ME\",\"SM\"),(\"ME\",\"SM\")", "OK"})},
      {"AT+CPMS=\"ME\",\"ME\",\"ME\"", Lines({"+CPMS: 0,25,0,25,0,25", "OK"})},
      {"AT+CPMS=\"SM\"", Lines({"+CPMS: 0,10,0,25,0,25", "OK"})},
      {"AT+CPMS=\"ME\"", Lines({"+CPMS: 0,25,0,25,0,25", "OK"})},
      {"AT+CPMS?", Lines({"+CPMS: \"ME\",0,25,\"ME\",0,25,\"ME\",0,25", "OK"})},
      {"AT+CNMI=?", Lines({"+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)", "OK"})},
      {"AT+CSQ", Lines({"+CSQ: 17,99", "OK"})},
      {"AT+CREG?", Lines({"+CREG: 2,1,\"1234\",\"001122BB\"", "OK"})},
      {"AT+COPS?", Lines({"+COPS: 0,0,\"Fake Net\",2", "OK"})},
      {"AT+CMGL=4", Lines({"OK"})},
  };
}

}  // namespace smsdesk::modem::testing
