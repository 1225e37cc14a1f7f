// The cost of a context switch, measured with an unbuffered ping-pong. Two tasks bounce a value
// over a pair of unbuffered channels, so every message hands control to the other task, and the
// program prints the average time per switch (the book measures about 225 ns between goroutines;
// between OS threads expect microseconds). A send on an unbuffered channel happens-before the
// matching receive returns and vice versa, so ccsp reports no race. CCSP_SAMPLE_FAST makes it 300
// round trips instead of 20 000.
//
// EXPECT: no-race
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

int main() {
  const int round_trips = std::getenv("CCSP_SAMPLE_FAST") ? 300 : 20000;
  ccsp::chan<int> ping, pong;
  ccsp::wait_group wg;
  wg.add(1);
  ccsp::go([&] {
    for (int v : ping) pong.send(v + 1);
    wg.done();
  });

  const auto begin = std::chrono::steady_clock::now();
  int v = 0;
  for (int i = 0; i < round_trips; ++i) {
    ping.send(v);
    v = *pong.recv();
  }
  const auto elapsed = std::chrono::steady_clock::now() - begin;
  ping.close();
  wg.wait();
  const double ns = std::chrono::duration<double, std::nano>(elapsed).count();
  std::printf("%d round trips, %.0f ns per context switch (value %d)\n", round_trips,
              ns / (2.0 * round_trips), v);
}
