// One supervised fastText classifier (Debian's libfasttext): trained from
// labelled lines, saved to and loaded from one file, asked for the most
// likely labels of a text. The only file of the program that includes a
// fastText header (scripts/check-includes keeps it so).
//
// fastText reads character n-grams of every word, so a dialect spelling,
// Arabizi or a typo still shares most of its pieces with the training texts.
// Predict is const and thread-safe; it reads at most fastText's own line cap
// (1,024 words) of the text.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/faq/text_models.h"
#include "modem/result.h"

namespace smsdesk::learn {

struct LabelledText {
  std::string label;  // no spaces
  std::string text;   // faq::ModelText: no line breaks
};

struct TrainOptions {
  int dim = 32;
  int epoch = 25;
  double lr = 0.5;
  int word_ngrams = 2;
  int minn = 4;  // n-gram lengths and the rest chosen on a fifth of the seed corpus held out (README.md)
  int maxn = 6;
  int bucket = 50'000;  // n-gram buckets: the model's size is (words + bucket) × dim floats
  int min_count = 2;    // a word seen once has no vector of its own (its n-grams still count)
  // Hierarchical softmax: training cost grows with log2(labels) instead of
  // labels (the trainer turns it on for an FAQ of more than
  // kSoftmaxMaxLabels entries; probabilities come from the label tree).
  bool hierarchical = false;
  int threads = 2;
  int seed = 0;
};

inline constexpr size_t kSoftmaxMaxLabels = 200;

class FastTextClassifier {
 public:
  ~FastTextClassifier();
  FastTextClassifier(const FastTextClassifier&) = delete;
  FastTextClassifier& operator=(const FastTextClassifier&) = delete;

  // Trains on `rows` (through the file `scratch`, which fastText reads and
  // which is removed after). Errors: no rows, a file that cannot be written,
  // fastText refusing the input.
  static modem::Result<std::unique_ptr<FastTextClassifier>> Train(const std::vector<LabelledText>& rows,
                                                                  const TrainOptions& options,
                                                                  const std::string& scratch);
  // Loads a model file SaveTo wrote. The caller checks the file is the one
  // written (model_files.h): fastText trusts the sizes it reads.
  static modem::Result<std::unique_ptr<FastTextClassifier>> Load(const std::string& path);
  modem::Result<bool> SaveTo(const std::string& path) const;

  // The k most likely labels of `text`, most likely first (probabilities
  // from the softmax; they sum to 1 over every label).
  std::vector<faq::LabelScore> Predict(std::string_view text, size_t k) const;
  // Every label the model knows, without fastText's "__label__" prefix.
  std::vector<std::string> Labels() const;

 private:
  struct Impl;
  explicit FastTextClassifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace smsdesk::learn
