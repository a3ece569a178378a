#include "modem/io/port_finder.h"

#include <libserialport.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace smsdesk::modem {
namespace {

namespace fs = std::filesystem;

std::string Canonical(const std::string& path) {
  std::error_code ec;
  auto resolved = fs::canonical(path, ec);
  return ec ? path : resolved.string();
}

std::optional<unsigned> ParseHex(std::string_view s) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, 16);
  if (ec != std::errc() || end != s.data() + s.size() || value > 0xFFFF) return std::nullopt;
  return value;
}

// /sys/class/tty/ttyUSB2/device is the USB interface directory; its
// bInterfaceNumber tells which function of a multi-port modem this is
// (EC25: if02 and if03 are AT ports, docs/modem.md §4).
int InterfaceNumber(const std::string& device_path) {
  const std::string name = fs::path(device_path).filename().string();
  std::ifstream in("/sys/class/tty/" + name + "/device/bInterfaceNumber");
  std::string text;
  if (!(in >> text)) return -1;
  auto n = ParseHex(text);
  return n ? static_cast<int>(*n) : -1;
}

std::string ByIdName(const std::string& canonical_path) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/dev/serial/by-id", ec)) {
    if (Canonical(entry.path().string()) == canonical_path) return entry.path().string();
  }
  return {};
}

std::string OrEmpty(const char* s) { return s ? s : ""; }

}  // namespace

bool ParseUsbId(const std::string& text, PortSelector& selector) {
  const auto first = text.find(':');
  if (first == std::string::npos) return false;
  const auto second = text.find(':', first + 1);
  auto vid = ParseHex(std::string_view(text).substr(0, first));
  auto pid = ParseHex(std::string_view(text).substr(first + 1, second == std::string::npos
                                                                   ? std::string::npos
                                                                   : second - first - 1));
  if (!vid || !pid) return false;
  selector.vid = static_cast<std::uint16_t>(*vid);
  selector.pid = static_cast<std::uint16_t>(*pid);
  if (second != std::string::npos) {
    int iface = 0;
    const std::string_view rest = std::string_view(text).substr(second + 1);
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), iface);
    if (ec != std::errc() || end != rest.data() + rest.size() || iface < 0) return false;
    selector.interface = iface;
  }
  return true;
}

std::vector<PortInfo> ListSerialPorts() {
  std::vector<PortInfo> ports;
  sp_port** list = nullptr;
  if (sp_list_ports(&list) != SP_OK) return ports;
  for (sp_port** p = list; *p != nullptr; ++p) {
    PortInfo info;
    info.path = OrEmpty(sp_get_port_name(*p));
    info.description = OrEmpty(sp_get_port_description(*p));
    if (sp_get_port_transport(*p) == SP_TRANSPORT_USB) {
      int vid = 0, pid = 0;
      if (sp_get_port_usb_vid_pid(*p, &vid, &pid) == SP_OK) {
        info.vid = static_cast<std::uint16_t>(vid);
        info.pid = static_cast<std::uint16_t>(pid);
      }
      info.usb_serial = OrEmpty(sp_get_port_usb_serial(*p));
      info.interface = InterfaceNumber(info.path);
    }
    info.by_id = ByIdName(Canonical(info.path));
    ports.push_back(std::move(info));
  }
  sp_free_port_list(list);
  return ports;
}

std::vector<PortInfo> MatchPorts(const std::vector<PortInfo>& ports, const PortSelector& selector,
                                 const std::string& resolved_device) {
  std::vector<PortInfo> matches;
  for (const auto& port : ports) {
    if (!selector.device.empty()) {
      const std::string& want = resolved_device.empty() ? selector.device : resolved_device;
      if (port.path != want && port.by_id != selector.device && Canonical(port.path) != want) continue;
    }
    if (selector.vid && port.vid != *selector.vid) continue;
    if (selector.pid && port.pid != *selector.pid) continue;
    if (selector.interface && port.interface != *selector.interface) continue;
    if (!selector.usb_serial.empty() && port.usb_serial != selector.usb_serial) continue;
    matches.push_back(port);
  }
  if (matches.empty() && !selector.device.empty() && !selector.vid && selector.usb_serial.empty()) {
    // Not a listed serial port (a pseudo-terminal, a symlink): take it as named.
    matches.push_back(PortInfo{.path = selector.device});
  }
  std::stable_sort(matches.begin(), matches.end(), [](const PortInfo& a, const PortInfo& b) {
    if (a.by_id.empty() != b.by_id.empty()) return !a.by_id.empty();
    return a.interface < b.interface;
  });
  return matches;
}

bool ParsePortSelector(const std::string& text, PortSelector& selector) {
  if (text.rfind("usb:", 0) == 0) return ParseUsbId(text.substr(4), selector);
  if (text.rfind("serial:", 0) == 0) {
    selector.usb_serial = text.substr(7);
    return !selector.usb_serial.empty();
  }
  if (text.rfind("imei:", 0) == 0) {
    selector.imei = text.substr(5);
    return selector.imei.size() >= 14;
  }
  selector.device = text;
  return !text.empty();
}

}  // namespace smsdesk::modem
