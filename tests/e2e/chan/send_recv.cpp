// The sender keeps writing after its send completes: the receiver's read is not ordered with
// that write, a race.
// EXPECT: race 16 20
#include <ccsp/ccsp.hpp>

#include <cstdio>

int payload;

int main() {
  ccsp::chan<int> ch;
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([ch, &wg]() mutable {
    ch.send(1);
    payload = 42;              // (A) after the send
    wg.done();
  });
  ch.recv();
  int seen = payload;          // (B)
  wg.wait();
  std::printf("%d\n", seen);
}
