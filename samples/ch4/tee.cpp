// The tee channel: split one stream so that two consumers each see every value. For each value tee
// delivers to both outputs before taking the next: it selects over both sends and replaces an
// output by the nil channel once that output has its copy (a nil channel's case is never chosen),
// so whichever consumer is ready first is served first. Values are copied, never shared, between
// the consumers: ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout out1: 1, out2: 1
// EXPECT: stdout out1: 2, out2: 2
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <utility>
#include <variant>

using Done = ccsp::chan<std::monostate>;

template <class T>
std::pair<ccsp::chan<T>, ccsp::chan<T>> tee(Done done, ccsp::chan<T> in) {
  ccsp::chan<T> out1, out2;
  ccsp::go([=] {
    bool running = true;
    while (running) {
      std::optional<T> v;
      ccsp::select(ccsp::recv_case(in, [&](std::optional<T> got) { v = std::move(got); }),
                   ccsp::recv_case(done));
      if (!v) break;
      auto a = out1, b = out2;  // local copies: set to nil once served
      for (int i = 0; i < 2 && running; ++i) {
        ccsp::select(ccsp::send_case(a, *v, [&] { a = ccsp::chan<T>::nil(); }),
                     ccsp::send_case(b, *v, [&] { b = ccsp::chan<T>::nil(); }),
                     ccsp::recv_case(done, [&] { running = false; }));
      }
    }
    out1.close();
    out2.close();
  });
  return {out1, out2};
}

int main() {
  Done done;
  ccsp::chan<int> source;
  ccsp::go([source] {
    for (int v : {1, 2, 1, 2}) source.send(v);
    source.close();
  });
  auto [out1, out2] = tee(done, source);
  for (int v1 : out1) std::printf("out1: %d, out2: %d\n", v1, *out2.recv());
  done.close();
}
