// The simulator on real pseudo-terminals, driven like a client would: the
// init sequence of docs/modem.md §1, receiving and sending SMS, storage full, and a
// reset that makes the port disappear and come back.
#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include "modem/sim/control_client.h"
#include "modem/sim/simulator.h"
#include "pty_client.h"

namespace smsdesk::sim::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class SimPtyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smsdesk-sim-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    SimulatorConfig config;
    for (int i = 0; i < 2; ++i) {
      ModemConfig mc;
      mc.identity = DefaultIdentity(i);
      mc.identity.profile = FindProfile("generic");
      mc.timing.send_latency = 20ms;
      mc.timing.link_setup = 10ms;
      mc.timing.sm_slots = 3;
      mc.link = (dir_ / ("modem" + std::to_string(i))).string();
      mc.reset_delay = 300ms;
      config.modems.push_back(mc);
    }
    config.control_path = (dir_ / "sim.sock").string();
    socket_ = config.control_path;
    sim_ = std::make_unique<Simulator>(io_, std::move(config));
    auto err = sim_->Start();
    ASSERT_FALSE(err.has_value()) << err->message;
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    boost::asio::post(io_, [this] {
      sim_->Stop();
      io_.stop();
    });
    if (thread_.joinable()) thread_.join();
    sim_.reset();
    fs::remove_all(dir_);
  }
  nlohmann::json Control(const nlohmann::json& request) {
    auto r = ControlRequest(socket_, request);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : nlohmann::json{};
  }
  std::string Link(int i) { return (dir_ / ("modem" + std::to_string(i))).string(); }

  static void Init(PtyClient& c) {
    c.Write("\x1b\r");
    c.Command("AT");
    for (const char* cmd : {"ATZ", "ATE0", "ATV1", "AT+CMEE=1", "AT+CFUN?", "AT+CPIN?", "AT+CMGF=0",
                            "AT+CSCS=\"GSM\"", "AT+CSCA?", "AT+CSMS?", "AT+CPMS=?",
                            "AT+CPMS=\"SM\",\"SM\",\"SM\"", "AT+CNMI=2,1,0,2,0", "AT+CREG=2",
                            "AT+CSQ", "AT+CMGL=4"}) {
      std::string reply = c.Command(cmd);
      EXPECT_TRUE(reply.ends_with("\r\nOK\r\n")) << cmd << " -> " << reply;
    }
  }

  fs::path dir_;
  std::string socket_;
  boost::asio::io_context io_;
  std::unique_ptr<Simulator> sim_;
  std::thread thread_;
};

TEST_F(SimPtyTest, ReceiveReadDeleteAndSend) {
  PtyClient c(Link(0));
  ASSERT_TRUE(c.ok());
  Init(c);
  auto sent = Control({{"cmd", "text"}, {"from", "+491701234567"}, {"text", "Où est la mairie ?"}});
  EXPECT_EQ(sent.value("parts", 0), 1);
  std::string urc = c.ReadUntil("+CMTI: \"SM\",1\r\n");
  ASSERT_NE(urc.find("+CMTI"), std::string::npos) << urc;
  std::string read = c.Command("AT+CMGR=1");
  auto start = read.find("\r\n", read.find("+CMGR:")) + 2;
  auto pdu = modem::DecodePduHex(read.substr(start, read.find("\r\n", start) - start));
  ASSERT_TRUE(pdu.ok()) << read;
  const auto& deliver = std::get<modem::DeliverPdu>(*pdu);
  EXPECT_EQ(deliver.originator.number, "+491701234567");
  EXPECT_EQ(deliver.user_data.text, "Où est la mairie ?");
  EXPECT_EQ(c.Command("AT+CMGD=1"), "\r\nOK\r\n");

  // A 3-part reply to a phone reaches its inbox intact.
  std::string answer(300, 'x');
  answer += " ت";
  modem::SubmitOptions o;
  o.to = "+491701234567";
  modem::ConcatReferenceAllocator refs(1);
  auto parts = modem::EncodeSubmit(answer, o, refs);
  ASSERT_TRUE(parts.ok());
  for (const auto& part : *parts) {
    c.Write("AT+CMGS=" + std::to_string(part.tpdu_length) + "\r");
    ASSERT_NE(c.ReadUntil("> ").find("> "), std::string::npos);
    c.Write(part.Hex() + "\x1a");
    EXPECT_NE(c.ReadUntil("OK\r\n").find("+CMGS: "), std::string::npos);
  }
  auto inbox = Control({{"cmd", "inbox"}, {"number", "+491701234567"}});
  ASSERT_EQ(inbox["messages"].size(), 1u) << inbox.dump();
  EXPECT_EQ(inbox["messages"][0]["text"], answer);
  EXPECT_EQ(inbox["messages"][0]["state"], "delivered");
  EXPECT_EQ(inbox["messages"][0]["modem"], "modem0");

  auto stats = Control({{"cmd", "stats"}, {"modem", "modem0"}});
  const auto& events = stats["modems"][0]["events"];
  int cmgs = 0, cmti = 0;
  for (const auto& e : events) {
    cmgs += e["kind"] == "cmgs";
    cmti += e["kind"] == "cmti";
  }
  EXPECT_EQ(cmti, 1);
  EXPECT_GE(cmgs, 3);
  EXPECT_GT(stats["modems"][0]["commands"]["+CMGS"].get<int>(), 2);
}

