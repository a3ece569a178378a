#include "firmware-host/faq/faq_eval.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace smsdesk::faq {

QuestionsResult ParseQuestionsTsv(std::string_view text) {
  QuestionsResult result;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) {
      result.ok = false;
      result.error_line = line_no;
      result.error = "expected 3 tab-separated fields: expect, lang, text";
      return result;
    }
    LabelledQuestion q{std::string(line.substr(0, t1)), std::string(line.substr(t1 + 1, t2 - t1 - 1)),
                       std::string(line.substr(t2 + 1)), line_no};
    if (line_no == 1) {
      if (q.expect != "expect" || q.lang != "lang" || q.text != "text") {
        result.ok = false;
        result.error_line = 1;
        result.error = "header must be exactly expect<TAB>lang<TAB>text";
        return result;
      }
      continue;
    }
    result.questions.push_back(std::move(q));
  }
  return result;
}

QuestionsResult ReadQuestionsTsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    QuestionsResult r;
    r.ok = false;
    r.error = "cannot read " + path;
    return r;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseQuestionsTsv(buffer.str());
}

EvalReport Evaluate(Matcher& matcher, const std::vector<LabelledQuestion>& questions, int half) {
  EvalReport report;
  for (size_t i = 0; i < questions.size(); ++i) {
    if (half == 1 && i % 2 != 0) continue;
    if (half == 2 && i % 2 != 1) continue;
    const LabelledQuestion& q = questions[i];
    MatchResult r = matcher.Match(q.text);
    for (EvalCounts* c : {&report.overall, &report.by_lang[q.lang]}) {
      ++c->total;
      bool answerable = q.expect != "-" && q.expect != "!";
      c->answerable += answerable;
      c->urgent_expected += q.expect == "!";
      c->lang_correct += LangCode(r.lang) == q.lang;
      if (r.decision == Decision::kAuto) {
        ++c->auto_answers;
        c->auto_correct += r.faq_id == q.expect;
      } else if (r.decision == Decision::kUrgent || r.decision == Decision::kPossibleDanger) {
        if (q.expect == "!") ++c->urgent_found;
        else ++c->false_urgent;
      } else if (r.decision == Decision::kSuggest && r.faq_id == q.expect) {
        ++c->suggested_correct;
      }
    }
    const std::string cls = q.expect == "!" ? "danger" : q.expect == "-" ? "person" : "faq";
    ClassCounts& cc = report.by_class[cls];
    ++cc.total;
    if (r.decision == Decision::kAuto) {
      ++cc.decisions[r.faq_id == q.expect ? "auto right" : "auto wrong"];
    } else {
      ++cc.decisions[std::string(DecisionName(r.decision))];
    }
    // Between entries: an automatic answer or first suggestion naming
    // another entry. For a text that needs a person, only an automatic
    // answer is a mistake (a suggestion is a moderator's to take or leave).
    const bool names_entry = r.decision == Decision::kAuto || (r.decision == Decision::kSuggest && cls == "faq");
    if (names_entry && r.faq_id && *r.faq_id != q.expect && q.expect != "!") {
      ++report.confusion[{q.expect, *r.faq_id}];
    }
    std::string got(DecisionName(r.decision));
    if (r.faq_id) got += ":" + *r.faq_id;
    if (r.decision == Decision::kAuto && r.faq_id != q.expect) report.wrong_auto.push_back({q, got});
    const bool escalated = r.decision == Decision::kUrgent || r.decision == Decision::kPossibleDanger;
    if (q.expect == "!" && !escalated) report.missed_urgent.push_back({q, got});
    if (q.expect != "!" && escalated) report.false_urgent.push_back({q, got});
  }
  return report;
}

std::string FormatReport(const EvalReport& report, bool list_mistakes) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %5s %9s %9s %8s %8s %8s %6s\n", "lang", "n", "precision",
                "coverage", "auto", "urgent", "false!", "lang%");
  out += line;
  auto row = [&](const std::string& name, const EvalCounts& c) {
    std::snprintf(line, sizeof line, "%-8s %5d %8.1f%% %8.1f%% %4d/%-3d %4d/%-3d %8d %5.0f%%\n", name.c_str(),
                  c.total, 100 * c.Precision(), 100 * c.Coverage(), c.auto_correct, c.auto_answers,
                  c.urgent_found, c.urgent_expected, c.false_urgent,
                  c.total ? 100.0 * c.lang_correct / c.total : 0.0);
    out += line;
  };
  for (const auto& [lang, counts] : report.by_lang) row(lang, counts);
  row("overall", report.overall);
  if (!report.by_class.empty()) {
    out += "\nper class (what became of the texts):\n";
    for (const auto& [cls, counts] : report.by_class) {
      std::snprintf(line, sizeof line, "  %-7s %5d:", cls.c_str(), counts.total);
      out += line;
      for (const auto& [decision, n] : counts.decisions) out += " " + decision + " " + std::to_string(n) + ",";
      out.back() = '\n';
    }
  }
  if (!report.confusion.empty()) {
    std::vector<std::pair<int, std::pair<std::string, std::string>>> pairs;
    for (const auto& [key, n] : report.confusion) pairs.push_back({n, key});
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    out += "\nconfusions (expected -> chosen: an automatic answer, or the first suggestion for an FAQ text):\n";
    for (size_t i = 0; i < pairs.size() && i < 12; ++i) {
      out += "  " + std::to_string(pairs[i].first) + "  " + pairs[i].second.first + " -> " + pairs[i].second.second + "\n";
    }
  }
  if (list_mistakes) {
    auto list = [&](const char* title, const std::vector<EvalMistake>& v) {
      if (v.empty()) return;
      out += std::string("\n") + title + ":\n";
      for (const auto& m : v) {
        out += "  line " + std::to_string(m.question.line) + " expect " + m.question.expect + " got " + m.got +
               ": " + m.question.text + "\n";
      }
    };
    list("wrong automatic answers", report.wrong_auto);
    list("missed urgent", report.missed_urgent);
    list("false urgent", report.false_urgent);
  }
  return out;
}

}  // namespace smsdesk::faq
