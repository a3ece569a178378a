// The learn module on small corpora (fast: well under a second each): the
// fastText classifier trains, predicts and round-trips through a file; a
// model set is saved next to a database and refuses a file that changed;
// training from the FAQ and confirmed examples, and what one confirmed
// example changes in the next decision on a similar text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "firmware-host/faq/faq_index.h"
#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/learn/fasttext_classifier.h"
#include "firmware-host/learn/model_set.h"
#include "firmware-host/learn/seed_corpus.h"
#include "firmware-host/learn/trainer.h"

namespace smsdesk::learn {
namespace {

namespace fs = std::filesystem;

class LearnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("smsdesk-learn-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TrainOptions Small() {
  TrainOptions o;
  o.dim = 8;
  o.epoch = 40;
  o.bucket = 2'000;
  o.threads = 1;  // with one thread, the same input gives the same model
  return o;
}

std::vector<LabelledText> Animals() {
  std::vector<LabelledText> rows;
  for (int i = 0; i < 30; ++i) {
    rows.push_back({"cat", "the cat says meow " + std::to_string(i)});
    rows.push_back({"dog", "the dog says woof " + std::to_string(i)});
  }
  return rows;
}

TEST_F(LearnTest, ClassifierTrainsPredictsAndRoundTrips) {
  auto model = FastTextClassifier::Train(Animals(), Small(), (dir_ / "scratch.txt").string());
  ASSERT_TRUE(model) << model.error().message;
  EXPECT_FALSE(fs::exists(dir_ / "scratch.txt"));  // the training file is removed
  auto top = (*model)->Predict("meow meow", 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].label, "cat");
  EXPECT_GT(top[0].probability, top[1].probability);
  EXPECT_NEAR(top[0].probability + top[1].probability, 1.0, 1e-3);
  auto labels = (*model)->Labels();
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"cat", "dog"}));

  ASSERT_TRUE((*model)->SaveTo((dir_ / "m.bin").string()));
  auto loaded = FastTextClassifier::Load((dir_ / "m.bin").string());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ((*loaded)->Predict("woof", 1).at(0).label, "dog");
  EXPECT_NEAR((*loaded)->Predict("woof", 1).at(0).probability, (*model)->Predict("woof", 1).at(0).probability, 1e-6);
}

