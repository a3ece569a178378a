#include "modem/sim/control_client.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace smsdesk::sim {

modem::Result<nlohmann::json> ControlRequest(const std::string& socket_path,
                                             const nlohmann::json& request,
                                             std::chrono::milliseconds timeout) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof addr.sun_path) return modem::MakeError("socket path too long");
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return modem::MakeError(std::string("socket: ") + std::strerror(errno));
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::string err = std::strerror(errno);
    ::close(fd);
    return modem::MakeError("no simulator on " + socket_path + " (" + err + ")");
  }
  std::string line = request.dump() + "\n";
  std::size_t sent = 0;
  while (sent < line.size()) {
    ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      ::close(fd);
      return modem::MakeError("write to the simulator failed");
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buf[4096];
  while (answer.find('\n') == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      ::close(fd);
      return modem::MakeError(n == 0 ? "the simulator closed the connection"
                                     : "no answer from the simulator in time");
    }
    answer.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  answer.resize(answer.find('\n'));
  nlohmann::json reply = nlohmann::json::parse(answer, nullptr, false);
  if (reply.is_discarded()) return modem::MakeError("the simulator's answer is not JSON");
  return reply;
}

}  // namespace smsdesk::sim
