#include "firmware-host/base/language.h"

#include <array>

namespace smsdesk {
namespace {

constexpr std::string_view kArabicAliases[] = {"ara"};
constexpr std::string_view kArabiziAliases[] = {"ar-latn", "ar-Latin"};
constexpr std::string_view kDariAliases[] = {"prs", "fa-AF", "fas", "per"};
constexpr std::string_view kUkrainianAliases[] = {"ukr"};

constexpr LanguageInfo kLanguages[] = {
    {"ar", Lang::kAr, "العربية", "Arabic", true, Lang::kAr, kArabicAliases},
    {"ar-Latn", Lang::kArLatn, "3arabi", "Arabizi (Arabic in Latin letters)", false, Lang::kAr, kArabiziAliases},
    {"en", Lang::kEn, "English", "English", false, Lang::kEn},
    {"fr", Lang::kFr, "Français", "French", false, Lang::kFr},
    {"es", Lang::kEs, "Español", "Spanish", false, Lang::kEs},
    {"fa", Lang::kFa, "دری", "Dari (Persian)", true, Lang::kFa, kDariAliases},
    {"uk", Lang::kUk, "Українська", "Ukrainian", false, Lang::kUk, kUkrainianAliases},
    // Alerts only: an agency may write in them; the desk neither detects
    // them nor writes its own texts in them.
    {"ps", Lang::kUnknown, "پښتو", "Pashto", true},
    {"ti", Lang::kUnknown, "ትግርኛ", "Tigrinya", false},
    {"so", Lang::kUnknown, "Soomaali", "Somali", false},
    {"sw", Lang::kUnknown, "Kiswahili", "Swahili", false},
    {"ru", Lang::kUnknown, "Русский", "Russian", false},
    {"tr", Lang::kUnknown, "Türkçe", "Turkish", false},
    {"zh", Lang::kUnknown, "中文", "Chinese", false},
    {"pt", Lang::kUnknown, "Português", "Portuguese", false},
    {"ku", Lang::kUnknown, "Kurdî", "Kurdish", false},
};

bool SameCode(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::span<const LanguageInfo> Languages() { return kLanguages; }

const LanguageInfo* FindLanguage(std::string_view code) {
  for (const LanguageInfo& info : kLanguages) {
    if (SameCode(info.code, code)) return &info;
    for (std::string_view alias : info.aliases) {
      if (SameCode(alias, code)) return &info;
    }
  }
  return nullptr;
}

const LanguageInfo* InfoOf(Lang lang) {
  for (const LanguageInfo& info : kLanguages) {
    if (info.lang == lang && lang != Lang::kUnknown) return &info;
  }
  return nullptr;
}

Lang LangFromCode(std::string_view code) {
  const LanguageInfo* info = FindLanguage(code);
  return info ? info->lang : Lang::kUnknown;
}

std::string_view LangCode(Lang lang) {
  const LanguageInfo* info = InfoOf(lang);
  return info ? info->code : "und";
}

}  // namespace smsdesk
