// Pty: one pseudo-terminal pair that looks like a modem's serial port to a
// client. The master side is ours (read with Boost.Asio); the client opens the
// slave path (/dev/pts/N) or the symlink made for it. We keep a slave fd open
// ourselves so that a client closing the port does not make the master read
// EIO (POSIX: the master hangs up when the last slave fd closes).
//
// Owned by ModemHost; used on the io_context's thread only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "modem/result.h"

namespace smsdesk::sim {

class Pty {
 public:
  using DataHandler = std::function<void(std::string_view)>;

  // Opens a new pair in raw mode (posix_openpt, grantpt, unlockpt, cfmakeraw).
  // A non-empty `link` is (re)pointed at the slave path, atomically.
  static modem::Result<std::unique_ptr<Pty>> Open(boost::asio::io_context& io, std::string link);

  ~Pty();
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  const std::string& slave_path() const { return slave_path_; }
  const std::string& link() const { return link_; }

  // Starts the read loop; `on_data` gets every chunk the client writes.
  void StartReading(DataHandler on_data);

  // Writes without blocking; what the terminal cannot take is dropped (a
  // real modem's output is lost too when nobody reads the port). Returns the
  // number of bytes dropped.
  std::size_t Write(std::string_view bytes);

  // Closes both sides and removes the symlink: the port disappears.
  void Close();

 private:
  Pty(boost::asio::io_context& io, int master_fd, int slave_fd, std::string slave_path,
      std::string link);
  void ReadMore();

  boost::asio::posix::stream_descriptor master_;
  int slave_fd_ = -1;
  std::string slave_path_;
  std::string link_;
  DataHandler on_data_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  char buffer_[1024];
};

// Points `link` at `target`, atomically replacing an older symlink.
std::optional<modem::Error> ReplaceSymlink(const std::string& target, const std::string& link);

}  // namespace smsdesk::sim
