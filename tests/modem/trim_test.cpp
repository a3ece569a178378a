// The project's one trimming family (modem/trim.h).
#include "modem/trim.h"

#include <gtest/gtest.h>

namespace smsdesk {
namespace {

TEST(Trim, BlanksByDefaultOrTheCharactersNamed) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim("\r\n"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \tvalue\r\n", kSpaceAndTab), "value\r\n");
  EXPECT_EQ(Trim("  x ", " "), "x");
  EXPECT_EQ(TrimStart("  x  "), "x  ");
  EXPECT_EQ(TrimEnd("  x  "), "  x");
  EXPECT_EQ(Trim(std::string_view("\0 OK \0", 6), std::string_view(" \0", 2)), "OK");
}

TEST(Trim, BlankMeansNothingButTheCharacters) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n"));
  EXPECT_FALSE(IsBlank(" . "));
  EXPECT_FALSE(IsBlank("\n", kSpaceAndTab));
  static_assert(Trim("  compile time ") == "compile time");
}

}  // namespace
}  // namespace smsdesk
