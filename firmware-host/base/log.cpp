#include "firmware-host/base/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace smsdesk {
namespace {

// Each line on stderr starts with its syslog priority, "<4>" for a warning:
// journald reads and strips it (SyslogLevelPrefix=, on by default), so
// `journalctl -p warning` works without linking libsystemd.
class JournalStderrSink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    fmt::format_to(std::back_inserter(line), "<{}>", Priority(msg.level));
    formatter_->format(msg, line);  // ends with the newline
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  static int Priority(spdlog::level::level_enum level) {
    switch (level) {
      case spdlog::level::critical: return 2;  // LOG_CRIT
      case spdlog::level::err: return 3;       // LOG_ERR
      case spdlog::level::warn: return 4;      // LOG_WARNING
      case spdlog::level::info: return 6;      // LOG_INFO
      default: return 7;                       // LOG_DEBUG
    }
  }
};

// systemd connects stderr to the journal and says so in JOURNAL_STREAM
// ("DEVICE:INODE" of that stream, systemd.exec(5)); only then do lines carry
// the priority prefix. Redirected elsewhere (a file, a pipe of our own),
// stderr stays plain text.
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
      auto sink = std::make_shared<JournalStderrSink>();
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

}  // namespace smsdesk
