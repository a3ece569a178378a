#include "firmware-host/faq/faq_matcher.h"

#include <algorithm>
#include <cstdio>
#include <array>
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
    case Decision::kPossibleDanger: return "possible_danger";
  }
  return "queue";
}

std::string SetMatcherParam(MatcherConfig& c, std::string_view name, double v) {
  struct Field {
    std::string_view name;
    double MatcherConfig::*member;
    double min;
    double max;
    bool min_excluded = false;  // strength_scale divides
  };
  // Thresholds and shares are fractions; weights and scales are bounded
  // well beyond anything a tuning run tries, so a typo cannot make every
  // score infinite or every answer automatic.
  static constexpr Field kFields[] = {
      {"auto_min_confidence", &MatcherConfig::auto_min_confidence, 0, 1},
      {"suggest_min_confidence", &MatcherConfig::suggest_min_confidence, 0, 1},
      {"auto_min_lead", &MatcherConfig::auto_min_lead, 0, 1},
      {"k1", &MatcherConfig::k1, 0, 100},
      {"b", &MatcherConfig::b, 0, 1},
      {"keyword_weight", &MatcherConfig::keyword_weight, 0, 100},
      {"question_weight", &MatcherConfig::question_weight, 0, 100},
      {"answer_weight", &MatcherConfig::answer_weight, 0, 100},
      {"phrase_bonus", &MatcherConfig::phrase_bonus, 0, 100},
      {"fuzzy_weight", &MatcherConfig::fuzzy_weight, 0, 1},
      {"skeleton_weight", &MatcherConfig::skeleton_weight, 0, 1},
      {"unknown_word_idf", &MatcherConfig::unknown_word_idf, 0, 1},
      {"strength_scale", &MatcherConfig::strength_scale, 0, 1000, true},
      {"auto_min_probability", &MatcherConfig::auto_min_probability, 0, 1},
      {"danger_urgent_probability", &MatcherConfig::danger_urgent_probability, 0, 1},
      {"danger_possible_probability", &MatcherConfig::danger_possible_probability, 0, 1},
  };
  for (const Field& f : kFields) {
    if (f.name != name) continue;
    const bool below = f.min_excluded ? !(v > f.min) : !(v >= f.min);
    if (below || !(v <= f.max)) {  // NaN fails both
      char range[96];
      std::snprintf(range, sizeof range, "must be a number %s %g and at most %g", f.min_excluded ? "above" : "from",
                    f.min, f.max);
      return range;
    }
    c.*f.member = v;
    return {};
  }
  return "unknown setting";
}

std::string AnswerLanguage(const IndexedEntry& entry, Lang lang) {
  std::string want(lang == Lang::kArLatn ? "ar" : LangCode(lang));
  if (entry.by_lang.count(want)) return want;
  if (entry.by_lang.count("en")) return "en";
  return entry.by_lang.empty() ? std::string() : entry.by_lang.begin()->first;
}

AnswerFeatures FeaturesFor(const std::string& id, const std::vector<LabelScore>& intents,
                           const std::vector<Candidate>& lexical) {
  AnswerFeatures f;
  double runner_up = 0;
  for (const LabelScore& s : intents) {
    if (s.label == id) f.model_probability = s.probability;
    else runner_up = std::max(runner_up, s.probability);
    if (IsPersonLabel(s.label)) f.person_probability += s.probability;
  }
  f.model_margin = std::max(0.0, f.model_probability - runner_up);
  for (const Candidate& cand : lexical) {
    if (cand.id == id) f.lexical_confidence = cand.confidence;
  }
  f.lexical_agrees = !lexical.empty() && lexical[0].id == id ? 1.0 : 0.0;
  return f;
}

std::vector<std::string> AnswerOptions(const FaqIndex* index, const std::vector<LabelScore>& intents,
                                       const std::vector<Candidate>& lexical) {
  std::vector<std::string> options;
  for (const LabelScore& s : intents) {
    if (IsPersonLabel(s.label)) continue;
    bool known = index == nullptr;
    for (uint32_t e = 0; !known && e < index->EntryCount(); ++e) known = index->Entry(e).id == s.label;
    if (known) {
      options.push_back(s.label);
      break;
    }
  }
  if (!lexical.empty() && (options.empty() || options[0] != lexical[0].id)) options.push_back(lexical[0].id);
  return options;
}

