// Keeps the desk's trained models (the learn module) current without
// holding up a message: at start and after every FAQ change it loads the
// models next to the database and, when they are missing or were trained
// for another FAQ, trains new ones in a child process (`smsdesk faq train`:
// its memory and its CPU are its own, and a crash there is not the
// daemon's), then loads and installs those. Meanwhile the desk answers with
// what it has: the models it had, or the rules alone.
//
// One worker thread at a time, only while there is work; the install runs
// on the event loop.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "firmware-host/faq/text_models.h"

namespace smsdesk::daemon {

class ModelKeeper {
 public:
  struct Options {
    std::string database;     // the models live in learn::ModelDirFor(database)
    std::string config_path;  // for the child; empty: the built-in defaults
    std::string program = "/proc/self/exe";
    int threads = 0;          // the child's training threads; 0: every core (at nice 10)
  };
  using Install = std::function<void(std::shared_ptr<const faq::TextModels>)>;

  ModelKeeper(boost::asio::io_context& io, Options options, Install install);
  // Stops a training child (SIGTERM) and waits for the worker.
  ~ModelKeeper();
  ModelKeeper(const ModelKeeper&) = delete;
  ModelKeeper& operator=(const ModelKeeper&) = delete;

  // The desk now runs this FAQ (learn::TrainingFingerprint). On the event
  // loop. A change while a training runs is trained for after it.
  void Update(const std::string& fingerprint);

 private:
  void Work(std::string fingerprint);
  void Finished();
  bool RunTraining();

  boost::asio::io_context& io_;
  Options options_;
  Install install_;
  std::thread worker_;
  std::optional<std::string> again_;  // the fingerprint to train for next
  std::atomic<bool> stopping_{false};
  std::mutex child_mutex_;
  pid_t child_ = 0;
};

}  // namespace smsdesk::daemon
