#include "modem/sim/virtual_network.h"

#include <gtest/gtest.h>

namespace smsdesk::sim {
namespace {

struct Delivered {
  std::string modem;
  std::vector<modem::EncodedPdu> parts;
  std::string id;
};

struct NetworkHarness {
  NetworkHarness()
      : net([this](const std::string& number, std::vector<modem::EncodedPdu> parts,
                   const std::string& id) { delivered.push_back({number, std::move(parts), id}); }) {
    net.AddModem("+15550000001", "modem0");
    net.AddModem("+15550000002", "modem1");
  }
  // What a modem's SUBMIT parts for `text` look like after decoding.
  static std::vector<modem::SubmitPdu> Parts(const std::string& to, const std::string& text) {
    modem::SubmitOptions o;
    o.to = to;
    modem::ConcatReferenceAllocator refs(3);
    std::vector<modem::SubmitPdu> out;
    auto encoded = modem::EncodeSubmit(text, o, refs);
    for (const auto& p : encoded.value()) {
      out.push_back(std::get<modem::SubmitPdu>(*modem::DecodePdu(p.octets)));
    }
    return out;
  }
  static std::string Text(const std::vector<modem::EncodedPdu>& parts) {
    std::map<int, std::string> bySeq;
    for (const auto& p : parts) {
      auto d = std::get<modem::DeliverPdu>(*modem::DecodePdu(p.octets));
      int seq = d.user_data.header && d.user_data.header->concat ? d.user_data.header->concat->sequence : 1;
      bySeq[seq] = d.user_data.text;
    }
    std::string t;
    for (auto& [s, x] : bySeq) t += x;
    return t;
  }

  std::vector<Delivered> delivered;
  VirtualNetwork net;
};

TEST(VirtualNetwork, PhoneTextsAModemInParts) {
  NetworkHarness h;
  std::string text(400, 'a');
  auto r = h.net.SendText("InfoSMS", "+15550000002", text, true);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->parts, 3);
  ASSERT_EQ(h.delivered.size(), 1u);
  EXPECT_EQ(h.delivered[0].modem, "+15550000002");
  EXPECT_EQ(NetworkHarness::Text(h.delivered[0].parts), text);
  auto first = std::get<modem::DeliverPdu>(*modem::DecodePdu(h.delivered[0].parts[0].octets));
  EXPECT_EQ(first.originator.number, "InfoSMS");
  EXPECT_FALSE(h.net.SendText("+1", "+19999", "x", false).ok());  // not a modem
}

TEST(VirtualNetwork, SubmitPartsReassembleInThePhoneInbox) {
  NetworkHarness h;
  std::string text = "مرحبا " + std::string(150, 'b');
  auto parts = NetworkHarness::Parts("+447700900123", text);
  ASSERT_GT(parts.size(), 1u);
  h.net.OnSubmit("+15550000001", parts[1], 7);
  const Phone* phone = h.net.FindPhone("+447700900123");
  ASSERT_NE(phone, nullptr);
  ASSERT_EQ(phone->inbox.size(), 1u);
  EXPECT_EQ(phone->inbox[0].state, "partial");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 1) h.net.OnSubmit("+15550000001", parts[i], static_cast<std::uint8_t>(8 + i));
  }
  ASSERT_EQ(phone->inbox.size(), 1u);
  EXPECT_EQ(phone->inbox[0].state, "delivered");
  EXPECT_EQ(phone->inbox[0].text, text);
  EXPECT_EQ(phone->inbox[0].modem, "modem0");
  EXPECT_TRUE(h.delivered.empty());
}

TEST(VirtualNetwork, ModemToModemAndRobots) {
  NetworkHarness h;
  h.net.OnSubmit("+15550000001", NetworkHarness::Parts("+15550000002", "hello box")[0], 1);
  ASSERT_EQ(h.delivered.size(), 1u);
  EXPECT_EQ(h.delivered[0].modem, "+15550000002");
  EXPECT_EQ(NetworkHarness::Text(h.delivered[0].parts), "hello box");

  h.net.SetRobot("+33600000000", "Thanks!");
  h.net.OnSubmit("+15550000002", NetworkHarness::Parts("+33600000000", "ping")[0], 2);
  ASSERT_EQ(h.delivered.size(), 2u);
  EXPECT_EQ(h.delivered[1].modem, "+15550000002");
  EXPECT_EQ(NetworkHarness::Text(h.delivered[1].parts), "Thanks!");
  EXPECT_EQ(h.net.FindPhone("+33600000000")->inbox.size(), 1u);
}

}  // namespace
}  // namespace smsdesk::sim
