// The API of issue 5, spelled exactly as the issue writes it (the spellings are a contract).
// Compiling is most of the test; running it checks the values are the expected ones.
#include <gtest/gtest.h>

#include <ccsp/ccsp.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace {

using T = std::string;
using namespace std::chrono_literals;

void f(ccsp::chan<T> out, T a, T b) { out.send(a + b); }

TEST(ApiSpelling, EverySpellingOfTheIssueCompiles) {
  const int n = 2;
  const auto d = 1ms;
  const auto t = std::chrono::steady_clock::now() + 1s;
  T value = "v";

  ccsp::chan<T> out(1);
  ccsp::go(f, out, T("x"), T("y"));  // start a task running f(args...)
  EXPECT_EQ(out.recv(), std::optional<T>("xy"));

  ccsp::chan<T> ch;      // unbuffered channel
  ccsp::chan<T> ch1(n);  // buffered, capacity n
  ccsp::chan<T> ch2(n);
  ccsp::chan<T> nil_ch = ccsp::chan<T>::nil();
  EXPECT_TRUE(nil_ch.is_nil());
  ccsp::go([ch] { ch.send(T("a")); });
  std::optional<T> v = ch.recv();
  EXPECT_EQ(v, std::optional<T>("a"));
  ch1.send(T("b"));
  ch1.close();
  EXPECT_EQ(ch1.len(), 1u);
  EXPECT_EQ(ch1.cap(), 2u);
  for (T v : ch1) {
    EXPECT_EQ(v, "b");
  }

  ccsp::chan<T> ch3(1);
  ch3.send(T("c"));
  std::size_t i = ccsp::select(  // index of the case that ran
      ccsp::recv_case(ch3, [](std::optional<T> v) { EXPECT_EQ(v, std::optional<T>("c")); }),
      ccsp::send_case(ch2, value, [] {}),
      ccsp::default_case([] {}));  // optional; without it select blocks
  EXPECT_LT(i, 2u);

  ccsp::wait_group wg;
  wg.add(n);
  wg.done();
  wg.done();
  wg.wait();

  ccsp::pool<T> p([] { return T{}; });
  auto x = p.get();
  p.put(std::move(x));

  auto ctx = ccsp::background();
  auto [c2, cancel] = ccsp::with_cancel(ctx);  // also with_timeout(ctx, d), with_deadline(ctx, t)
  auto [c3, cancel3] = ccsp::with_timeout(ctx, d);
  auto [c4, cancel4] = ccsp::with_deadline(ctx, t);
  c2.done(); /* a channel to select on */
  EXPECT_FALSE(c2.err());  // nullopt, canceled or deadline exceeded
  cancel();
  EXPECT_EQ(c2.err(), ccsp::ctx_error::canceled);
  cancel3();
  cancel4();

  ccsp::after(d);
  ccsp::tick(d);
  ccsp::sleep(d);  // time.After, time.Tick, time.Sleep

  // Cases accept temporaries.
  std::size_t j = ccsp::select(ccsp::recv_case(c2.done(), [] {}),
                               ccsp::recv_case(ccsp::after(d), [] {}));
  EXPECT_EQ(j, 0u);
}

}  // namespace
