#include "firmware-host/daemon/model_keeper.h"

#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <spdlog/spdlog.h>
#include <string>
#include <vector>

#include "firmware-host/learn/model_set.h"

extern char** environ;

namespace smsdesk::daemon {

ModelKeeper::ModelKeeper(boost::asio::io_context& io, Options options, Install install)
    : io_(io), options_(std::move(options)), install_(std::move(install)) {
  if (options_.threads <= 0) options_.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

ModelKeeper::~ModelKeeper() {
  stopping_ = true;
  {
    std::lock_guard lock(child_mutex_);
    if (child_ > 0) ::kill(child_, SIGTERM);
  }
  if (worker_.joinable()) worker_.join();
}

void ModelKeeper::Update(const std::string& fingerprint) {
  if (stopping_) return;
  if (worker_.joinable()) {
    again_ = fingerprint;  // after the one running
    return;
  }
  worker_ = std::thread([this, fingerprint] { Work(fingerprint); });
}

void ModelKeeper::Work(std::string fingerprint) {
  const std::string dir = learn::ModelDirFor(options_.database);
  auto install = [this](std::shared_ptr<const faq::TextModels> models) {
    boost::asio::post(io_, [this, models = std::move(models)] {
      if (!stopping_) install_(models);
    });
  };
  auto info = learn::ReadModelInfo(dir);
  if (info) {
    auto models = learn::LoadModels(dir);
    if (models) {
      install(*models);
      if (info->faq_fingerprint == fingerprint) {
        spdlog::info("models: loaded (trained for this FAQ in {:.0f} s)", info->seconds);
        boost::asio::post(io_, [this] { Finished(); });
        return;
      }
      spdlog::info("models: trained for an earlier FAQ; using them while new ones train");
    } else {
      spdlog::warn("models: {}; training new ones", models.error().message);
    }
  } else {
    spdlog::info("models: none yet ({}); training them, the rules decide meanwhile", info.error().message);
  }
  if (RunTraining()) {
    auto models = learn::LoadModels(dir);
    if (models) {
      install(*models);
      spdlog::info("models: trained and installed");
    } else {
      spdlog::error("models: trained but not loadable: {}", models.error().message);
    }
  }
  boost::asio::post(io_, [this] { Finished(); });
}

bool ModelKeeper::RunTraining() {
  if (stopping_) return false;
  // Every core, at a lower priority: the event loop needs little CPU, and
  // gets it first.
  std::vector<std::string> args = {"smsdesk", "faq", "train", "--database", options_.database, "--threads",
                                   std::to_string(options_.threads), "--nice", "10"};
  if (!options_.config_path.empty()) {
    args.push_back("--config");
    args.push_back(options_.config_path);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawned = 0;
  {
    std::lock_guard lock(child_mutex_);
    if (stopping_) return false;
    // The child keeps only standard input, output and error: not the
    // console's socket or anything else the daemon holds open.
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    spawned = ::posix_spawn(&pid, options_.program.c_str(), &actions, nullptr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (spawned == 0) child_ = pid;
  }
  if (spawned != 0) {
    spdlog::error("models: cannot start the training: {}", std::strerror(spawned));
    return false;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  {
    std::lock_guard lock(child_mutex_);
    child_ = 0;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  if (!stopping_) {
    spdlog::error("models: the training failed ({} {}); the desk keeps what it has",
                  WIFEXITED(status) ? "exit code" : "signal",
                  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
  }
  return false;
}

void ModelKeeper::Finished() {
  if (worker_.joinable()) worker_.join();
  if (again_ && !stopping_) {
    std::string next = std::move(*again_);
    again_.reset();
    Update(next);
  }
}

}  // namespace smsdesk::daemon
