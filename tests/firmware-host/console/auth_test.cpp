// Password hashing, tokens and the login throttle (libsodium).
#include "firmware-host/console/auth.h"

#include <gtest/gtest.h>

#include <set>

namespace smsdesk::console {
namespace {

using namespace std::chrono_literals;
using Clock = LoginThrottle::Clock;

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto()); }
};

TEST_F(AuthTest, HashesAndVerifiesAPassword) {
  const std::string hash = HashPassword("correct horse battery", MinimumCost());
  ASSERT_FALSE(hash.empty());
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery ", hash));
  EXPECT_FALSE(VerifyPassword("", hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery", ""));  // no password set
  EXPECT_FALSE(VerifyPassword("correct horse battery", "not a hash"));
}

TEST_F(AuthTest, EachHashHasItsOwnSalt) {
  const std::string a = HashPassword("mot de passe épais", MinimumCost());
  const std::string b = HashPassword("mot de passe épais", MinimumCost());
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword("mot de passe épais", a));
  EXPECT_TRUE(VerifyPassword("mot de passe épais", b));
}

TEST_F(AuthTest, InteractiveCostIsArgon2idInteractive) {
  const HashCost cost = InteractiveCost();
  EXPECT_EQ(cost.memory, 64u * 1024 * 1024);
  EXPECT_GT(cost.ops, MinimumCost().ops);
}

TEST_F(AuthTest, TokensAre43UrlSafeCharactersAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = NewToken();
    ASSERT_EQ(token.size(), 43u);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST_F(AuthTest, TokenHashIsStableHexAndHidesTheToken) {
  const std::string token = NewToken();
  const std::string hash = TokenHash(token);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(TokenHash(token), hash);
  EXPECT_NE(TokenHash(NewToken()), hash);
  EXPECT_EQ(hash.find(token), std::string::npos);
  // BLAKE2b with a 32-byte digest (crypto_generichash_BYTES), as Python's
  // hashlib.blake2b(b"abc", digest_size=32) gives it.
  EXPECT_EQ(TokenHash("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST_F(AuthTest, SameTokenComparesWholeTokens) {
  EXPECT_TRUE(SameToken("abcdef", "abcdef"));
  EXPECT_FALSE(SameToken("abcdef", "abcdeg"));
  EXPECT_FALSE(SameToken("abcdef", "abcde"));
  EXPECT_FALSE(SameToken("", ""));  // a missing CSRF token never passes
}

TEST(LoginThrottle, EachFailureDoublesTheWaitUpToTheCap) {
  LoginThrottle throttle(10s);
  const Clock::time_point t0{};
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", t0), 0ms);
  Clock::time_point now = t0;
  for (auto expected : {1s, 2s, 4s, 8s, 10s, 10s}) {
    throttle.Failed("amira", "10.0.0.5", now);
    EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", now), expected);
    EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", now + expected - 250ms), 250ms);
    now += expected;
    EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", now), 0ms);
  }
}

TEST(LoginThrottle, NamesAndAddressesAreThrottledEach) {
  LoginThrottle throttle;
  const Clock::time_point t0{};
  throttle.Failed("amira", "10.0.0.5", t0);
  throttle.Failed("amira", "10.0.0.5", t0 + 1s);  // wait 2 s for both
  // Another name from the same address, the same name from another one.
  EXPECT_EQ(throttle.WaitBefore("yusuf", "10.0.0.5", t0 + 1s), 2s);
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.9", t0 + 1s), 2s);
  EXPECT_EQ(throttle.WaitBefore("yusuf", "10.0.0.9", t0 + 1s), 0ms);
  // The longer of the two waits counts.
  throttle.Failed("yusuf", "10.0.0.9", t0 + 1s);
  EXPECT_EQ(throttle.WaitBefore("yusuf", "10.0.0.5", t0 + 1s), 2s);
}

TEST(LoginThrottle, SuccessClearsTheNameButNotTheAddress) {
  LoginThrottle throttle;
  const Clock::time_point t0{};
  throttle.Failed("amira", "10.0.0.5", t0);
  throttle.Failed("amira", "10.0.0.5", t0 + 1s);
  throttle.Succeeded("amira");
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.9", t0 + 1s), 0ms);
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", t0 + 1s), 2s);
  // The name starts again from one second.
  throttle.Failed("amira", "10.0.0.9", t0 + 3s);
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.9", t0 + 3s), 1s);
}

TEST(LoginThrottle, AQuietSpellForgives) {
  LoginThrottle throttle(10s);
  const Clock::time_point t0{};
  throttle.Failed("amira", "10.0.0.5", t0);
  throttle.Failed("amira", "10.0.0.5", t0 + 1s);  // next allowed at 3 s
  throttle.Failed("amira", "10.0.0.5", t0 + 10s);  // within 10 s of it: 4 s
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", t0 + 10s), 4s);
  throttle.Failed("amira", "10.0.0.5", t0 + 30s);  // quiet since 14 s: forgiven
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", t0 + 30s), 1s);
}

}  // namespace
}  // namespace smsdesk::console
