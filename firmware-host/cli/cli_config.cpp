// smsdesk check-config [--config FILE]: every error with its line, exit 2 when
// there is one (in the config, or in the box's word lists: desk.word_lists);
// a one-line summary when all is good.
#include <cstdio>
#include <iostream>

#include "firmware-host/cli/cli.h"
#include "firmware-host/config/config.h"
#include "firmware-host/lexicon/lexicon.h"

namespace smsdesk {
namespace {

int RunCheckConfig(const std::string& path) {
  const auto parsed = config::LoadConfig(path);
  if (!parsed.ok()) {
    std::fputs(config::FormatErrors(parsed, path).c_str(), stderr);
    std::fprintf(stderr, "smsdesk: check-config: %zu error(s) in %s\n", parsed.errors.size(), path.c_str());
    return kExitBadInput;
  }
  const auto& c = parsed.config;
  const lexicon::Loaded lists = lexicon::LoadWithFolder(c.desk.word_lists);
  if (!lists.errors.empty()) {
    for (const lexicon::LexiconError& e : lists.errors) std::fprintf(stderr, "%s\n", e.Describe().c_str());
    std::fprintf(stderr, "smsdesk: check-config: %zu error(s) in the word lists of %s\n", lists.errors.size(),
                 c.desk.word_lists.c_str());
    return kExitBadInput;
  }
  std::cout << path << ": ok (" << c.modems.size() << " modem(s), " << c.desk.languages.size()
            << " languages, default " << c.desk.default_language << ", time zone " << c.desk.time_zone << ", "
            << c.topics.size() << " topic(s), database " << c.database << ", " << lists.lexicon->danger.size()
            << " danger patterns and " << lists.lexicon->spellings.size() << " keyword spellings)\n";
  return kExitOk;
}

}  // namespace

void AddConfigCommands(CLI::App& app, CliStatus& status) {
  auto path = std::make_shared<std::string>(kDefaultConfigPath);
  auto* check = app.add_subcommand("check-config", "Check the configuration file and name each error with its line");
  check->add_option("--config,-c", *path, "Configuration file")->capture_default_str();
  check->callback([path, &status] { status.exit_code = RunCheckConfig(*path); });
}

}  // namespace smsdesk
