#include "firmware-host/daemon/send_gate.h"

#include <gtest/gtest.h>

namespace smsdesk::daemon {
namespace {

using std::chrono::seconds;
using Clock = SendGate::Clock;

const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours(1);

TEST(SendGate, AFailureStopsTheModemAndEachLookWaitsTwiceAsLongUpToTheMax) {
  SendGate gate({.probe_first = seconds(30), .probe_max = seconds(100)});
  EXPECT_TRUE(gate.may_claim());
  EXPECT_TRUE(gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 1000, kT0));
  EXPECT_EQ(gate.state(), SendGate::State::kDegraded);
  EXPECT_FALSE(gate.may_claim());
  EXPECT_EQ(gate.since(), 1000);
  EXPECT_EQ(gate.next_probe(), kT0 + seconds(30));
  gate.ProbeFailed("not registered (searching)", kT0 + seconds(30));
  EXPECT_EQ(gate.next_probe(), kT0 + seconds(30 + 60));
  EXPECT_EQ(gate.reason(), "not registered (searching)");
  gate.ProbeFailed("not registered (searching)", kT0 + seconds(90));
  EXPECT_EQ(gate.next_probe(), kT0 + seconds(90 + 100));  // 120 capped at 100
  EXPECT_EQ(gate.since(), 1000);                          // the outage's start stays
}

TEST(SendGate, APassedLookGivesOneTrialAndOnlyASendEndsTheOutage) {
  SendGate gate({.probe_first = seconds(30), .probe_max = seconds(600)});
  gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 1000, kT0);
  EXPECT_FALSE(gate.ProbePassed());
  EXPECT_EQ(gate.state(), SendGate::State::kTrial);
  EXPECT_TRUE(gate.may_claim());
  // The trial message is refused too: degraded, not a new outage, longer wait.
  EXPECT_FALSE(gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 1100, kT0 + seconds(100)));
  EXPECT_EQ(gate.next_probe(), kT0 + seconds(100 + 60));
  gate.ProbePassed();
  EXPECT_EQ(gate.Sent(), 1000);
  EXPECT_EQ(gate.state(), SendGate::State::kOpen);
  EXPECT_FALSE(gate.in_outage());
  // A later failure is a new outage, looked at after probe_first again.
  EXPECT_TRUE(gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 42", 5000, kT0 + seconds(4000)));
  EXPECT_EQ(gate.next_probe(), kT0 + seconds(4000 + 30));
}

TEST(SendGate, EachFailureInAnOutageCountsForTellingAFlukeFromAnOutage) {
  SendGate gate({.probe_first = seconds(30), .probe_max = seconds(600)});
  gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 1000, kT0);
  EXPECT_EQ(gate.failures(), 1);
  gate.ProbePassed();
  gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 1040, kT0 + seconds(40));
  gate.ProbeFailed("no answer from the modem", kT0 + seconds(100));
  EXPECT_EQ(gate.failures(), 3);
  gate.Sent();
  gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 42", 2000, kT0 + seconds(1000));
  EXPECT_EQ(gate.failures(), 1);  // a new outage counts afresh
}

TEST(SendGate, RegistrationBackEndsAnOutageOfRegistrationAlone) {
  SendGate gate;
  gate.Fail(SendGate::Cause::kRegistration, "not registered (searching)", 1000, kT0);
  EXPECT_TRUE(gate.ProbePassed());
  EXPECT_EQ(gate.state(), SendGate::State::kOpen);
  EXPECT_FALSE(gate.in_outage());
  // A send failure while it was also unregistered is not ended by registration.
  gate.Fail(SendGate::Cause::kRegistration, "not registered (searching)", 2000, kT0);
  gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 2001, kT0);
  EXPECT_EQ(gate.cause(), SendGate::Cause::kNetwork);
  EXPECT_FALSE(gate.ProbePassed());
  EXPECT_EQ(gate.state(), SendGate::State::kTrial);
}

TEST(SendGate, CreditOutranksANetworkErrorWhileTheOutageLasts) {
  SendGate gate;
  gate.Fail(SendGate::Cause::kCredit, "+CMS ERROR: 21", 1000, kT0);
  gate.Fail(SendGate::Cause::kNetwork, "+CMS ERROR: 500", 1001, kT0);
  EXPECT_EQ(gate.cause(), SendGate::Cause::kCredit);
  EXPECT_EQ(gate.reason(), "+CMS ERROR: 500");
}

TEST(SendGate, AnOutageOnRecordAtStartResumesOnTrial) {
  SendGate gate;
  gate.Resume(SendGate::Cause::kCredit, "out of credit", 777);
  EXPECT_EQ(gate.state(), SendGate::State::kTrial);
  EXPECT_EQ(gate.since(), 777);
  EXPECT_EQ(gate.Sent(), 777);
  EXPECT_STREQ(GateStateName(gate.state()), "ready");
}

}  // namespace
}  // namespace smsdesk::daemon
