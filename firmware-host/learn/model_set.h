// The desk's trained models as files next to its database, and loaded: the
// danger and intent classifiers and the answer calibration, as the Matcher
// uses them (faq::TextModels).
//
// On disk, a folder `<database>.models/` holds `models.json` (the manifest)
// and the two model files it names. The manifest is written last, to a
// temporary name and renamed, so a reader sees the old set or the new one,
// never half of each; it records each file's size and BLAKE2b hash, checked
// before fastText reads a byte (fastText trusts the sizes in a file).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "firmware-host/faq/text_models.h"
#include "firmware-host/learn/fasttext_classifier.h"
#include "modem/result.h"

namespace smsdesk::learn {

// `<database>.models`: where the models of the desk on `database` live.
std::string ModelDirFor(const std::string& database);

// What the manifest says about the training, besides the files.
struct ModelInfo {
  std::string faq_fingerprint;  // FaqFingerprint of what it was trained on
  std::int64_t trained_at = 0;  // unix seconds
  double seconds = 0;           // how long the training took
  int danger_texts = 0;
  int intent_texts = 0;
  int labels = 0;
  faq::DangerThresholds thresholds;  // chosen on texts held out of a first danger model
};

class ModelSet : public faq::TextModels {
 public:
  ModelSet(std::unique_ptr<FastTextClassifier> danger, std::unique_ptr<FastTextClassifier> intent,
           faq::AnswerCalibration calibration, ModelInfo info);

  double Danger(std::string_view model_text) const override;
  std::vector<faq::LabelScore> Intents(std::string_view model_text, size_t k) const override;
  const faq::AnswerCalibration& Calibration() const override { return calibration_; }
  faq::DangerThresholds Thresholds() const override { return info_.thresholds; }
  const ModelInfo& info() const { return info_; }

  // Writes the set into `dir` (created if missing) and removes the files of
  // the set it replaces.
  modem::Result<bool> Save(const std::string& dir) const;

 private:
  std::unique_ptr<FastTextClassifier> danger_;
  std::unique_ptr<FastTextClassifier> intent_;
  faq::AnswerCalibration calibration_;
  ModelInfo info_;
};

// The set in `dir`; an error when there is none ("no models in DIR"), or a
// file is missing, changed or not a model.
modem::Result<std::shared_ptr<const ModelSet>> LoadModels(const std::string& dir);

// Only the manifest's ModelInfo (cheap: no model is read).
modem::Result<ModelInfo> ReadModelInfo(const std::string& dir);

}  // namespace smsdesk::learn
