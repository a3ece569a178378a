// Where `smsdesk faq` commands get their FAQ: a CSV file, the store, or
// whatever `smsdesk run` would use with a config (faq.file, else the store);
// and `smsdesk faq import`, which puts a CSV into the store. Each function
// returns kExitOk or the exit code after one line on stderr (cli.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "firmware-host/cli/cli.h"
#include "firmware-host/faq/faq_entry.h"
#include "firmware-host/faq/faq_matcher.h"

namespace smsdesk {

// A FAQ CSV; a bad one is reported as "FILE:LINE: message", exit 2.
int ReadFaqFile(const std::string& path, std::vector<faq::FaqEntry>& entries);

// The entries kept in the store of this config (or `database`), in order.
int ReadStoreFaq(const std::string& config_path, const std::string& database, std::vector<faq::FaqEntry>& entries);

// The entries and matcher settings `smsdesk run` would use with this config:
// its faq.file, else the store's entries; its faq.matcher applied to
// `matcher`. An empty FAQ is an error. `database_path`, when given, gets the
// database it used (its trained models live next to it).
int LoadDaemonFaq(const std::string& config_path, const std::string& database, std::vector<faq::FaqEntry>& entries,
                  faq::MatcherConfig& matcher, std::string* database_path = nullptr);

// Registers `faq import FILE` on the `faq` command.
void AddFaqImportCommand(CLI::App& faq, CliStatus& status);

// Registers `faq examples`, `faq confirm ID…` and `faq reject ID…`
// (cli_faq_examples.cpp).
void AddFaqExampleCommands(CLI::App& faq, CliStatus& status);

}  // namespace smsdesk
