// The menu of the feature's description (School > School bus, weather
// alerts on/off, a person), read from TOML, for the menu tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "firmware-host/menu/menu_reader.h"

namespace smsdesk::menu::fixture {

// Line numbers matter: the tree tests check them.
inline constexpr std::string_view kExampleMenu = R"([menu]
idle_timeout = "15m"
title = { ar = "أهلاً بكم. اختر رقماً:", fr = "Bienvenue. Choisissez un numéro :", en = "Welcome. Choose a number:" }

[[menu.item]]
title = { ar = "المدرسة", fr = "École", en = "School" }
  [[menu.item.item]]
  title = { ar = "حافلة المدرسة", fr = "Bus scolaire", en = "School bus" }
  faq = "school-bus"
[[menu.item]]
title = { ar = "تنبيهات الطقس", fr = "Alertes météo", en = "Weather alerts" }
join = "weather"
[[menu.item]]
title = { ar = "إيقاف تنبيهات الطقس", fr = "Arrêter la météo", en = "Stop weather alerts" }
stop = "weather"
[[menu.item]]
title = { ar = "التحدث إلى شخص", fr = "Parler à une personne", en = "Talk to a person" }
person = true
)";

struct ReadResult {
  MenuTree tree;
  std::vector<config::ConfigError> errors;
};

// Reads `text`'s [menu] table; a TOML syntax error fails the test.
inline ReadResult Read(std::string_view text, const std::set<std::string>& topics = {"weather"},
                       const std::string& default_language = "en") {
  ReadResult result;
  try {
    const toml::table root = toml::parse(text);
    const toml::table* menu = root.get_as<toml::table>("menu");
    if (!menu) {
      ADD_FAILURE() << "no [menu] table";
      return result;
    }
    ReadMenu(*menu, topics, default_language, result.tree, result.errors);
  } catch (const toml::parse_error& e) {
    ADD_FAILURE() << "TOML: " << e.description() << " at line " << e.source().begin.line;
  }
  return result;
}

inline std::map<std::string, std::string> ExampleAnswers(const std::string& faq_id) {
  if (faq_id != "school-bus") return {};
  return {{"ar", "تمر حافلة المدرسة الساعة 7:30 أمام البلدية."},
          {"fr", "Le bus scolaire passe à 7h30 devant la mairie."},
          {"en", "The school bus stops at 7:30 in front of the town hall."}};
}

// The example, read without errors, answers baked.
inline MenuTree ExampleTree() {
  ReadResult read = Read(kExampleMenu);
  for (const auto& e : read.errors) ADD_FAILURE() << "line " << e.line << ": " << e.message;
  EXPECT_TRUE(BakeAnswers(read.tree, ExampleAnswers).empty());
  return read.tree;
}

}  // namespace smsdesk::menu::fixture
