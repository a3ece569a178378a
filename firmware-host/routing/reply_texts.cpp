#include "firmware-host/routing/reply_texts.h"

#include "firmware-host/base/language.h"

#include <utility>

namespace smsdesk::desk {
namespace {

using faq::Lang;

// Column order of the table below.
constexpr Lang kLangs[] = {Lang::kAr, Lang::kEn, Lang::kFr, Lang::kEs, Lang::kFa, Lang::kUk};

size_t Column(Lang lang) {
  const Lang text_lang = TextLanguage(lang);
  for (size_t i = 0; i < std::size(kLangs); ++i)
    if (kLangs[i] == text_lang) return i;
  return 1;
}

// Row order: TextKey. Column order: kLangs. Keywords named in a text are ones
// ParseSystemKeyword accepts (tests check that the instructions work).
// French avoids ê/ç where a synonym exists, to stay in the GSM 7-bit alphabet.
const char* const kBuiltin[kTextKeyCount][6] = {
    // kAck
    {"شكرا، وصلتنا رسالتك. سيرد عليك أحد المشرفين {deadline}.",
     "Thank you, we got your message. A moderator will answer {deadline}.",
     "Merci, votre message est bien arrivé. Un modérateur vous répondra {deadline}.",
     "Gracias, recibimos su mensaje. Un moderador le responderá {deadline}.",
     "ممنون، پیام شما رسید. یک مسئول {deadline} به شما پاسخ می‌دهد.",
     "Дякуємо, ми отримали ваше повідомлення. Модератор відповість {deadline}."},
    // kStop
    {"لن تصلك أي رسائل منا بعد الآن. للاشتراك من جديد أرسل: ابدأ",
     "You will not get any more messages from us. Reply START to receive them again.",
     "Vous ne recevrez plus de messages de notre part. Répondez START pour les recevoir de nouveau.",
     "No recibirá más mensajes nuestros. Responda ALTA para volver a recibirlos.",
     "دیگر پیامی از ما دریافت نمی‌کنید. برای دریافت دوباره بفرستید: شروع",
     "Ви більше не отримуватимете від нас повідомлень. Щоб знову їх отримувати, надішліть СТАРТ."},
    // kStart
    {"أهلا بعودتك، ستصلك رسائلنا من جديد. لإيقافها أرسل: توقف",
     "Welcome back, you will receive our messages again. Reply STOP to stop.",
     "Bon retour ! Vous recevrez de nouveau nos messages. Répondez STOP pour vous désabonner.",
     "Bienvenido de nuevo, volverá a recibir nuestros mensajes. Responda BAJA para dejar de recibirlos.",
     "خوش آمدید، پیام‌های ما دوباره برای شما فرستاده می‌شود. برای توقف بفرستید: لغو",
     "Раді вас знову бачити: ви отримуватимете наші повідомлення. Щоб відписатися, надішліть СТОП."},
    // kJoin
    {"تم اشتراكك في تنبيهات {topic}. لإلغائه أرسل: توقف {topic}",
     "You are subscribed to {topic} alerts. Reply STOP {topic} to unsubscribe.",
     "Abonnement aux alertes {topic} confirmé. Répondez STOP {topic} pour vous désabonner.",
     "Suscrito a las alertas de {topic}. Responda BAJA {topic} para cancelar.",
     "عضویت شما در هشدارهای {topic} ثبت شد. برای لغو بفرستید: لغو {topic}",
     "Ви підписалися на сповіщення «{topic}». Щоб відписатися, надішліть СТОП {topic}."},
    // kLeave
    {"تم إلغاء اشتراكك في تنبيهات {topic}.",
     "You are unsubscribed from {topic} alerts.",
     "Désabonnement des alertes {topic} confirmé.",
     "Ha cancelado las alertas de {topic}.",
     "عضویت شما در هشدارهای {topic} لغو شد.",
     "Ви відписалися від сповіщень «{topic}»."},
    // kUnknownTopic
    {"لا توجد تنبيهات بهذا الاسم. أرسل اشتراك مع أحد المواضيع: {topics}",
     "We have no such alerts. Reply JOIN and one of: {topics}",
     "Ces alertes n'existent pas. Répondez ABONNER suivi de : {topics}",
     "No tenemos esas alertas. Responda ALTA y uno de estos temas: {topics}",
     "چنین هشداری نداریم. بفرستید عضویت و یکی از این‌ها: {topics}",
     "Таких сповіщень немає. Надішліть ПІДПИСКА і тему: {topics}"},
    // kHelp
    {"خدمة أسئلة للقادمين الجدد: اكتب سؤالك بلغتك ويرد عليك مشرف. تغيير اللغة: لغة fr. "
     "للإيقاف: توقف. في خطر؟ اتصل {numbers}",
     "SMS help desk for newcomers: text your question in your language and a moderator will "
     "answer. LANG FR to change language. STOP to stop. In danger? Call {numbers}",
     "Aide par SMS pour les nouveaux arrivants : écrivez votre question dans votre langue, un "
     "modérateur vous répondra. LANGUE EN pour changer de langue. STOP pour vous désabonner. "
     "En danger ? Appelez le {numbers}",
     "Ayuda por SMS para recién llegados: escriba su pregunta en su idioma y un moderador le "
     "responderá. IDIOMA EN para cambiar de idioma. BAJA para no recibir más. ¿En peligro? "
     "Llame al {numbers}",
     "راهنمای تازه‌واردان: سوالتان را به زبان خود بنویسید تا مسئولی پاسخ دهد. زبان en: تغییر "
     "زبان. لغو: قطع پیام. در خطر؟ {numbers}",
     "Довідка для новоприбулих: пишіть питання своєю мовою, ми відповімо. МОВА EN — інша мова, "
     "СТОП — відписка. Небезпека? {numbers}"},
    // kLang
    {"حسنا، سنرد عليك بالعربية.",
     "OK, we will reply in English.",
     "D'accord, nous vous répondrons en français.",
     "De acuerdo, le responderemos en español.",
     "بسیار خوب، به دری پاسخ می‌دهیم.",
     "Добре, ми відповідатимемо українською."},
    // kLangOptions: each language by its own name, so that a reader finds
    // theirs whatever the text around it is written in.
    {"أرسل لغة مع الرمز: ar عربي, fa دری, en English, fr Français, es Español, uk Українська",
     "Reply LANG and a code: ar عربي, fa دری, en English, fr Français, es Español, uk Українська",
     "Répondez LANGUE et un code : ar عربي, fa دری, en English, fr Français, es Español, uk Українська",
     "Responda IDIOMA y un código: ar عربي, fa دری, en English, fr Français, es Español, uk Українська",
     "بفرستید زبان و کد: ar عربي, fa دری, en English, fr Français, es Español, uk Українська",
     "Надішліть МОВА і код: ar عربي, fa دری, en English, fr Français, es Español, uk Українська"},
    // kUrgent
    {"إذا كنت في خطر، اتصل الآن بالرقم {numbers}. وصلت رسالتك إلى مشرف بأولوية.",
     "If you are in danger, call {numbers} now. Your message went to a moderator as a priority.",
     "Si vous courez un danger, appelez le {numbers} tout de suite. Votre message est transmis "
     "en priorité à un modérateur.",
     "Si está en peligro, llame al {numbers} ahora. Su mensaje pasó a un moderador con prioridad.",
     "اگر در خطر هستید، همین حالا با {numbers} تماس بگیرید. پیام شما با اولویت به یک مسئول رسید.",
     "Якщо ви в небезпеці, негайно телефонуйте {numbers}. Ваше повідомлення передано модератору "
     "як термінове."},
    // kMenu
    {"اكتب سؤالك بلغتك. للتنبيهات أرسل اشتراك وموضوعا ({topics}). مساعدة للمساعدة، توقف للإيقاف.",
     "Text your question in your language. Alerts: reply JOIN and a topic ({topics}). HELP for "
     "help, STOP to stop.",
     "Écrivez votre question dans votre langue. Alertes : répondez ABONNER et un sujet "
     "({topics}). AIDE pour l'aide, STOP pour vous désabonner.",
     "Escriba su pregunta en su idioma. Alertas: responda ALTA y un tema ({topics}). AYUDA para "
     "ayuda, BAJA para no recibir más.",
     "سوال خود را به زبان خودتان بنویسید. هشدارها: عضویت و یک موضوع ({topics}). کمک: راهنما، "
     "لغو: توقف.",
     "Напишіть питання своєю мовою. Сповіщення: ПІДПИСКА і тема ({topics}). ДОПОМОГА — довідка, "
     "СТОП — відписатися."},
    // kEmergencyLine
    {"في خطر؟ اتصل {numbers}.",
     "In danger? Call {numbers}.",
     "En danger ? Appelez le {numbers}.",
     "¿En peligro? Llame al {numbers}.",
     "در خطر هستید؟ با {numbers} تماس بگیرید.",
     "Небезпека? Телефонуйте {numbers}."},
    // kPossibleDanger
    {"وصلتنا رسالتك وسيقرؤها مشرف الآن. إذا كنت أنت أو غيرك في خطر، اتصل {numbers} فورا.",
     "We got your message and a moderator will read it now. If you or someone else is in danger, "
     "call {numbers} now.",
     "Votre message est bien arrivé, un modérateur le lit tout de suite. Si vous ou quelqu'un "
     "d'autre est en danger, appelez le {numbers} maintenant.",
     "Recibimos su mensaje y un moderador lo leerá ahora. Si usted u otra persona está en "
     "peligro, llame al {numbers} ya.",
     "پیام شما رسید و یک مسئول همین حالا آن را می‌خواند. اگر شما یا کس دیگری در خطر است، "
     "همین حالا با {numbers} تماس بگیرید.",
     "Повідомлення отримано, модератор прочитає його зараз. Якщо комусь загрожує небезпека, "
     "телефонуйте {numbers}."},
};

struct Placeholders {
  const char* allowed;   // the one placeholder the key offers, if any
  const char* required;  // must appear in an override
};

// What each key offers, in TextKey order.
constexpr Placeholders kPlaceholders[kTextKeyCount] = {
    {"deadline", "deadline"},  // kAck
    {nullptr, nullptr},        // kStop
    {nullptr, nullptr},        // kStart
    {"topic", nullptr},        // kJoin
    {"topic", nullptr},        // kLeave
    {"topics", nullptr},       // kUnknownTopic
    {"numbers", "numbers"},    // kHelp
    {nullptr, nullptr},        // kLang
    {nullptr, nullptr},        // kLangOptions
    {"numbers", "numbers"},    // kUrgent
    {"topics", nullptr},       // kMenu
    {"numbers", "numbers"},    // kEmergencyLine
    {"numbers", "numbers"},    // kPossibleDanger
};

constexpr std::string_view kKeyNames[kTextKeyCount] = {
    "ack", "stop", "start", "join", "leave", "unknown_topic",
    "help", "lang", "lang_options", "urgent", "menu", "emergency_line", "possible_danger"};

bool ValidTemplate(TextKey key, std::string_view text) {
  const Placeholders& p = kPlaceholders[static_cast<size_t>(key)];
  bool has_required = p.required == nullptr;
  for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) return false;
    const std::string_view name = text.substr(open + 1, close - open - 1);
    if (p.allowed == nullptr || name != p.allowed) return false;
    if (p.required != nullptr && name == p.required) has_required = true;
  }
  return has_required;
}

