#include "firmware-host/learn/trainer.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "firmware-host/faq/faq_index.h"
#include "firmware-host/learn/seed_corpus.h"
#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::learn {
namespace {

struct Row {
  std::string label;
  std::string text;   // as written
  std::string model;  // faq::ModelText
  bool from_faq = false;  // the FAQ's own question or keyword: always trained on
};

std::string ModelTextOf(std::string_view text) {
  return faq::ModelText(faq::Tokenize(faq::NormalizeText(text), faq::kMaxTokenCodePoints));
}

// Splits one TSV line into its three fields; false when it has not three.
bool SplitRow(std::string_view line, std::string_view& label, std::string_view& topic, std::string_view& text) {
  const size_t t1 = line.find('\t');
  if (t1 == std::string_view::npos) return false;
  const size_t t2 = line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos) return false;
  label = line.substr(0, t1);
  topic = line.substr(t1 + 1, t2 - t1 - 1);
  text = line.substr(t2 + 1);
  return !label.empty() && !text.empty();
}

bool IsPersonClass(std::string_view label) {
  return label == faq::kPersonalLabel || label == faq::kComplaintLabel || label == faq::kPromotionLabel ||
         label == faq::kSocialLabel;
}

struct Corpus {
  std::vector<Row> danger;  // "danger" / "safe"
  std::vector<Row> intent;  // FAQ ids and the person classes
  int skipped = 0;
};

void AddRow(std::vector<Row>& rows, std::string label, std::string_view text, bool from_faq) {
  std::string model = ModelTextOf(text);
  if (model.empty()) return;
  rows.push_back({std::move(label), std::string(text), std::move(model), from_faq});
}

Corpus BuildCorpus(const TrainingInput& input) {
  Corpus corpus;
  std::set<std::string, std::less<>> ids;
  for (const faq::FaqEntry& e : input.entries) ids.insert(e.id);
  if (input.seed) {
    for (const SeedFile& file : SeedCorpus()) {
      std::string_view rest = file.tsv;
      bool header = true;
      while (!rest.empty()) {
        size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (header) {
          header = false;
          continue;
        }
        std::string_view label, topic, text;
        if (!SplitRow(line, label, topic, text)) continue;
        AddRow(corpus.danger, label == "!" ? "danger" : "safe", text, false);
        // Danger, near-misses and other calm texts ("-calm") teach the
        // danger model only.
        if (label == "!" || label == "~" || (label.starts_with('-') && !IsPersonClass(label))) continue;
        if (IsPersonClass(label) || ids.count(label)) {
          AddRow(corpus.intent, std::string(label), text, false);
        } else {
          ++corpus.skipped;
        }
      }
    }
  }
  for (const faq::FaqEntry& e : input.entries) {
    AddRow(corpus.intent, e.id, e.question, true);
    AddRow(corpus.danger, "safe", e.question, true);
    for (const std::string& k : e.keywords) AddRow(corpus.intent, e.id, k, true);
    for (const std::string& x : e.examples) {
      AddRow(corpus.intent, e.id, x, true);
      AddRow(corpus.danger, "safe", x, true);
    }
  }
  for (const ConfirmedExample& x : input.examples) {
    if (x.label == kDangerExample) {
      AddRow(corpus.danger, "danger", x.text, false);
    } else if (x.label == kNotDangerExample) {
      AddRow(corpus.danger, "safe", x.text, false);
    } else if (ids.count(x.label)) {
      AddRow(corpus.intent, x.label, x.text, false);
      AddRow(corpus.danger, "safe", x.text, false);
    }
  }
  return corpus;
}

// A fixed fifth of the texts, by a hash of the text as written: the same
// split every time, whatever the order, and however the models read texts.
bool HeldOut(const Row& row) {
  if (row.from_faq) return false;
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(row.text.data()), row.text.size(),
                     nullptr, 0);
  return h[0] % 5 == 0;
}

void SplitHeldOut(const std::vector<Row>& rows, std::vector<LabelledText>& train, std::vector<const Row*>& held) {
  for (const Row& row : rows) {
    if (HeldOut(row)) held.push_back(&row);
    else train.push_back({row.label, row.model});
  }
}

