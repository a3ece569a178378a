// Bounded work on the longest texts an SMS can carry (255 parts: 39,015 GSM-7
// or 17,085 UCS-2 characters): what the matcher and danger detection read
// stays within the caps of faq_matcher.h, each word within
// kMaxTokenCodePoints, whatever the text is made of. Work is checked by what
// is produced, never by time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/faq/message_signals.h"
#include "firmware-host/safety/urgency_detector.h"
#include "firmware-host/text/text_analyzer.h"
#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {
namespace {

constexpr size_t kGsmLongest = 39'015;   // 255 × 153
constexpr size_t kUcs2Longest = 17'085;  // 255 × 67

size_t CodePoints(std::string_view s) { return DecodeUtf8(s).size(); }

// `unit` repeated up to `code_points` code points.
std::string Repeat(std::string_view unit, size_t code_points) {
  std::string out;
  const size_t per_unit = CodePoints(unit);
  for (size_t n = 0; n + per_unit <= code_points; n += per_unit) out += unit;
  return out;
}

struct Body {
  const char* name;
  std::string text;
};

std::vector<Body> MakeLongestBodies() {
  std::mt19937 rng(20250307);
  std::string words;
  const char* vocabulary[] = {"bus", "pass", "doctor", "help", "where", "carte", "autobus", "باص", "مدرسه",
                              "3ayez", "7okoma", "not", "emergency", "police", "школа", "کمک"};
  // Counted word by word: these parameters are built in every test process's
  // start-up (ctest runs each test in its own), so this stays linear.
  for (size_t code_points = 0; code_points < kGsmLongest - 20;) {
    const std::string word = std::string(vocabulary[rng() % 16]) + " ";
    words += word;
    code_points += CodePoints(word);
  }
  std::string letters;
  while (letters.size() < kGsmLongest) {
    letters += static_cast<char>('a' + rng() % 26);
    if (rng() % 7 == 0) letters += ' ';
  }
  std::string invalid;
  while (invalid.size() < kGsmLongest) invalid += static_cast<char>(0x80 + rng() % 0x80);
  return {
      {"one Latin word", Repeat("a", kGsmLongest)},
      {"one Latin word, mixed letters", Repeat("questionnaire", kGsmLongest)},
      {"one Arabizi word", Repeat("7a2g3", kGsmLongest)},
      {"one Arabic word (UCS-2)", Repeat("مدرسه", kUcs2Longest)},
      {"one Cyrillic word (UCS-2)", Repeat("школа", kUcs2Longest)},
      {"a run of wa- (UCS-2)", Repeat("و", kUcs2Longest)},
      {"random words", words},
      {"random letters", letters},
      {"255 parts of UCS-2 Arabic", Repeat("مرحبا وين الباص؟ ", kUcs2Longest)},
      {"repeated danger words", Repeat("help me emergency police hitting ", kGsmLongest)},
      {"repeated Arabic danger words", Repeat("ضرب وخايف ", kUcs2Longest)},
      {"one-letter words", Repeat("a ", kGsmLongest)},
      {"digit groups", Repeat("1-", kGsmLongest)},
      {"control characters", Repeat("\x01\x02\x1b[2J\x7f", kGsmLongest)},
      {"right-to-left overrides", Repeat("\u202Eabc\u202C", kGsmLongest)},
      {"zero-width joiners", Repeat("a\u200D", kGsmLongest)},
      {"combining marks", Repeat("e\u0301\u0316", kGsmLongest)},
      {"NFKC ligatures (x18)", Repeat("\uFDFA", kUcs2Longest)},
      {"invalid UTF-8", invalid},
  };
}

class LongestBodies : public ::testing::TestWithParam<Body> {};

TEST_P(LongestBodies, WordsAreCutAndCounted) {
  const std::string& text = GetParam().text;
  const std::string normalized = NormalizeTextPrefix(text, kMatchedCodePoints);
  EXPECT_LE(CodePoints(normalized), kMatchedCodePoints);
  const std::vector<Token> tokens = Tokenize(normalized, kMaxTokenCodePoints);
  EXPECT_LE(tokens.size(), kMatchedCodePoints / 2 + 1);
  for (const Token& t : tokens) EXPECT_LE(CodePoints(t.text), kMaxTokenCodePoints);

  TextAnalyzer analyzer;
  const std::vector<QueryTerm> terms = analyzer.QueryTerms(tokens, Lang::kAr);
  EXPECT_LE(terms.size(), tokens.size());
  for (const QueryTerm& q : terms) {
    EXPECT_LE(q.forms.size(), 16u);
    EXPECT_LE(q.skeletons.size(), 4u);  // Arabizi readings: at most four
    for (const TermForm& f : q.forms) EXPECT_LE(CodePoints(f.text), 2 * kMaxTokenCodePoints);
  }
}

TEST_P(LongestBodies, DangerReadsBothEndsWithinTheCaps) {
  const std::vector<Token> tokens = DangerTokens(GetParam().text);
  EXPECT_LE(tokens.size(), (kDangerHeadCodePoints + kDangerTailCodePoints) / 2 + 2);
  for (const Token& t : tokens) EXPECT_LE(CodePoints(t.text), kMaxTokenCodePoints);
}

TEST_P(LongestBodies, MatchGivesASaneResult) {
  static const auto index = FaqIndex::Build({
      {"bus-pass", "en", {"bus pass", "presto"}, "How do I get a bus pass?", "Use a Presto card."},
      {"bus-pass", "ar", {"كرت الباص"}, "كيف أدفع أجرة الباص؟", "ادفع ببطاقة Presto."},
      {"school", "en", {"school", "register"}, "How do I register my child at school?", "Call the board."},
  });
  Matcher matcher(index);
  const MatchResult r = matcher.Match(GetParam().text);
  EXPECT_NE(r.decision, Decision::kAuto);  // a text past kMatchedCodePoints was not all read
  EXPECT_LE(r.candidates.size(), matcher.config().max_candidates);
  EXPECT_LE(r.reasons.size(), 16u);
}

INSTANTIATE_TEST_SUITE_P(EveryKind, LongestBodies, ::testing::ValuesIn(MakeLongestBodies()),
                         [](const auto& info) {
                           std::string name;
                           for (char c : std::string(info.param.name)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(BoundedWork, MatcherScoresAFewDozenWordsAtMost) {
  Matcher matcher(FaqIndex::Build(
      {{"bus-pass", "en", {"bus pass", "presto"}, "How do I get a bus pass?", "Use a Presto card."}}));
  std::string text = "how do i get a bus pass with presto?";
  EXPECT_EQ(matcher.Match(text).decision, Decision::kAuto);
  for (size_t i = 0; i < kMatchedWords; ++i) text += " kalo" + std::to_string(i);
  ASSERT_LT(CodePoints(text), kMatchedCodePoints);
  const MatchResult r = matcher.Match(text);
  EXPECT_NE(r.decision, Decision::kAuto);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates[0].id, "bus-pass");
  EXPECT_NE(std::find(r.reasons.begin(), r.reasons.end(), "long message: only its first part was matched"),
            r.reasons.end());
}

TEST(BoundedWork, LongWordsAreCutNotSplit) {
  const std::string word(100, 'a');
  const std::vector<Token> tokens = Tokenize(NormalizeText(word + " bus"), kMaxTokenCodePoints);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, std::string(kMaxTokenCodePoints, 'a'));
  EXPECT_EQ(tokens[0].end, 100u);  // the span is the whole run
  EXPECT_EQ(tokens[1].text, "bus");
  EXPECT_EQ(Tokenize(NormalizeText(word))[0].text, word);  // uncut unless asked
}

TEST(BoundedWork, ACutWordIsSplitAndClassifiedAsAWholeOne) {
  // Past the cut, the run goes on: digits then Arabic after Latin letters
  // stay one run, as uncut (the split looks at the run's last letter).
  const std::string text = NormalizeText(std::string(60, 'x') + "11طيه " + std::string(50, '1') + "ab");
  const std::vector<Token> whole = Tokenize(text);
  const std::vector<Token> cut = Tokenize(text, kMaxTokenCodePoints);
  ASSERT_EQ(whole.size(), 2u);
  ASSERT_EQ(cut.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(cut[i].text, FirstCodePoints(whole[i].text, kMaxTokenCodePoints));
    EXPECT_EQ(cut[i].end, whole[i].end);
    EXPECT_EQ(cut[i].script, whole[i].script);
    EXPECT_EQ(cut[i].has_letter, whole[i].has_letter);
  }
  EXPECT_EQ(cut[1].script, Script::kLatin);  // its letters come after the cut
}

TEST(BoundedWork, NormalizingInPiecesGivesTheWholeResult) {
  // Decomposed accents, Arabic harakat and Hangul jamo around every piece
  // boundary: the pieces end only before ASCII, which nothing combines with.
  std::string text;
  for (int i = 0; i < 400; ++i) text += "Ecole\u0301 \u0645\u064E\u062F\u0631\u0633\u0629 \u1100\u1161\u11A8,";
  const std::string whole = NormalizeText(text);
  EXPECT_EQ(whole.find("\u0301"), std::string::npos);
  for (size_t cap : {size_t{0}, size_t{1}, size_t{511}, size_t{1600}, size_t{6000}}) {
    EXPECT_EQ(NormalizeTextPrefix(text, cap), std::string(FirstCodePoints(whole, cap))) << cap;
  }
  // NFKC makes U+FDFA eighteen code points; the cap still holds.
  EXPECT_EQ(CodePoints(NormalizeTextPrefix(Repeat("\uFDFA", kUcs2Longest), 100)), 100u);
}

TEST(BoundedWork, FirstAndLastCodePoints) {
  EXPECT_EQ(FirstCodePoints("aéb", 2), "aé");
  EXPECT_EQ(LastCodePoints("aéb", 2), "éb");
  EXPECT_EQ(FirstCodePoints("ab", 5), "ab");
  EXPECT_EQ(LastCodePoints("ab", 0), "");
  EXPECT_EQ(FirstCodePoints("ab", 0), "");
  // Stray continuation bytes: still at most four bytes per code point.
  const std::string stray(1000, '\x80');
  EXPECT_LE(FirstCodePoints(stray, 10).size(), 40u);
  EXPECT_LE(LastCodePoints(stray, 10).size(), 40u);
}

TEST(BoundedWork, DangerAtTheEndOfALongStoryIsSeen) {
  UrgencyDetector detector;
  const std::string story = Repeat("We arrived last winter, the children go to school and I look for work. ",
                                   kGsmLongest - 60);
  const std::string end = "Today my husband beat me and says he will kill me.";
  EXPECT_TRUE(detector.Detect(DangerTokens(story + end)).urgent);
  EXPECT_TRUE(detector.Detect(DangerTokens(end + story)).urgent);
  // Every message up to the head and tail caps is read whole.
  const std::string middle = Repeat("I look for work. ", kDangerHeadCodePoints - 20) + end +
                             Repeat(" I look for work.", kDangerTailCodePoints - 60);
  ASSERT_LE(CodePoints(middle), kDangerHeadCodePoints + kDangerTailCodePoints);
  EXPECT_TRUE(detector.Detect(DangerTokens(middle)).urgent);
  // Past both (a 255-part text with the words buried in the middle), not.
  EXPECT_FALSE(detector.Detect(DangerTokens(story.substr(0, 20'000) + end + story.substr(0, 18'000))).urgent);
}

TEST(BoundedWork, MatcherSeesDangerInALongText) {
  Matcher matcher(FaqIndex::Build({{"school", "en", {"school"}, "School?", "Call the board."}}));
  const MatchResult r = matcher.Match(Repeat("the school bus is late again. ", kGsmLongest - 40) + " he has a knife");
  EXPECT_EQ(r.decision, Decision::kUrgent);
}

TEST(BoundedWork, ArabicConjunctionIsStrippedAFewTimesOnly) {
  UrgencyDetector detector;
  EXPECT_TRUE(detector.Detect(Tokenize(NormalizeText("ابوي وما عم يتنفس"))).urgent);
  EXPECT_TRUE(detector.Detect(Tokenize(NormalizeText("وحريق بالبيت"))).urgent);
  // A run of wa- is no word: it is not taken off letter by letter (which
  // cost a copy of the rest of the word per letter).
  EXPECT_FALSE(detector.Detect(Tokenize(NormalizeText(Repeat("و", 5000) + "حريق"))).urgent);
}

TEST(BoundedWork, NumberChainsAreSummedOnce) {
  EXPECT_TRUE(AnalyzeMessageSignals(Tokenize(NormalizeText("call 613-555-0187"))).has_case_number);
  EXPECT_FALSE(AnalyzeMessageSignals(Tokenize(NormalizeText("bus 12 - 34"))).has_case_number);
  EXPECT_TRUE(AnalyzeMessageSignals(Tokenize(NormalizeText(Repeat("1-", kGsmLongest)))).has_case_number);
}

}  // namespace
}  // namespace smsdesk::faq
