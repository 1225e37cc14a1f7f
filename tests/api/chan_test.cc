// ccsp::chan against Go's channel semantics: FIFO order, close (buffered values survive it),
// nil channels, blocking and wake-ups, panics on misuse, range-for.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

TEST(Chan, BufferedIsFifo) {
  ccsp::chan<int> ch(8);
  for (int i = 0; i < 8; ++i) ch.send(i);
  EXPECT_EQ(ch.len(), 8u);
  EXPECT_EQ(ch.cap(), 8u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(ch.recv(), i);
  EXPECT_EQ(ch.len(), 0u);
}

TEST(Chan, UnbufferedHandsOverInOrder) {
  ccsp::chan<int> ch;
  EXPECT_EQ(ch.cap(), 0u);
  ccsp::go([ch] {
    for (int i = 0; i < 1000; ++i) ch.send(i);
    ch.close();
  });
  int expect = 0;
  for (int v : ch) EXPECT_EQ(v, expect++);
  EXPECT_EQ(expect, 1000);
}

TEST(Chan, UnbufferedSendBlocksUntilReceived) {
  ccsp::chan<int> ch;
  std::atomic<bool> sent{false};
  ccsp::chan<bool> finished(1);
  // Handles by value: `finished` may be destroyed here while the task is still in send().
  ccsp::go([ch, finished, &sent] {
    ch.send(7);
    sent = true;
    finished.send(true);
  });
  ccsp::sleep(20ms);
  EXPECT_FALSE(sent.load());
  EXPECT_EQ(ch.recv(), 7);
  finished.recv();
  EXPECT_TRUE(sent.load());
}

TEST(Chan, BufferedValuesSurviveClose) {
  ccsp::chan<std::string> ch(3);
  ch.send("a");
  ch.send("b");
  ch.close();
  EXPECT_EQ(ch.recv(), std::optional<std::string>("a"));
  EXPECT_EQ(ch.recv(), std::optional<std::string>("b"));
  EXPECT_EQ(ch.recv(), std::nullopt);
  EXPECT_EQ(ch.recv(), std::nullopt);  // stays closed
}

TEST(Chan, CloseWakesAllBlockedReceivers) {
  ccsp::chan<int> ch;
  ccsp::chan<int> results(4);
  for (int i = 0; i < 4; ++i) {
    ccsp::go([ch, results] { results.send(ch.recv().has_value() ? 1 : 0); });
  }
  ccsp::sleep(10ms);
  ch.close();
  int got = 0;
  for (int i = 0; i < 4; ++i) got += *results.recv();
  EXPECT_EQ(got, 0);
}

TEST(Chan, BlockedSendersResumeAsBufferDrains) {
  ccsp::chan<int> ch(2);
  ccsp::wait_group wg;
  wg.add(10);
  for (int i = 0; i < 10; ++i) {
    ccsp::go([&, i] {
      ch.send(i);
      wg.done();
    });
  }
  std::vector<int> got;
  for (int i = 0; i < 10; ++i) got.push_back(*ch.recv());
  wg.wait();
  std::sort(got.begin(), got.end());
  std::vector<int> want(10);
  std::iota(want.begin(), want.end(), 0);
  EXPECT_EQ(got, want);
}

TEST(Chan, ManyProducersManyConsumersLoseNothing) {
  constexpr int kProducers = 4, kConsumers = 3, kEach = 5000;
  for (int capacity : {0, 1, 64}) {
    ccsp::chan<int> ch(capacity);
    ccsp::chan<long> sums(kConsumers);
    ccsp::wait_group producers;
    producers.add(kProducers);
    for (int p = 0; p < kProducers; ++p) {
      ccsp::go([&, p] {
        for (int i = 0; i < kEach; ++i) ch.send(p * kEach + i);
        producers.done();
      });
    }
    for (int c = 0; c < kConsumers; ++c) {
      ccsp::go([ch, sums] {
        long sum = 0;
        for (int v : ch) sum += v;
        sums.send(sum);
      });
    }
    producers.wait();
    ch.close();
    long total = 0;
    for (int c = 0; c < kConsumers; ++c) total += *sums.recv();
    long n = long{kProducers} * kEach;
    EXPECT_EQ(total, n * (n - 1) / 2) << "capacity " << capacity;
  }
}

TEST(Chan, HandlesShareOneChannel) {
  ccsp::chan<int> a(1);
  ccsp::chan<int> b = a;
  EXPECT_TRUE(a == b);
  b.send(3);
  EXPECT_EQ(a.recv(), 3);
  EXPECT_FALSE(a == ccsp::chan<int>(1));
}

TEST(Chan, MoveOnlyValues) {
  ccsp::chan<std::unique_ptr<int>> ch(1);
  ch.send(std::make_unique<int>(5));
  std::optional<std::unique_ptr<int>> v = ch.recv();
  ASSERT_TRUE(v && *v);
  EXPECT_EQ(**v, 5);
  ccsp::chan<std::unique_ptr<int>> u;
  ccsp::go([u] { u.send(std::make_unique<int>(6)); });
  EXPECT_EQ(**u.recv(), 6);
}

TEST(Chan, DestroyingAChannelDestroysBufferedValues) {
  auto counter = std::make_shared<int>(0);
  {
    ccsp::chan<std::shared_ptr<int>> ch(4);
    ch.send(counter);
    ch.send(counter);
    EXPECT_EQ(counter.use_count(), 3);
  }
  EXPECT_EQ(counter.use_count(), 1);
}

TEST(Chan, TrySendDoesNotBlock) {
  ccsp::chan<int> ch(1);
  EXPECT_TRUE(ch.try_send(1));
  EXPECT_FALSE(ch.try_send(2));
  EXPECT_EQ(ch.recv(), 1);
  ccsp::chan<int> unbuffered;
  EXPECT_FALSE(unbuffered.try_send(1));
  EXPECT_FALSE(ccsp::chan<int>::nil().try_send(1));
}

TEST(Chan, NilChannel) {
  auto nil = ccsp::chan<int>::nil();
  EXPECT_TRUE(nil.is_nil());
  EXPECT_EQ(nil.len(), 0u);
  EXPECT_EQ(nil.cap(), 0u);
  EXPECT_FALSE(ccsp::chan<int>().is_nil());
  // A task blocked forever on a nil channel does not keep the test from finishing.
  ccsp::go([nil] { nil.recv(); });
  ccsp::go([nil] { nil.send(1); });
}

using ChanDeathTest = ::testing::Test;

TEST(ChanDeathTest, SendOnClosedPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ccsp::chan<int> ch(1);
        ch.close();
        ch.send(1);
      },
      "panic: send on closed channel");
}

TEST(ChanDeathTest, BlockedSenderPanicsOnClose) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ccsp::chan<int> ch;
        ccsp::go([ch] {
          ccsp::sleep(10ms);
          ch.close();
        });
        ch.send(1);
      },
      "panic: send on closed channel");
}

TEST(ChanDeathTest, CloseOfClosedPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ccsp::chan<int> ch;
        ch.close();
        ch.close();
      },
      "panic: close of closed channel");
}

TEST(ChanDeathTest, CloseOfNilPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(ccsp::chan<int>::nil().close(), "panic: close of nil channel\n\ngoroutine [0-9]+");
}

}  // namespace
