#include "firmware-host/text/text_analyzer.h"

#include <algorithm>

#include "firmware-host/text/arabizi.h"
#include "firmware-host/text/stopwords.h"

namespace smsdesk::faq {
namespace {

// Weight of a term inside a negated want/need: kept a little, since "I don't
// need X" is still about X's neighbourhood, but no longer decisive.
constexpr double kNegatedWeight = 0.15;
constexpr size_t kNegationScope = 4;
constexpr double kContextSentenceWeight = 0.6;
constexpr size_t kFuzzyMinLength = 5;  // code points

// Cues that the following words are what the sender does NOT ask about.
// Token sequences, normalized.
constexpr const char* kNegationCues[] = {
    "dont need", "don t need", "do not need", "dont want", "don t want", "do not want",
    "not an", "not a", "not about", "no need", "not looking for",
    "pas besoin", "ne veux pas", "veux pas", "pas une", "pas un",
    "no necesito", "no quiero", "no es", "no busco",
    "مش عايز", "مش عاوز", "ما بدي", "مش بدي", "مابدي", "مش محتاج", "ما بحتاج", "ما احتاج",
    "مو محتاج", "مش طوارئ", "مو طوارئ", "ولا",
    "mesh", "mish", "msh", "ma baddi", "mish 3ayez", "mesh 3ayez",
    "не потрібен", "не потрібно", "не треба", "не хочу",
};

// Words that end a negation's scope: "not X, just Y", "مش X بس Y".
constexpr const char* kContrastWords[] = {"just", "only", "but", "juste", "seulement", "mais",
                                          "solo", "pero", "sino", "бс", "лише", "тільки", "але",
                                          "بس", "bas", "انا"};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsArabizi(const Token& t, Lang lang) {
  return t.script == Script::kLatin && (lang == Lang::kArLatn || HasArabiziDigit(t.text));
}

}  // namespace

// Weight of a concept (synonym set) reading relative to the word itself.
constexpr double kConceptWeight = 0.8;

TextAnalyzer::TextAnalyzer() : concepts_(BuildConceptMap(stemmer_)) {}

std::vector<DocTerm> TextAnalyzer::DocumentTerms(std::string_view text, Lang lang,
                                                 bool keep_numbers) {
  std::vector<DocTerm> terms;
  for (const Token& t : Tokenize(NormalizeText(text), kMaxTokenCodePoints)) {
    if (!t.has_letter && !keep_numbers) continue;
    if (t.has_letter && CodePoints(t.text) < 2) continue;
    if (IsStopword(t.text)) continue;
    std::string stem = stemmer_.Stem(lang, t.text);
    if (stem.empty()) continue;
    auto concepts = concepts_.find(stem);
    terms.push_back(DocTerm{std::move(stem), t.text, false});
    if (concepts != concepts_.end()) {
      for (const std::string& c : concepts->second) terms.push_back(DocTerm{c, t.text, true});
    }
  }
  return terms;
}

std::vector<QueryTerm> TextAnalyzer::QueryTerms(const std::vector<Token>& tokens, Lang lang) {
  // Negation scopes first, on the raw token sequence.
  static const auto kCues = [] {
    std::vector<std::vector<std::string>> cues;
    for (const char* c : kNegationCues) {
      std::vector<std::string> seq;
      for (const Token& t : Tokenize(NormalizeText(c))) seq.push_back(t.text);
      cues.push_back(seq);
    }
    return cues;
  }();
  static const auto kContrast = [] {
    std::vector<std::string> words;
    for (const char* w : kContrastWords) words.push_back(NormalizeText(w));
    return words;
  }();
  std::vector<double> weight(tokens.size(), 1.0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const auto& cue : kCues) {
      if (i + cue.size() > tokens.size()) continue;
      bool match = true;
      for (size_t k = 0; k < cue.size() && match; ++k) match = tokens[i + k].text == cue[k];
      if (!match) continue;
      for (size_t j = i + cue.size(); j < tokens.size() && j < i + cue.size() + kNegationScope; ++j) {
        if (tokens[j].clause_start) break;
        if (std::find(kContrast.begin(), kContrast.end(), tokens[j].text) != kContrast.end()) break;
        weight[j] = kNegatedWeight;
      }
    }
  }

  // In a message of several sentences, the one that asks ("… what is
  // 211?") names the main topic; the others are context.
  bool has_question = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.in_question; });
  bool several = !tokens.empty() && tokens.back().sentence > 0;
  if (has_question && several) {
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!tokens[i].in_question) weight[i] *= kContextSentenceWeight;
    }
  }

  std::vector<QueryTerm> terms;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // Each reading below costs with the word's length: cut as Tokenize would.
    Token t = tokens[i];
    t.text.resize(FirstCodePoints(t.text, kMaxTokenCodePoints).size());
    if (t.has_letter && CodePoints(t.text) < 2) continue;
    if (IsStopword(t.text)) continue;
    QueryTerm q;
    q.surface = t.text;
    q.position = i;
    q.weight = weight[i];
    q.fuzzy_ok = t.has_letter && !t.has_digit && CodePoints(t.text) >= kFuzzyMinLength;
    auto add = [&](std::string form, double w) {
      if (form.empty()) return;
      for (const TermForm& f : q.forms) {
        if (f.text == form) return;
      }
      q.forms.push_back(TermForm{std::move(form), w});
    };
    if (!t.has_letter) {
      add(t.text, 1.0);
    } else if (t.script == Script::kLatin) {
      Lang primary = (lang == Lang::kFr || lang == Lang::kEs) ? lang : Lang::kEn;
      add(stemmer_.Stem(primary, t.text), 1.0);
      add(stemmer_.Stem(Lang::kEn, t.text), 0.9);
      add(stemmer_.Stem(Lang::kFr, t.text), 0.9);
      add(stemmer_.Stem(Lang::kEs, t.text), 0.9);
      if (IsArabizi(t, lang)) {
        for (const std::string& reading : ArabiziToArabic(t.text)) {
          add(stemmer_.Stem(Lang::kAr, reading), 0.8);
          std::string skeleton = ArabicSkeleton(reading);
          if (!skeleton.empty() &&
              std::find(q.skeletons.begin(), q.skeletons.end(), skeleton) == q.skeletons.end()) {
            q.skeletons.push_back(skeleton);
          }
        }
        q.fuzzy_ok = false;  // Latin typo tolerance would only add noise here
      }
    } else if (t.script == Script::kArabic) {
      add(stemmer_.Stem(lang == Lang::kFa ? Lang::kFa : Lang::kAr, t.text), 1.0);
      add(stemmer_.Stem(lang == Lang::kFa ? Lang::kAr : Lang::kFa, t.text), 0.8);
    } else {
      add(stemmer_.Stem(lang, t.text), 1.0);
    }
    size_t word_forms = q.forms.size();
    for (size_t f = 0; f < word_forms; ++f) {
      auto concepts = concepts_.find(q.forms[f].text);
      if (concepts == concepts_.end()) continue;
      double w = q.forms[f].weight * kConceptWeight;
      for (const std::string& c : concepts->second) add(c, w);
    }
    if (!q.forms.empty()) terms.push_back(std::move(q));
  }
  return terms;
}

}  // namespace smsdesk::faq