TEST_F(LearnTest, ClassifierTakesAnyText) {
  auto model = FastTextClassifier::Train(Animals(), Small(), (dir_ / "scratch.txt").string());
  ASSERT_TRUE(model);
  EXPECT_TRUE((*model)->Predict("", 3).empty());  // no words: no prediction
  EXPECT_TRUE((*model)->Predict(" \n ", 3).empty());
  EXPECT_TRUE((*model)->Predict("meow", 0).empty());
  EXPECT_EQ((*model)->Predict("line\nbreak\rmeow", 1).size(), 1u);
  std::string huge(100'000, 'x');
  for (size_t i = 0; i < huge.size(); i += 7) huge[i] = ' ';
  EXPECT_LE((*model)->Predict(huge, 5).size(), 2u);
}

TEST_F(LearnTest, ClassifierErrors) {
  EXPECT_FALSE(FastTextClassifier::Train({}, Small(), (dir_ / "s.txt").string()));
  EXPECT_FALSE(FastTextClassifier::Train(Animals(), Small(), (dir_ / "no/such/dir/s.txt").string()));
  std::ofstream(dir_ / "junk.bin") << "not a model";
  auto junk = FastTextClassifier::Load((dir_ / "junk.bin").string());
  ASSERT_FALSE(junk);
  EXPECT_NE(junk.error().message.find("junk.bin"), std::string::npos);
  EXPECT_FALSE(FastTextClassifier::Load((dir_ / "missing.bin").string()));
}

std::vector<faq::FaqEntry> Faq() {
  return {
      {"library", "en", {"library card", "library", "books"}, "How do I get a library card?", "Cards are free.",
       {"can i borrow books", "where to read books for free", "is there a library near me"}},
      {"bus-pass", "en", {"bus pass", "presto", "fare"}, "How do I pay the bus fare?", "Use a Presto card.",
       {"how much is the bus", "monthly pass price", "can i pay the bus with my card"}},
      {"ohip", "en", {"health card", "ohip"}, "How do I get a health card?", "Apply at ServiceOntario.",
       {"i need a health card", "how to get ohip", "my kids need health insurance"}},
  };
}

TrainingInput SmallInput() {
  TrainingInput input;
  input.entries = Faq();
  input.seed = false;
  input.danger = Small();
  input.intent = Small();
  input.examples = {{"!", "he is not breathing"}, {"!", "the house is on fire"}, {"!", "she took all the pills"}};
  return input;
}

TEST_F(LearnTest, TrainsSavesAndLoadsASet) {
  const std::string dir = ModelDirFor((dir_ / "desk.db").string());
  EXPECT_EQ(dir, (dir_ / "desk.db.models").string());
  auto missing = LoadModels(dir);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no models"), std::string::npos);

  auto report = TrainModels(SmallInput(), dir);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_GT(report->info.intent_texts, 0);
  EXPECT_GT(report->info.danger_texts, 0);
  EXPECT_EQ(report->info.labels, 3);
  auto models = LoadModels(dir);
  ASSERT_TRUE(models) << models.error().message;
  EXPECT_EQ((*models)->info().faq_fingerprint, TrainingFingerprint(SmallInput().entries, SmallInput().examples, false));
  EXPECT_TRUE((*models)->Calibration().fitted);
  const faq::DangerThresholds t = (*models)->Thresholds();
  EXPECT_LE(t.possible, t.urgent);
  EXPECT_FALSE((*models)->Intents("library card", 3).empty());

  // Training again replaces the set: two model files, never more.
  ASSERT_TRUE(TrainModels(SmallInput(), dir));
  int files = 0;
  for (const auto& f : fs::directory_iterator(dir)) files += f.path().extension() == ".bin";
  EXPECT_EQ(files, 2);
}

TEST_F(LearnTest, RefusesAChangedOrBrokenSet) {
  const std::string dir = (dir_ / "models").string();
  ASSERT_TRUE(TrainModels(SmallInput(), dir));
  fs::path model;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().filename().string().starts_with("intent-")) model = f.path();
  }
  ASSERT_FALSE(model.empty());
  {
    std::fstream f(model, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x7f');
  }
  auto changed = LoadModels(dir);
  ASSERT_FALSE(changed);
  EXPECT_NE(changed.error().message.find("changed"), std::string::npos);

  std::ofstream(fs::path(dir) / "models.json") << "{\"version\": 1, \"danger\": {\"file\": \"../../etc/passwd\"}}";
  EXPECT_FALSE(LoadModels(dir));
  std::ofstream(fs::path(dir) / "models.json") << "{ not json";
  EXPECT_FALSE(LoadModels(dir));
  EXPECT_FALSE(ReadModelInfo(dir));
}

TEST_F(LearnTest, FingerprintFollowsWhatTheModelsLearnFrom) {
  const auto entries = Faq();
  const std::string base = TrainingFingerprint(entries, {}, false);
  EXPECT_EQ(base, TrainingFingerprint(entries, {}, false));
  auto answered = entries;
  answered[0].answer = "A new answer needs no new training.";
  EXPECT_EQ(base, TrainingFingerprint(answered, {}, false));
  auto asked = entries;
  asked[0].examples.push_back("one more example");
  EXPECT_NE(base, TrainingFingerprint(asked, {}, false));
  EXPECT_NE(base, TrainingFingerprint(entries, {{"library", "a confirmed text"}}, false));
  EXPECT_NE(base, TrainingFingerprint(entries, {}, true));
}

