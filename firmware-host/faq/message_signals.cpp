#include "firmware-host/faq/message_signals.h"

#include <algorithm>
#include <sstream>

#include "firmware-host/text/stopwords.h"

namespace smsdesk::faq {
namespace {

// Phrases are token sequences (normalized); a trailing '*' makes a prefix.
constexpr const char* kSocial[] = {
    "hi", "hello", "hey", "thanks", "thank", "thx", "merci", "bonjour", "bonsoir", "salut",
    "hola", "gracias", "amigo", "amable", "muy", "buenos", "dias", "beaucoup", "votre", "aide",
    "pour", "mar7aba", "marhaba", "salam", "shukran", "shokran", "ktir", "ya", "jama3a",
    "مرحبا", "اهلا", "سلام", "عليكم", "السلام", "شكرا", "كتير", "الله", "يعطيكم", "العافيه",
    "يسلمو", "ازيكم", "عاملين", "ايه", "كيفكم", "تشكر", "خيلي", "تان", "ممنون", "از", "كمك",
    "дякую", "привіт", "добрии", "день", "за", "відповідь", "дуже", "you", "so", "much", "very",
    "ok", "okay", "good", "morning", "evening", "all", "ana", "jdeed", "jdid", "hon", "w",
    "7abbet", "sallem", "nice", "great", "appreciate", "it", "lot", "alot", "god", "bless",
    "جزيلا", "كثيرا", "ربي", "يخليكم", "تسلموا", "الف", "صباح", "الخير", "مساء"};

constexpr const char* kPersonalCase[] = {
    "my application", "my file", "my case", "my claim", "my status", "status of", "check my",
    "case worker", "caseworker", "no answer", "no reply", "no response", "still waiting",
    "still no", "call me back", "call me", "mon dossier", "ma demande", "mon cas", "mon statut",
    "mi solicitud", "mi caso", "mi expediente", "mi tramite", "estado de", "статус моєі", "перевірити статус", "моєі заяви",
    "моя заява", "мою заяву", "ملفي", "معاملتي", "طلبي", "قضيتي", "وين وصل", "شو صار",
    "وصل طلبي", "الحاله تبعي", "رقم الملف", "رقم الطلب", "ناطر", "ناطره", "بانتظار",
    "پرونده من", "پرونده ام", "درخواست من", "وضعيت پرونده", "malafi", "tal2abi", "wen wesel",
    "follow up", "suivi de mon", "seguimiento de mi"};

constexpr const char* kComplaint[] = {
    "rude", "complain*", "complaint", "unfair", "disrespect*", "plainte", "plaindre", "impoli*",
    "bad service", "terrible service", "very bad", "mauvais service", "mal servicio", "mala atencion",
    "خدمه سييه", "погане обслуговування",
    "queja", "quejar*", "grosero", "grosera", "скарга", "поскаржитися", "грубо*", "اشتكي",
    "اشكي", "شكوي", "قليل الذوق", "قليله ذوق", "ذوق", "وقح", "وقحه", "بهدلني", "شكايت"};

constexpr const char* kSpam[] = {
    "freemsg", "free msg", "congrats", "congratulations", "winner", "you won", "you have won",
    "gift card", "prize", "reply claim", "claim now", "felicitations", "vous avez gagne", "gagne",
    "msg gratuit", "felicidades", "ganaste", "premio", "виграли", "вітаємо", "مبروك ربحت",
    "ربحت", "جائزه", "unsubscribe", "click", "bit ly", "http", "www"};

using Phrase = std::vector<std::string>;

std::vector<Phrase> Compile(const char* const* list, size_t n) {
  std::vector<Phrase> out;
  for (size_t i = 0; i < n; ++i) {
    std::string text = list[i];
    bool prefix = !text.empty() && text.back() == '*';
    if (prefix) text.pop_back();
    Phrase p;
    for (const Token& t : Tokenize(NormalizeText(text))) p.push_back(t.text);
    if (prefix && !p.empty()) p.back() += '*';
    out.push_back(std::move(p));
  }
  return out;
}

bool TokenIs(const std::string& token, const std::string& pattern) {
  if (!pattern.empty() && pattern.back() == '*') {
    return token.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return token == pattern;
}

const Phrase* FindAny(const std::vector<Phrase>& phrases, const std::vector<Token>& tokens) {
  for (const Phrase& p : phrases) {
    if (p.empty() || p.size() > tokens.size()) continue;
    for (size_t i = 0; i + p.size() <= tokens.size(); ++i) {
      bool ok = true;
      for (size_t k = 0; k < p.size() && ok; ++k) ok = TokenIs(tokens[i + k].text, p[k]);
      if (ok) return &p;
    }
  }
  return nullptr;
}

std::string Join(const Phrase& p) {
  std::string out;
  for (const auto& w : p) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

MessageSignals AnalyzeMessageSignals(const std::vector<Token>& tokens) {
  static const auto kSocialSet = Compile(kSocial, std::size(kSocial));
  static const auto kCase = Compile(kPersonalCase, std::size(kPersonalCase));
  static const auto kComplaintSet = Compile(kComplaint, std::size(kComplaint));
  static const auto kSpamSet = Compile(kSpam, std::size(kSpam));
  MessageSignals s;

  bool any_content = false;
  for (const Token& t : tokens) {
    bool social = std::any_of(kSocialSet.begin(), kSocialSet.end(),
                              [&](const Phrase& p) { return p.size() == 1 && p[0] == t.text; });
    if (!social && !IsStopword(t.text)) any_content = true;
  }
  s.social_only = !any_content;
  if (s.social_only) s.reasons.push_back("greeting or thanks only");

  if (const Phrase* p = FindAny(kCase, tokens)) {
    s.personal_case = true;
    s.reasons.push_back("personal case: " + Join(*p));
  }
  if (const Phrase* p = FindAny(kComplaintSet, tokens)) {
    s.complaint = true;
    s.reasons.push_back("complaint: " + Join(*p));
  }
  if (const Phrase* p = FindAny(kSpamSet, tokens)) {
    s.spam = true;
    s.reasons.push_back("looks like spam: " + Join(*p));
  }
  // File and application numbers: a letter and 6+ digits, or 7+ digits in
  // one or two groups ("1234-5678"); phone numbers look the same to us.
  // A chain of digit groups joined by one separator: 613-555-0187. Chains
  // are summed from the end, in one pass.
  size_t chain = 0;  // digits of the chain starting at token i + 1
  for (size_t i = tokens.size(); i-- > 0;) {
    const Token& t = tokens[i];
    size_t digits = std::count_if(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (t.has_letter) {
      if (digits >= 6) s.has_case_number = true;
      chain = 0;
      continue;
    }
    bool joined = i + 1 < tokens.size() && !tokens[i + 1].has_letter && tokens[i + 1].start == t.end + 1;
    chain = digits + (joined ? chain : 0);
    if (chain >= 7) s.has_case_number = true;
  }
  if (s.has_case_number) s.reasons.push_back("contains a file or phone number");
  return s;
}

}  // namespace smsdesk::faq
