// With a buffered channel the send completes without waiting for the receive: what the
// receiver wrote before receiving is not ordered with the sender's later read, a race.
// EXPECT: race 15 20
#include <ccsp/ccsp.hpp>

#include <cstdio>

int ack;

int main() {
  ccsp::chan<int> ch(1);
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([ch, &wg]() mutable {
    ack = 1;                   // (A) before receiving
    ch.recv();
    wg.done();
  });
  ch.send(0);
  int seen = ack;              // (B) after the send completed
  wg.wait();
  std::printf("%d\n", seen);
}
