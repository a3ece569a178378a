#include "firmware-host/learn/fasttext_classifier.h"

#include <fasttext/args.h>
#include <fasttext/dictionary.h>
#include <fasttext/fasttext.h>

#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>

namespace smsdesk::learn {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

}  // namespace

struct FastTextClassifier::Impl {
  fasttext::FastText model;
};

FastTextClassifier::FastTextClassifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FastTextClassifier::~FastTextClassifier() = default;

modem::Result<std::unique_ptr<FastTextClassifier>> FastTextClassifier::Train(const std::vector<LabelledText>& rows,
                                                                             const TrainOptions& options,
                                                                             const std::string& scratch) {
  if (rows.empty()) return modem::MakeError("no training texts");
  {
    std::ofstream out(scratch, std::ios::binary | std::ios::trunc);
    for (const LabelledText& row : rows) {
      out << kLabelPrefix << row.label << ' ' << row.text << '\n';
    }
    out.close();
    if (!out) {
      std::remove(scratch.c_str());
      return modem::MakeError("cannot write " + scratch);
    }
  }
  fasttext::Args args;
  args.input = scratch;
  args.model = fasttext::model_name::sup;
  args.loss = options.hierarchical ? fasttext::loss_name::hs : fasttext::loss_name::softmax;
  args.dim = options.dim;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.wordNgrams = options.word_ngrams;
  args.minn = options.minn;
  args.maxn = options.maxn;
  args.bucket = options.bucket;
  args.thread = options.threads;
  args.seed = options.seed;
  args.minCount = options.min_count;
  args.verbose = 0;
  auto impl = std::make_unique<Impl>();
  try {
    impl->model.train(args);
  } catch (const std::exception& e) {
    std::remove(scratch.c_str());
    return modem::MakeError(std::string("fastText: ") + e.what());
  }
  std::remove(scratch.c_str());
  return std::unique_ptr<FastTextClassifier>(new FastTextClassifier(std::move(impl)));
}

modem::Result<std::unique_ptr<FastTextClassifier>> FastTextClassifier::Load(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  try {
    impl->model.loadModel(path);
  } catch (const std::exception& e) {
    return modem::MakeError(path + ": " + e.what());
  }
  if (impl->model.getArgs().model != fasttext::model_name::sup) {
    return modem::MakeError(path + ": not a supervised fastText model");
  }
  return std::unique_ptr<FastTextClassifier>(new FastTextClassifier(std::move(impl)));
}

modem::Result<bool> FastTextClassifier::SaveTo(const std::string& path) const {
  try {
    impl_->model.saveModel(path);
  } catch (const std::exception& e) {
    return modem::MakeError(path + ": " + e.what());
  }
  return true;
}

std::vector<faq::LabelScore> FastTextClassifier::Predict(std::string_view text, size_t k) const {
  std::vector<faq::LabelScore> out;
  // No words, nothing to say (fastText would still answer from its
  // end-of-line token alone).
  if (k == 0 || text.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  // fastText reads a line from a stream and stops at its newline.
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line += '\n';
  std::istringstream in(line);
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  try {
    impl_->model.predictLine(in, predictions, static_cast<int32_t>(k), 0.0);
  } catch (const std::exception&) {
    return out;
  }
  out.reserve(predictions.size());
  for (auto& [p, label] : predictions) {
    std::string_view name(label);
    if (name.starts_with(kLabelPrefix)) name.remove_prefix(kLabelPrefix.size());
    // predictLine gives probabilities already (0.9.2); guard the range anyway.
    double prob = std::isfinite(p) ? std::min(1.0, std::max(0.0, static_cast<double>(p))) : 0.0;
    out.push_back({std::string(name), prob});
  }
  return out;
}

std::vector<std::string> FastTextClassifier::Labels() const {
  std::vector<std::string> labels;
  auto dict = impl_->model.getDictionary();
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string name = dict->getLabel(i);
    if (std::string_view(name).starts_with(kLabelPrefix)) name.erase(0, kLabelPrefix.size());
    labels.push_back(std::move(name));
  }
  return labels;
}

}  // namespace smsdesk::learn
