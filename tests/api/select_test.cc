// ccsp::select against Go's select: returns the argument position, picks uniformly among
// ready cases, never picks a nil channel, default only when nothing is ready, blocking select
// woken by any of its channels, send cases, closed channels, timeouts via after.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <ccsp/ccsp.hpp>
#include <optional>
#include <string>

namespace {

using namespace std::chrono_literals;

TEST(Select, ReturnsPositionOfReadyCase) {
  ccsp::chan<int> a(1), b(1);
  b.send(5);
  int got = 0;
  std::size_t i = ccsp::select(ccsp::recv_case(a, [&](std::optional<int> v) { got = -1; (void)v; }),
                               ccsp::recv_case(b, [&](std::optional<int> v) { got = *v; }));
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(got, 5);
}

TEST(Select, DefaultCountsAtItsPosition) {
  ccsp::chan<int> a, b;
  bool ran = false;
  std::size_t i = ccsp::select(ccsp::recv_case(a), ccsp::default_case([&] { ran = true; }),
                               ccsp::recv_case(b));
  EXPECT_EQ(i, 1u);
  EXPECT_TRUE(ran);
}

TEST(Select, DefaultNotTakenWhenACaseIsReady) {
  ccsp::chan<int> a(1);
  a.send(1);
  for (int round = 0; round < 100; ++round) {
    std::size_t i = ccsp::select(ccsp::default_case(), ccsp::recv_case(a));
    EXPECT_EQ(i, 1u);
    a.send(1);
  }
}

TEST(Select, NilChannelCasesAreNeverReady) {
  auto nil = ccsp::chan<int>::nil();
  ccsp::chan<int> ready(1);
  for (int round = 0; round < 200; ++round) {
    ready.send(round);
    std::size_t i = ccsp::select(ccsp::recv_case(nil), ccsp::send_case(nil, 1),
                                 ccsp::recv_case(ready));
    EXPECT_EQ(i, 2u);
  }
  EXPECT_EQ(ccsp::select(ccsp::recv_case(nil), ccsp::default_case()), 1u);
}

TEST(Select, UniformAmongReadyCases) {
  constexpr int kCases = 4, kRounds = 8000;
  std::array<ccsp::chan<int>, kCases> ch = {ccsp::chan<int>(1), ccsp::chan<int>(1),
                                            ccsp::chan<int>(1), ccsp::chan<int>(1)};
  for (auto& c : ch) c.send(0);
  std::array<int, kCases> hits{};
  for (int r = 0; r < kRounds; ++r) {
    std::size_t i = ccsp::select(ccsp::recv_case(ch[0]), ccsp::recv_case(ch[1]),
                                 ccsp::recv_case(ch[2]), ccsp::recv_case(ch[3]));
    ++hits[i];
    ch[i].send(0);
  }
  // Chi-square with 3 degrees of freedom; 40 has probability ~1e-8 for a fair choice.
  double expected = double(kRounds) / kCases, chi2 = 0;
  for (int h : hits) chi2 += (h - expected) * (h - expected) / expected;
  EXPECT_LT(chi2, 40.0) << hits[0] << " " << hits[1] << " " << hits[2] << " " << hits[3];
}

TEST(Select, FairBetweenReadySendAndRecv) {
  ccsp::chan<int> in(1), out(1);
  int sends = 0, recvs = 0;
  for (int r = 0; r < 2000; ++r) {
    in.try_send(1);
    std::size_t i = ccsp::select(ccsp::recv_case(in), ccsp::send_case(out, 2));
    (i == 0 ? recvs : sends)++;
    if (i == 1) out.recv();
  }
  EXPECT_GT(sends, 800);
  EXPECT_GT(recvs, 800);
}

TEST(Select, BlocksUntilAnyChannelIsReady) {
  ccsp::chan<int> a, b, c;
  ccsp::go([b] {
    ccsp::sleep(5ms);
    b.send(42);
  });
  int got = 0;
  std::size_t i = ccsp::select(ccsp::recv_case(a), ccsp::recv_case(b, [&](auto v) { got = *v; }),
                               ccsp::recv_case(c));
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(got, 42);
  // The losing cases were withdrawn: a later send on `a` goes to a later receiver.
  ccsp::go([a] { a.send(1); });
  EXPECT_EQ(a.recv(), 1);
}

TEST(Select, BlockedSendCaseIsTaken) {
  ccsp::chan<std::string> out;
  ccsp::chan<int> never;
  ccsp::go([out] { EXPECT_EQ(out.recv(), std::optional<std::string>("hi")); });
  bool sent = false;
  std::size_t i = ccsp::select(ccsp::recv_case(never), ccsp::send_case(out, std::string("hi"), [&] {
                                 sent = true;
                               }));
  EXPECT_EQ(i, 1u);
  EXPECT_TRUE(sent);
}

TEST(Select, ClosedChannelIsReadyWithNullopt) {
  ccsp::chan<int> a;
  a.close();
  std::optional<int> v = 1;
  EXPECT_EQ(ccsp::select(ccsp::recv_case(a, [&](std::optional<int> x) { v = x; })), 0u);
  EXPECT_EQ(v, std::nullopt);
}

TEST(Select, CloseWakesBlockedSelect) {
  ccsp::chan<int> a, b;
  ccsp::go([a] {
    ccsp::sleep(5ms);
    a.close();
  });
  bool closed = false;
  std::size_t i = ccsp::select(ccsp::recv_case(b), ccsp::recv_case(a, [&](std::optional<int> x) {
                                 closed = !x;
                               }));
  EXPECT_EQ(i, 1u);
  EXPECT_TRUE(closed);
}

TEST(Select, TimeoutViaAfter) {
  ccsp::chan<int> never;
  auto start = std::chrono::steady_clock::now();
  std::size_t i = ccsp::select(ccsp::recv_case(never), ccsp::recv_case(ccsp::after(20ms)));
  EXPECT_EQ(i, 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
}

TEST(Select, SameChannelInTwoCases) {
  ccsp::chan<int> ch;
  ccsp::go([ch] {
    for (int i = 0; i < 100; ++i) ch.send(i);
  });
  int total = 0;
  for (int r = 0; r < 100; ++r) {
    ccsp::select(ccsp::recv_case(ch, [&](auto v) { total += *v; }),
                 ccsp::recv_case(ch, [&](auto v) { total += *v; }));
  }
  EXPECT_EQ(total, 99 * 100 / 2);
}

TEST(Select, PingPongBetweenSelects) {
  // Two tasks that only talk through blocking selects (both sides may be select sudogs).
  ccsp::chan<int> ping, pong, quit;
  ccsp::go([=] {
    for (;;) {
      int v = 0;
      bool done = false;
      ccsp::select(ccsp::recv_case(ping, [&](auto x) { v = *x; }),
                   ccsp::recv_case(quit, [&] { done = true; }));
      if (done) return;
      ccsp::select(ccsp::send_case(pong, v + 1), ccsp::recv_case(quit, [] {}));
    }
  });
  int v = 0;
  for (int i = 0; i < 2000; ++i) {
    ccsp::select(ccsp::send_case(ping, v));
    ccsp::select(ccsp::recv_case(pong, [&](auto x) { v = *x; }));
  }
  quit.close();
  EXPECT_EQ(v, 2000);
}

TEST(Select, FanInOverManyProducers) {
  constexpr int kEach = 3000;
  std::array<ccsp::chan<int>, 4> ch = {ccsp::chan<int>(0), ccsp::chan<int>(1),
                                       ccsp::chan<int>(8), ccsp::chan<int>(0)};
  for (auto& c : ch) {
    ccsp::go([c] {
      for (int i = 0; i < kEach; ++i) c.send(1);
    });
  }
  int total = 0;
  auto add = [&](std::optional<int> v) { total += *v; };
  for (int i = 0; i < 4 * kEach; ++i) {
    ccsp::select(ccsp::recv_case(ch[0], add), ccsp::recv_case(ch[1], add),
                 ccsp::recv_case(ch[2], add), ccsp::recv_case(ch[3], add));
  }
  EXPECT_EQ(total, 4 * kEach);
}

using SelectDeathTest = ::testing::Test;

TEST(SelectDeathTest, SendCaseOnClosedChannelPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        ccsp::chan<int> ch;
        ch.close();
        ccsp::select(ccsp::send_case(ch, 1), ccsp::default_case());
      },
      "panic: send on closed channel");
}

}  // namespace