// Trains without the held-out fifth, and fits the calibration on it with
// the rules' candidates beside the model's.
modem::Result<faq::AnswerCalibration> Calibrate(const TrainingInput& input, const Corpus& corpus,
                                                const std::string& scratch, TrainingReport& report) {
  std::vector<LabelledText> train;
  std::vector<const Row*> held;
  SplitHeldOut(corpus.intent, train, held);
  auto model = FastTextClassifier::Train(train, input.intent, scratch);
  if (!model) return model.error();
  // The rules alone: a Matcher without models.
  faq::Matcher rules(faq::FaqIndex::Build(input.entries), input.matcher);
  std::vector<std::pair<faq::AnswerFeatures, bool>> samples;
  struct Held {
    std::string label;
    std::vector<std::pair<faq::AnswerFeatures, std::string>> options;
    bool person_first = false;
  };
  std::vector<Held> scored;
  for (const Row* row : held) {
    const faq::MatchResult lexical = rules.Match(row->text);
    const std::vector<faq::LabelScore> intents = (*model)->Predict(row->model, 5);
    Held h{row->label, {}, !intents.empty() && faq::IsPersonLabel(intents[0].label)};
    for (const std::string& id : faq::AnswerOptions(nullptr, intents, lexical.candidates)) {
      const faq::AnswerFeatures f = faq::FeaturesFor(id, intents, lexical.candidates);
      samples.emplace_back(f, id == row->label);
      h.options.emplace_back(f, id);
    }
    scored.push_back(std::move(h));
  }
  faq::AnswerCalibration calibration = faq::FitCalibration(samples);
  report.calibration_texts = static_cast<int>(held.size());
  // How it does on the held-out fifth at the configured threshold.
  for (const Held& h : scored) {
    const bool answerable = !faq::IsPersonLabel(h.label);
    report.held_answerable += answerable;
    double best = -1;
    std::string id;
    for (const auto& [f, option] : h.options) {
      const double p = calibration.Probability(f);
      if (p > best) {
        best = p;
        id = option;
      }
    }
    if (!id.empty() && !h.person_first && best >= input.matcher.auto_min_probability) {
      ++report.held_auto;
      report.held_auto_right += id == h.label;
    }
  }
  return calibration;
}

// Trains without the held-out fifth and chooses the thresholds on it:
// `possible` the highest that still catches kPossibleRecall of the danger
// texts, `urgent` the lowest (at least 0.5) where kUrgentPrecision of what
// is raised is danger.
modem::Result<faq::DangerThresholds> ChooseThresholds(const TrainingInput& input, const Corpus& corpus,
                                                      const std::string& scratch, TrainingReport& report) {
  std::vector<LabelledText> train;
  std::vector<const Row*> held;
  SplitHeldOut(corpus.danger, train, held);
  faq::DangerThresholds thresholds;
  if (held.empty()) return thresholds;
  auto model = FastTextClassifier::Train(train, input.danger, scratch);
  if (!model) return model.error();
  std::vector<std::pair<double, bool>> scored;  // probability, is danger
  for (const Row* row : held) {
    double p = 0;
    for (const faq::LabelScore& s : (*model)->Predict(row->model, 2)) {
      if (s.label == "danger") p = s.probability;
    }
    scored.emplace_back(p, row->label == "danger");
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  int dangers = 0;
  for (const auto& [p, danger] : scored) dangers += danger;
  report.danger_held = dangers;
  report.safe_held = static_cast<int>(scored.size()) - dangers;
  if (dangers == 0) return thresholds;
  // Walking down the probabilities: the first point with enough recall.
  const int wanted = static_cast<int>(std::ceil(faq::kPossibleRecall * dangers));
  int caught = 0;
  int raised = 0;
  bool urgent_set = false;
  for (size_t i = 0; i < scored.size(); ++i) {
    caught += scored[i].second;
    raised += !scored[i].second;
    const double p = scored[i].first;
    if (!urgent_set && p < 0.5) {
      urgent_set = true;  // the precision never fell below the bar above 0.5
    }
    if (!urgent_set && double(caught) / double(caught + raised) < faq::kUrgentPrecision) {
      thresholds.urgent = std::max(0.5, std::min(1.0, p + 1e-6));
      urgent_set = true;
    }
    if (caught >= wanted) {
      thresholds.possible = std::min(p, thresholds.urgent);
      report.danger_caught = caught;
      report.safe_raised = raised;
      break;
    }
  }
  return thresholds;
}

std::vector<LabelledText> Labelled(const std::vector<Row>& rows) {
  std::vector<LabelledText> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back({row.label, row.model});
  return out;
}

// The seed corpus is compiled in: hashed once per process.
const std::string& SeedCorpusHash() {
  static const std::string hash = [] {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 16);
    for (const SeedFile& f : SeedCorpus()) {
      for (std::string_view part : {f.lang, f.tsv}) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
        const unsigned char sep = 0x1f;
        crypto_generichash_update(&state, &sep, 1);
      }
    }
    unsigned char out[16];
    crypto_generichash_final(&state, out, sizeof out);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
  }();
  return hash;
}

}  // namespace

