// Fuzzes the whole path of an inbound SMS's text: any bytes, as (possibly
// invalid) UTF-8 of up to 40,000 bytes (a 255-part SMS), through the system
// keywords, the relay and alert commands and their PIN redaction, the FAQ
// matcher with danger detection (the demo FAQ), the menu (the demo menu:
// choices, a question, USSD replay) and the router, with a new sender, a
// known one in an open menu session with an open ticket, and one who asked
// for a person. A value or an error, never a crash; bounded work is checked
// by libFuzzer's -timeout and by the bounds below.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "firmware-host/faq/demo_faq.h"
#include "firmware-host/faq/faq_csv.h"
#include "firmware-host/faq/faq_matcher.h"
#include "firmware-host/menu/demo_menu.h"
#include "firmware-host/menu/menu_engine.h"
#include "firmware-host/menu/menu_reader.h"
#include "firmware-host/routing/keywords.h"
#include "firmware-host/routing/router.h"
#include "firmware-host/routing/sms_commands.h"
#include "firmware-host/text/text_normalizer.h"

namespace {

using namespace smsdesk;
using namespace std::chrono_literals;

// The longest text a modem hands over: 255 parts of 153 GSM-7 characters.
constexpr std::size_t kMaxBytes = 40'000;

// Fails the run (a crash libFuzzer reports) when a bound does not hold.
void Check(bool holds) {
  if (!holds) __builtin_trap();
}

struct Desk {
  std::shared_ptr<const faq::FaqIndex> index;
  std::unique_ptr<faq::Matcher> matcher;
  desk::DeskConfig config;
  menu::Position person;  // "talk to a person", awaiting the question

  Desk() : config{.office_hours = Hours()} {
    const faq::FaqCsvResult faq = faq::ParseFaqCsv(demo::DemoFaqCsv());
    Check(faq.ok);
    index = faq::FaqIndex::Build(faq.entries);
    matcher = std::make_unique<faq::Matcher>(index);

    const toml::table root = toml::parse(demo::DemoMenuToml());
    auto tree = std::make_shared<menu::MenuTree>();
    std::vector<config::ConfigError> errors;
    menu::ReadMenu(*root.get_as<toml::table>("menu"), {"weather"}, "en", *tree, errors);
    Check(errors.empty() && !tree->empty());
    menu::BakeAnswers(*tree, [&](const std::string& id) {
      std::map<std::string, std::string> answers;
      for (const faq::FaqEntry& e : faq.entries) {
        if (e.id == id) answers[e.lang] = e.answer;
      }
      return answers;
    });
    for (std::size_t i = 0; i < tree->root.children.size(); ++i) {
      if (tree->root.children[i].kind == menu::NodeKind::kPerson) {
        person = {.path = {static_cast<int>(i)}, .awaiting_question = true};
      }
    }
    Check(!person.path.empty());
    config.menu = std::move(tree);
    config.topics = {{.id = "weather", .names = {{faq::Lang::kEn, "weather"}, {faq::Lang::kFr, "météo"}},
                      .aliases = {"clima", "الطقس"}},
                     {.id = "bus", .names = {{faq::Lang::kEn, "school bus"}}, .aliases = {"bus", "باص"}}};
  }

  static desk::OfficeHours Hours() {
    auto hours = desk::OfficeHours::Create(desk::WeekdaysNineToFive("America/Toronto"));
    Check(hours.ok());
    return std::move(hours).value();
  }
};

const Desk* fixture = nullptr;  // built once, never freed: no leak report

void Route(const Desk& d, const desk::InboundContext& ctx) {
  const desk::RouteDecision decision = desk::Route(ctx, d.config);
  for (const desk::Reply& r : decision.replies) Check(!r.text.empty());
}

}  // namespace

