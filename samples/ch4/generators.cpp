// Generators: repeat, repeat_fn and take, the reusable first stages of a pipeline. repeat sends its
// values over and over, repeat_fn calls a function forever and sends each result, and take passes
// on the first n values of a stream and then stops; combined (take 10 of repeat(1), take 10 of
// repeat_fn(random)) infinite generators make finite streams, and one done channel stops every
// stage. Values are copied through channels only: ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout 1 1 1 1 1 1 1 1 1 1
// EXPECT: stdout 1 2 3 1 2 3 1
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <functional>
#include <random>
#include <variant>
#include <vector>

using Done = ccsp::chan<std::monostate>;

// Sends v on out unless done closes first; returns false if it was cancelled.
template <class T>
bool send_or_done(Done done, ccsp::chan<T> out, T v) {
  return ccsp::select(ccsp::send_case(out, std::move(v)), ccsp::recv_case(done)) == 0;
}

// Repeats `values` until done is closed.
template <class T>
ccsp::chan<T> repeat(Done done, std::vector<T> values) {
  ccsp::chan<T> out;
  ccsp::go([=] {
    for (bool running = true; running;) {
      for (const T& v : values) {
        if (!(running = send_or_done(done, out, v))) break;
      }
    }
    out.close();
  });
  return out;
}

// Sends fn() forever until done is closed.
template <class T>
ccsp::chan<T> repeat_fn(Done done, std::function<T()> fn) {
  ccsp::chan<T> out;
  ccsp::go([=] {
    while (send_or_done(done, out, fn())) {
    }
    out.close();
  });
  return out;
}

// Passes on the first n values of in.
template <class T>
ccsp::chan<T> take(Done done, ccsp::chan<T> in, int n) {
  ccsp::chan<T> out;
  ccsp::go([=] {
    for (int i = 0; i < n; ++i) {
      std::optional<T> v;  // stays empty if done closes or in is closed
      ccsp::select(ccsp::recv_case(in, [&](std::optional<T> got) { v = std::move(got); }),
                   ccsp::recv_case(done));
      if (!v || !send_or_done(done, out, std::move(*v))) break;
    }
    out.close();
  });
  return out;
}

int main() {
  Done done;
  for (int v : take(done, repeat(done, std::vector<int>{1}), 10)) std::printf("%d ", v);
  std::printf("\n");
  for (int v : take(done, repeat(done, std::vector<int>{1, 2, 3}), 7)) std::printf("%d ", v);
  std::printf("\n");

  std::mt19937 rng(std::random_device{}());  // used by the repeat_fn task only
  std::function<int()> random = [rng]() mutable { return static_cast<int>(rng() % 100000); };
  for (int v : take(done, repeat_fn(done, random), 10)) std::printf("%d ", v);
  std::printf("\n");
  done.close();
}