Matcher::Matcher(std::shared_ptr<const FaqIndex> index, MatcherConfig config,
                 std::shared_ptr<const TextModels> models, const std::shared_ptr<const lexicon::Lexicon>& lexicon)
    : index_(std::move(index)),
      config_(config),
      models_(std::move(models)),
      urgency_(lexicon ? UrgencyDetector(*lexicon) : UrgencyDetector()) {}

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

// Match's phases, in the order it runs them. Each takes what it needs as
// arguments and hands its result on: nothing is shared but the index and the
// config, both read-only.
namespace {

// ---- 1. Reading -----------------------------------------------------------

// What Match reads of a message. Only this much is read, whatever its length
// (bounded work, faq_matcher.h).
struct MessageReading {
  Lang lang = Lang::kUnknown;     // detected on the first kLanguageCodePoints
  std::vector<Token> tokens;      // of the first kMatchedCodePoints, normalized
  std::vector<QueryTerm> query;   // the tokens as readings of index terms
  bool whole = false;             // no code point was left past kMatchedCodePoints
};

// Reads the language, then the first kMatchedCodePoints code points of the
// normalized text as tokens and query terms. One code point more is
// normalized so that a message of exactly the cap counts as read whole and a
// longer one does not: a message not read whole is never answered
// automatically.
MessageReading ReadMessage(std::string_view text, TextAnalyzer& analyzer) {
  MessageReading reading;
  reading.lang = DetectLanguage(text).lang;  // reads kLanguageCodePoints
  const std::string normalized = NormalizeTextPrefix(text, kMatchedCodePoints + 1);
  const std::string_view read = FirstCodePoints(normalized, kMatchedCodePoints);
  reading.whole = read.size() == normalized.size();
  reading.tokens = Tokenize(read, kMaxTokenCodePoints);
  reading.query = analyzer.QueryTerms(reading.tokens, reading.lang);
  return reading;
}

// ---- 2. Signals -----------------------------------------------------------

struct Signals {
  UrgencyResult urgency;   // danger: decides `urgent` over anything the FAQ says
  MessageSignals message;  // greeting, personal case, complaint, spam…
};

// Danger is looked for in more of the message than the FAQ match reads: the
// tokens already read when that was all of it, else both ends (DangerTokens),
// where a long story starts or ends with the call for help. The kind of
// message is judged on the tokens read.
Signals DetectSignals(std::string_view text, const MessageReading& reading, const UrgencyDetector& urgency) {
  Signals signals;
  signals.urgency = urgency.Detect(reading.whole ? reading.tokens : DangerTokens(text));
  signals.message = AnalyzeMessageSignals(reading.tokens);
  return signals;
}

// ---- 3. Scoring -----------------------------------------------------------

// What matched in an entry, spelled out for the few candidates only.
struct MatchedText {
  const std::string* text;  // a message word (QueryTerm::surface) or a keyword
  bool keyword;
};

// Per FAQ entry (indexed as in the FaqIndex), what the message earned there.
struct EntryScores {
  explicit EntryScores(size_t n)
      : bm25(n, 0.0), matched_mass(n, 0.0), keyword_score(n, 0.0), keyword_hits(n, 0), matched_words(n, 0),
        matched(n) {}
  std::vector<double> bm25;           // BM25F of the message's words
  std::vector<double> matched_mass;   // IDF mass of the message words the entry has
  std::vector<double> keyword_score;  // bonus for whole keywords
  std::vector<int> keyword_hits;
  std::vector<int> matched_words;
  std::vector<std::vector<MatchedText>> matched;
  double query_mass = 0.0;  // IDF mass of the whole message (unknown words too)
};

// Index term -> the best (reading weight × negation weight, message word
// position) over the message: what whole keywords are matched against.
using MessageTerms = std::unordered_map<uint32_t, std::pair<double, size_t>>;

// The message words that are scored, in message order.
struct ScoredWords {
  std::vector<const QueryTerm*> words;
  bool capped = false;  // a word past kMatchedWords was left out
};

// A word repeated in the message counts once, at its heaviest occurrence (an
// occurrence under a negation weighs less): SMS writers repeat for emphasis,
// not for topic ("a nurse … work as a nurse"). At most kMatchedWords
// different words count: scoring a word visits every entry that has it, so
// this bounds the work on a large FAQ.
ScoredWords SelectWords(const std::vector<QueryTerm>& query) {
  std::map<std::string, double> strongest;  // primary form -> its heaviest occurrence
  for (const QueryTerm& q : query) {
    double& w = strongest[q.forms.front().text];
    w = std::max(w, q.weight);
  }
  ScoredWords selected;
  std::set<std::string> seen_words;
  for (const QueryTerm& q : query) {
    if (q.weight < strongest[q.forms.front().text]) continue;
    if (seen_words.count(q.forms.front().text)) continue;
    if (seen_words.size() == kMatchedWords) {
      selected.capped = true;
      break;
    }
    seen_words.insert(q.forms.front().text);
    selected.words.push_back(&q);
  }
  return selected;
}

// BM25F of one index term reading (weight `reading_weight`, inverse document
// frequency `idf`) in one entry: its term frequency in each field, weighted by
// field and normalized by the field's length, saturating with k1.
double Bm25(const FaqIndex& index, const MatcherConfig& c, const std::array<double, kFieldCount>& field_weight,
            const Posting& p, double reading_weight, double idf) {
  const IndexedEntry& e = index.Entry(p.entry);
  double tf = 0.0;
  for (int f = 0; f < kFieldCount; ++f) {
    double norm = 1.0 - c.b + c.b * e.length[f] / index.AverageLength(static_cast<Field>(f));
    tf += field_weight[f] * p.tf[f] / norm;
  }
  return reading_weight * idf * tf * (c.k1 + 1.0) / (tf + c.k1);
}

// Per entry, the best reading of the word being scored, and the entries it
// reached; kept across words so that a word costs only the entries it reaches.
struct WordScratch {
  explicit WordScratch(size_t n) : per_entry(n), reached(n, 0) {}
  std::vector<std::pair<double, double>> per_entry;  // entry -> (bm25, mass)
  std::vector<char> reached;
  std::vector<uint32_t> touched;
};

// Scores one message word against every entry its readings reach. A word may
// stand for several index terms (Resolve); in each entry only its best
// reading counts, so an entry is not rewarded for one word read three ways.
// The word adds its IDF mass to the message's (an unknown word a share of the
// largest IDF, so that a message mostly about something else is not
// "covered" by one known word), and its terms to `terms`.
void ScoreWord(const FaqIndex& index, const MatcherConfig& c, const QueryTerm& q, EntryScores& scores,
               MessageTerms& terms, WordScratch& scratch) {
  const std::array<double, kFieldCount> field_weight{c.keyword_weight, c.question_weight, c.answer_weight};
  std::vector<Resolved> readings = Resolve(index, q, c);
  double best_idf = 0.0;
  for (const Resolved& r : readings) best_idf = std::max(best_idf, r.weight * index.Idf(r.term));
  scores.query_mass += q.weight * (readings.empty() ? c.unknown_word_idf * index.MaxIdf() : best_idf);
  scratch.touched.clear();
  for (const Resolved& r : readings) {
    double idf = index.Idf(r.term);
    auto& w = terms[r.term];
    if (r.weight * q.weight > w.first) w = {r.weight * q.weight, q.position};
    for (const Posting& p : index.Postings(r.term)) {
      double s = Bm25(index, c, field_weight, p, r.weight, idf);
      if (!scratch.reached[p.entry]) {
        scratch.reached[p.entry] = 1;
        scratch.touched.push_back(p.entry);
        scratch.per_entry[p.entry] = {0.0, 0.0};
      }
      auto& best = scratch.per_entry[p.entry];
      if (s > best.first) best = {s, r.weight * idf};
    }
  }
  for (uint32_t e : scratch.touched) {
    scratch.reached[e] = 0;
    scores.bm25[e] += q.weight * scratch.per_entry[e].first;
    scores.matched_mass[e] += q.weight * scratch.per_entry[e].second;
    if (q.weight >= 0.5) ++scores.matched_words[e];  // a negated word does not corroborate
    scores.matched[e].push_back({&q.surface, false});
  }
}

// A whole keyword found in the message, for one entry.
struct KeywordHit {
  double mass;                 // IDF mass of its words
  double weight;               // its weakest word's reading × negation weight
  std::vector<size_t> words;   // the message words (positions) that matched it
  std::vector<uint32_t> key;   // its terms, sorted: the same keyword in another language
  const KeywordPhrase* phrase;
};

// Whether every word of keyword `k` is in the message, each matched by a
// different message word (the heaviest available); nullopt if one is missing.
std::optional<KeywordHit> MatchKeyword(const FaqIndex& index, const KeywordPhrase& k, const MessageTerms& terms) {
  KeywordHit hit{0.0, 1.0, {}, {}, &k};
  for (const auto& slot : k.slots) {
    double best = 0.0;
    uint32_t best_term = 0;
    std::pair<double, size_t> best_word{0.0, 0};
    for (uint32_t t : slot) {
      auto it = terms.find(t);
      if (it == terms.end()) continue;
      bool used = std::find(hit.words.begin(), hit.words.end(), it->second.second) != hit.words.end();
      if (!used && index.Idf(t) * it->second.first > best) {
        best = index.Idf(t) * it->second.first;
        best_term = t;
        best_word = it->second;
      }
    }
    if (best <= 0.0) return std::nullopt;
    hit.weight = std::min(hit.weight, best_word.first);
    hit.mass += index.Idf(best_term);
    hit.words.push_back(best_word.second);
    hit.key.push_back(best_term);
  }
  std::sort(hit.key.begin(), hit.key.end());
  return hit;
}

// Per entry, the whole keywords found in the message. Only keywords with a
// term of the message are looked at, in keyword order.
std::vector<std::vector<KeywordHit>> FindKeywordHits(const FaqIndex& index, const MessageTerms& terms) {
  std::vector<std::vector<KeywordHit>> hits(index.EntryCount());
  std::vector<uint32_t> reachable;
  for (const auto& [term, w] : terms) {
    const auto& ks = index.KeywordsWithTerm(term);
    reachable.insert(reachable.end(), ks.begin(), ks.end());
  }
  std::sort(reachable.begin(), reachable.end());
  reachable.erase(std::unique(reachable.begin(), reachable.end()), reachable.end());
  for (uint32_t kid : reachable) {
    const KeywordPhrase& k = index.Keywords()[kid];
    if (std::optional<KeywordHit> hit = MatchKeyword(index, k, terms)) hits[k.entry].push_back(std::move(*hit));
  }
  return hits;
}

// Credits each entry's whole keywords, heaviest first. A message word
// supports at most one keyword per entry, so "mobile" cannot count as both
// words of "خط تلفون"; the same keyword listed in several languages
// ("presto" in six) counts once.
void CreditKeywords(const MatcherConfig& c, std::vector<std::vector<KeywordHit>>& hits, EntryScores& scores) {
  for (uint32_t e = 0; e < hits.size(); ++e) {
    auto& list = hits[e];
    std::sort(list.begin(), list.end(), [](const KeywordHit& a, const KeywordHit& b) {
      return a.mass * a.weight > b.mass * b.weight;
    });
    std::set<size_t> used_words;
    std::set<std::vector<uint32_t>> seen_keys;
    for (const KeywordHit& h : list) {
      bool overlap = std::any_of(h.words.begin(), h.words.end(), [&](size_t w) { return used_words.count(w) > 0; });
      if (overlap || !seen_keys.insert(h.key).second) continue;
      used_words.insert(h.words.begin(), h.words.end());
      // A longer keyword is more specific, but its mass already sums its words.
      double length_factor = 1.0 + 0.5 * static_cast<double>(h.words.size() - 1);
      scores.keyword_score[e] += c.phrase_bonus * h.mass * h.weight * length_factor;
      scores.keyword_hits[e] += h.weight >= 0.9 ? 1 : 0;  // concept or typo readings do not corroborate
      scores.matched[e].push_back({&h.phrase->text, true});
    }
  }
}

struct Scoring {
  EntryScores scores;
  bool words_capped;  // kMatchedWords reached: not all of the message was scored
};

// Scores every entry the message reaches: BM25F of its words, then a bonus
// for whole keywords. `query` must outlive the result (it names its words).
Scoring ScoreEntries(const FaqIndex& index, const MatcherConfig& c, const std::vector<QueryTerm>& query) {
  const size_t n = index.EntryCount();
  Scoring scoring{EntryScores(n), false};
  const ScoredWords selected = SelectWords(query);
  scoring.words_capped = selected.capped;
  MessageTerms terms;
  WordScratch scratch(n);
  for (const QueryTerm* q : selected.words) ScoreWord(index, c, *q, scoring.scores, terms, scratch);
  std::vector<std::vector<KeywordHit>> hits = FindKeywordHits(index, terms);
  CreditKeywords(c, hits, scoring.scores);
  return scoring;
}

// ---- 4. Ranking -----------------------------------------------------------

// The entries with a positive score, best first, at most max_candidates, each
// with what matched in it. Confidence is the geometric mean of coverage (how
// much of the message the entry explains) and strength (how much evidence
// there is, saturating: a few strong words are enough, more add little).
std::vector<Candidate> RankCandidates(const FaqIndex& index, const MatcherConfig& c, const EntryScores& scores) {
  const size_t n = index.EntryCount();
  std::vector<Candidate> ranked;
  for (uint32_t e = 0; e < n; ++e) {
    double score = scores.bm25[e] + scores.keyword_score[e];
    if (score <= 0.0) continue;
    Candidate cand;
    cand.id = index.Entry(e).id;
    cand.score = score;
    double coverage =
        scores.query_mass > 0 ? std::min(1.0, scores.matched_mass[e] / scores.query_mass) : 0.0;
    double strength = 1.0 - std::exp(-score / (c.strength_scale * index.MaxIdf()));
    cand.coverage = coverage;
    cand.confidence = std::sqrt(coverage * strength);
    cand.keyword_hits = scores.keyword_hits[e];
    cand.matched_words = scores.matched_words[e];
    ranked.push_back(std::move(cand));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    return a.score > b.score;
  });
  if (ranked.size() > c.max_candidates) ranked.resize(c.max_candidates);
  for (Candidate& cand : ranked) {
    for (uint32_t e = 0; e < n; ++e) {
      if (index.Entry(e).id != cand.id) continue;
      for (const MatchedText& m : scores.matched[e]) cand.matched.push_back(m.keyword ? "[" + *m.text + "]" : *m.text);
    }
  }
  return ranked;
}

