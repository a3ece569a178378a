// Evaluation of the matcher on labelled questions (tests/data/eval's format: TSV
// `expect<TAB>lang<TAB>text`, expect = FAQ id, "-" for a person, "!" for
// urgent). Reports, overall and per language: precision of automatic answers,
// coverage (answerable texts answered automatically and correctly), urgent
// recall and false urgents. Pure functions plus a file reader.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/faq/faq_matcher.h"

namespace smsdesk::faq {

struct LabelledQuestion {
  std::string expect;  // FAQ id, "-" or "!"
  std::string lang;
  std::string text;
  int line = 0;
};

struct QuestionsResult {
  std::vector<LabelledQuestion> questions;
  bool ok = true;
  int error_line = 0;
  std::string error;
};

QuestionsResult ParseQuestionsTsv(std::string_view text);
QuestionsResult ReadQuestionsTsvFile(const std::string& path);

struct EvalCounts {
  int total = 0;
  int answerable = 0;     // expect is an FAQ id
  int auto_answers = 0;   // decision auto
  int auto_correct = 0;   // auto with the expected id
  int urgent_expected = 0;
  int urgent_found = 0;   // "!" decided urgent or possible danger (both reach a person at once)
  int false_urgent = 0;   // urgent or possible danger on a non-"!" text
  int suggested_correct = 0;  // suggest whose first candidate is right
  int lang_correct = 0;   // detected language equals the label

  double Precision() const { return auto_answers ? double(auto_correct) / auto_answers : 1.0; }
  double Coverage() const { return answerable ? double(auto_correct) / answerable : 0.0; }
  double UrgentRecall() const { return urgent_expected ? double(urgent_found) / urgent_expected : 1.0; }
};

struct EvalMistake {
  LabelledQuestion question;
  std::string got;  // "auto:<id>", "urgent", …
};

// What became of the texts of one class: "faq" (an entry answers it),
// "person" ("-": needs a person) or "danger" ("!").
struct ClassCounts {
  int total = 0;
  std::map<std::string, int> decisions;  // "auto right", "auto wrong", "suggest", "queue", "urgent", "possible_danger"
};

struct EvalReport {
  EvalCounts overall;
  std::map<std::string, EvalCounts> by_lang;
  std::map<std::string, ClassCounts> by_class;
  // Expected entry (or "-") -> the entry chosen instead: every automatic
  // answer that named another entry, and the first suggestion for a text an
  // entry answers.
  std::map<std::pair<std::string, std::string>, int> confusion;
  std::vector<EvalMistake> wrong_auto;      // precision losses
  std::vector<EvalMistake> missed_urgent;
  std::vector<EvalMistake> false_urgent;
};

// `half` selects rows for a split check: 0 = all, 1 = odd rows (1st, 3rd…),
// 2 = even rows — a fixed split, so tuning on one half can be checked on the other.
EvalReport Evaluate(Matcher& matcher, const std::vector<LabelledQuestion>& questions, int half = 0);

// Human-readable tables (per language, per class, the most frequent
// confusions between entries) plus the mistakes.
std::string FormatReport(const EvalReport& report, bool list_mistakes);

}  // namespace smsdesk::faq
