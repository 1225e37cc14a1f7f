// wait_group against Go's sync.WaitGroup: wait returns once every done() came, a zero counter
// does not block, one done releases every waiter, reuse across rounds, no access to the group
// after wait returns, negative counter panics.
#include <gtest/gtest.h>

#include <atomic>
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstring>
#include <future>
#include <memory>
#include <new>
#include <thread>

namespace {

// How long a wait that must return at once may take before the test calls it blocked: a
// guard against hanging the suite, never a timing assertion.
constexpr auto kHangGuard = std::chrono::seconds(30);

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

// wait() on a zero counter returns at once: nothing could ever release it otherwise. It runs
// on its own thread so that a wrong block fails the test instead of hanging it.
TEST(WaitGroup, ZeroCounterDoesNotBlock) {
  struct State {
    ccsp::wait_group wg;
    std::promise<void> returned;
  };
  auto st = std::make_shared<State>();  // outlives a waiter that never returns
  std::future<void> returned = st->returned.get_future();
  std::thread([st] {
    st->wg.wait();  // never added to
    st->wg.add(2);
    st->wg.add(-2);
    st->wg.wait();  // back to zero
    st->returned.set_value();
  }).detach();
  ASSERT_EQ(returned.wait_for(kHangGuard), std::future_status::ready) << "wait() blocked on a zero counter";
}

// One done() on the gate releases every task parked in gate.wait(), and none gets past it
// before: each sees the write made before done() (done happens-before the wait it releases).
TEST(WaitGroup, ManyWaitersAllReleased) {
  constexpr int kWaiters = 5;
  ccsp::wait_group gate, waiters;
  std::atomic<int> arrived{0}, passed{0}, saw_open{0};
  bool open = false;  // plain: ordered only by gate.done() -> gate.wait()
  gate.add(1);
  waiters.add(kWaiters);
  for (int i = 0; i < kWaiters; ++i) {
    ccsp::go([&] {
      arrived.fetch_add(1);
      gate.wait();
      passed.fetch_add(1);
      if (open) saw_open.fetch_add(1);
      waiters.done();
    });
  }
  while (arrived.load() < kWaiters) std::this_thread::yield();  // all at the gate
  EXPECT_EQ(passed.load(), 0);  // the counter is 1: nobody is through
  open = true;
  gate.done();
  waiters.wait();
  EXPECT_EQ(passed.load(), kWaiters);
  EXPECT_EQ(saw_open.load(), kWaiters);
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

// The last done() must not touch the wait_group once wait() can return (Go's WaitGroup may be
// freed then). The group lives in a buffer of ours: after wait() returns it is destroyed and
// the bytes poisoned, and once done() has returned in its task they must still be the poison.
TEST(WaitGroup, DestroyedRightAfterWait) {
  constexpr unsigned char kPoison = 0xa5;
  for (int round = 0; round < 200; ++round) {
    alignas(ccsp::wait_group) unsigned char storage[sizeof(ccsp::wait_group)];
    auto* wg = new (storage) ccsp::wait_group;
    ccsp::wait_group finished;  // the task's done() call has returned
    wg->add(1);
    finished.add(1);
    ccsp::go([wg, &finished] {
      wg->done();
      finished.done();
    });
    wg->wait();
    wg->~wait_group();
    std::memset(storage, kPoison, sizeof storage);
    finished.wait();
    size_t touched = 0;
    for (unsigned char byte : storage) touched += byte != kPoison;
    ASSERT_EQ(touched, 0u) << "done() wrote to the wait_group after wait() returned, round " << round;
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
