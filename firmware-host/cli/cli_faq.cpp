// smsdesk faq match|eval|export|import: the FAQ for operators, tests and
// benchmarks. `match` prints one JSON object per message; `eval` prints the
// precision/coverage/urgent table; `export` writes the FAQ as CSV, and
// `import` (cli_faq_store.cpp) puts a CSV into the store. With --faq FILE
// they work on that file; without it, match and eval use what `smsdesk run`
// would (the config's faq.file, else the store; its faq.matcher settings
// under the command line's) and export writes the store's FAQ, so that
// import(export(x)) == x. Bad input: one line on stderr, exit code 2; a
// database that cannot be opened: exit 1.
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "firmware-host/cli/cli.h"
#include "firmware-host/cli/cli_faq_store.h"
#include "firmware-host/cli/cli_store.h"
#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/faq/faq_eval.h"
#include "firmware-host/faq/faq_index.h"
#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/learn/model_set.h"
#include "firmware-host/learn/trainer.h"
#include "store/faq_examples.h"

namespace smsdesk {
namespace {

using nlohmann::ordered_json;

constexpr const char* kDaemonFaq = "the one smsdesk run would use (the config's faq.file, else the store's)";

struct FaqArgs {
  std::string faq;          // empty: the daemon's FAQ (match, eval) or the store's (export)
  std::string config_path;  // without --faq: cli_store.h
  std::string database;
  std::vector<std::string> texts;
  std::string questions;
  std::string output;
  int half = 0;
  bool mistakes = false;
  std::optional<double> auto_confidence;
  std::optional<double> suggest_confidence;
  std::optional<double> auto_lead;
  std::vector<std::string> params;  // NAME=VALUE overrides of MatcherConfig
  std::string models;   // a models folder; empty: the daemon's (without --faq), else none
  bool rules_only = false;
  bool no_seed = false;
  int threads = 0;      // 0: every core
  int nice = 0;         // lower this process's priority first (the daemon's training child)
};

// Applies the threshold options, then --param NAME=VALUE overrides; false
// (after one stderr line) on a bad one.
bool ApplyParams(const FaqArgs& args, faq::MatcherConfig& config) {
  const std::pair<const std::optional<double>&, std::string_view> thresholds[] = {
      {args.auto_confidence, "auto_min_confidence"},
      {args.suggest_confidence, "suggest_min_confidence"},
      {args.auto_lead, "auto_min_lead"}};
  for (const auto& [value, name] : thresholds) {
    if (!value) continue;
    if (std::string wrong = faq::SetMatcherParam(config, name, *value); !wrong.empty()) {
      std::fprintf(stderr, "smsdesk: %.*s %s\n", static_cast<int>(name.size()), name.data(), wrong.c_str());
      return false;
    }
  }
  for (const std::string& p : args.params) {
    size_t eq = p.find('=');
    char* end = nullptr;
    double value = eq == std::string::npos ? 0 : std::strtod(p.c_str() + eq + 1, &end);
    if (eq == std::string::npos || !end || end == p.c_str() + eq + 1 || *end != '\0') {
      std::fprintf(stderr, "smsdesk: bad --param %s (expected NAME=NUMBER, a MatcherConfig field)\n", p.c_str());
      return false;
    }
    if (std::string wrong = faq::SetMatcherParam(config, std::string_view(p).substr(0, eq), value); !wrong.empty()) {
      std::fprintf(stderr, "smsdesk: bad --param %s: %s\n", p.c_str(), wrong.c_str());
      return false;
    }
  }
  return true;
}

// The matcher on the FAQ --faq names, or on the daemon's; null after one
// stderr line (`code` says the exit code).
std::unique_ptr<faq::Matcher> LoadMatcher(const FaqArgs& args, int& code) {
  std::vector<faq::FaqEntry> entries;
  faq::MatcherConfig config;
  std::string database;
  code = args.faq.empty() ? LoadDaemonFaq(args.config_path, args.database, entries, config, &database)
                          : ReadFaqFile(args.faq, entries);
  if (code != kExitOk) return nullptr;
  if (entries.empty()) {
    code = Fail(kExitBadInput, args.faq + ": no FAQ entries");
    return nullptr;
  }
  if (!ApplyParams(args, config)) {
    code = kExitBadInput;
    return nullptr;
  }
  auto matcher = std::make_unique<faq::Matcher>(faq::FaqIndex::Build(entries), config);
  std::string dir = args.models;
  if (dir.empty() && args.faq.empty()) dir = learn::ModelDirFor(database);
  // The daemon's folder when it was never trained: the rules, quietly.
  const bool untrained = args.models.empty() && !std::filesystem::exists(dir);
  if (!args.rules_only && !dir.empty() && !untrained) {
    auto models = learn::LoadModels(dir);
    if (models) {
      matcher->SetModels(*models);
    } else if (!args.models.empty()) {
      code = Fail(kExitBadInput, models.error().message);
      return nullptr;
    } else {
      std::fprintf(stderr, "smsdesk: %s; the rules alone decide (smsdesk faq train)\n",
                   models.error().message.c_str());
    }
  }
  return matcher;
}

ordered_json ToJson(const faq::MatchResult& r) {
  ordered_json j;
  j["decision"] = faq::DecisionName(r.decision);
  j["faq"] = r.faq_id ? ordered_json(*r.faq_id) : ordered_json(nullptr);
  j["lang"] = faq::LangCode(r.lang);
  j["answer_lang"] = r.answer_lang.empty() ? ordered_json(nullptr) : ordered_json(r.answer_lang);
  j["answer"] = r.answer.empty() ? ordered_json(nullptr) : ordered_json(r.answer);
  j["score"] = std::round(r.score * 1000) / 1000;
  j["confidence"] = std::round(r.confidence * 1000) / 1000;
  ordered_json candidates = ordered_json::array();
  for (const auto& c : r.candidates) {
    candidates.push_back({{"id", c.id},
                          {"score", std::round(c.score * 1000) / 1000},
                          {"confidence", std::round(c.confidence * 1000) / 1000},
                          {"coverage", std::round(c.coverage * 1000) / 1000},
                          {"matched", c.matched}});
  }
  j["candidates"] = candidates;
  j["reasons"] = r.reasons;
  if (r.models_used) {
    ordered_json intents = ordered_json::array();
    for (const auto& s : r.intents) {
      intents.push_back({{"label", s.label}, {"probability", std::round(s.probability * 1000) / 1000}});
    }
    j["models"] = {{"danger", std::round(r.danger_probability * 1000) / 1000},
                   {"answer_probability", std::round(r.answer_probability * 1000) / 1000},
                   {"intents", intents}};
  }
  return j;
}

int RunMatch(const FaqArgs& args) {
  int code = kExitOk;
  auto matcher = LoadMatcher(args, code);
  if (!matcher) return code;
  auto emit = [&](const std::string& text) {
    std::cout << ToJson(matcher->Match(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << '\n';
  };
  if (!args.texts.empty()) {
    for (const auto& t : args.texts) emit(t);
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      emit(line);
    }
  }
  return kExitOk;
}

int RunEval(const FaqArgs& args) {
  int code = kExitOk;
  auto matcher = LoadMatcher(args, code);
  if (!matcher) return code;
  faq::QuestionsResult q = faq::ReadQuestionsTsvFile(args.questions);
  if (!q.ok) {
    std::fprintf(stderr, "smsdesk: %s:%d: %s\n", args.questions.c_str(), q.error_line, q.error.c_str());
    return kExitBadInput;
  }
  faq::EvalReport report = faq::Evaluate(*matcher, q.questions, args.half);
  std::cout << faq::FormatReport(report, args.mistakes);
  return kExitOk;
}

int RunExport(const FaqArgs& args) {
  std::vector<faq::FaqEntry> entries;
  const int code = args.faq.empty() ? ReadStoreFaq(args.config_path, args.database, entries)
                                    : ReadFaqFile(args.faq, entries);
  if (code != kExitOk) return code;
  std::string text = faq::WriteFaqCsv(entries);
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  if (!out) {
    std::fprintf(stderr, "smsdesk: cannot write %s\n", args.output.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

int RunTrain(const FaqArgs& args) {
  if (args.nice > 0) {
    errno = 0;
    if (::nice(args.nice) == -1 && errno != 0) std::fprintf(stderr, "smsdesk: nice: %s\n", std::strerror(errno));
  }
  learn::TrainingInput input;
  std::string database;
  const int code = args.faq.empty()
                       ? LoadDaemonFaq(args.config_path, args.database, input.entries, input.matcher, &database)
                       : ReadFaqFile(args.faq, input.entries);
  if (code != kExitOk) return code;
  if (!ApplyParams(args, input.matcher)) return kExitBadInput;
  if (!args.faq.empty() && args.models.empty()) {
    return Fail(kExitBadInput, "with --faq, say where the models go: --models DIR");
  }
  const std::string dir = !args.models.empty() ? args.models : learn::ModelDirFor(database);
  if (args.faq.empty()) {
    // The examples moderators confirmed, kept in the same store.
    std::optional<StoreSession> session;
    if (int opened = OpenStoreSession(args.config_path, args.database, session); opened != kExitOk) return opened;
    auto confirmed = store::FaqExamples(*session->db).Confirmed();
    if (!confirmed.ok()) return FailStore(confirmed.status());
    for (const store::FaqExample& x : *confirmed) input.examples.push_back({x.faq_id, x.text});
  }
  input.seed = !args.no_seed;
  const int threads = args.threads > 0 ? args.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  input.danger.threads = input.intent.threads = threads;
  auto report = learn::TrainModels(input, dir);
  if (!report) return Fail(kExitFailure, report.error().message);
  const learn::TrainingReport& r = *report;
  std::printf("trained in %.1f s into %s: danger model on %d texts, intent model on %d texts (%d labels), "
              "%zu confirmed examples\n",
              r.info.seconds, dir.c_str(), r.info.danger_texts, r.info.intent_texts, r.info.labels,
              input.examples.size());
  if (r.seed_rows_skipped > 0) {
    std::printf("%d seed texts are about FAQ ids this FAQ does not have: not used for intents\n",
                r.seed_rows_skipped);
  }
  std::printf("danger thresholds on %d held-out danger and %d other texts: possible %.3f (catches %d, raises "
              "%d others), urgent %.3f\n",
              r.danger_held, r.safe_held, r.info.thresholds.possible, r.danger_caught, r.safe_raised,
              r.info.thresholds.urgent);
  std::printf("calibration on %d held-out texts: at auto_min_probability %.2f, %d automatic answers, %d right "
              "(precision %.3f, coverage %.3f of %d answerable)\n",
              r.calibration_texts, input.matcher.auto_min_probability, r.held_auto, r.held_auto_right,
              r.held_auto ? double(r.held_auto_right) / r.held_auto : 1.0,
              r.held_answerable ? double(r.held_auto_right) / r.held_answerable : 0.0, r.held_answerable);
  return kExitOk;
}

// --faq FILE, or --config/--database for the FAQ `help` describes.
void AddSource(CLI::App* cmd, FaqArgs& args, const std::string& help) {
  auto* faq = cmd->add_option("--faq", args.faq, "FAQ CSV (id,lang,keywords,question,answer); without it: " + help);
  AddStoreOptions(cmd, args.config_path, args.database);
  faq->excludes("--config")->excludes("--database");
}

void AddThresholds(CLI::App* cmd, FaqArgs& args) {
  cmd->add_option("--auto-confidence", args.auto_confidence, "Minimum confidence to answer automatically")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--suggest-confidence", args.suggest_confidence,
                  "Minimum confidence to suggest answers to the moderator")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--auto-lead", args.auto_lead, "Minimum lead over the runner-up, (s1-s2)/s1")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--param", args.params, "Override a matcher setting, NAME=VALUE (repeatable)");
}

// Which trained models match and eval use.
void AddModelOptions(CLI::App* cmd, FaqArgs& args) {
  auto* models = cmd->add_option("--models", args.models,
                                 "Trained models folder (default without --faq: the database's, if trained)");
  cmd->add_flag("--rules-only", args.rules_only, "Ignore trained models: the rules alone decide")->excludes(models);
}

}  // namespace

void AddFaqCommands(CLI::App& app, CliStatus& status) {
  auto* faq = app.add_subcommand("faq", "Match messages against the FAQ, evaluate, import and export it");
  faq->require_subcommand(1);
  auto args = std::make_shared<FaqArgs>();

  auto* match = faq->add_subcommand("match", "Match messages; prints one JSON object per message");
  AddSource(match, *args, kDaemonFaq);
  match->add_option("TEXT", args->texts, "Messages (none: one per line from standard input)");
  AddThresholds(match, *args);
  AddModelOptions(match, *args);
  match->callback([args, &status] { status.exit_code = RunMatch(*args); });

  auto* eval = faq->add_subcommand("eval", "Precision, coverage and urgent recall on labelled questions");
  AddSource(eval, *args, kDaemonFaq);
  eval->add_option("--questions", args->questions, "Questions TSV (expect, lang, text)")->required();
  eval->add_option("--half", args->half, "0 all rows, 1 odd rows, 2 even rows (split check)")
      ->check(CLI::Range(0, 2));
  eval->add_flag("--mistakes", args->mistakes, "List wrong automatic answers and urgent errors");
  AddThresholds(eval, *args);
  AddModelOptions(eval, *args);
  eval->callback([args, &status] { status.exit_code = RunEval(*args); });

  auto* train = faq->add_subcommand("train", "Train the danger and intent models (next to the database)");
  AddSource(train, *args, kDaemonFaq);
  train->add_option("--models", args->models, "Folder to write the models to (default: DATABASE.models)");
  train->add_flag("--no-seed", args->no_seed, "Learn only from the FAQ and confirmed examples, not the seed corpus");
  train->add_option("--threads", args->threads, "Training threads (default: every core)")->check(CLI::Range(1, 64));
  train->add_option("--nice", args->nice, "Lower the training's CPU priority by this much (the daemon passes 10)")
      ->check(CLI::Range(0, 19));
  AddThresholds(train, *args);
  train->callback([args, &status] { status.exit_code = RunTrain(*args); });

  auto* exp = faq->add_subcommand("export", "Write the store's FAQ (or a CSV file, validated) as CSV");
  AddSource(exp, *args, "the store's");
  exp->add_option("-o,--output", args->output, "Output file (default: standard output)");
  exp->callback([args, &status] { status.exit_code = RunExport(*args); });

  AddFaqImportCommand(*faq, status);
  AddFaqExampleCommands(*faq, status);
}

}  // namespace smsdesk