std::string TrainingFingerprint(const std::vector<faq::FaqEntry>& entries,
                                const std::vector<ConfirmedExample>& examples, bool seed) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 16);
  auto add = [&](std::string_view s) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    const unsigned char sep = 0x1f;
    crypto_generichash_update(&state, &sep, 1);
  };
  add("smsdesk-training-1");
  for (const faq::FaqEntry& e : entries) {
    add(e.id);
    add(e.lang);
    add(e.question);
    for (const auto& k : e.keywords) add(k);
    for (const auto& x : e.examples) add(x);
  }
  for (const ConfirmedExample& x : examples) {
    add(x.label);
    add(x.text);
  }
  if (seed) add(SeedCorpusHash());
  unsigned char out[16];
  crypto_generichash_final(&state, out, sizeof out);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

modem::Result<TrainingReport> TrainModels(const TrainingInput& input, const std::string& dir) {
  if (input.entries.empty()) return modem::MakeError("the FAQ has no entries to learn");
  if (sodium_init() < 0) return modem::MakeError("libsodium failed to start");
  const auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return modem::MakeError(dir + ": " + ec.message());

  TrainingReport report;
  const Corpus corpus = BuildCorpus(input);
  // Each model trains on one thread: fastText on one thread gives the same
  // model for the same texts, so a training can be repeated and two can be
  // compared. The danger and the intent pipelines (held-out model, then
  // the model on everything) run side by side when two threads are allowed.
  TrainingInput tuned = input;
  tuned.danger.threads = tuned.intent.threads = 1;
  std::set<std::string> labels;
  for (const Row& row : corpus.intent) labels.insert(row.label);
  if (labels.size() > kSoftmaxMaxLabels) tuned.intent.hierarchical = true;
  report.seed_rows_skipped = corpus.skipped;

  struct DangerPart {
    faq::DangerThresholds thresholds;
    std::unique_ptr<FastTextClassifier> model;
  };
  TrainingReport danger_report;
  auto train_danger = [&]() -> modem::Result<DangerPart> {
    const std::string scratch = (std::filesystem::path(dir) / ".training-danger.txt").string();
    auto thresholds = ChooseThresholds(tuned, corpus, scratch, danger_report);
    if (!thresholds) return thresholds.error();
    auto model = FastTextClassifier::Train(Labelled(corpus.danger), tuned.danger, scratch);
    if (!model) return model.error();
    return DangerPart{*thresholds, std::move(*model)};
  };
  std::optional<modem::Result<DangerPart>> danger;
  std::thread beside;
  if (input.danger.threads > 1 && input.intent.threads > 1) {
    beside = std::thread([&] { danger.emplace(train_danger()); });
  }
  const std::string scratch = (std::filesystem::path(dir) / ".training-intent.txt").string();
  auto calibration = Calibrate(tuned, corpus, scratch, report);
  auto intent = calibration ? FastTextClassifier::Train(Labelled(corpus.intent), tuned.intent, scratch)
                            : modem::Result<std::unique_ptr<FastTextClassifier>>(calibration.error());
  if (beside.joinable()) beside.join();
  else danger.emplace(train_danger());
  if (!calibration) return calibration.error();
  if (!intent) return intent.error();
  if (!*danger) return danger->error();
  report.danger_held = danger_report.danger_held;
  report.safe_held = danger_report.safe_held;
  report.danger_caught = danger_report.danger_caught;
  report.safe_raised = danger_report.safe_raised;
  const faq::DangerThresholds thresholds = (*danger)->thresholds;

  ModelInfo info;
  info.faq_fingerprint = TrainingFingerprint(input.entries, input.examples, input.seed);
  info.trained_at =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  info.danger_texts = static_cast<int>(corpus.danger.size());
  info.intent_texts = static_cast<int>(corpus.intent.size());
  info.labels = static_cast<int>((*intent)->Labels().size());
  info.thresholds = thresholds;
  ModelSet set(std::move((*danger)->model), std::move(*intent), *calibration, info);
  if (auto saved = set.Save(dir); !saved) return saved.error();
  report.info = info;
  return report;
}

}  // namespace smsdesk::learn
