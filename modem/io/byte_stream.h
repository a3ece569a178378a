// ByteStream: the one interface between the modem driver and a serial port,
// so unit tests swap in a scripted fake port (tests/modem/io/scripted_port.h)
// and integration tests use real pseudo-terminals (ninja's "fake runner"
// pattern, docs/style.md). PortOpener finds and opens ports by selector.
//
// Handlers run on the io_context that owns the stream, never from inside
// Write() or Close(); after Close() no handler runs again.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "modem/io/port_finder.h"
#include "modem/result.h"

namespace smsdesk::modem {

class ByteStream {
 public:
  using DataHandler = std::function<void(std::string_view bytes)>;
  // The port closed under us: EOF, EIO (the USB device disappeared, the
  // simulator's pty went away), or another read error.
  using ClosedHandler = std::function<void(const std::string& reason)>;

  virtual ~ByteStream() = default;
  // Starts the read loop.
  virtual void Start(DataHandler on_data, ClosedHandler on_closed) = 0;
  // Queues bytes for writing; write errors are reported through on_closed.
  virtual void Write(std::string_view bytes) = 0;
  // Idempotent. No handler runs after it.
  virtual void Close() = 0;
  // The path it was opened as, for logs.
  virtual const std::string& name() const = 0;
};

class PortOpener {
 public:
  virtual ~PortOpener() = default;
  // Paths that may be the modem, best first; empty while it is unplugged or
  // re-enumerating. For an IMEI selector: every candidate port (the driver
  // probes each one with AT+CGSN).
  virtual std::vector<std::string> Candidates(const PortSelector& selector) = 0;
  virtual Result<std::unique_ptr<ByteStream>> Open(const std::string& path) = 0;
};

}  // namespace smsdesk::modem
