// The FAQ matcher (with danger detection) on the longest texts an SMS can
// carry, one kind of text per case, against the demo FAQ: the time one such
// message holds the daemon's event loop. Numbers only, no assertions.
//   build/tests/bench/faq_worst_case_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/faq/demo_faq.h"
#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/faq/faq_matcher.h"

namespace {

using namespace smsdesk::faq;

constexpr size_t kGsmLongest = 39'015;   // 255 parts × 153 GSM-7 characters
constexpr size_t kUcs2Longest = 17'085;  // 255 parts × 67 UCS-2 characters

std::string Repeat(std::string_view unit, size_t code_points) {
  std::string out;
  const size_t per_unit = DecodeUtf8(unit).size();
  for (size_t n = 0; n + per_unit <= code_points; n += per_unit) out += unit;
  return out;
}

std::string RandomWords() {
  std::mt19937 rng(7);
  const char* vocabulary[] = {"bus", "pass", "doctor", "help", "where", "carte", "autobus", "باص", "مدرسه",
                              "3ayez", "7okoma", "not", "emergency", "police", "школа", "کمک"};
  std::string out;
  while (out.size() < kGsmLongest) out += std::string(vocabulary[rng() % 16]) + " ";
  return out;
}

std::string InvalidUtf8() {
  std::mt19937 rng(11);
  std::string out;
  while (out.size() < kGsmLongest) out += static_cast<char>(0x80 + rng() % 0x80);
  return out;
}

const std::shared_ptr<const FaqIndex>& DemoIndex() {
  static const auto index = FaqIndex::Build(ParseFaqCsv(smsdesk::demo::DemoFaqCsv()).entries);
  return index;
}

void MatchText(benchmark::State& state, const std::string& text) {
  Matcher matcher(DemoIndex());
  for (auto _ : state) {
    MatchResult r = matcher.Match(text);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

const int kRegistered = [] {
  const std::vector<std::pair<const char*, std::string>> texts = {
      {"question", "Where can I get a bus pass for my son? He starts school next week."},
      {"latin_word", Repeat("a", kGsmLongest)},
      {"arabizi_word", Repeat("7a2g3", kGsmLongest)},
      {"arabic_word_ucs2", Repeat("مدرسه", kUcs2Longest)},
      {"wa_run_ucs2", Repeat("و", kUcs2Longest)},
      {"random_words", RandomWords()},
      {"arabic_255_parts_ucs2", Repeat("مرحبا وين الباص؟ ", kUcs2Longest)},
      {"danger_words", Repeat("help me emergency police hitting ", kGsmLongest)},
      {"one_letter_words", Repeat("a ", kGsmLongest)},
      {"digit_groups", Repeat("1-", kGsmLongest)},
      {"rtl_overrides", Repeat("\u202Eabc\u202C", kGsmLongest)},
      {"zero_width_joiners", Repeat("a\u200D", kGsmLongest)},
      {"ligatures_ucs2", Repeat("\uFDFA", kUcs2Longest)},
      {"invalid_utf8", InvalidUtf8()},
  };
  for (const auto& [name, text] : texts) {
    benchmark::RegisterBenchmark((std::string("Match/") + name).c_str(), MatchText, text)
        ->Unit(benchmark::kMillisecond);
  }
  return 0;
}();

}  // namespace

BENCHMARK_MAIN();
