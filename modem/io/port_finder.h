// Finding a modem's serial port: by device path, by USB VID:PID and interface
// number, or by USB serial number (IMEI probing is the driver's job: it needs
// to talk AT). Names under /dev/serial/by-id are preferred because they
// survive re-enumeration (docs/modem.md §4 "Resets").
//
// ListSerialPorts() reads the system (libserialport + sysfs); MatchPorts() is
// pure, so selection rules are unit-tested on made-up port lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smsdesk::modem {

struct PortInfo {
  std::string path;         // /dev/ttyUSB2
  std::string by_id;        // /dev/serial/by-id/usb-Quectel_EC25-if02-port0, or empty
  std::uint16_t vid = 0;    // 0 when not a USB port
  std::uint16_t pid = 0;
  int interface = -1;       // USB interface number (bInterfaceNumber), -1 unknown
  std::string usb_serial;
  std::string description;  // "Quectel EC25" or the driver's name

  // The name to open: by-id when there is one.
  const std::string& PreferredPath() const { return by_id.empty() ? path : by_id; }
};

// What the config says about a modem. Empty fields match anything; at least
// one of device / vid+pid / usb_serial should be set, or IMEI for probing.
struct PortSelector {
  std::string device;  // a path (symlinks resolved when comparing)
  std::optional<std::uint16_t> vid;
  std::optional<std::uint16_t> pid;
  std::optional<int> interface;
  std::string usb_serial;
  std::string imei;  // matched by the driver after probing, not here
};

// Parses "2c7c:0125" or "2c7c:0125:2" (VID:PID[:interface]) into the selector.
bool ParseUsbId(const std::string& text, PortSelector& selector);

// A modem's `device` setting: "usb:2c7c:0125:2", "serial:ABC123",
// "imei:356938035643809" or a path ("/dev/serial/by-id/…", "/dev/ttyUSB2").
bool ParsePortSelector(const std::string& text, PortSelector& selector);

// Every serial port the system knows, USB ones with their identifiers.
std::vector<PortInfo> ListSerialPorts();

// Ports matching the selector, best first (by-id names first, then lowest
// interface number). A selector with only `device` returns that device even
// when it is not listed (pseudo-terminals, symlinks made by `smsdesk sim`).
std::vector<PortInfo> MatchPorts(const std::vector<PortInfo>& ports, const PortSelector& selector,
                                 const std::string& resolved_device = {});

}  // namespace smsdesk::modem