// The best candidate's lead over the runner-up, (s1 - s2) / s1: 1 when it has
// none. A close runner-up means the message may be about either.
double Lead(const std::vector<Candidate>& ranked) {
  if (ranked.size() > 1) return (ranked[0].score - ranked[1].score) / ranked[0].score;
  return 1.0;
}

// ---- 5. Decision ----------------------------------------------------------

// Danger decides before anything else: `urgent`, with each danger found as a
// reason. False (and `result` untouched) when there is none.
bool DecideUrgent(const UrgencyResult& urgency, MatchResult& result) {
  if (!urgency.urgent) return false;
  result.decision = Decision::kUrgent;
  for (const UrgencySignal& s : urgency.signals) {
    result.reasons.push_back(std::string("danger (") + std::string(DangerKindName(s.kind)) + "): " + s.pattern);
  }
  return true;
}

// Whether the message needs a person whatever the FAQ match: a personal case,
// a complaint, spam, a case number, or a message not read whole (an answer
// to its first part could miss what it asks). Adds the reasons.
bool NeedsPerson(const MessageSignals& signals, bool read_whole, std::vector<std::string>& reasons) {
  reasons.insert(reasons.end(), signals.reasons.begin(), signals.reasons.end());
  bool needs_person = signals.personal_case || signals.complaint || signals.spam || signals.has_case_number;
  if (!read_whole) {
    needs_person = true;
    reasons.push_back("long message: only its first part was matched");
  }
  return needs_person;
}

