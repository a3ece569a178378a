#include "modem/io/serial_port.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/write.hpp>

namespace smsdesk::modem {
namespace {

class SerialStream : public ByteStream {
 public:
  SerialStream(boost::asio::io_context& io, int fd, std::string name)
      : descriptor_(io, fd), name_(std::move(name)) {}
  ~SerialStream() override { Close(); }

  void Start(DataHandler on_data, ClosedHandler on_closed) override {
    on_data_ = std::move(on_data);
    on_closed_ = std::move(on_closed);
    ReadMore();
  }

  void Write(std::string_view bytes) override {
    if (!descriptor_.is_open() || bytes.empty()) return;
    const bool idle = pending_.empty();
    pending_.emplace_back(bytes);
    if (idle) WriteMore();
  }

  void Close() override {
    *alive_ = false;
    alive_ = std::make_shared<bool>(false);
    boost::system::error_code ignored;
    if (descriptor_.is_open()) descriptor_.close(ignored);
    pending_.clear();
  }

  const std::string& name() const override { return name_; }

 private:
  void ReadMore() {
    descriptor_.async_read_some(boost::asio::buffer(buffer_),
                                [this, alive = alive_](const boost::system::error_code& ec, std::size_t n) {
                                  if (!*alive) return;
                                  if (ec) {
                                    Fail(ec.message());
                                    return;
                                  }
                                  on_data_(std::string_view(buffer_.data(), n));
                                  if (*alive) ReadMore();
                                });
  }

  void WriteMore() {
    boost::asio::async_write(descriptor_, boost::asio::buffer(pending_.front()),
                             [this, alive = alive_](const boost::system::error_code& ec, std::size_t) {
                               if (!*alive) return;
                               if (ec) {
                                 Fail("write: " + ec.message());
                                 return;
                               }
                               pending_.pop_front();
                               if (!pending_.empty()) WriteMore();
                             });
  }

  void Fail(const std::string& reason) {
    ClosedHandler handler = on_closed_;
    Close();
    if (handler) handler(reason);
  }

  boost::asio::posix::stream_descriptor descriptor_;
  std::string name_;
  DataHandler on_data_;
  ClosedHandler on_closed_;
  std::deque<std::string> pending_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::array<char, 2048> buffer_{};
};

std::string ErrnoText(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

Result<std::unique_ptr<ByteStream>> OpenSerialPort(boost::asio::io_context& io, const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return MakeError(ErrnoText("open", path));
  // Keep a second smsdesk (or ModemManager) from opening the same port.
  ::ioctl(fd, TIOCEXCL);
  termios tio{};
  if (::tcgetattr(fd, &tio) == 0) {
    ::cfmakeraw(&tio);  // 8 data bits, no parity, no echo, no line editing
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);  // 1 stop bit, no RTS/CTS
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    ::tcsetattr(fd, TCSANOW, &tio);
    ::tcflush(fd, TCIOFLUSH);
  }
  return std::unique_ptr<ByteStream>(std::make_unique<SerialStream>(io, fd, path));
}

std::vector<std::string> SystemPortOpener::Candidates(const PortSelector& selector) {
  std::vector<std::string> paths;
  const bool path_only = !selector.device.empty() && !selector.vid && selector.usb_serial.empty();
  if (path_only) {
    // A pseudo-terminal or a symlink: no need to enumerate every tty each
    // second while the port is away (the poll after a reset).
    std::error_code ec;
    if (std::filesystem::exists(selector.device, ec)) paths.push_back(selector.device);
    return paths;
  }
  for (const PortInfo& port : MatchPorts(ListSerialPorts(), selector)) {
    paths.push_back(port.PreferredPath());
  }
  return paths;
}

Result<std::unique_ptr<ByteStream>> SystemPortOpener::Open(const std::string& path) {
  return OpenSerialPort(io_, path);
}

}  // namespace smsdesk::modem
