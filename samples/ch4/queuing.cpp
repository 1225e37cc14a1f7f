// Queuing: a buffer between stages absorbs variation in their speed. The producer and the consumer
// are each slow on even items, so with an unbuffered channel every slow step of one stage makes the
// other wait and the run takes about n slow steps; with a buffer of four the producer runs ahead
// through its fast items while the consumer is busy, and the run takes about n/2. A queue makes
// neither stage faster; it decouples them. The program prints both times. ccsp reports no race.
// CCSP_SAMPLE_FAST uses 1 ms slow steps instead of 10 ms.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace std::chrono_literals;

// Runs items through a producer and a consumer joined by a channel of `capacity`.
double run_ms(int capacity, int items, std::chrono::milliseconds slow) {
  ccsp::chan<int> queue(capacity);
  const auto begin = std::chrono::steady_clock::now();
  ccsp::go([=] {
    for (int i = 0; i < items; ++i) {
      if (i % 2 == 0) ccsp::sleep(slow);  // producing this one takes a while
      queue.send(i);
    }
    queue.close();
  });
  for (int v : queue) {
    if (v % 2 == 0) ccsp::sleep(slow);  // so does consuming it
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
      .count();
}

int main() {
  const auto slow = std::getenv("CCSP_SAMPLE_FAST") ? 1ms : 10ms;
  const int items = 20;
  std::printf("unbuffered:  %6.1f ms\n", run_ms(0, items, slow));
  std::printf("buffer of 4: %6.1f ms\n", run_ms(4, items, slow));
}
