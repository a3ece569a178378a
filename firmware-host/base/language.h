// The languages the desk knows, in one registry: the codes the router, the
// menus, the FAQ, the store and the config use ("ar", "ar-Latn", "en",
// "fr", "es", "fa", "uk"), the other codes read as one of them, each
// language's own name, its direction, and the language the desk's own texts
// are written in for it. Languages the desk cannot read or write its own
// texts in, but that an agency may write alerts in ("ps", "ti"…), are in
// the registry too, without a Lang. Every list of languages elsewhere is
// taken from here.
#pragma once

#include <span>
#include <string_view>

namespace smsdesk {

enum class Lang { kAr, kArLatn, kEn, kFr, kEs, kFa, kUk, kUnknown };

struct LanguageInfo {
  std::string_view code;         // as stored and configured: "ar-Latn"
  Lang lang;                     // kUnknown: alerts only
  std::string_view native_name;  // as its speakers write it: "العربية", "3arabi"
  std::string_view english_name;
  bool right_to_left = false;
  // The language of the desk's own texts (acknowledgements, menus) for a
  // person writing this one: Arabizi writers read Arabic; kUnknown: none.
  Lang texts = Lang::kUnknown;
  std::span<const std::string_view> aliases = {};  // other codes read as this one ("prs", "fa-AF")
};

// Every language, the ones with a Lang first, in Lang's order.
std::span<const LanguageInfo> Languages();
// By code or alias (ASCII case ignored); nullptr when unknown.
const LanguageInfo* FindLanguage(std::string_view code);
// The row of a Lang; kUnknown has none (nullptr).
const LanguageInfo* InfoOf(Lang lang);

// "ar", "ar-Latn", "en"… ; unknown codes (and alert-only ones) map to
// kUnknown ("prs" and "fa-AF" are Dari, read as "fa").
Lang LangFromCode(std::string_view code);
std::string_view LangCode(Lang lang);  // "und" for kUnknown

// The text analysis was the first to name languages, and most of the code
// still spells them faq::Lang.
namespace faq {
using ::smsdesk::Lang;
using ::smsdesk::LangCode;
using ::smsdesk::LangFromCode;
}  // namespace faq

}  // namespace smsdesk