TEST_F(SimPtyTest, StorageFullMeansNoCmti) {
  PtyClient c(Link(1));
  ASSERT_TRUE(c.ok());
  Init(c);
  for (int i = 0; i < 4; ++i) {
    Control({{"cmd", "text"}, {"from", "+111"}, {"to", "modem1"}, {"text", "n" + std::to_string(i)}});
  }
  EXPECT_NE(c.ReadUntil("+CMTI: \"SM\",3\r\n").find("+CMTI: \"SM\",3"), std::string::npos);
  EXPECT_EQ(c.ReadUntil("+CMTI", 500ms).find("+CMTI"), std::string::npos);
  EXPECT_EQ(c.Command("AT+CPMS?"), "\r\n+CPMS: \"SM\",3,3,\"SM\",3,3,\"SM\",3,3\r\n\r\nOK\r\n");
  c.Command("AT+CMGD=1");
  EXPECT_NE(c.ReadUntil("+CMTI: \"SM\",1\r\n").find("+CMTI"), std::string::npos);
}

TEST_F(SimPtyTest, ResetDropsThePortAndItComesBack) {
  std::string before = fs::read_symlink(Link(0)).string();
  {
    PtyClient c(Link(0));
    ASSERT_TRUE(c.ok());
    c.Command("ATE0");
    auto r = Control({{"cmd", "fault"}, {"modem", "0"}, {"kind", "reset"}, {"args", {"400ms"}}});
    EXPECT_TRUE(r.value("ok", false)) << r.dump();
    c.ReadUntil("never", 200ms);  // EIO: the port is gone
    EXPECT_FALSE(fs::exists(fs::symlink_status(Link(0))));
  }
  auto deadline = std::chrono::steady_clock::now() + 3s;
  while (!fs::exists(fs::symlink_status(Link(0))) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(fs::exists(Link(0)));
  PtyClient again(Link(0));
  ASSERT_TRUE(again.ok());
  std::string reply = again.Command("AT");
  EXPECT_NE(reply.find("OK"), std::string::npos) << reply;
  auto modems = Control({{"cmd", "modems"}});
  EXPECT_EQ(modems["modems"][0]["resets"], 1);
  EXPECT_EQ(modems["modems"][0]["path"], fs::read_symlink(Link(0)).string());
  (void)before;
}

TEST_F(SimPtyTest, UssdBalanceFallsWithEachSmsPartSent) {
  PtyClient c(Link(0));
  ASSERT_TRUE(c.ok());
  Init(c);
  auto set = Control({{"cmd", "ussd-balance"}, {"modem", "0"}, {"amount", "1.00 EUR"}, {"sms_cost", 0.25}});
  ASSERT_TRUE(set.value("ok", false)) << set.dump();
  modem::SubmitOptions o;
  o.to = "+491701234567";
  modem::ConcatReferenceAllocator refs(2);
  auto parts = modem::EncodeSubmit(std::string(300, 'y'), o, refs);
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts->size(), 2u);
  for (const auto& part : *parts) {
    c.Write("AT+CMGS=" + std::to_string(part.tpdu_length) + "\r");
    ASSERT_NE(c.ReadUntil("> ").find("> "), std::string::npos);
    c.Write(part.Hex() + "\x1a");
    EXPECT_NE(c.ReadUntil("OK\r\n").find("+CMGS: "), std::string::npos);
  }
  c.Write("AT+CUSD=1,\"*100#\",15\r");
  std::string answer = c.ReadUntil("2030.\",15\r\n");
  EXPECT_NE(answer.find("+CUSD: 0,\"Your balance is 0.50 EUR."), std::string::npos) << answer;
  EXPECT_EQ(Control({{"cmd", "ussd-balance"}, {"modem", "0"}})["balance"], "0.50 EUR");
}

TEST_F(SimPtyTest, NetworkOutageEndsByItselfOnTheHostsTimer) {
  PtyClient c(Link(0));
  ASSERT_TRUE(c.ok());
  Init(c);  // AT+CREG=2: registration reports with the cell
  auto down = Control({{"cmd", "network"}, {"modem", "0"}, {"state", "down"}, {"mode", "unregistered"},
                       {"for_ms", 1000}});
  ASSERT_TRUE(down.value("ok", false)) << down.dump();
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_NE(c.ReadUntil("+CREG: 2,\"1A2B\",\"00C3D4E5\"\r\n").find("+CREG: 2,"), std::string::npos);
  EXPECT_EQ(c.Command("AT+CSQ"), "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  modem::SubmitOptions o;
  o.to = "+491701234567";
  modem::ConcatReferenceAllocator refs(3);
  auto part = modem::EncodeSubmit("Your answer", o, refs).value()[0];
  auto send = [&](const std::string& until) {
    c.Write("AT+CMGS=" + std::to_string(part.tpdu_length) + "\r");
    EXPECT_NE(c.ReadUntil("> ").find("> "), std::string::npos);
    c.Write(part.Hex() + "\x1a");
    return c.ReadUntil(until);
  };
  EXPECT_NE(send("\r\n+CMS ERROR: 331\r\n").find("+CMS ERROR: 331"), std::string::npos);

  // Nobody asks: the modem's timer brings the network back.
  std::string back = c.ReadUntil("+CREG: 1,\"1A2B\",\"00C3D4E5\"\r\n", 3s);
  EXPECT_NE(back.find("+CREG: 1,"), std::string::npos) << back;
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 900ms);
  EXPECT_NE(send("OK\r\n").find("+CMGS: "), std::string::npos);

  auto stats = Control({{"cmd", "stats"}, {"modem", "0"}});
  EXPECT_EQ(stats["modems"][0]["network"]["state"], "up");
  std::vector<std::string> kinds;
  for (const auto& e : stats["modems"][0]["events"]) {
    if (e["kind"] != "cmti" && e["kind"] != "boot") kinds.push_back(e["kind"]);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"network_down", "cms_error", "network_up", "cmgs"}));
}

}  // namespace
}  // namespace smsdesk::sim::testing
