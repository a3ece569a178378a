#include "firmware-host/menu/menu_texts.h"

#include "firmware-host/base/language.h"

namespace smsdesk::menu {
namespace {

struct Row {
  const char* ar;
  const char* en;
  const char* fr;
  const char* es;
  const char* fa;  // Dari (Afghan Persian) wording, readable in Iran too
  const char* uk;
};

// Indexed by MenuText. Choices of words keep Latin-script lines inside the
// GSM-7 default alphabet where the language allows it ("Volver", "Elija entre"
// rather than "Atrás", "Elija un número"): one á or ê turns the whole screen
// into UCS-2 and halves the room (3GPP TS 23.038 §6.2.1).
constexpr Row kTexts[] = {
    // kBack
    {"رجوع", "Back", "Retour", "Volver", "بازگشت", "Назад"},
    // kMore
    {"المزيد", "More", "Suite", "Siguiente", "بیشتر", "Далі"},
    // kChooseRange
    {"اختر رقماً من 1 إلى {n}.", "Choose a number from 1 to {n}.", "Choisissez un numéro de 1 à {n}.",
     "Elija entre 1 y {n}.", "یک عدد از 1 تا {n} انتخاب کنید.", "Виберіть номер від 1 до {n}."},
    // kInvalidChoice
    {"خيار غير صحيح.", "Invalid choice.", "Choix invalide.", "Incorrecto. Elija de nuevo.", "گزینه نادرست است.",
     "Невірний вибір."},
    // kTypeQuestion
    {"اكتب سؤالك:", "Type your question:", "Écrivez votre question :", "Escriba su pregunta:",
     "سوال خود را بنویسید:", "Напишіть своє запитання:"},
    // kThanks
    {"شكراً لك. سيجيبك أحد موظفينا برسالة نصية.", "Thank you. A person will answer you by SMS.",
     "Merci. Une personne vous répondra par SMS.", "Gracias. Una persona le responderá por SMS.",
     "تشکر. یکی از همکاران ما با پیام به شما پاسخ می‌دهد.", "Дякуємо. Наш працівник відповість вам у SMS."},
    // kJoined
    {"تم اشتراكك: {title}.", "Subscribed: {title}.", "Inscription confirmée : {title}.", "Alta confirmada: {title}.",
     "شما مشترک شدید: {title}.", "Ви підписалися: {title}."},
    // kStopped
    {"تم إلغاء اشتراكك: {title}.", "Unsubscribed: {title}.", "Désinscription confirmée : {title}.",
     "Baja confirmada: {title}.", "اشتراک شما لغو شد: {title}.", "Ви відписалися: {title}."},
    // kFullBySms
    {"سنرسل الإجابة الكاملة برسالة نصية.", "Full answer by SMS.", "Réponse complète par SMS.",
     "Respuesta completa por SMS.", "پاسخ کامل را با پیام می‌فرستیم.", "Повну відповідь надішлемо в SMS."},
    // kGoodbye
    {"مع السلامة.", "Goodbye.", "Au revoir.", "Hasta pronto.", "خدا حافظ.", "До побачення."},
    // kNoAnswer
    {"لا تتوفر إجابة بعد.", "Sorry, no answer yet.", "Pas encore de réponse.", "Todavía no hay respuesta.",
     "هنوز پاسخی نداریم.", "Відповіді поки немає."},
};

}  // namespace

std::string MenuString(MenuText text, const std::string& lang) {
  const Row& row = kTexts[static_cast<int>(text)];
  switch (faq::LangFromCode(lang)) {
    case faq::Lang::kAr: return row.ar;
    case faq::Lang::kFr: return row.fr;
    case faq::Lang::kEs: return row.es;
    case faq::Lang::kFa: return row.fa;
    case faq::Lang::kUk: return row.uk;
    case faq::Lang::kEn:
    case faq::Lang::kArLatn:
    case faq::Lang::kUnknown: break;
  }
  return row.en;
}

std::string FillIn(std::string text, std::string_view key, std::string_view value) {
  const std::string placeholder = "{" + std::string(key) + "}";
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

std::string LanguageName(const std::string& code) {
  const LanguageInfo* info = FindLanguage(code);
  return info ? std::string(info->native_name) : code;
}

}  // namespace smsdesk::menu
