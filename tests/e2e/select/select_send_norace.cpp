// A send case of select: the value and what was written before it reach the receiver,
// no race.
// EXPECT: no-race
// EXPECT: stdout sent 5
#include <ccsp/ccsp.hpp>

#include <cstdio>

int note;

int main() {
  ccsp::chan<int> out;
  ccsp::chan<int> result(1);
  ccsp::go([out, result]() mutable {
    std::optional<int> v = out.recv();
    result.send(v.value_or(0) + note);
  });
  note = 2;
  ccsp::select(ccsp::send_case(out, 3, [] { std::printf("sent "); }));
  std::printf("%d\n", result.recv().value_or(-1));
}
