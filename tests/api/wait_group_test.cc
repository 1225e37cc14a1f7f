// wait_group against Go's sync.WaitGroup: wait returns once every done() came, zero counter
// does not block, reuse across rounds, negative counter panics.
#include <gtest/gtest.h>

#include <atomic>
#include <ccsp/ccsp.hpp>

namespace {

TEST(WaitGroup, WaitReturnsAfterAllDone) {
  constexpr int kTasks = 50;
  std::atomic<int> finished{0};
  ccsp::wait_group wg;
  wg.add(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    ccsp::go([&] {
      finished.fetch_add(1);
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(finished.load(), kTasks);
}

TEST(WaitGroup, ZeroCounterDoesNotBlock) {
  ccsp::wait_group wg;
  wg.wait();
  wg.add(2);
  wg.add(-2);
  wg.wait();
}

TEST(WaitGroup, ManyWaitersAllReleased) {
  ccsp::wait_group gate, waiters;
  gate.add(1);
  waiters.add(5);
  for (int i = 0; i < 5; ++i) {
    ccsp::go([&] {
      gate.wait();
      waiters.done();
    });
  }
  gate.done();
  waiters.wait();
}

TEST(WaitGroup, ReusedAcrossRounds) {
  ccsp::wait_group wg;
  for (int round = 0; round < 50; ++round) {
    std::atomic<int> n{0};
    wg.add(3);
    for (int i = 0; i < 3; ++i) {
      ccsp::go([&] {
        n.fetch_add(1);
        wg.done();
      });
    }
    wg.wait();
    EXPECT_EQ(n.load(), 3);
  }
}

TEST(WaitGroup, DestroyedRightAfterWait) {
  // The last done() must not touch the wait_group after wait() can return.
  for (int round = 0; round < 200; ++round) {
    auto* wg = new ccsp::wait_group;
    wg->add(1);
    ccsp::go([wg] { wg->done(); });
    wg->wait();
    delete wg;
  }
}

using WaitGroupDeathTest = ::testing::Test;

TEST(WaitGroupDeathTest, NegativeCounterPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ccsp::wait_group wg;
        wg.done();
      },
      "panic: sync: negative WaitGroup counter");
}

}  // namespace
