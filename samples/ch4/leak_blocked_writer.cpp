// A task leak: a writer blocked forever because nobody reads any more. new_rand_stream's task sends
// random numbers on an unbuffered channel forever; main reads three and moves on, and the task
// stays blocked on its next send for the rest of the program ("new_rand_stream task exited." never
// appears). ccsp reports it as a leaked task, blocked sending. The fix, a done channel the consumer closes, is leak_blocked_writer_done.cpp.
//
// EXPECT: leak 21
// EXPECT: stdout 3 random ints:
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <random>

using namespace std::chrono_literals;

// Returns an endless stream of random numbers.
ccsp::chan<int> new_rand_stream() {
  ccsp::chan<int> rand_stream;
  ccsp::go([rand_stream] {
    std::mt19937 rng(std::random_device{}());
    for (;;) {
      rand_stream.send(static_cast<int>(rng() % 1000));
    }
    std::printf("new_rand_stream task exited.\n");  // never reached
  });
  return rand_stream;
}

int main() {
  auto rand_stream = new_rand_stream();
  std::printf("3 random ints:\n");
  for (int i = 1; i <= 3; ++i) std::printf("%d: %d\n", i, *rand_stream.recv());
  ccsp::sleep(10ms);  // the task is blocked on its fourth send by now
}
