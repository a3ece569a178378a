#include "firmware-host/learn/model_set.h"

#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace smsdesk::learn {
namespace {

namespace fs = std::filesystem;
constexpr const char* kManifest = "models.json";
constexpr int kManifestVersion = 1;
constexpr std::uintmax_t kMaxModelBytes = 256u << 20;  // far above any set this desk trains

std::string HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    const auto got = in.gcount();
    if (got > 0) crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(buf), got);
  }
  unsigned char out[32];
  crypto_generichash_final(&state, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

modem::Result<nlohmann::json> ReadManifest(const std::string& dir) {
  const std::string path = (fs::path(dir) / kManifest).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return modem::MakeError("no models in " + dir);
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return modem::MakeError(path + ": not a JSON object");
  if (j.value("version", 0) != kManifestVersion) return modem::MakeError(path + ": unknown manifest version");
  return j;
}

// What the manifest says about the training.
modem::Result<ModelInfo> InfoOf(const std::string& dir, const nlohmann::json& j) {
  ModelInfo info;
  try {
    info.faq_fingerprint = j.value("faq_fingerprint", std::string());
    info.trained_at = j.value("trained_at", std::int64_t{0});
    info.seconds = j.value("seconds", 0.0);
    info.danger_texts = j.value("danger_texts", 0);
    info.intent_texts = j.value("intent_texts", 0);
    info.labels = j.value("labels", 0);
    info.thresholds.possible = j.value("danger_possible", info.thresholds.possible);
    info.thresholds.urgent = j.value("danger_urgent", info.thresholds.urgent);
  } catch (const nlohmann::json::exception& e) {
    return modem::MakeError(dir + "/" + kManifest + ": " + e.what());
  }
  if (!(info.thresholds.possible >= 0 && info.thresholds.possible <= info.thresholds.urgent &&
        info.thresholds.urgent <= 1)) {
    return modem::MakeError(dir + "/" + kManifest + ": danger thresholds out of range");
  }
  return info;
}

modem::Result<std::unique_ptr<FastTextClassifier>> LoadChecked(const std::string& dir, const nlohmann::json& entry) {
  if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string()) {
    return modem::MakeError(dir + "/" + kManifest + ": a model entry without a file");
  }
  const std::string name = entry["file"].get<std::string>();
  if (name.empty() || name.find('/') != std::string::npos || name.starts_with(".")) {
    return modem::MakeError(dir + "/" + kManifest + ": bad model file name");
  }
  const std::string path = (fs::path(dir) / name).string();
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return modem::MakeError(path + ": " + ec.message());
  if (size > kMaxModelBytes || size != entry.value("size", std::uintmax_t{0})) {
    return modem::MakeError(path + ": not the size the manifest records");
  }
  if (HashFile(path) != entry.value("blake2b", std::string())) {
    return modem::MakeError(path + ": changed since it was written (hash differs)");
  }
  return FastTextClassifier::Load(path);
}

// Writes `model` as `dir/name` and returns its manifest entry.
modem::Result<nlohmann::json> SaveOne(const FastTextClassifier& model, const std::string& dir, const std::string& name) {
  const std::string path = (fs::path(dir) / name).string();
  if (auto saved = model.SaveTo(path); !saved) return saved.error();
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return modem::MakeError(path + ": " + ec.message());
  return nlohmann::json{{"file", name}, {"size", size}, {"blake2b", HashFile(path)}};
}

}  // namespace

std::string ModelDirFor(const std::string& database) { return database + ".models"; }

ModelSet::ModelSet(std::unique_ptr<FastTextClassifier> danger, std::unique_ptr<FastTextClassifier> intent,
                   faq::AnswerCalibration calibration, ModelInfo info)
    : danger_(std::move(danger)), intent_(std::move(intent)), calibration_(calibration), info_(std::move(info)) {}

double ModelSet::Danger(std::string_view model_text) const {
  for (const faq::LabelScore& s : danger_->Predict(model_text, 2)) {
    if (s.label == "danger") return s.probability;
  }
  return 0.0;
}

std::vector<faq::LabelScore> ModelSet::Intents(std::string_view model_text, size_t k) const {
  return intent_->Predict(model_text, k);
}

modem::Result<bool> ModelSet::Save(const std::string& dir) const {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return modem::MakeError(dir + ": " + ec.message());
  const std::string stamp = std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  auto danger = SaveOne(*danger_, dir, "danger-" + stamp + ".bin");
  if (!danger) return danger.error();
  auto intent = SaveOne(*intent_, dir, "intent-" + stamp + ".bin");
  if (!intent) return intent.error();
  nlohmann::json manifest = {
      {"version", kManifestVersion},
      {"faq_fingerprint", info_.faq_fingerprint},
      {"trained_at", info_.trained_at},
      {"seconds", info_.seconds},
      {"danger_texts", info_.danger_texts},
      {"intent_texts", info_.intent_texts},
      {"labels", info_.labels},
      {"danger_possible", info_.thresholds.possible},
      {"danger_urgent", info_.thresholds.urgent},
      {"danger", *danger},
      {"intent", *intent},
      {"calibration", calibration_.weights},
  };
  const std::string path = (fs::path(dir) / kManifest).string();
  {
    std::ofstream out(path + ".tmp", std::ios::binary | std::ios::trunc);
    out << manifest.dump(2) << '\n';
    out.flush();
    if (!out) return modem::MakeError("cannot write " + path + ".tmp");
  }
  fs::rename(path + ".tmp", path, ec);
  if (ec) return modem::MakeError(path + ": " + ec.message());
  // The files of earlier sets: nothing names them any more.
  for (const auto& file : fs::directory_iterator(dir, ec)) {
    const std::string name = file.path().filename().string();
    const bool model = (name.starts_with("danger-") || name.starts_with("intent-")) && name.ends_with(".bin");
    if (model && name != (*danger)["file"] && name != (*intent)["file"]) fs::remove(file.path(), ec);
  }
  return true;
}

modem::Result<std::shared_ptr<const ModelSet>> LoadModels(const std::string& dir) {
  auto manifest = ReadManifest(dir);
  if (!manifest) return manifest.error();
  const nlohmann::json& j = *manifest;
  auto danger = LoadChecked(dir, j.value("danger", nlohmann::json()));
  if (!danger) return danger.error();
  auto intent = LoadChecked(dir, j.value("intent", nlohmann::json()));
  if (!intent) return intent.error();
  faq::AnswerCalibration calibration;
  const nlohmann::json weights = j.value("calibration", nlohmann::json());
  if (!weights.is_array() || weights.size() != calibration.weights.size()) {
    return modem::MakeError(dir + "/" + kManifest + ": no calibration");
  }
  for (size_t i = 0; i < calibration.weights.size(); ++i) {
    if (!weights[i].is_number()) return modem::MakeError(dir + "/" + kManifest + ": bad calibration");
    calibration.weights[i] = weights[i].get<double>();
  }
  calibration.fitted = true;
  auto info = InfoOf(dir, j);
  if (!info) return info.error();
  return std::shared_ptr<const ModelSet>(
      std::make_shared<ModelSet>(std::move(*danger), std::move(*intent), calibration, *info));
}

modem::Result<ModelInfo> ReadModelInfo(const std::string& dir) {
  auto manifest = ReadManifest(dir);
  if (!manifest) return manifest.error();
  return InfoOf(dir, *manifest);
}

}  // namespace smsdesk::learn
