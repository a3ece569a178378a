// One FAQ entry in one language: the unit the matcher indexes and the CSV
// format (id,lang,keywords,question,answer[,examples]) carries. The same `id` appears once
// per language; the pair (id, lang) is unique. Plain value type, no ownership.
#pragma once

#include <string>
#include <vector>

namespace smsdesk::faq {

struct FaqEntry {
  std::string id;                     // slug, e.g. "bus-pass"
  std::string lang;                   // BCP-47, e.g. "ar", "fr", "fa"
  std::vector<std::string> keywords;  // words or short phrases, ';'-separated in CSV
  std::string question;
  std::string answer;
  // Real questions this entry answers, in any language: what the intent
  // model learns the entry from besides the question and keywords.
  std::vector<std::string> examples;
};

}  // namespace smsdesk::faq