// The last entry of the index with this id.
const IndexedEntry* FindEntry(const FaqIndex& index, const std::string& id) {
  const IndexedEntry* found = nullptr;
  for (uint32_t e = 0; e < index.EntryCount(); ++e) {
    if (index.Entry(e).id == id) found = &index.Entry(e);
  }
  return found;
}

// `queue` when nothing matches well enough to show a moderator, or the
// message is only a greeting or spam; `auto` (with the answer in the
// message's language) only for a confident, corroborated, clearly leading
// match that needs no person; else `suggest`, with why it was not `auto`.
void DecideAnswer(const FaqIndex& index, const MatcherConfig& c, const MessageSignals& signals, bool needs_person,
                  double lead, MatchResult& result) {
  const std::vector<Candidate>& ranked = result.candidates;
  if (ranked.empty() || signals.social_only || signals.spam ||
      result.confidence < c.suggest_min_confidence) {
    result.decision = Decision::kQueue;
    if (ranked.empty()) result.reasons.push_back("no FAQ entry matches");
    return;
  }
  const IndexedEntry* best = FindEntry(index, ranked[0].id);
  result.faq_id = ranked[0].id;
  result.answer_lang = AnswerLanguage(*best, result.lang);
  // One matching word alone ("weather") is too thin for an automatic answer:
  // ask for a whole keyword or two words agreeing.
  bool corroborated = ranked[0].keyword_hits > 0 || ranked[0].matched_words >= 2;
  if (!needs_person && corroborated && result.confidence >= c.auto_min_confidence &&
      lead >= c.auto_min_lead) {
    result.decision = Decision::kAuto;
    result.answer = best->by_lang.at(result.answer_lang).answer;
    return;
  }
  result.decision = Decision::kSuggest;
  if (result.confidence < c.auto_min_confidence) result.reasons.push_back("confidence below auto threshold");
  if (lead < c.auto_min_lead) {
    result.reasons.push_back(ranked.size() > 1 ? "runner-up too close: " + ranked[1].id : "lead below auto threshold");
  }
  if (!corroborated) result.reasons.push_back("only one word matches");
}

