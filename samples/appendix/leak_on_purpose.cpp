// Tasks leaked on purpose, as material for the task profile. main starts ten tasks that each block
// forever receiving from a channel nobody sends on, one every few milliseconds, then exits. The
// task (goroutine) profile shows ten tasks parked at the same receive, the signature of a leak in a
// real program; ccsp reports them as leaked tasks, one report for that line with a count of ten.
// CCSP_SAMPLE_FAST starts them 2 ms apart instead of 500 ms.
//
// EXPECT: leak 21
// EXPECT: env CCSP_SAMPLE_FAST=1
#include <ccsp/ccsp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <variant>

using namespace std::chrono_literals;

int main() {
  const auto pause = std::getenv("CCSP_SAMPLE_FAST") ? 2ms : 500ms;
  ccsp::chan<std::monostate> block_forever;
  for (int i = 0; i < 10; ++i) {
    ccsp::go([block_forever] { block_forever.recv(); });
    ccsp::sleep(pause);
  }
  std::printf("started 10 tasks that will never finish\n");
}
