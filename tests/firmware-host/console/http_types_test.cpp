// The console's own request and response types (http_types.h): what the
// pages rely on once the server has converted the wire's.
#include "firmware-host/console/http_types.h"

#include <gtest/gtest.h>

namespace smsdesk::console {
namespace {

TEST(HttpTypesTest, FieldNamesCompareWithoutCaseAndSetReplacesEveryOne) {
  http::Fields fields;
  fields.insert("set-cookie", "a=1");
  fields.insert(http::field::set_cookie, "b=2");
  fields.insert("X-Other", "x");
  EXPECT_EQ(fields.get("SET-COOKIE"), "a=1");  // the first of that name
  EXPECT_EQ(fields.fields().size(), 3u);
  fields.set(http::field::set_cookie, "c=3");
  ASSERT_EQ(fields.fields().size(), 2u);
  EXPECT_EQ(fields[http::field::set_cookie], "c=3");
  EXPECT_EQ(fields["x-other"], "x");
  EXPECT_FALSE(fields.get(http::field::location).has_value());
  EXPECT_EQ(fields[http::field::location], "");
  fields.erase("X-OTHER");
  EXPECT_FALSE(fields.get("X-Other"));
}

TEST(HttpTypesTest, KeepAliveFollowsTheVersionAndEveryConnectionField) {
  Request one_one(http::verb::get, "/", 11);
  EXPECT_TRUE(one_one.keep_alive());
  one_one.insert(http::field::connection, "Upgrade");
  one_one.insert("connection", " Close ");
  EXPECT_FALSE(one_one.keep_alive()) << "a later Connection field counts too";

  Request one_zero(http::verb::get, "/", 10);
  EXPECT_FALSE(one_zero.keep_alive());
  one_zero.set(http::field::connection, "Keep-Alive");
  EXPECT_TRUE(one_zero.keep_alive());
  one_zero.insert(http::field::connection, "close");
  EXPECT_FALSE(one_zero.keep_alive());
}

TEST(HttpTypesTest, VerbsRoundTripAndAnythingElseIsUnknown) {
  for (http::verb v : {http::verb::get, http::verb::head, http::verb::post, http::verb::put, http::verb::delete_,
                       http::verb::options, http::verb::patch, http::verb::connect, http::verb::trace}) {
    EXPECT_EQ(http::string_to_verb(http::to_string(v)), v) << http::to_string(v);
  }
  EXPECT_EQ(http::to_string(http::verb::delete_), "DELETE");
  EXPECT_EQ(http::string_to_verb("get"), http::verb::unknown);  // methods are case-sensitive
  EXPECT_EQ(http::string_to_verb("BREW"), http::verb::unknown);
  EXPECT_EQ(http::string_to_verb(""), http::verb::unknown);
}

TEST(HttpTypesTest, ResponsesCarryTheHeadersEveryPageNeeds) {
  const Response page = HtmlResponse("<p>hi</p>");
  EXPECT_EQ(page.result_int(), 200u);
  EXPECT_EQ(page[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(page[http::field::cache_control], "no-store");
  EXPECT_NE(page["content-security-policy"].find("frame-ancestors 'none'"), std::string_view::npos);
  EXPECT_EQ(page["X-Content-Type-Options"], "nosniff");
  EXPECT_TRUE(page.keep_alive());

  const Response moved = Redirect("/queue");
  EXPECT_EQ(moved.result(), http::status::see_other);
  EXPECT_EQ(moved[http::field::location], "/queue");
  EXPECT_EQ(TextResponse(http::status::not_found, "x").result_int(), 404u);
}

TEST(HttpTypesTest, FormsQueriesAndCookiesParse) {
  const auto form = ParseUrlEncoded("a=1&b=x+y%21&a=2&&c&%zz=5");
  EXPECT_EQ(form.at("a"), "1");  // the first wins
  EXPECT_EQ(form.at("b"), "x y!");
  EXPECT_EQ(form.at("c"), "");
  EXPECT_EQ(form.at("%zz"), "5");  // a stray '%' stays as typed
  const auto cookies = ParseCookies(" smsdesk_session = abc ; other=1;broken; =x");
  EXPECT_EQ(cookies.at("smsdesk_session"), "abc");
  EXPECT_EQ(cookies.at("other"), "1");
  EXPECT_EQ(cookies.size(), 2u);
}

}  // namespace
}  // namespace smsdesk::console
