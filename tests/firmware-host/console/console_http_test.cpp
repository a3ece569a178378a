// HTTP itself, as the console's server answers it (raw bytes in and out):
// HEAD is GET without the body, HTTP/1.0 gets HTTP/1.0 and a closed
// connection, a method other than GET, HEAD and POST gets 501 with Allow.
#include "firmware-host/console/html.h"
#include "tests/firmware-host/console/console_fixture.h"

namespace smsdesk::console::test_util {
namespace {

class ConsoleHttpTest : public ConsoleTest {
 protected:
  void SetUp() override {
    AddUser("mona", "moderator", "correct horse battery");
    Start();
  }
  static std::string Head(const std::string& response) { return response.substr(0, response.find("\r\n\r\n") + 4); }
  static std::string Body(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }
  static bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
};

TEST_F(ConsoleHttpTest, HeadIsGetWithoutTheBody) {
  const std::string css(StyleSheet());
  const std::string get = Raw("GET /static/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const std::string head = Raw("HEAD /static/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_TRUE(Has(head, "Content-Length: " + std::to_string(css.size()) + "\r\n")) << head;
  EXPECT_TRUE(Has(head, "Content-Type: text/css\r\n"));
  EXPECT_EQ(Body(head), "");  // the server closed right after the header
  EXPECT_EQ(Body(get), css);
  // Every header of the GET, in the same order (the cookie-less page has no
  // random parts).
  EXPECT_EQ(Head(head), Head(get));
}

TEST_F(ConsoleHttpTest, HeadOfAPageNeedsTheSameLogin) {
  const std::string head = Raw("HEAD /queue HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(head.starts_with("HTTP/1.1 303 See Other\r\n")) << head;
  EXPECT_TRUE(Has(head, "Location: /login\r\n"));
  EXPECT_EQ(Body(head), "");
  const Session mona = Login("mona", "correct horse battery");
  const std::string page = Raw("HEAD /queue HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + mona.cookie +
                               "\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(page.starts_with("HTTP/1.1 200 OK\r\n")) << page;
  EXPECT_TRUE(Has(page, "Content-Type: text/html; charset=utf-8\r\n"));
  EXPECT_EQ(Body(page), "");
  // Of the live queue's event stream only the header: no stream is opened.
  const std::string events = Raw("HEAD /events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + mona.cookie +
                                 "\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(events.starts_with("HTTP/1.1 200 OK\r\n")) << events;
  EXPECT_TRUE(Has(events, "Content-Type: text/event-stream\r\n"));
  EXPECT_EQ(Body(events), "");
}

TEST_F(ConsoleHttpTest, HeadThenGetOnOneConnection) {
  // Keep-alive: the HEAD's answer has no body, so the GET's answer follows
  // it directly; a client that counted Content-Length bytes would hang.
  const std::string both = Raw(
      "HEAD /static/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
      "GET /static/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const std::size_t second = both.find("HTTP/1.1 200 OK", 1);
  ASSERT_NE(second, std::string::npos) << both;
  EXPECT_EQ(both.find("\r\n\r\n") + 4, second);  // nothing between the two answers
  EXPECT_EQ(Body(both.substr(second)), std::string(StyleSheet()));
}

TEST_F(ConsoleHttpTest, Http10IsAnsweredInHttp10AndClosed) {
  const std::string css(StyleSheet());
  const std::string answer = Raw("GET /static/app.css HTTP/1.0\r\n\r\n");  // no Host in 1.0
  EXPECT_TRUE(answer.starts_with("HTTP/1.0 200 OK\r\n")) << answer;
  EXPECT_TRUE(Has(answer, "Connection: close\r\n"));
  EXPECT_EQ(Body(answer), css);
  // Even when it asks to keep the connection, and it sends a second request:
  // one request, one answer, closed.
  const std::string kept = Raw(
      "GET /static/app.css HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
      "GET /static/app.js HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(kept.starts_with("HTTP/1.0 200 OK\r\n")) << kept;
  EXPECT_TRUE(Has(kept, "Connection: close\r\n"));
  EXPECT_EQ(Body(kept), css);
  const std::string login = Raw("HEAD /login HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(login.starts_with("HTTP/1.0 200 OK\r\n")) << login;
  EXPECT_EQ(Body(login), "");
  // Errors too.
  const std::string refused = Raw("GET /queue%00 HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(refused.starts_with("HTTP/1.0 400 Bad Request\r\n")) << refused;
}

TEST_F(ConsoleHttpTest, OtherMethodsAreNotImplemented) {
  for (const char* method : {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW", "CONNECT"}) {
    const std::string target = std::string(method) == "CONNECT" ? "127.0.0.1:443" : "/queue";
    const std::string answer =
        Raw(std::string(method) + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 501 Not Implemented\r\n")) << method << ": " << answer;
    EXPECT_TRUE(Has(answer, "Allow: GET, HEAD, POST\r\n")) << method;
  }
  // The connection stays usable: the request after it is answered.
  const std::string both = Raw(
      "DELETE /tickets/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
      "GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(both.starts_with("HTTP/1.1 501")) << both;
  EXPECT_TRUE(Has(both, "HTTP/1.1 200 OK\r\nContent-Type: text/javascript"));
}

}  // namespace
}  // namespace smsdesk::console::test_util
