#include "modem/sim/pty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace smsdesk::sim {
namespace {

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

std::optional<modem::Error> ReplaceSymlink(const std::string& target, const std::string& link) {
  std::string tmp = link + ".tmp" + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) return modem::MakeError(Errno(("symlink " + link).c_str()));
  if (::rename(tmp.c_str(), link.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return modem::MakeError(Errno(("rename to " + link).c_str()));
  }
  return std::nullopt;
}

modem::Result<std::unique_ptr<Pty>> Pty::Open(boost::asio::io_context& io, std::string link) {
  int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) return modem::MakeError(Errno("posix_openpt"));
  if (::grantpt(master) != 0 || ::unlockpt(master) != 0) {
    ::close(master);
    return modem::MakeError(Errno("grantpt/unlockpt"));
  }
  char name[128];
  if (::ptsname_r(master, name, sizeof name) != 0) {
    ::close(master);
    return modem::MakeError(Errno("ptsname"));
  }
  int slave = ::open(name, O_RDWR | O_NOCTTY);
  if (slave < 0) {
    ::close(master);
    return modem::MakeError(Errno("open slave"));
  }
  termios tio{};
  if (::tcgetattr(slave, &tio) == 0) {
    ::cfmakeraw(&tio);
    ::cfsetspeed(&tio, B115200);
    ::tcsetattr(slave, TCSANOW, &tio);
  }
  ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
  ::fcntl(master, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave, F_SETFD, FD_CLOEXEC);
  if (!link.empty()) {
    if (auto err = ReplaceSymlink(name, link)) {
      ::close(slave);
      ::close(master);
      return *err;
    }
  }
  return std::unique_ptr<Pty>(new Pty(io, master, slave, name, std::move(link)));
}

Pty::Pty(boost::asio::io_context& io, int master_fd, int slave_fd, std::string slave_path,
         std::string link)
    : master_(io, master_fd), slave_fd_(slave_fd), slave_path_(std::move(slave_path)),
      link_(std::move(link)) {}

Pty::~Pty() { Close(); }

void Pty::StartReading(DataHandler on_data) {
  on_data_ = std::move(on_data);
  ReadMore();
}

void Pty::ReadMore() {
  if (!master_.is_open()) return;
  std::weak_ptr<bool> alive = alive_;
  master_.async_read_some(boost::asio::buffer(buffer_),
                          [this, alive](const boost::system::error_code& ec, std::size_t n) {
                            if (alive.expired() || ec) return;  // closed, or EIO: stop
                            if (on_data_) on_data_(std::string_view(buffer_, n));
                            ReadMore();
                          });
}

std::size_t Pty::Write(std::string_view bytes) {
  if (!master_.is_open()) return bytes.size();
  while (!bytes.empty()) {
    ssize_t n = ::write(master_.native_handle(), bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return bytes.size();
}

void Pty::Close() {
  alive_ = std::make_shared<bool>(true);  // expires pending read handlers
  boost::system::error_code ignored;
  if (master_.is_open()) master_.close(ignored);
  if (slave_fd_ >= 0) {
    ::close(slave_fd_);
    slave_fd_ = -1;
  }
  if (!link_.empty()) {
    // Only remove the link while it still points at our slave.
    char target[256];
    ssize_t n = ::readlink(link_.c_str(), target, sizeof target - 1);
    if (n > 0 && std::string(target, static_cast<std::size_t>(n)) == slave_path_) ::unlink(link_.c_str());
    link_.clear();
  }
}

}  // namespace smsdesk::sim
