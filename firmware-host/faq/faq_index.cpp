#include "firmware-host/faq/faq_index.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "firmware-host/text/arabizi.h"

namespace smsdesk::faq {
namespace {

constexpr size_t kFuzzyMinLength = 5;

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::vector<std::u32string> Deletions(const std::u32string& w) {
  std::vector<std::u32string> out;
  for (size_t i = 0; i < w.size(); ++i) {
    std::u32string d = w;
    d.erase(i, 1);
    out.push_back(std::move(d));
  }
  return out;
}

bool IsArabicScript(const std::string& s) {
  std::u32string cps = DecodeUtf8(s);
  return !cps.empty() && ScriptOf(cps[0]) == Script::kArabic;
}

}  // namespace

int EditDistance(std::u32string_view a, std::u32string_view b, int limit) {
  int n = static_cast<int>(a.size());
  int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<std::vector<int>> d(static_cast<size_t>(n + 1), std::vector<int>(static_cast<size_t>(m + 1)));
  for (int i = 0; i <= n; ++i) d[i][0] = i;
  for (int j = 0; j <= m; ++j) d[0][j] = j;
  for (int i = 1; i <= n; ++i) {
    int row_min = limit + 1;
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
  }
  return d[n][m];
}

uint32_t FaqIndex::Intern(const std::string& term) {
  auto [it, inserted] = term_ids_.emplace(term, static_cast<uint32_t>(terms_.size()));
  if (inserted) {
    terms_.push_back(term);
    postings_.emplace_back();
  }
  return it->second;
}

std::shared_ptr<const FaqIndex> FaqIndex::Build(const std::vector<FaqEntry>& rows) {
  std::shared_ptr<FaqIndex> index(new FaqIndex());
  TextAnalyzer analyzer;
  std::map<std::string, uint32_t> entry_of;
  std::set<std::string> languages;
  for (const FaqEntry& row : rows) {
    auto [it, inserted] = entry_of.emplace(row.id, static_cast<uint32_t>(index->entries_.size()));
    if (inserted) index->entries_.push_back(IndexedEntry{row.id, {}, {}});
    index->entries_[it->second].by_lang[row.lang] = row;
    languages.insert(row.lang);
  }
  index->languages_.assign(languages.begin(), languages.end());

  std::array<double, kFieldCount> total_length{};
  for (uint32_t e = 0; e < index->entries_.size(); ++e) {
    IndexedEntry& entry = index->entries_[e];
    std::map<uint32_t, std::array<float, kFieldCount>> tf;
    std::array<double, kFieldCount> length{};
    auto add = [&](const std::vector<DocTerm>& terms, Field field, Lang lang) {
      for (const DocTerm& t : terms) {
        uint32_t id = index->Intern(t.term);
        tf[id][field] += 1;
        length[field] += 1;
        // Arabizi reaches Arabic entries through consonant skeletons.
        if (lang == Lang::kAr && !t.is_concept && IsArabicScript(t.surface)) {
          std::string skeleton = ArabicSkeleton(t.surface);
          if (!skeleton.empty()) {
            auto& ids = index->skeletons_[skeleton];
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
          }
        }
      }
    };
    for (const auto& [code, row] : entry.by_lang) {
      Lang lang = LangFromCode(code);
      for (const std::string& keyword : row.keywords) {
        std::vector<DocTerm> terms = analyzer.DocumentTerms(keyword, lang, true);
        add(terms, kKeywordField, lang);
        KeywordPhrase phrase{e, {}, keyword};
        for (const DocTerm& t : terms) {
          uint32_t id = index->Intern(t.term);
          if (!t.is_concept) phrase.slots.emplace_back();
          if (!phrase.slots.empty()) phrase.slots.back().push_back(id);
        }
        if (!phrase.slots.empty()) index->keywords_.push_back(std::move(phrase));
      }
      add(analyzer.DocumentTerms(row.question, lang, true), kQuestionField, lang);
      add(analyzer.DocumentTerms(row.answer, lang, false), kAnswerField, lang);
    }
    double langs = static_cast<double>(std::max<size_t>(1, entry.by_lang.size()));
    for (int f = 0; f < kFieldCount; ++f) {
      entry.length[f] = length[f] / langs;
      total_length[f] += entry.length[f];
    }
    for (const auto& [id, counts] : tf) index->postings_[id].push_back(Posting{e, counts});
  }
  double n = static_cast<double>(std::max<size_t>(1, index->entries_.size()));
  for (int f = 0; f < kFieldCount; ++f) index->avg_length_[f] = std::max(1.0, total_length[f] / n);

  // BM25's IDF, never negative.
  index->idf_.resize(index->terms_.size());
  for (size_t t = 0; t < index->terms_.size(); ++t) {
    double df = static_cast<double>(index->postings_[t].size());
    index->idf_[t] = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    index->max_idf_ = std::max(index->max_idf_, index->idf_[t]);
  }
  index->keywords_by_term_.resize(index->terms_.size());
  for (uint32_t k = 0; k < index->keywords_.size(); ++k) {
    for (const auto& slot : index->keywords_[k].slots) {
      for (uint32_t t : slot) {
        auto& list = index->keywords_by_term_[t];
        if (list.empty() || list.back() != k) list.push_back(k);
      }
    }
  }
  for (uint32_t t = 0; t < index->terms_.size(); ++t) {
    std::u32string w = DecodeUtf8(index->terms_[t]);
    if (w.size() < kFuzzyMinLength || w[0] == U'@') continue;
    for (const std::u32string& d : Deletions(w)) index->deletes_.emplace_back(Fnv1a(EncodeUtf8(d)), t);
  }
  std::sort(index->deletes_.begin(), index->deletes_.end());
  index->deletes_.erase(std::unique(index->deletes_.begin(), index->deletes_.end()), index->deletes_.end());
  index->deletes_.shrink_to_fit();
  return index;
}

int64_t FaqIndex::Find(const std::string& term) const {
  auto it = term_ids_.find(term);
  return it == term_ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

std::vector<uint32_t> FaqIndex::FindFuzzy(const std::string& term) const {
  std::u32string w = DecodeUtf8(term);
  std::vector<uint32_t> out;
  if (w.size() < kFuzzyMinLength) return out;
  std::set<uint32_t> candidates;
  auto take = [&](const std::string& key) {
    const uint64_t h = Fnv1a(key);
    auto it = std::lower_bound(deletes_.begin(), deletes_.end(), std::make_pair(h, uint32_t{0}));
    for (; it != deletes_.end() && it->first == h; ++it) candidates.insert(it->second);
  };
  take(term);  // an index term with one letter more
  for (const std::u32string& d : Deletions(w)) {
    std::string key = EncodeUtf8(d);
    if (auto id = Find(key); id >= 0) candidates.insert(static_cast<uint32_t>(id));  // one letter less
    take(key);  // substitution or transposition
  }
  for (uint32_t c : candidates) {
    if (terms_[c] != term && EditDistance(w, DecodeUtf8(terms_[c]), 1) <= 1) out.push_back(c);
  }
  return out;
}

const std::vector<uint32_t>* FaqIndex::FindSkeleton(const std::string& skeleton) const {
  auto it = skeletons_.find(skeleton);
  return it == skeletons_.end() ? nullptr : &it->second;
}

}  // namespace smsdesk::faq
