#include "firmware-host/base/language.h"

namespace smsdesk {

Lang LangFromCode(std::string_view code) {
  if (code == "ar") return Lang::kAr;
  if (code == "ar-Latn" || code == "ar-latn") return Lang::kArLatn;
  if (code == "en") return Lang::kEn;
  if (code == "fr") return Lang::kFr;
  if (code == "es") return Lang::kEs;
  if (code == "fa" || code == "prs" || code == "fa-AF") return Lang::kFa;
  if (code == "uk") return Lang::kUk;
  return Lang::kUnknown;
}

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kAr: return "ar";
    case Lang::kArLatn: return "ar-Latn";
    case Lang::kEn: return "en";
    case Lang::kFr: return "fr";
    case Lang::kEs: return "es";
    case Lang::kFa: return "fa";
    case Lang::kUk: return "uk";
    case Lang::kUnknown: break;
  }
  return "und";
}

}  // namespace smsdesk
