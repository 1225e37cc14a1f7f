// A stream pipeline: each stage is a task joined to the next by a channel. The same stages as
// pipeline_batch.cpp (multiply by 2, add 1, multiply by 2) now work concurrently on different
// values, each holding one value at a time. Every stage also selects on a done channel, so closing
// done tears the whole pipeline down; each stage closes its output when it ends, and main's range
// loop ends with the last stage. ccsp reports no race and no leaked task.
//
// EXPECT: no-race
// EXPECT: stdout 6 10 14 18
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <initializer_list>
#include <variant>
#include <vector>

using Done = ccsp::chan<std::monostate>;

// Sends v on out unless done closes first; returns false if it was cancelled.
bool send_or_done(Done done, ccsp::chan<int> out, int v) {
  return ccsp::select(ccsp::send_case(out, v), ccsp::recv_case(done)) == 0;
}

ccsp::chan<int> generator(Done done, std::vector<int> values) {
  ccsp::chan<int> out;
  ccsp::go([=] {
    for (int v : values) {
      if (!send_or_done(done, out, v)) break;
    }
    out.close();
  });
  return out;
}

template <class Fn>
ccsp::chan<int> stage(Done done, ccsp::chan<int> in, Fn fn) {
  ccsp::chan<int> out;
  ccsp::go([=] {
    for (int v : in) {
      if (!send_or_done(done, out, fn(v))) break;
    }
    out.close();
  });
  return out;
}

int main() {
  Done done;
  auto multiply = [](int by) { return [by](int v) { return v * by; }; };
  auto add = [](int n) { return [n](int v) { return v + n; }; };

  auto pipeline =
      stage(done, stage(done, stage(done, generator(done, {1, 2, 3, 4}), multiply(2)), add(1)),
            multiply(2));
  for (int v : pipeline) std::printf("%d ", v);
  std::printf("\n");
  done.close();
}