// ---- 6. With trained models ----------------------------------------------

// The danger model, after the rules found nothing: `urgent` at
// danger_urgent_probability, `possible_danger` at the lower
// danger_possible_probability. False (and `result` untouched but for the
// probability) below both.
bool DecideDangerByModel(const TextModels& models, const MatcherConfig& c, std::string_view text,
                         const MessageReading& reading, MatchResult& result) {
  result.danger_probability = models.Danger(ModelText(reading.whole ? reading.tokens : DangerTokens(text)));
  char reason[96];
  const DangerThresholds trained = models.Thresholds();
  const double urgent = c.danger_urgent_probability >= 0 ? c.danger_urgent_probability : trained.urgent;
  const double possible = c.danger_possible_probability >= 0 ? c.danger_possible_probability : trained.possible;
  if (result.danger_probability >= urgent) {
    result.decision = Decision::kUrgent;
    std::snprintf(reason, sizeof reason, "danger model: %.2f", result.danger_probability);
  } else if (result.danger_probability >= possible) {
    result.decision = Decision::kPossibleDanger;
    std::snprintf(reason, sizeof reason, "possible danger (model: %.2f)", result.danger_probability);
  } else {
    return false;
  }
  result.reasons.emplace_back(reason);
  return true;
}

// The answer decision with the intent model: the candidate entries are the
// model's best label and the rules' best; the one the calibration trusts
// most is the answer, `auto` when that trust reaches auto_min_probability
// and nothing says the text needs a person (the rules' signals, the model's
// "-" labels, a text not read whole). The candidates list starts with it.
void DecideAnswerWithModels(const FaqIndex& index, const TextModels& models, const MatcherConfig& c,
                            const MessageSignals& signals, bool needs_person, const MessageReading& reading,
                            MatchResult& result) {
  constexpr size_t kIntents = 5;
  result.intents = models.Intents(ModelText(reading.tokens), kIntents);
  const std::vector<std::string> options = AnswerOptions(&index, result.intents, result.candidates);
  std::string best;
  double best_p = -1;
  for (const std::string& id : options) {
    const double p = models.Calibration().Probability(FeaturesFor(id, result.intents, result.candidates));
    if (p > best_p) {
      best_p = p;
      best = id;
    }
  }
  const bool person_first = !result.intents.empty() && IsPersonLabel(result.intents[0].label);
  if (person_first) {
    char reason[96];
    std::snprintf(reason, sizeof reason, "model: %s (%.2f)", result.intents[0].label.c_str() + 1,
                  result.intents[0].probability);
    result.reasons.emplace_back(reason);
  }
  if (best.empty() || signals.social_only || signals.spam) {
    result.decision = Decision::kQueue;
    if (best.empty()) result.reasons.push_back("no FAQ entry matches");
    return;
  }
  result.answer_probability = std::max(0.0, best_p);
  result.confidence = result.answer_probability;
  // The chosen entry leads the suggestions.
  auto it = std::find_if(result.candidates.begin(), result.candidates.end(),
                         [&](const Candidate& cand) { return cand.id == best; });
  if (it == result.candidates.end()) {
    Candidate cand;
    cand.id = best;
    result.candidates.insert(result.candidates.begin(), std::move(cand));
  } else {
    std::rotate(result.candidates.begin(), it, it + 1);
  }
  result.candidates[0].confidence = result.answer_probability;
  if (result.candidates.size() > c.max_candidates) result.candidates.resize(c.max_candidates);
  const IndexedEntry* entry = FindEntry(index, best);
  result.faq_id = best;
  result.score = result.candidates[0].score;
  result.answer_lang = AnswerLanguage(*entry, result.lang);
  if (!needs_person && !person_first && result.answer_probability >= c.auto_min_probability) {
    result.decision = Decision::kAuto;
    result.answer = entry->by_lang.at(result.answer_lang).answer;
    return;
  }
  result.decision = Decision::kSuggest;
  if (result.answer_probability < c.auto_min_probability) {
    char reason[96];
    std::snprintf(reason, sizeof reason, "chance the answer is right %.2f, below %.2f", result.answer_probability,
                  c.auto_min_probability);
    result.reasons.emplace_back(reason);
  }
}

}  // namespace

