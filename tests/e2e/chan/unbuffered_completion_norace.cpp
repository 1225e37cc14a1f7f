// Unbuffered channel: the receive happens-before the completion of its send, so what the
// receiver wrote before receiving is visible to the sender after send returns, no race.
// EXPECT: no-race
// EXPECT: stdout 1
#include <ccsp/ccsp.hpp>

#include <cstdio>

int ack;

int main() {
  ccsp::chan<int> ch;
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([ch, &wg]() mutable {
    ack = 1;
    ch.recv();
    wg.done();
  });
  ch.send(0);
  int seen = ack;
  wg.wait();
  std::printf("%d\n", seen);
}
