#include "firmware-host/faq/faq_matcher.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "firmware-host/faq/message_signals.h"

namespace smsdesk::faq {
namespace {

struct Resolved {
  uint32_t term;
  double weight;  // reading weight (exact 1, other stem 0.9, fuzzy, skeleton…)
};

// Index terms one message word may stand for, best reading first. Typo and
// skeleton readings are tried only when no exact form is known: they guess.
std::vector<Resolved> Resolve(const FaqIndex& index, const QueryTerm& q, const MatcherConfig& c) {
  std::vector<Resolved> out;
  auto add = [&](uint32_t t, double w) {
    for (Resolved& r : out) {
      if (r.term == t) {
        r.weight = std::max(r.weight, w);
        return;
      }
    }
    out.push_back(Resolved{t, w});
  };
  for (const TermForm& f : q.forms) {
    if (int64_t id = index.Find(f.text); id >= 0) add(static_cast<uint32_t>(id), f.weight);
  }
  if (out.empty() && q.fuzzy_ok) {
    for (uint32_t t : index.FindFuzzy(q.forms.front().text)) add(t, c.fuzzy_weight);
  }
  if (out.empty()) {
    for (const std::string& s : q.skeletons) {
      if (const auto* ids = index.FindSkeleton(s)) {
        for (uint32_t t : *ids) add(t, c.skeleton_weight);
      }
    }
  }
  return out;
}

}  // namespace

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAuto: return "auto";
    case Decision::kSuggest: return "suggest";
    case Decision::kQueue: return "queue";
    case Decision::kUrgent: return "urgent";
  }
  return "queue";
}

bool SetMatcherParam(MatcherConfig& c, std::string_view name, double v) {
  struct Field {
    std::string_view name;
    double MatcherConfig::*member;
  };
  static constexpr Field kFields[] = {
      {"auto_min_confidence", &MatcherConfig::auto_min_confidence},
      {"suggest_min_confidence", &MatcherConfig::suggest_min_confidence},
      {"auto_min_lead", &MatcherConfig::auto_min_lead},
      {"k1", &MatcherConfig::k1},
      {"b", &MatcherConfig::b},
      {"keyword_weight", &MatcherConfig::keyword_weight},
      {"question_weight", &MatcherConfig::question_weight},
      {"answer_weight", &MatcherConfig::answer_weight},
      {"phrase_bonus", &MatcherConfig::phrase_bonus},
      {"fuzzy_weight", &MatcherConfig::fuzzy_weight},
      {"skeleton_weight", &MatcherConfig::skeleton_weight},
      {"unknown_word_idf", &MatcherConfig::unknown_word_idf},
      {"strength_scale", &MatcherConfig::strength_scale},
  };
  for (const Field& f : kFields) {
    if (f.name == name) {
      c.*f.member = v;
      return true;
    }
  }
  return false;
}

std::string AnswerLanguage(const IndexedEntry& entry, Lang lang) {
  std::string want(lang == Lang::kArLatn ? "ar" : LangCode(lang));
  if (entry.by_lang.count(want)) return want;
  if (entry.by_lang.count("en")) return "en";
  return entry.by_lang.empty() ? std::string() : entry.by_lang.begin()->first;
}

Matcher::Matcher(std::shared_ptr<const FaqIndex> index, MatcherConfig config)
    : index_(std::move(index)), config_(config) {}

std::vector<Token> DangerTokens(std::string_view text) {
  const std::string head = NormalizeTextPrefix(text, kDangerHeadCodePoints);
  std::vector<Token> tokens = Tokenize(head, kMaxTokenCodePoints);
  if (DecodeUtf8(head).size() < kDangerHeadCodePoints) return tokens;  // all of it
  for (Token& t : Tokenize(NormalizeTextPrefix(LastCodePoints(text, kDangerTailCodePoints), kDangerTailCodePoints),
                           kMaxTokenCodePoints)) {
    tokens.push_back(std::move(t));
  }
  return tokens;
}

