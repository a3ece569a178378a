#include "modem/io/port_finder.h"

#include <gtest/gtest.h>

namespace smsdesk::modem {
namespace {

// An EC25 (2c7c:0125: if0 QCDM, if1 NMEA, if2 AT, if3 AT) and a Huawei stick.
std::vector<PortInfo> TwoModems() {
  return {
      {"/dev/ttyUSB0", "/dev/serial/by-id/usb-Quectel_EC25-if00-port0", 0x2c7c, 0x0125, 0, "EC25SN", "EC25"},
      {"/dev/ttyUSB1", "/dev/serial/by-id/usb-Quectel_EC25-if01-port0", 0x2c7c, 0x0125, 1, "EC25SN", "EC25"},
      {"/dev/ttyUSB3", "/dev/serial/by-id/usb-Quectel_EC25-if03-port0", 0x2c7c, 0x0125, 3, "EC25SN", "EC25"},
      {"/dev/ttyUSB2", "/dev/serial/by-id/usb-Quectel_EC25-if02-port0", 0x2c7c, 0x0125, 2, "EC25SN", "EC25"},
      {"/dev/ttyUSB4", "", 0x12d1, 0x1001, 0, "", "E173"},
      {"/dev/ttyS0", "", 0, 0, -1, "", "ttyS0"},
  };
}

TEST(PortFinder, ParsesVidPidAndInterface) {
  PortSelector s;
  ASSERT_TRUE(ParseUsbId("2c7c:0125:2", s));
  EXPECT_EQ(*s.vid, 0x2c7c);
  EXPECT_EQ(*s.pid, 0x0125);
  EXPECT_EQ(*s.interface, 2);
  PortSelector t;
  ASSERT_TRUE(ParseUsbId("12d1:1001", t));
  EXPECT_FALSE(t.interface.has_value());
  for (const char* bad : {"", "12d1", "zz:1001", "12d1:1001:x", "12d1:10011", "1:2:-1"}) {
    PortSelector u;
    EXPECT_FALSE(ParseUsbId(bad, u)) << bad;
  }
}

TEST(PortFinder, SelectsTheAtInterfaceByUsbId) {
  PortSelector s;
  ASSERT_TRUE(ParseUsbId("2c7c:0125:2", s));
  auto m = MatchPorts(TwoModems(), s);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].PreferredPath(), "/dev/serial/by-id/usb-Quectel_EC25-if02-port0");
}

TEST(PortFinder, OrdersByIdNamesFirstThenInterface) {
  PortSelector s;
  s.vid = 0x2c7c;
  auto m = MatchPorts(TwoModems(), s);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].interface, 0);
  EXPECT_EQ(m[1].interface, 1);
  EXPECT_EQ(m[2].interface, 2);
  EXPECT_EQ(m[3].interface, 3);
}

TEST(PortFinder, MatchesByUsbSerialAndByDevicePath) {
  PortSelector s;
  s.usb_serial = "EC25SN";
  s.interface = 3;
  auto m = MatchPorts(TwoModems(), s);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].path, "/dev/ttyUSB3");

  PortSelector d;
  d.device = "/dev/ttyUSB4";
  m = MatchPorts(TwoModems(), d);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].description, "E173");
}

TEST(PortFinder, TakesAnUnlistedDeviceAsNamed) {
  PortSelector d;
  d.device = "/tmp/smsdesk-sim/modem0";
  auto m = MatchPorts(TwoModems(), d);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].PreferredPath(), "/tmp/smsdesk-sim/modem0");
}

TEST(PortFinder, ReturnsNothingForAnAbsentUsbModem) {
  PortSelector s;
  ASSERT_TRUE(ParseUsbId("1e0e:9001", s));
  EXPECT_TRUE(MatchPorts(TwoModems(), s).empty());
}

}  // namespace
}  // namespace smsdesk::modem
