#include "firmware-host/text/stopwords.h"

#include <string>
#include <unordered_set>

#include "firmware-host/text/text_normalizer.h"

namespace smsdesk::faq {
namespace {

// Kept short on purpose: words that name a topic (help, free, card, number)
// are not stopwords even when frequent.
constexpr const char* kWords[] = {
    // English
    "a", "an", "the", "i", "im", "me", "my", "we", "us", "our", "you", "your", "u", "he", "she",
    "it", "they", "them", "his", "her", "their", "is", "are", "am", "was", "were", "be", "been",
    "do", "does", "did", "have", "has", "had", "can", "could", "will", "would", "should", "shall",
    "may", "might", "to", "of", "in", "on", "at", "for", "from", "with", "by", "about", "and",
    "or", "but", "if", "so", "this", "that", "these", "those", "there", "here", "what", "how",
    "where", "when", "who", "which", "why", "any", "some", "s", "t", "d", "ll", "ve", "re", "m",
    "dont", "doesnt", "im", "ive", "pls", "please", "plz", "hi", "hello", "thanks", "thank",
    "yes", "ok", "okay", "just", "also", "too", "very", "much", "many", "get", "got", "know",
    "want", "need", "like", "still", "now", "yet", "even", "only", "all", "go", "come", "one",
    // French
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "je", "j", "tu",
    "il", "elle", "on", "nous", "vous", "ils", "elles", "mon", "ma", "mes", "ton", "ta", "tes",
    "son", "sa", "ses", "notre", "votre", "leur", "ce", "cet", "cette", "ces", "c", "qu", "que",
    "qui", "quoi", "est", "sont", "suis", "ai", "as", "a", "ont", "avez", "avoir", "etre",
    "faire", "fais", "fait", "comment", "quand", "pour", "par", "avec", "dans", "sur", "au",
    "aux", "en", "y", "ne", "n", "pas", "plus", "se", "s", "me", "m", "moi", "te", "t", "lui",
    "mais", "donc", "si", "svp", "merci", "bonjour", "salut", "est-ce", "aussi", "tres", "peux",
    "peut", "veux", "dois", "quel", "quelle", "quels", "quelles", "ici", "ca", "cela",
    // Spanish
    "el", "los", "las", "lo", "uno", "unos", "unas", "y", "o", "yo", "mi", "mis", "tu", "tus",
    "su", "sus", "nosotros", "es", "son", "soy", "estoy", "esta", "estan", "ser", "estar",
    "hay", "tengo", "tiene", "como", "donde", "cuando", "cual", "que", "quien", "para", "por",
    "con", "del", "al", "se", "me", "te", "le", "les", "nos", "pero", "si", "muy", "aqui",
    "aca", "hola", "gracias", "puedo", "puede", "quiero", "necesito", "algun", "alguna",
    // Ukrainian (mark-stripped: й -> и, ї -> і)
    "я", "ти", "він", "вона", "ми", "ви", "вони", "мені", "мене", "мо", "моя", "мои", "моі",
    "моєі", "мого", "наш", "ваш", "і", "и", "та", "а", "але", "в", "у", "на", "з", "із", "до",
    "по", "за", "для", "від", "як", "де", "коли", "що", "чи", "це", "є", "не", "так", "можна",
    "можу", "можете", "мати", "треба", "потрібно", "куди", "якщо", "яка", "який", "яке",
    // Arabic (normalized: hamza seats stripped, taa marbuta -> heh, alef maqsura -> yeh)
    "في", "فى", "من", "الى", "علي", "عن", "مع", "و", "او", "ان", "انا", "انت", "انتي", "احنا",
    "نحن", "هو", "هي", "هم", "هذا", "هذه", "هاد", "هاي", "هيدا", "ده", "دي", "اللي", "الذي",
    "التي", "ما", "ماذا", "شو", "ايش", "شنو", "شلون", "كيف", "ازاي", "وين", "فين", "اين", "متي",
    "امتي", "هل", "لا", "نعم", "بس", "كمان", "كتير", "كثير", "كلش", "يا", "لو", "اذا", "كان",
    "يكون", "عند", "عندي", "عنا", "عندنا", "لي", "الي", "لازم", "ممكن", "بدي", "بدنا", "عايز",
    "عاوز", "داير", "اريد", "ابي", "ابغي", "بقدر", "اقدر", "اكدر", "هون", "هنا", "هناك", "ليش",
    "ليه", "شي", "اي", "كل", "مش", "مو", "ولا", "قد", "تبعي", "تبع", "بتاع", "بتاعت", "انو",
    "اني", "يعني", "طيب", "مرحبا", "شكرا", "سلام", "عليكم", "فيه", "فيها", "هيك", "اعرف", "بعرف",
    // Dari / Persian (yeh and kaf folded to Arabic forms)
    "از", "به", "با", "در", "را", "که", "و", "یا", "این", "آن", "من", "تو", "او", "ما", "شما",
    "ایشان", "است", "هست", "هستم", "بود", "چه", "چطور", "کجا", "کی", "چرا", "هم", "برای",
    "تا", "می", "نمی", "یک", "خیلی", "تشکر", "سلام", "کنم", "کنید", "کند", "شود", "باید",
    // Arabizi
    "shu", "sho", "kif", "keef", "baddi", "badde", "bade", "wen", "fi", "ana", "enta", "inta",
    "el", "il", "al", "w", "ya", "3al", "3ala", "ma", "mesh", "mish", "bas", "ktir", "kteer",
    "hal", "hon", "ani", "shlon", "ezay", "3ayez", "men", "min", "la", "lal", "lel", "bil",
    "bi", "be2dar", "a3raf", "emta", "imta", "salam", "3alaykom", "shukran", "3am",
};

}  // namespace

bool IsStopword(std::string_view normalized_token) {
  static const std::unordered_set<std::string> kSet = [] {
    std::unordered_set<std::string> set;
    for (const char* w : kWords) set.insert(NormalizeText(w));
    return set;
  }();
  return kSet.count(std::string(normalized_token)) > 0;
}

}  // namespace smsdesk::faq