MatchResult Matcher::Match(std::string_view text) {
  const FaqIndex& index = *index_;
  const MatcherConfig& c = config_;
  MatchResult result;
  result.lang = DetectLanguage(text).lang;  // reads kLanguageCodePoints
  const std::string normalized = NormalizeTextPrefix(text, kMatchedCodePoints + 1);
  const std::string_view read = FirstCodePoints(normalized, kMatchedCodePoints);
  bool read_whole = read.size() == normalized.size();
  std::vector<Token> tokens = Tokenize(read, kMaxTokenCodePoints);
  UrgencyResult urgency = urgency_.Detect(read_whole ? tokens : DangerTokens(text));
  MessageSignals signals = AnalyzeMessageSignals(tokens);
  std::vector<QueryTerm> query = analyzer_.QueryTerms(tokens, result.lang);

  const size_t n = index.EntryCount();
  std::vector<double> bm25(n, 0.0), matched_mass(n, 0.0), keyword_score(n, 0.0);
  std::vector<int> keyword_hits(n, 0), matched_words(n, 0);
  // What matched in each entry, spelled out for the few candidates only.
  struct MatchedText {
    const std::string* text;
    bool keyword;
  };
  std::vector<std::vector<MatchedText>> matched(n);
  double query_mass = 0.0;
  const std::array<double, kFieldCount> field_weight{c.keyword_weight, c.question_weight, c.answer_weight};
  // term -> best (reading weight × negation weight, message word) over the message
  std::unordered_map<uint32_t, std::pair<double, size_t>> message_terms;

  // A word repeated in the message counts once: SMS writers repeat for
  // emphasis, not for topic ("a nurse … work as a nurse").
  std::map<std::string, double> strongest;  // primary form -> its heaviest occurrence
  for (const QueryTerm& q : query) {
    double& w = strongest[q.forms.front().text];
    w = std::max(w, q.weight);
  }
  std::set<std::string> seen_words;
  // Per entry, the best reading of the current word, and the entries it reached.
  std::vector<std::pair<double, double>> per_entry(n);  // entry -> (bm25, mass)
  std::vector<char> reached(n, 0);
  std::vector<uint32_t> touched;
  for (const QueryTerm& q : query) {
    if (q.weight < strongest[q.forms.front().text]) continue;
    if (seen_words.count(q.forms.front().text)) continue;
    if (seen_words.size() == kMatchedWords) {
      read_whole = false;
      break;
    }
    seen_words.insert(q.forms.front().text);
    std::vector<Resolved> readings = Resolve(index, q, c);
    double best_idf = 0.0;
    for (const Resolved& r : readings) best_idf = std::max(best_idf, r.weight * index.Idf(r.term));
    query_mass += q.weight * (readings.empty() ? c.unknown_word_idf * index.MaxIdf() : best_idf);
    touched.clear();
    for (const Resolved& r : readings) {
      double idf = index.Idf(r.term);
      auto& w = message_terms[r.term];
      if (r.weight * q.weight > w.first) w = {r.weight * q.weight, q.position};
      for (const Posting& p : index.Postings(r.term)) {
        const IndexedEntry& e = index.Entry(p.entry);
        double tf = 0.0;
        for (int f = 0; f < kFieldCount; ++f) {
          double norm = 1.0 - c.b + c.b * e.length[f] / index.AverageLength(static_cast<Field>(f));
          tf += field_weight[f] * p.tf[f] / norm;
        }
        double s = r.weight * idf * tf * (c.k1 + 1.0) / (tf + c.k1);
        if (!reached[p.entry]) {
          reached[p.entry] = 1;
          touched.push_back(p.entry);
          per_entry[p.entry] = {0.0, 0.0};
        }
        auto& best = per_entry[p.entry];
        if (s > best.first) best = {s, r.weight * idf};
      }
    }
    for (uint32_t e : touched) {
      reached[e] = 0;
      bm25[e] += q.weight * per_entry[e].first;
      matched_mass[e] += q.weight * per_entry[e].second;
      if (q.weight >= 0.5) ++matched_words[e];
      matched[e].push_back({&q.surface, false});
    }
  }

  // Whole keywords: every word of a listed keyword present in the message,
  // each matched by a different message word; a message word supports at
  // most one keyword per entry (the heaviest), so "mobile" cannot count as
  // both words of "خط تلفون".
  struct Hit {
    double mass;
    double weight;
    std::vector<size_t> words;
    std::vector<uint32_t> key;
    const KeywordPhrase* phrase;
  };
  std::vector<std::vector<Hit>> hits(n);
  std::vector<uint32_t> reachable;
  for (const auto& [term, w] : message_terms) {
    const auto& ks = index.KeywordsWithTerm(term);
    reachable.insert(reachable.end(), ks.begin(), ks.end());
  }
  std::sort(reachable.begin(), reachable.end());
  reachable.erase(std::unique(reachable.begin(), reachable.end()), reachable.end());
  for (uint32_t kid : reachable) {
    const KeywordPhrase& k = index.Keywords()[kid];
    Hit hit{0.0, 1.0, {}, {}, &k};
    bool all = true;
    for (const auto& slot : k.slots) {
      double best = 0.0;
      uint32_t best_term = 0;
      std::pair<double, size_t> best_word{0.0, 0};
      for (uint32_t t : slot) {
        auto it = message_terms.find(t);
        if (it == message_terms.end()) continue;
        bool used = std::find(hit.words.begin(), hit.words.end(), it->second.second) != hit.words.end();
        if (!used && index.Idf(t) * it->second.first > best) {
          best = index.Idf(t) * it->second.first;
          best_term = t;
          best_word = it->second;
        }
      }
      if (best <= 0.0) {
        all = false;
        break;
      }
      hit.weight = std::min(hit.weight, best_word.first);
      hit.mass += index.Idf(best_term);
      hit.words.push_back(best_word.second);
      hit.key.push_back(best_term);
    }
    if (!all) continue;
    std::sort(hit.key.begin(), hit.key.end());
    hits[k.entry].push_back(std::move(hit));
  }
  for (uint32_t e = 0; e < n; ++e) {
    auto& list = hits[e];
    std::sort(list.begin(), list.end(), [](const Hit& a, const Hit& b) {
      return a.mass * a.weight > b.mass * b.weight;
    });
    std::set<size_t> used_words;
    std::set<std::vector<uint32_t>> seen_keys;  // "presto" in six languages counts once
    for (const Hit& h : list) {
      bool overlap = std::any_of(h.words.begin(), h.words.end(), [&](size_t w) { return used_words.count(w) > 0; });
      if (overlap || !seen_keys.insert(h.key).second) continue;
      used_words.insert(h.words.begin(), h.words.end());
      // A longer keyword is more specific, but its mass already sums its words.
      double length_factor = 1.0 + 0.5 * static_cast<double>(h.words.size() - 1);
      keyword_score[e] += c.phrase_bonus * h.mass * h.weight * length_factor;
      keyword_hits[e] += h.weight >= 0.9 ? 1 : 0;  // concept or typo readings do not corroborate
      matched[e].push_back({&h.phrase->text, true});
    }
  }

  std::vector<Candidate> ranked;
  for (uint32_t e = 0; e < n; ++e) {
    double score = bm25[e] + keyword_score[e];
    if (score <= 0.0) continue;
    Candidate cand;
    cand.id = index.Entry(e).id;
    cand.score = score;
    double coverage = query_mass > 0 ? std::min(1.0, matched_mass[e] / query_mass) : 0.0;
    // Strength saturates: a few strong words are enough, more add little.
    double strength = 1.0 - std::exp(-score / (c.strength_scale * index.MaxIdf()));
    cand.coverage = coverage;
    cand.confidence = std::sqrt(coverage * strength);
    cand.keyword_hits = keyword_hits[e];
    cand.matched_words = matched_words[e];
    ranked.push_back(std::move(cand));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    return a.score > b.score;
  });
  if (ranked.size() > c.max_candidates) ranked.resize(c.max_candidates);
  for (Candidate& cand : ranked) {
    for (uint32_t e = 0; e < n; ++e) {
      if (index.Entry(e).id != cand.id) continue;
      for (const MatchedText& m : matched[e]) cand.matched.push_back(m.keyword ? "[" + *m.text + "]" : *m.text);
    }
  }
  result.candidates = ranked;

  double lead = 1.0;
  if (!ranked.empty()) {
    result.score = ranked[0].score;
    result.confidence = ranked[0].confidence;
    if (ranked.size() > 1) lead = (ranked[0].score - ranked[1].score) / ranked[0].score;
  }

  if (urgency.urgent) {
    result.decision = Decision::kUrgent;
    for (const UrgencySignal& s : urgency.signals) {
      result.reasons.push_back(std::string("danger (") + std::string(DangerKindName(s.kind)) + "): " + s.pattern);
    }
    return result;
  }
  result.reasons.insert(result.reasons.end(), signals.reasons.begin(), signals.reasons.end());
  bool needs_person = signals.personal_case || signals.complaint || signals.spam || signals.has_case_number;
  if (!read_whole) {
    needs_person = true;
    result.reasons.push_back("long message: only its first part was matched");
  }
  if (ranked.empty() || signals.social_only || signals.spam ||
      result.confidence < c.suggest_min_confidence) {
    result.decision = Decision::kQueue;
    if (ranked.empty()) result.reasons.push_back("no FAQ entry matches");
    return result;
  }
  const IndexedEntry* best = nullptr;
  for (uint32_t e = 0; e < n; ++e) {
    if (index.Entry(e).id == ranked[0].id) best = &index.Entry(e);
  }
  result.faq_id = ranked[0].id;
  result.answer_lang = AnswerLanguage(*best, result.lang);
  // One matching word alone ("weather") is too thin for an automatic answer:
  // ask for a whole keyword or two words agreeing.
  bool corroborated = ranked[0].keyword_hits > 0 || ranked[0].matched_words >= 2;
  if (!needs_person && corroborated && result.confidence >= c.auto_min_confidence &&
      lead >= c.auto_min_lead) {
    result.decision = Decision::kAuto;
    result.answer = best->by_lang.at(result.answer_lang).answer;
    return result;
  }
  result.decision = Decision::kSuggest;
  if (result.confidence < c.auto_min_confidence) result.reasons.push_back("confidence below auto threshold");
  if (lead < c.auto_min_lead) result.reasons.push_back("runner-up too close: " + ranked[1].id);
  if (!corroborated) result.reasons.push_back("only one word matches");
  return result;
}

}  // namespace smsdesk::faq
