// Password hashing, tokens, login names fit to store and the login throttle
// (libsodium).
#include "firmware-host/auth/auth.h"

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

TEST(LoginThrottle, PairsNotNamesAreThrottled) {
  LoginThrottle throttle;
  const Clock::time_point t0{};
  throttle.Failed("amira", "10.0.0.5", t0);
  throttle.Failed("amira", "10.0.0.5", t0 + 1s);  // that pair waits 2 s
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.5", t0 + 1s), 2s);
  // The same name from another address (its owner at her desk) does not wait:
  // guessing at a name elsewhere cannot lock its owner out.
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.9", t0 + 1s), 0ms);
  // Another name from the guessing address does not wait either, until the
  // address has used up its free failures.
  EXPECT_EQ(throttle.WaitBefore("yusuf", "10.0.0.5", t0 + 1s), 0ms);
}

TEST(LoginThrottle, AnAddressSprayingNamesIsSlowedPastItsFreeFailures) {
  LoginThrottle throttle(LoginThrottle::Limits{.address_free_failures = 3});
  const Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) throttle.Failed("name" + std::to_string(i), "10.0.0.5", t0);
  EXPECT_EQ(throttle.WaitBefore("name9", "10.0.0.5", t0), 0ms);
  throttle.Failed("name3", "10.0.0.5", t0);  // the 4th: 1 s for the address
  EXPECT_EQ(throttle.WaitBefore("name9", "10.0.0.5", t0), 1s);
  throttle.Failed("name4", "10.0.0.5", t0 + 1s);
  EXPECT_EQ(throttle.WaitBefore("name9", "10.0.0.5", t0 + 1s), 2s);
  EXPECT_EQ(throttle.WaitBefore("name9", "10.0.0.6", t0 + 1s), 0ms);  // others are not slowed
  // A success from that address does not launder it.
  throttle.Succeeded("mine", "10.0.0.5", t0 + 1s);
  EXPECT_EQ(throttle.WaitBefore("name9", "10.0.0.5", t0 + 1s), 2s);
}

TEST(LoginThrottle, ASuccessClearsThePairAndTrustsIt) {
  LoginThrottle throttle(LoginThrottle::Limits{.global_failures_per_minute = 5});
  const Clock::time_point t0{};
  throttle.Failed("amira", "10.0.0.9", t0);
  throttle.Succeeded("amira", "10.0.0.9", t0 + 1s);
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.9", t0 + 1s), 0ms);
  // Guesses from everywhere fill the minute's allowance: every attempt waits
  // for the next minute, but the pair that logged in before.
  for (int i = 0; i < 5; ++i) throttle.Failed("amira", "192.0.2." + std::to_string(i), t0 + 2s);
  EXPECT_EQ(throttle.WaitBefore("yusuf", "10.0.0.7", t0 + 2s), 58s);
  EXPECT_EQ(throttle.WaitBefore("amira", "192.0.2.200", t0 + 2s), 58s);
  EXPECT_EQ(throttle.WaitBefore("amira", "10.0.0.9", t0 + 2s), 0ms);
  EXPECT_EQ(throttle.WaitBefore("yusuf", "10.0.0.7", t0 + 60s), 0ms);  // a new minute
}

TEST(LoginThrottle, MemoryStaysBounded) {
  LoginThrottle throttle(LoginThrottle::Limits{.global_failures_per_minute = 1'000'000, .max_entries = 100});
  const Clock::time_point t0{};
  for (int i = 0; i < 5000; ++i) {
    const std::string address = "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".1";
    throttle.Failed(std::string(1000, 'x') + std::to_string(i), address, t0 + std::chrono::milliseconds(i));
    throttle.Succeeded("n" + std::to_string(i), address, t0 + std::chrono::milliseconds(i));
  }
  EXPECT_LE(throttle.entries(), 300u);
  // The newest entries are the ones kept.
  EXPECT_EQ(throttle.WaitBefore(std::string(1000, 'x') + "4999", "10.19.249.1", t0 + 5s), 999ms);
}

TEST(BoundedName, ValidUtf8WithoutControlsAndAtMost64Bytes) {
  EXPECT_EQ(BoundedName("amira"), "amira");
  EXPECT_EQ(BoundedName(std::string(1000, 'a')), std::string(64, 'a'));
  EXPECT_EQ(BoundedName("a\nb\x7f\x01"), "a?b??");
  EXPECT_EQ(BoundedName("\xff\xc3(\xe2\x82"), "?" "?(" "??");
  EXPECT_EQ(BoundedName("\xc0\xaf\xed\xa0\x80"), "?????") << "overlong and surrogate forms";
  // 40 Arabic letters of 2 bytes: 64 bytes hold 32, cut between letters.
  std::string arabic;
  for (int i = 0; i < 40; ++i) arabic += "\xd8\xa8";
  EXPECT_EQ(BoundedName(arabic).size(), 64u);
  EXPECT_EQ(BoundedName("x" + arabic).size(), 63u) << "never half a letter";
  EXPECT_EQ(BoundedName("\xf0\x9f\x98\x80", 3), "");
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
