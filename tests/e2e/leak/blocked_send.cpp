// A task sends on a channel nobody reads; main returns while it is still blocked: a leaked
// task (the process ends as in Go, with no crash).
// EXPECT: leak 13
// EXPECT: stdout main done
#include <ccsp/ccsp.hpp>

#include <chrono>
#include <cstdio>

int main() {
  ccsp::chan<int> results;
  ccsp::go([results]() mutable {
    results.send(42);  // (A) nobody ever receives
  });
  ccsp::sleep(std::chrono::milliseconds(50));  // let the task reach its send
  std::printf("main done\n");
}