void ReplaceAll(std::string& text, std::string_view name, const std::string& value) {
  const std::string token = "{" + std::string(name) + "}";
  for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size())) {
    text.replace(pos, token.size(), value);
  }
}

}  // namespace

std::string_view TextKeyName(TextKey key) { return kKeyNames[static_cast<size_t>(key)]; }

std::optional<TextKey> TextKeyFromName(std::string_view name) {
  for (size_t i = 0; i < kTextKeyCount; ++i)
    if (kKeyNames[i] == name) return static_cast<TextKey>(i);
  return std::nullopt;
}

faq::Lang TextLanguage(faq::Lang lang) {
  // An unsupported language (kUnknown) still needs texts: English.
  const LanguageInfo* info = InfoOf(lang);
  return info && info->texts != Lang::kUnknown ? info->texts : Lang::kEn;
}

ReplyTexts::ReplyTexts() {
  for (size_t k = 0; k < kTextKeyCount; ++k)
    for (size_t l = 0; l < kLangCount; ++l) texts_[k][l] = kBuiltin[k][l];
}

bool ReplyTexts::Override(TextKey key, faq::Lang lang, std::string text) {
  if (!ValidTemplate(key, text)) return false;
  texts_[static_cast<size_t>(key)][Column(lang)] = std::move(text);
  return true;
}

const std::string& ReplyTexts::Template(TextKey key, faq::Lang lang) const {
  return texts_[static_cast<size_t>(key)][Column(lang)];
}

std::string ReplyTexts::Render(TextKey key, faq::Lang lang, const TextValues& values) const {
  std::string text = Template(key, lang);
  // Values never contain placeholders of their own that matter: each is
  // replaced once, left to right, and the scan resumes after the value.
  ReplaceAll(text, "deadline", values.deadline);
  ReplaceAll(text, "topics", values.topics);
  ReplaceAll(text, "topic", values.topic);
  ReplaceAll(text, "numbers", values.numbers);
  return text;
}

}  // namespace smsdesk::desk
