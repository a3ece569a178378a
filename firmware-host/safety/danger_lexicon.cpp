// General danger vocabulary per language, as a crisis-line intake sheet would
// list it: acts of violence and threats, suicidal talk, signs of a medical
// emergency, fire, a child missing or left in danger. Written in each
// language's everyday and dialect forms (Levantine, Iraqi, Egyptian and
// Sudanese Arabic, Arabizi, Dari), never from particular example messages.
//
// Pattern syntax (urgency_detector.h): slots separated by spaces match tokens
// in order with small gaps; '|' separates alternatives; "w*" is a prefix,
// "*w*" a substring (Arabic clitics: "بيضربني"), "*w" a suffix. Text is
// normalized like messages (accents, hamza seats and taa marbuta folded).
#include "firmware-host/safety/urgency_detector.h"

namespace smsdesk::faq {

const std::vector<DangerPatternSpec>& DangerLexicon() {
  using K = DangerKind;
  static const std::vector<DangerPatternSpec> kLexicon = {
      // ---- English
      {K::kViolence, true, "hit|hits|hitting|beat|beats|beating|beaten|punched|punching|slapped|slapping|choked|choking|strangling|strangled|stabbed|stabbing|raped|rape|kicking"},
      {K::kViolence, true, "kill|kills|killing|murder|hurt|hurting|harm|harming me|us|her|him|them|my|myself|you|our|the"},
      {K::kViolence, true, "threaten*|threatening|threatened|threats"},
      {K::kViolence, true, "gun|knife|weapon|pistol"},
      {K::kSuicide, true, "suicide|suicidal|overdose|overdosed"},
      {K::kSuicide, true, "end|take|ending my|own life"},
      {K::kSuicide, true, "want|wanna|ready die"},
      {K::kSuicide, true, "no reason to live"},
      {K::kSuicide, true, "end it all"},
      {K::kSuicide, true, "better off dead"},
      {K::kMedical, true, "not|cant|cannot|t|stopped|stop|trouble|difficulty|hard breathing|breathe|breath"},
      {K::kMedical, true, "unconscious|fainted|collapsed|seizure|seizures|convulsing|bleeding|drowning|poisoned|poisoning"},
      {K::kMedical, true, "passed out"},
      {K::kMedical, true, "heart attack"},
      {K::kMedical, true, "not|isnt|wont|won|stopped|wouldnt waking|wake|moving|responding|respond|responsive"},
      {K::kMedical, true, "lips|face|skin turning|is|are|went|turned blue"},
      {K::kMedical, true, "swallowed|swallow|ate|drank too|pills|pill|tablets|medicine|medication|bleach|poison|battery"},
      {K::kFire, true, "on fire"},
      {K::kFire, true, "there|house|kitchen|apartment|building|room fire"},
      {K::kFire, true, "fire in|is|spreading"},
      {K::kFire, true, "smoke everywhere|coming|in|from|filling"},
      {K::kFire, true, "gas leak"},
      {K::kFire, true, "smell gas"},
      {K::kFire, true, "carbon monoxide"},
      {K::kChild, true, "son|daughter|child|kid|baby|boy|girl|children|kids missing|disappeared|kidnapped|abducted|alone"},
      {K::kChild, true, "cant|cannot|t|lost find|my son|daughter|child|kid|baby|boy|girl"},
      {K::kGeneral, false, "emergency|urgent|urgently|911|ambulance|police|danger|dangerous|unsafe"},
      {K::kGeneral, false, "scared|afraid|terrified|screaming|violence|violent|abuse|abusive|assault|assaulted|injured"},
      {K::kGeneral, false, "help me|us"},
      {K::kGeneral, false, "locked me|us in"},
      // ---- French
      {K::kViolence, true, "frappe|frapper|frappent|frappes|frappee|bat|battre|battu|battue|tabasse*|gifle*|etrangl*|poignard*|viol|violee|violer|egorg*"},
      {K::kViolence, true, "tuer|tue|tuera|tuerai|tuerait|tuent"},
      {K::kViolence, true, "menace|menaces|menacee|menace|menacent|menacer"},
      {K::kViolence, true, "couteau|pistolet|fusil|arme"},
      {K::kSuicide, true, "suicide|suicider|suicidaire|surdose"},
      {K::kSuicide, true, "en finir"},
      {K::kSuicide, true, "mettre fin"},
      {K::kSuicide, true, "raison de vivre"},
      {K::kSuicide, true, "envie de mourir"},
      {K::kSuicide, true, "veux|voudrais|vais mourir"},
      {K::kMedical, true, "ne|n|pas|plus respire|respirer|respirait|respirent"},
      {K::kMedical, true, "inconscient*|evanoui*|saigne|saignent|hemorragie|convulsion*|empoisonn*|noye*"},
      {K::kMedical, true, "crise cardiaque"},
      {K::kMedical, true, "ne|n bouge|reveille|reagit"},
      {K::kMedical, true, "avale|avalee medicaments|pilules|comprimes|javel|trop"},
      {K::kMedical, true, "trop de medicaments|pilules|comprimes"},
      {K::kFire, true, "feu|incendie"},
      {K::kFire, true, "fumee partout|dans|sort"},
      {K::kChild, true, "fils|fille|enfant|bebe|enfants disparu|disparue|enleve|enlevee|kidnappe*|seul|seule|seuls"},
      {K::kChild, true, "perdu mon|ma fils|fille|enfant|bebe"},
      {K::kChild, true, "trouve|retrouve plus|pas mon|ma|mes fils|fille|enfant|bebe"},
      {K::kGeneral, false, "urgence|urgent|secours|police|ambulance|danger|peur|violence|violent|enferme|enfermee|blesse|blessee|crie"},
      {K::kGeneral, false, "aidez|aide moi|nous"},
      // ---- Spanish
      {K::kViolence, true, "golpea|golpeando|golpeo|golpean|pega|pegando|pego|maltrata*|violo|violada|violacion|apunalo|ahorca*"},
      {K::kViolence, true, "matar|matarme|mata|matarnos|matarla|matarlo"},
      {K::kViolence, true, "amenaza|amenazo|amenazando|amenazas"},
      {K::kViolence, true, "cuchillo|pistola|arma"},
      {K::kSuicide, true, "suicid*|sobredosis"},
      {K::kSuicide, true, "quitarme la vida"},
      {K::kSuicide, true, "quiero|quisiera morir|morirme"},
      {K::kSuicide, true, "no quiero vivir"},
      {K::kSuicide, true, "acabar con mi vida"},
      {K::kMedical, true, "no respira|respirar|respiro"},
      {K::kMedical, true, "inconsciente|desmayo|desmayada|desmayado|sangra|sangrando|convulsion*|envenen*|ahogando|infarto"},
      {K::kMedical, true, "no se mueve|despierta|reacciona"},
      {K::kMedical, true, "trago|tomo|tome muchas pastillas|medicinas"},
      {K::kMedical, true, "trago pastillas|cloro|veneno"},
      {K::kFire, true, "fuego|incendio|quemando"},
      {K::kFire, true, "humo por|en|sale"},
      {K::kChild, true, "hijo|hija|nino|nina|bebe|hijos desaparecio|desaparecido|desaparecida|secuestr*|solo|sola|solos"},
      {K::kChild, true, "hijo|hija|nino|nina|bebe|hijos se perdio|perdieron"},
      {K::kChild, true, "no la|lo encuentro|encuentra|encontramos"},
      {K::kGeneral, false, "emergencia|urgente|auxilio|policia|ambulancia|peligro|miedo|violencia|herido|herida|gritando"},
      {K::kGeneral, false, "ayuda|ayudenme|ayudame"},
      // ---- Ukrainian (also understood for Russian-speaking senders)
      {K::kViolence, true, "бє|бють|бив|била|побив|побила|вдарив|вдарила|бити|бьет|избил|ударил"},
      {K::kViolence, true, "вбити|вбє|вбю|убити|убє|вбиває|убью|убить"},
      {K::kViolence, true, "погрож*|угрожа*"},
      {K::kViolence, true, "ніж|ножем|зброя|пістолет|нож|ґвалт*|зґвалт*"},
      {K::kSuicide, true, "самогубств*|суїцид*|покінчити|покончить"},
      {K::kSuicide, true, "не хочу жити|жить"},
      {K::kSuicide, true, "хочу померти|вмерти|умерти|умереть"},
      {K::kMedical, true, "не дихає|дихати|дише|дышит"},
      {K::kMedical, true, "не рухається|ворушиться|прокидається|двигается"},
      {K::kMedical, true, "непритомн*|знепритомні*|кровотеча|кровоточ*|інфаркт|судом*|передозуван*|отру*|тоне"},
      {K::kMedical, true, "без свідомості|сознания"},
      {K::kFire, true, "пожежа|пожежу|пожар|горить|горимо|горит"},
      {K::kFire, true, "дим в|у|з|із|скрізь"},
      {K::kChild, true, "дитина|син|донька|дочка|дитину|сина|доньку|ребенок зник|зникла|зникли|загуби*|викра*|пропа*"},
      {K::kChild, true, "не можу знайти"},
      {K::kGeneral, false, "допоможіть|рятуйте|терміново|швидку|швидка|поліція|поліцію|небезпека|боюся|страшно|насильство"},
      // ---- Dari / Persian
      {K::kViolence, true, "لت كوب"},
      {K::kViolence, true, "لت|كتك ميزند|ميزنه|زد|زده|كرد|كرده|خوردم"},
      {K::kViolence, true, "مرا|منو|مارا|اطفالم|زنم|فرزندم ميزند|ميزنه|ميكشد|بكشد|ميكشه|بكشه"},
      {K::kViolence, true, "تهديد*|چاقو|تفنگ|تجاوز"},
      {K::kSuicide, true, "خودكشي|خودكشى"},
      {K::kSuicide, true, "ميخواهم|ميخوام بميرم"},
      {K::kSuicide, true, "نميخواهم|نميخوام زنده|زندگي"},
      {K::kMedical, true, "نفس نميكشد|نميكشه|نميتواند"},
      {K::kMedical, true, "بيهوش*|خونريزي|سكته|تشنج|مسموم*"},
      {K::kMedical, true, "حركت نميكند|نميكنه"},
      {K::kFire, true, "اتش گرفته|گرفت|سوزي"},
      {K::kFire, true, "حريق|دود"},
      {K::kChild, true, "گم شده|شد"},
      {K::kChild, true, "پيدا نميكنم"},
      {K::kGeneral, false, "كمك|عاجل|پوليس|امبولانس|خطر|ميترسم|ميترسند|ميترسيم|ترس"},
      // ---- Arabic (MSA and dialects)
      {K::kViolence, true, "*ضرب*"},
      {K::kViolence, true, "*قتل*|*هدد*|تهديد*|اغتصب*|اعتدي|اعتداء|سكين|سكينه|مسدس|سلاح|*لطم*|*خنقني*|*خنقها*|*يخنق*"},
      {K::kViolence, true, "*اذيني|*اذينا|*اذيها|*اذيه|*يوذي*"},
      {K::kSuicide, true, "*انتحر*|*انتحار*"},
      {K::kSuicide, true, "انهي|انهاء|اخلص|بنهي|انهيها|نهي حياتي|عمري"},
      {K::kSuicide, true, "بدي|ابي|ابغي|عايز|عاوز|اريد|بدو|حابب|نفسي اموت|موت|انموت"},
      {K::kSuicide, true, "ما|مش|مو|عاد بدي|ابي|عايز|عاوز|اريد|حابب عيش|اعيش|احيا"},
      {K::kMedical, true, "ما|مش|مو|ماعم|بطل *تنفس*|*يتنفس|*تتنفس"},
      {K::kMedical, true, "ضيق نفس|تنفس"},
      {K::kMedical, true, "ما|مش|مو|ماعم يفيق|تفيق|بيفيق|بتفيق|يصحي|بيصحي|تصحي|يتحرك|تتحرك|بيتحرك"},
      {K::kMedical, true, "*بلع*|ابتلع* حبوب|دوا|دواء|ادويه|كلور|سم|حبات"},
      {K::kMedical, true, "فاقد|غايب|فقد الوعي"},
      {K::kMedical, true, "مغمي|اغمي|مغشي|*ينزف*|*تنزف*|نزيف|جلطه|سكته|تشنج|مسموم|تسمم|*يغرق*"},
      {K::kMedical, true, "ازمه|نوبه|جلطه قلبيه"},
      {K::kFire, true, "حريق|حريقه|*احترق*|*يحترق*|*تحترق*|نار|النار|والنار|بالنار|*ولعت*|مولعه|مولع"},
      {K::kChild, true, "ابني|بنتي|ولدي|طفلي|ابنتي|الولد|البنت|الطفل|البنت|اولادي|ابنى ضايع|ضايعه|ضاع|ضاعت|مفقود|مفقوده|مخطوف|مخطوفه|خطفو*|اختفي|اختفت|لحاله|لحالو|لحالها|لوحده|لوحدها"},
      {K::kChild, true, "ضاع|ضاعت|خطفو*|اختفي|اختفت ابني|بنتي|ولدي|طفلي|ابنتي|الولد|البنت|الطفل"},
      {K::kGeneral, false, "طواري|اسعاف|الاسعاف|شرطه|الشرطه|بوليس|البوليس|خطر|خايف|خايفه|خايفين|عنف|دخان|الدخان"},
      {K::kGeneral, false, "ساعدوني|ساعدني|الحقوني|الحقني|النجده|نجده|*صريخ*|*تصرخ*|*يصرخ*|*صراخ*|*تكورك*|*يكورك*"},
      // ---- Arabizi
      {K::kViolence, true, "*drab*|*dreb*|*darb*|*dorb*|*drub*|*2tol*|*2tel*|*2atl*|*qtol*|*qtel*|*2tl*|*hadded*|*tehdid*"},
      {K::kSuicide, true, "*ntehar*|*ntihar*|*nta7er*|*nte7er*|*ntahar*"},
      {K::kSuicide, true, "baddi|badde|bade|bdi|biddi|badi|3ayez|3ayz|3awez|abi|abgha|baddo mout|amout|emout|mot|moot|amoot|bmout"},
      {K::kSuicide, true, "ma|mesh|mish|msh|3ad baddi|badde|bade|bdi|biddi|badi|3ayez 3ish|3eesh|a3ish|3aysh|kammel|kamel"},
      {K::kSuicide, true, "ma|mesh|mish|msh 3ad fiye|fiyi|fini kammel|kamel|3ish|3eesh|a3ish"},
      {K::kMedical, true, "ma|mesh|mish|msh *tnaffas*|*tnafas*|*tanaffas*|*tnaffes*|*fi2|*fee2"},
      {K::kFire, true, "7ari2|7ari2a|7ariq|7ar2"},
      {K::kGeneral, false, "sa3douni|sa3edni|sa3dini|sa3idni|el7a2ouni|ilha2ni|5ayef|5ayfe|5ayfeh|do5an|dukhan"},
  };
  return kLexicon;
}

const std::vector<const char*>& NegationWords() {
  static const std::vector<const char*> kWords = {
      "not", "no", "isnt", "isn", "dont", "don", "non", "pas", "ne", "n", "mesh", "mish", "msh",
      "مش", "مو", "مب", "ليس", "مهو", "مش", "موش", "не", "ні", "нет", "نه", "نيست", "nada"};
  return kWords;
}

// Asking what a number or service is, rather than calling for help now.
const std::vector<const char*>& InformationCues() {
  static const std::vector<const char*> kCues = {
      "number|numbers|numero|numeros|رقم|الرقم|نمبر|شماره|номер|ra2m|ra2am",
      "what|how which|is|does|do|happens|works",
      "c quoi",
      "comment|quel|quelle fonctionne|marche|numero",
      "que|cual|como es|funciona",
      "شو|ايش|شنو|ما|كيف|وش هو|هي|هاد|يعني",
      "що|як це|працює",
      "چه|چطور|چي است|هست",
  };
  return kCues;
}

}  // namespace smsdesk::faq