TEST_F(LearnTest, AConfirmedExampleChangesTheNextDecisionOnASimilarText) {
  const std::string probe = "kitabkhana card for my daughter";
  auto decide = [&](const TrainingInput& input, const std::string& dir) {
    EXPECT_TRUE(TrainModels(input, dir));
    auto models = LoadModels(dir);
    EXPECT_TRUE(models);
    faq::Matcher matcher(faq::FaqIndex::Build(input.entries), input.matcher, *models);
    return matcher.Match(probe);
  };
  TrainingInput input = SmallInput();
  const faq::MatchResult before = decide(input, (dir_ / "before").string());
  // Moderators answered texts with the library entry and confirmed them as
  // examples: "kitabkhana" (library, in Dari) is in no FAQ text.
  input.examples.push_back({"library", "kitabkhana card for my son"});
  input.examples.push_back({"library", "how to get kitabkhana card"});
  const faq::MatchResult after = decide(input, (dir_ / "after").string());
  ASSERT_TRUE(after.faq_id);
  EXPECT_EQ(*after.faq_id, "library");
  EXPECT_GT(after.answer_probability, before.faq_id == "library" ? before.answer_probability : 0.0);
}

TEST_F(LearnTest, DangerAndNotDangerExamplesTeachOnlyTheDangerModel) {
  TrainingInput input = SmallInput();
  auto base = TrainModels(input, (dir_ / "base").string());
  ASSERT_TRUE(base) << base.error().message;
  input.examples.push_back({std::string(kDangerExample), "he is not waking up and his lips are blue"});
  input.examples.push_back({std::string(kNotDangerExample), "my phone died, how do I charge the bus card online"});
  input.examples.push_back({"no-such-entry", "an entry the FAQ lost: learnt by neither"});
  auto more = TrainModels(input, (dir_ / "more").string());
  ASSERT_TRUE(more) << more.error().message;
  EXPECT_EQ(more->info.danger_texts, base->info.danger_texts + 2);
  EXPECT_EQ(more->info.intent_texts, base->info.intent_texts);
}

// Bytes of the one file in `dir` whose name starts with `prefix`.
std::string ModelBytes(const fs::path& dir, const std::string& prefix) {
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().filename().string().starts_with(prefix)) {
      std::ifstream in(f.path(), std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return {};
}

TEST_F(LearnTest, TheSameInputGivesTheSameModelsSideBySideOrInTurn) {
  TrainingInput input = SmallInput();
  input.danger.threads = input.intent.threads = 2;  // the two pipelines side by side
  ASSERT_TRUE(TrainModels(input, (dir_ / "a").string()));
  ASSERT_TRUE(TrainModels(input, (dir_ / "b").string()));
  input.danger.threads = input.intent.threads = 1;  // one after the other
  ASSERT_TRUE(TrainModels(input, (dir_ / "c").string()));
  for (const char* model : {"danger-", "intent-"}) {
    const std::string a = ModelBytes(dir_ / "a", model);
    ASSERT_FALSE(a.empty()) << model;
    EXPECT_EQ(a, ModelBytes(dir_ / "b", model)) << model;
    EXPECT_EQ(a, ModelBytes(dir_ / "c", model)) << model;
  }
  // No scratch file is left behind.
  for (const auto& f : fs::directory_iterator(dir_ / "a")) {
    EXPECT_FALSE(f.path().filename().string().starts_with(".training")) << f.path();
  }
}

TEST(SeedCorpusTest, EveryFileIsCompiledInWithItsHeader) {
  std::vector<std::string> langs;
  for (const SeedFile& f : SeedCorpus()) {
    langs.emplace_back(f.lang);
    EXPECT_TRUE(f.tsv.starts_with("label\ttopic\ttext\n")) << f.lang;
    EXPECT_GT(f.tsv.size(), 10'000u) << f.lang;
  }
  std::sort(langs.begin(), langs.end());
  EXPECT_EQ(langs, (std::vector<std::string>{"ar", "ar-Latn", "en", "es", "fa", "fr", "uk"}));
}

}  // namespace
}  // namespace smsdesk::learn
