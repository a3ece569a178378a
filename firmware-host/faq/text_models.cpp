#include "firmware-host/faq/text_models.h"

#include <cmath>

namespace smsdesk::faq {
namespace {

std::array<double, kCalibrationWeights> Inputs(const AnswerFeatures& f) {
  return {f.model_probability, f.model_margin, f.lexical_confidence, f.lexical_agrees, f.person_probability, 1.0};
}

double Sigmoid(double z) {
  if (z > 40) return 1.0;
  if (z < -40) return 0.0;
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

double AnswerCalibration::Probability(const AnswerFeatures& f) const {
  const auto x = Inputs(f);
  double z = 0;
  for (size_t i = 0; i < kCalibrationWeights; ++i) z += weights[i] * x[i];
  return Sigmoid(z);
}

AnswerCalibration FitCalibration(const std::vector<std::pair<AnswerFeatures, bool>>& samples) {
  AnswerCalibration c;
  if (samples.empty()) return c;
  constexpr int kPasses = 2'000;
  constexpr double kRate = 1.0;
  constexpr double kL2 = 1e-4;
  std::array<double, kCalibrationWeights> grad{};
  const double n = static_cast<double>(samples.size());
  for (int pass = 0; pass < kPasses; ++pass) {
    grad.fill(0);
    for (const auto& [features, right] : samples) {
      const auto x = Inputs(features);
      const double err = c.Probability(features) - (right ? 1.0 : 0.0);
      for (size_t i = 0; i < kCalibrationWeights; ++i) grad[i] += err * x[i];
    }
    for (size_t i = 0; i < kCalibrationWeights; ++i) {
      const double reg = i + 1 < kCalibrationWeights ? kL2 * c.weights[i] : 0.0;
      c.weights[i] -= kRate * (grad[i] / n + reg);
    }
  }
  c.fitted = true;
  return c;
}

std::string ModelText(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

}  // namespace smsdesk::faq
