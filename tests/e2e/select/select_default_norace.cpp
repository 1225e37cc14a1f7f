// select blocks on a receive (a nil channel case is never ready): the send that completes it
// orders the sender's earlier write, no race.
// EXPECT: no-race
// EXPECT: stdout recv 7 1
#include <ccsp/ccsp.hpp>

#include <cstdio>

int result;

int main() {
  ccsp::chan<int> done;
  ccsp::go([done]() mutable {
    result = 7;
    done.send(1);
  });
  int got = 0;
  std::size_t which = ccsp::select(
      ccsp::recv_case(ccsp::chan<int>::nil(), [](std::optional<int>) {}),
      ccsp::recv_case(done, [&got](std::optional<int> v) { got = v.value_or(0); }));
  std::printf("%s %d %d\n", which == 1 ? "recv" : "other", result, got);
}
