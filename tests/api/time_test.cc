// after / tick / sleep against Go's time.After, time.Tick, time.Sleep. Only lower bounds on
// elapsed time are asserted (they are guarantees); upper bounds would make the tests flaky.
#include <gtest/gtest.h>

#include <ccsp/ccsp.hpp>
#include <chrono>

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(After, DeliversTheTimeOnceAfterTheDuration) {
  auto start = Clock::now();
  auto ch = ccsp::after(15ms);
  EXPECT_EQ(ch.cap(), 1u);
  std::optional<ccsp::time_point> t = ch.recv();
  ASSERT_TRUE(t);
  EXPECT_GE(*t - start, 15ms);
  EXPECT_GE(Clock::now() - start, 15ms);
  // Only one value: the channel stays empty (and is never closed).
  EXPECT_EQ(ccsp::select(ccsp::recv_case(ch), ccsp::default_case()), 1u);
}

TEST(After, ZeroOrNegativeFiresImmediately) {
  EXPECT_TRUE(ccsp::after(0ms).recv());
  EXPECT_TRUE(ccsp::after(-5s).recv());
}

TEST(After, ManyTimersFireInDeadlineOrder) {
  auto late = ccsp::after(30ms);
  auto early = ccsp::after(5ms);
  // Compare the delivered times, not which select case won: on a loaded machine this task may
  // only run again after both fired.
  std::optional<ccsp::time_point> t_late = late.recv();
  std::optional<ccsp::time_point> t_early = early.recv();
  ASSERT_TRUE(t_late && t_early);
  EXPECT_LE(*t_early, *t_late);
}

TEST(After, HugeDurationDoesNotOverflow) {
  auto ch = ccsp::after(std::chrono::hours(24 * 365 * 1000));
  EXPECT_EQ(ccsp::select(ccsp::recv_case(ch), ccsp::default_case()), 1u);
}

TEST(Tick, DeliversRepeatedly) {
  auto start = Clock::now();
  auto ticks = ccsp::tick(5ms);
  ccsp::time_point last = start;
  for (int i = 1; i <= 4; ++i) {
    std::optional<ccsp::time_point> t = ticks.recv();
    ASSERT_TRUE(t);
    EXPECT_GE(*t, last);
    last = *t;
  }
  EXPECT_GE(Clock::now() - start, 20ms);
}

TEST(Tick, NonPositivePeriodIsNil) { EXPECT_TRUE(ccsp::tick(0ms).is_nil()); }

TEST(Tick, DropsTicksForASlowReceiver) {
  auto ticks = ccsp::tick(2ms);
  ccsp::sleep(30ms);
  EXPECT_LE(ticks.len(), 1u);  // buffer of one, as Go's
}

TEST(Sleep, SleepsAtLeastTheDuration) {
  auto start = Clock::now();
  ccsp::sleep(10ms);
  EXPECT_GE(Clock::now() - start, 10ms);
}

}  // namespace
