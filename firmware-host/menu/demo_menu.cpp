#include "firmware-host/menu/demo_menu.h"

namespace smsdesk::demo {

std::string_view DemoMenuToml() {
  static constexpr std::string_view kToml = R"toml(
[topics.weather]
names = { ar = "الطقس", fr = "météo", en = "weather", fa = "هوا", uk = "погода", es = "clima" }

[menu]
idle_timeout = "15m"
title = { ar = "مكتب المساعدة. اختر رقماً:", fr = "Bureau d'aide. Choisissez un numéro :", en = "Help desk. Choose a number:", fa = "میز کمک. یک شماره انتخاب کنید:", uk = "Довідка. Оберіть номер:", es = "Mesa de ayuda. Elija un número:" }

[[menu.item]]
title = { ar = "الصحة", fr = "Santé", en = "Health", fa = "سلامت", uk = "Здоров'я", es = "Salud" }
  [[menu.item.item]]
  title = { ar = "البطاقة الصحية", fr = "Carte santé", en = "Health card", fa = "کارت سلامت", uk = "Медична картка", es = "Tarjeta de salud" }
  faq = "health-card"
  [[menu.item.item]]
  title = { ar = "طبيب", fr = "Médecin", en = "Doctor", fa = "پزشک", uk = "Лікар", es = "Médico" }
  faq = "doctor"
  [[menu.item.item]]
  title = { ar = "الطوارئ 911", fr = "Urgences 911", en = "Emergency 911", fa = "اورژانس ۹۱۱", uk = "Екстрена 911", es = "Emergencias 911" }
  faq = "emergency"

[[menu.item]]
title = { ar = "المدرسة والمواصلات", fr = "École et transport", en = "School and transport", fa = "مدرسه و حمل و نقل", uk = "Школа і транспорт", es = "Escuela y transporte" }
  [[menu.item.item]]
  title = { ar = "تسجيل المدرسة", fr = "Inscription à l'école", en = "School registration", fa = "ثبت نام مدرسه", uk = "Запис до школи", es = "Inscripción escolar" }
  faq = "school"
  [[menu.item.item]]
  title = { ar = "بطاقة الحافلة", fr = "Carte d'autobus", en = "Bus pass", fa = "کارت اتوبوس", uk = "Проїзний", es = "Pase de autobús" }
  faq = "bus-pass"

[[menu.item]]
title = { ar = "الطعام والملابس", fr = "Nourriture et vêtements", en = "Food and clothes", fa = "غذا و لباس", uk = "Їжа та одяг", es = "Comida y ropa" }
  [[menu.item.item]]
  title = { ar = "بنك الطعام", fr = "Banque alimentaire", en = "Food bank", fa = "بانک غذا", uk = "Продовольчий банк", es = "Banco de alimentos" }
  faq = "food-bank"
  [[menu.item.item]]
  title = { ar = "ملابس الشتاء", fr = "Vêtements d'hiver", en = "Winter clothes", fa = "لباس زمستانی", uk = "Зимовий одяг", es = "Ropa de invierno" }
  faq = "winter-clothes"

[[menu.item]]
title = { ar = "تنبيهات الطقس", fr = "Alertes météo", en = "Weather alerts", fa = "هشدار هوا", uk = "Сповіщення про погоду", es = "Alertas del clima" }
join = "weather"

[[menu.item]]
title = { ar = "إيقاف تنبيهات الطقس", fr = "Arrêter les alertes", en = "Stop weather alerts", fa = "توقف هشدار هوا", uk = "Вимкнути сповіщення", es = "Detener alertas" }
stop = "weather"

[[menu.item]]
title = { ar = "التحدث إلى شخص", fr = "Parler à une personne", en = "Talk to a person", fa = "صحبت با یک نفر", uk = "Зв'язатися з людиною", es = "Hablar con una persona" }
person = true
)toml";
  return kToml;
}

}  // namespace smsdesk::demo
