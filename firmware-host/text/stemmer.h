// Per-language stemming of normalized tokens. Snowball (libstemmer) for
// English, French, Spanish, Arabic and Russian; light suffix stripping for
// Ukrainian and Dari/Persian, which Snowball lacks. Arabic tokens first lose
// dialect clitics in front of the article ("عالموقف", "هالشهر").
//
// Not thread-safe: sb_stemmer keeps state per call. Each thread (each Matcher)
// owns its own Stemmer. Movable, not copyable.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "firmware-host/base/language.h"

struct sb_stemmer;

namespace smsdesk::faq {

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // `token` is normalized (NormalizeText). Tokens of another script than the
  // language's pass through the stemmer of their script's default language
  // (Latin -> English, Arabic -> Arabic, Cyrillic -> Ukrainian).
  std::string Stem(Lang lang, std::string_view token);

 private:
  std::string Snowball(int slot, std::string_view token);
  std::array<sb_stemmer*, 4> stemmers_{};  // english, french, spanish, arabic
};

}  // namespace smsdesk::faq
