#include "firmware-host/daemon/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>

namespace smsdesk::daemon {
namespace {

// systemd connects stderr to the journal and says so in JOURNAL_STREAM
// ("DEVICE:INODE" of that stream, systemd.exec(5)); only then do we write to
// journald directly, so each line keeps its priority (journalctl -p warning).
// Redirected elsewhere (a file, a pipe of our own), stderr stays plain text.
bool StderrIsTheJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  unsigned long long device = 0, inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == device && static_cast<unsigned long long>(st.st_ino) == inode;
}

}  // namespace

void SetUpLogging(const std::string& level) {
  if (!spdlog::get("smsdesk")) {
    if (StderrIsTheJournal()) {
      auto sink = std::make_shared<spdlog::sinks::systemd_sink_st>("smsdesk", /*enable_formatting=*/true);
      spdlog::set_default_logger(std::make_shared<spdlog::logger>("smsdesk", std::move(sink)));
    } else {
      spdlog::set_default_logger(spdlog::stderr_logger_st("smsdesk"));
    }
  }
  // journald adds its own timestamps and priorities; a terminal gets ours.
  if (StderrIsTheJournal()) {
    spdlog::set_pattern("%v");
  } else {
    spdlog::set_pattern(::isatty(STDERR_FILENO) ? "%H:%M:%S.%e %^%l%$ %v" : "%l %v");
  }
  spdlog::set_level(spdlog::level::from_str(level));
}

std::string MaskNumber(std::string_view number) {
  if (number.size() <= 4) return std::string(number);
  return "…" + std::string(number.substr(number.size() - 4));
}

}  // namespace smsdesk::daemon
