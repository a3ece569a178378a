// The real serial port: a tty opened raw 8N1, no flow control, baud left
// alone (meaningless on USB, docs/modem.md §5), read and written with Boost.Asio
// on the driver's io_context. SystemPortOpener finds ports with port_finder.
//
// This file pair is the only place that touches a tty (docs/style.md).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "modem/io/byte_stream.h"

namespace smsdesk::modem {

// Opens `path` (O_NOCTTY, exclusive with TIOCEXCL, raw mode). Errors: ENOENT
// while the port is away, EBUSY when another program holds it.
Result<std::unique_ptr<ByteStream>> OpenSerialPort(boost::asio::io_context& io, const std::string& path);

class SystemPortOpener : public PortOpener {
 public:
  explicit SystemPortOpener(boost::asio::io_context& io) : io_(io) {}
  std::vector<std::string> Candidates(const PortSelector& selector) override;
  Result<std::unique_ptr<ByteStream>> Open(const std::string& path) override;

 private:
  boost::asio::io_context& io_;
};

}  // namespace smsdesk::modem
