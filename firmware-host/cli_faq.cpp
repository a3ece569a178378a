// smsdesk faq match|eval|export: the FAQ matcher for operators, tests and
// benchmarks. `match` prints one JSON object per message; `eval` prints the
// precision/coverage/urgent table; `export` re-serializes a FAQ CSV (the
// SQLite-backed import lands with the store). Bad input: one line on stderr,
// exit code 2.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firmware-host/cli.h"
#include "firmware-host/faq_csv.h"
#include "firmware-host/faq_eval.h"
#include "firmware-host/faq_index.h"
#include "firmware-host/faq_matcher.h"

namespace smsdesk {
namespace {

using nlohmann::ordered_json;

struct FaqArgs {
  std::string faq;
  std::vector<std::string> texts;
  std::string questions;
  std::string output;
  int half = 0;
  bool mistakes = false;
  faq::MatcherConfig config;
  std::vector<std::string> params;  // NAME=VALUE overrides of MatcherConfig
};

// Applies --param NAME=VALUE overrides; false (after one stderr line) on a bad one.
bool ApplyParams(FaqArgs& args) {
  for (const std::string& p : args.params) {
    size_t eq = p.find('=');
    char* end = nullptr;
    double value = eq == std::string::npos ? 0 : std::strtod(p.c_str() + eq + 1, &end);
    if (eq == std::string::npos || !end || *end != '\0' ||
        !faq::SetMatcherParam(args.config, std::string_view(p).substr(0, eq), value)) {
      std::fprintf(stderr, "smsdesk: bad --param %s (expected NAME=NUMBER, a MatcherConfig field)\n", p.c_str());
      return false;
    }
  }
  return true;
}

// Loads and indexes the FAQ, or prints the file's error and returns null.
std::shared_ptr<const faq::FaqIndex> LoadIndex(const std::string& path) {
  faq::FaqCsvResult csv = faq::ReadFaqCsvFile(path);
  if (!csv.ok) {
    std::fprintf(stderr, "smsdesk: %s:%d: %s\n", path.c_str(), csv.error.line, csv.error.message.c_str());
    return nullptr;
  }
  if (csv.entries.empty()) {
    std::fprintf(stderr, "smsdesk: %s: no FAQ entries\n", path.c_str());
    return nullptr;
  }
  return faq::FaqIndex::Build(csv.entries);
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
  return j;
}

int RunMatch(FaqArgs& args) {
  if (!ApplyParams(args)) return kExitBadInput;
  auto index = LoadIndex(args.faq);
  if (!index) return kExitBadInput;
  faq::Matcher matcher(index, args.config);
  auto emit = [&](const std::string& text) {
    std::cout << ToJson(matcher.Match(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
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

int RunEval(FaqArgs& args) {
  if (!ApplyParams(args)) return kExitBadInput;
  auto index = LoadIndex(args.faq);
  if (!index) return kExitBadInput;
  faq::QuestionsResult q = faq::ReadQuestionsTsvFile(args.questions);
  if (!q.ok) {
    std::fprintf(stderr, "smsdesk: %s:%d: %s\n", args.questions.c_str(), q.error_line, q.error.c_str());
    return kExitBadInput;
  }
  faq::Matcher matcher(index, args.config);
  faq::EvalReport report = faq::Evaluate(matcher, q.questions, args.half);
  std::cout << faq::FormatReport(report, args.mistakes);
  return kExitOk;
}

int RunExport(const FaqArgs& args) {
  faq::FaqCsvResult csv = faq::ReadFaqCsvFile(args.faq);
  if (!csv.ok) {
    std::fprintf(stderr, "smsdesk: %s:%d: %s\n", args.faq.c_str(), csv.error.line, csv.error.message.c_str());
    return kExitBadInput;
  }
  std::string text = faq::WriteFaqCsv(csv.entries);
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

void AddThresholds(CLI::App* cmd, FaqArgs& args) {
  cmd->add_option("--auto-confidence", args.config.auto_min_confidence, "Minimum confidence to answer automatically")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--suggest-confidence", args.config.suggest_min_confidence,
                  "Minimum confidence to suggest answers to the moderator")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--auto-lead", args.config.auto_min_lead, "Minimum lead over the runner-up, (s1-s2)/s1")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--param", args.params, "Override a matcher setting, NAME=VALUE (repeatable)");
}

}  // namespace

void AddFaqCommands(CLI::App& app, CliStatus& status) {
  auto* faq = app.add_subcommand("faq", "Match messages against the FAQ, evaluate, export");
  faq->require_subcommand(1);
  auto args = std::make_shared<FaqArgs>();

  auto* match = faq->add_subcommand("match", "Match messages; prints one JSON object per message");
  match->add_option("--faq", args->faq, "FAQ CSV (id,lang,keywords,question,answer)")->required();
  match->add_option("TEXT", args->texts, "Messages (none: one per line from standard input)");
  AddThresholds(match, *args);
  match->callback([args, &status] { status.exit_code = RunMatch(*args); });

  auto* eval = faq->add_subcommand("eval", "Precision, coverage and urgent recall on labelled questions");
  eval->add_option("--faq", args->faq, "FAQ CSV")->required();
  eval->add_option("--questions", args->questions, "Questions TSV (expect, lang, text)")->required();
  eval->add_option("--half", args->half, "0 all rows, 1 odd rows, 2 even rows (split check)")
      ->check(CLI::Range(0, 2));
  eval->add_flag("--mistakes", args->mistakes, "List wrong automatic answers and urgent errors");
  AddThresholds(eval, *args);
  eval->callback([args, &status] { status.exit_code = RunEval(*args); });

  auto* exp = faq->add_subcommand("export", "Re-serialize a FAQ CSV (validates it)");
  exp->add_option("--faq", args->faq, "FAQ CSV")->required();
  exp->add_option("-o,--output", args->output, "Output file (default: standard output)");
  exp->callback([args, &status] { status.exit_code = RunExport(*args); });
}

}  // namespace smsdesk