MatchResult Matcher::Match(std::string_view text) {
  const FaqIndex& index = *index_;
  MatchResult result;
  // 1. Read the message, within the caps.
  const MessageReading reading = ReadMessage(text, analyzer_);
  result.lang = reading.lang;
  // 2. Danger, and what kind of message it is.
  const Signals signals = DetectSignals(text, reading, urgency_);
  // 3. Score the entries the message reaches.
  const Scoring scoring = ScoreEntries(index, config_, reading.query);
  // 4. Rank them; the best one's score and confidence are the result's.
  result.candidates = RankCandidates(index, config_, scoring.scores);
  if (!result.candidates.empty()) {
    result.score = result.candidates[0].score;
    result.confidence = result.candidates[0].confidence;
  }
  const double lead = Lead(result.candidates);
  // 5. Decide, with the reasons.
  if (DecideUrgent(signals.urgency, result)) return result;
  if (models_) {
    result.models_used = true;
    if (DecideDangerByModel(*models_, config_, text, reading, result)) return result;
  }
  const bool read_whole = reading.whole && !scoring.words_capped;
  const bool needs_person = NeedsPerson(signals.message, read_whole, result.reasons);
  if (models_) {
    DecideAnswerWithModels(index, *models_, config_, signals.message, needs_person, reading, result);
  } else {
    DecideAnswer(index, config_, signals.message, needs_person, lead, result);
  }
  return result;
}

}  // namespace smsdesk::faq