// Outside the per-input time limit: the FAQ index and the menu.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture = new Desk();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Desk* desk = fixture;
  if (size > kMaxBytes) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);

  // What the desk reads first: the relay and alert commands, the PINs.
  if (auto relay = desk::ParseRelayCommand(text)) {
    Check(!relay->text.empty());
    (void)desk::SplitPin(relay->text);
  }
  if (auto alert = desk::ParseSmsAlertCommand(text)) Check(!alert->text.empty());
  (void)desk::RedactPins(text);
  (void)desk::ParseSystemKeyword(text, desk->config.topics);
  (void)desk::LanguageFromName(text);

  // Normalizing in pieces and cutting words change nothing but the length:
  // exact for texts that fit one piece or break at ASCII (text_normalizer.cpp).
  if (size <= 1024) {
    const std::string whole = faq::NormalizeText(text);
    for (std::size_t cap : {0, 7, 100}) Check(faq::NormalizeTextPrefix(text, cap) == faq::FirstCodePoints(whole, cap));
    const std::vector<faq::Token> words = faq::Tokenize(whole);
    const std::vector<faq::Token> cut = faq::Tokenize(whole, faq::kMaxTokenCodePoints);
    Check(words.size() == cut.size());
    for (std::size_t i = 0; i < words.size() && i < cut.size(); ++i) {
      const faq::Token& a = words[i];
      const faq::Token& b = cut[i];
      Check(b.text == faq::FirstCodePoints(a.text, faq::kMaxTokenCodePoints) && b.start == a.start &&
            b.end == a.end && b.script == a.script && b.has_digit == a.has_digit && b.has_letter == a.has_letter);
    }
  }

  // The matcher reads bounded parts of the text (faq_matcher.h).
  const std::vector<faq::Token> danger = faq::DangerTokens(text);
  Check(danger.size() <= faq::kDangerHeadCodePoints + faq::kDangerTailCodePoints);
  for (const faq::Token& t : danger) Check(faq::DecodeUtf8(t.text).size() <= faq::kMaxTokenCodePoints);
  const faq::MatchResult match = desk->matcher->Match(text);
  Check(match.candidates.size() <= desk->matcher->config().max_candidates);
  Check(match.decision != faq::Decision::kAuto || !match.answer.empty());

  // The menu on its own: a choice, a question, a USSD session.
  const menu::MenuTree& tree = *desk->config.menu;
  const menu::Position top;
  const menu::Position& person = desk->person;
  if (auto choice = menu::ParseChoice(text)) {
    (void)menu::Choose(tree, top, *choice, "ar", menu::Channel::kSms, 0);
    (void)menu::Choose(tree, top, *choice, "en", menu::Channel::kUssd);
  }
  (void)menu::Ask(tree, person, text, "fr");
  (void)menu::ReplayUssd(tree, "", text);
  if (auto position = menu::DecodePosition(text)) (void)menu::EncodePosition(*position);

  // The router, as three senders would meet it.
  const auto now = std::chrono::sys_seconds(std::chrono::seconds(1'741'388'400));  // a Friday, 18:00 Toronto
  desk::InboundContext first{.message = {.sender = "+16135550100", .text = text, .received_at = now},
                             .match = match};
  Route(*desk, first);

  desk::InboundContext known = first;
  known.contact = {.known = true, .detected_lang = faq::Lang::kAr, .subscriptions = {"weather"},
                   .last_inbound_text = text, .last_inbound_at = now - 1min};
  known.menu = desk::MenuState{.position = menu::Position{.path = {0}}, .lang = "ar"};
  known.ticket = desk::OpenTicket{.id = 7, .acked = true, .due_at = now + 1h, .last_inbound_text = text,
                                  .last_inbound_at = now - 1min};
  Route(*desk, known);

  desk::InboundContext waiting = first;
  waiting.contact = {.known = true, .chosen_lang = faq::Lang::kFr, .opted_out = true};
  waiting.menu = desk::MenuState{.position = person, .lang = "fr"};
  waiting.asked_for_person = true;
  waiting.auto_replies_last_hour = 100;
  waiting.message.incomplete = size % 2 == 1;
  Route(*desk, waiting);
  return 0;
}
