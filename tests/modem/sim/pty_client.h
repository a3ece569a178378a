// A minimal AT client on a real pseudo-terminal, for integration tests.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace smsdesk::sim::testing {

class PtyClient {
 public:
  explicit PtyClient(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd_ >= 0) {
      termios tio{};
      ::tcgetattr(fd_, &tio);
      ::cfmakeraw(&tio);
      ::tcsetattr(fd_, TCSANOW, &tio);
      ::tcflush(fd_, TCIOFLUSH);
    }
  }
  ~PtyClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

  void Write(const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
      ssize_t n = ::write(fd_, s.data() + off, s.size() - off);
      if (n > 0) off += static_cast<std::size_t>(n);
      else ::usleep(1000);
    }
  }

  // Reads until `needle` appears or `timeout` passes; returns all read.
  std::string ReadUntil(const std::string& needle,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (buffer_.find(needle) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buf[512];
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) break;  // EIO: the port went away
      buffer_.append(buf, static_cast<std::size_t>(n));
    }
    auto pos = buffer_.find(needle);
    std::string out;
    if (pos == std::string::npos) {
      out = std::move(buffer_);
      buffer_.clear();
    } else {
      out = buffer_.substr(0, pos + needle.size());
      buffer_.erase(0, pos + needle.size());
    }
    return out;
  }

  // Sends a command line and returns the reply up to its final OK/ERROR.
  std::string Command(const std::string& line) {
    Write(line + "\r");
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      out += ReadUntil("\r\n", std::chrono::milliseconds(200));
      if (out.ends_with("\r\nOK\r\n") || out.ends_with("ERROR\r\n") ||
          out.find("ERROR: ") != std::string::npos) {
        if (out.ends_with("\r\n")) break;
      }
    }
    return out;
  }

 private:
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace smsdesk::sim::testing
