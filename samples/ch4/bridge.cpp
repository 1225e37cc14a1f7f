// The bridge channel: flatten a channel of channels into one stream. A stage that produces a
// sequence of channels is awkward to consume, so bridge drains each inner channel in order before
// moving to the next, and stops early if done is closed. Here a generator makes ten channels
// holding one value each and the consumer sees the plain stream 0 to 9. Sending a channel
// happens-before receiving it, and likewise for the values: ccsp reports no race.
//
// EXPECT: no-race
// EXPECT: stdout 0 1 2 3 4 5 6 7 8 9
#include <ccsp/ccsp.hpp>
#include <cstdio>
#include <variant>

using Done = ccsp::chan<std::monostate>;

template <class T>
std::optional<T> recv_or_done(Done done, ccsp::chan<T> in) {
  std::optional<T> v;
  ccsp::select(ccsp::recv_case(in, [&](std::optional<T> got) { v = std::move(got); }),
               ccsp::recv_case(done));
  return v;
}

template <class T>
ccsp::chan<T> bridge(Done done, ccsp::chan<ccsp::chan<T>> chan_stream) {
  ccsp::chan<T> out;
  ccsp::go([=] {
    while (auto stream = recv_or_done(done, chan_stream)) {
      while (auto v = recv_or_done(done, *stream)) {
        if (ccsp::select(ccsp::send_case(out, *v), ccsp::recv_case(done)) == 1) break;
      }
    }
    out.close();
  });
  return out;
}

ccsp::chan<ccsp::chan<int>> gen_vals() {
  ccsp::chan<ccsp::chan<int>> chan_stream;
  ccsp::go([chan_stream] {
    for (int i = 0; i < 10; ++i) {
      ccsp::chan<int> stream(1);
      stream.send(i);
      stream.close();
      chan_stream.send(stream);
    }
    chan_stream.close();
  });
  return chan_stream;
}

int main() {
  Done done;
  for (int v : bridge(done, gen_vals())) std::printf("%d ", v);
  std::printf("\n");
  done.close();
}
